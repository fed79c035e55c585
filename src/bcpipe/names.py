"""Comparing names of bodies as clerks write them.

"Sở Thông tin và Truyền thông", "Sở TT&TT tỉnh Bình Định" and "Sở Thông tin và
Truyền thông tỉnh Bình Định" name one body; so do "UBND tỉnh" and "Ủy ban nhân dân
tỉnh". Two names match when, after folding and expanding the usual abbreviations,
the words of one stand as a run in the words of the other.
"""

from __future__ import annotations

from functools import lru_cache

from bcpipe.textutil import words

__all__ = ["body_words", "same_body"]

# Folded abbreviation → folded words. Only abbreviations whose expansion is certain.
_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "mttq": "mặt trận tổ quốc",
    "tttt": "thông tin và truyền thông",
    "vhttdl": "văn hóa thể thao và du lịch",
    "gdđt": "giáo dục và đào tạo",
    "khđt": "kế hoạch và đầu tư",
    "nnptnt": "nông nghiệp và phát triển nông thôn",
    "tnmt": "tài nguyên và môi trường",
    "lđtbxh": "lao động thương binh và xã hội",
    "vp": "văn phòng",
    "tp": "thành phố",
}
_ABBREVIATION_KEYS = frozenset(_ABBREVIATIONS)


# Names and headings repeat from document to document (the same departments, the same
# section titles), so their words are worth remembering.
@lru_cache(maxsize=8192)
def body_words(name: str) -> tuple[str, ...]:
    """The folded words of a body's name, abbreviations expanded.

    "TT&TT" and "GD&ĐT" join two abbreviations with "&", which is dropped first.
    """
    found = words(name.replace("&", "")) if "&" in name else words(name)
    if _ABBREVIATION_KEYS.isdisjoint(found):
        return tuple(found)
    out: list[str] = []
    for word in found:
        out.extend(_ABBREVIATIONS.get(word, word).split())
    return tuple(out)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def same_body(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` plausibly name the same body (one names the other in full)."""
    wa, wb = body_words(a), body_words(b)
    if not wa or not wb:
        return False
    return _contains(wa, wb) if len(wa) >= len(wb) else _contains(wb, wa)
