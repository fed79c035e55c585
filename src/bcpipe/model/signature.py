"""The signature block (NĐ30 Điều 13, PL I II.7): authority lines, position, name."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from bcpipe.model.base import Model, OptionalText, Text

__all__ = ["Authority", "AuthorityLine", "SignatureBlock"]


class Authority(StrEnum):
    """Signing authority prefixes, printed before a body's name or a head's title."""

    TM = "TM."  # thay mặt: on behalf of a collective body
    KT = "KT."  # ký thay: a deputy signing for the head
    TL = "TL."  # thừa lệnh: by order of the head
    TUQ = "TUQ."  # thừa ủy quyền: by delegated authority
    Q = "Q."  # quyền: acting head


class AuthorityLine(Model):
    """One authority line: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"."""

    prefix: Authority
    title: Text = Field(
        description="Body name (after TM.) or the head's title (after KT./TL./TUQ./Q.)"
    )

    def __str__(self) -> str:
        return f"{self.prefix.value} {self.title}"


class SignatureBlock(Model):
    """Who signs, and in what capacity.

    The seed's block is ``authority=[TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]``,
    ``position="PHÓ CHỦ TỊCH"``, ``name="Nguyễn Hùng Tân"``. A head signing in
    his own right has no authority lines ("GIÁM ĐỐC" / name). ``position`` may be
    omitted only when the last authority line is itself the signer's title
    ("Q. CỤC TRƯỞNG").
    """

    authority: list[AuthorityLine] = Field(default_factory=list)
    position: OptionalText = Field(None, description='The signer\'s own title, e.g. "PHÓ CHỦ TỊCH"')
    name: OptionalText = Field(
        None, description="Signer's full name; None in a draft not yet signed"
    )

    @property
    def title_lines(self) -> list[str]:
        """The upper lines of the block as printed (authority lines, then position)."""
        lines = [str(line) for line in self.authority]
        if self.position:
            lines.append(self.position)
        return lines
