"""Whether the enacting authority agrees with the signature (PL III Mẫu 1.2-1.3).

The head enacts ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN …", "GIÁM ĐỐC SỞ …") and signs in
his own title or a deputy signs "KT. CHỦ TỊCH"; the collective enacts ("ỦY BAN NHÂN
DÂN TỈNH …") and the block reads "TM. ỦY BAN NHÂN DÂN". Signatures "TL." and "TUQ."
are the head's too, but their lines say nothing more and are not compared.
"""

from __future__ import annotations

from bcpipe.model import Authority, SignatureBlock
from bcpipe.textutil import words

__all__ = ["disagreement"]


def _starts_with(text: str, title: str) -> bool:
    """Whether ``text`` opens with the title's first two words ("chủ tịch", "giám đốc",
    "trưởng ban"): a signer may print a second, concurrent title under his first
    ("TRƯỞNG BAN" / "CHỦ TỊCH UBND TỈNH"), which the enacting line does not repeat."""
    head, start = words(text), words(title)[:2]
    return bool(start) and head[: len(start)] == start


def disagreement(authority: str, signature: SignatureBlock) -> str | None:
    """Why ``authority`` and ``signature`` disagree, or None when they agree (or when the
    block does not say who enacts)."""
    prefixes = [line.prefix for line in signature.authority]
    if Authority.TL in prefixes or Authority.TUQ in prefixes:
        return None
    deputy = [
        line.title for line in signature.authority if line.prefix in (Authority.KT, Authority.Q)
    ]
    head = deputy[0] if deputy else signature.position
    if Authority.TM in prefixes:
        if head is not None and _starts_with(authority, head):
            return "collective"  # the head enacts, but the block signs for the collective
        return None
    if head is None or (not deputy and words(head)[:1] == ["phó"]):
        return None  # a deputy signing without "KT." is BC126's
    if not _starts_with(authority, head):
        return "head"  # the block signs as the head, but the authority is not the head's
    return None
