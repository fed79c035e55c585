"""Small text helpers shared by the model, the rules and the exporters.

Vietnamese text arrives decomposed (NFD) from some editors and with non-breaking
spaces from others; everything that compares text goes through these helpers.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

__all__ = ["fold", "nfc", "normalise_space", "roman", "words"]

_WORD = re.compile(r"\w+")

# Two spellings of one word: the old style puts the tone mark on the second vowel of
# a final "oa", "oe", "uy" ("hoà", "Uỷ"), the new style on the first ("hòa", "Ủy").
# Folding both to the new style lets "Uỷ ban" and "Ủy ban" compare equal.
_OLD_TONES = {
    "o": dict(zip("àáảãạ", "òóỏõọ", strict=True)) | dict(zip("èéẻẽẹ", "òóỏõọ", strict=True)),
    "u": dict(zip("ỳýỷỹỵ", "ùúủũụ", strict=True)),
}
_OLD_TONE = re.compile(r"([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?!\w)")


def _new_style(match: re.Match[str]) -> str:
    first, toned = match.group(1), match.group(2)
    table = _OLD_TONES[first]
    if toned not in table:
        return match.group(0)
    plain = unicodedata.normalize("NFD", toned)[0]
    return table[toned] + plain


#: ``nfc(text)``: ``text`` in Unicode NFC (composed), the form TCVN 6909:2001 expects;
#: the string itself when it already is. A partial of the C function rather than a
#: Python function: the model calls it for every text field it validates.
nfc: Callable[[str], str] = functools.partial(unicodedata.normalize, "NFC")


def normalise_space(text: str) -> str:
    """Collapse runs of white space (non-breaking spaces included) into one space."""
    # str.split() splits on all Unicode white space: NBSP, figure and thin spaces too.
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A key for comparing Vietnamese text regardless of case, spacing and tone placement."""
    return _OLD_TONE.sub(_new_style, normalise_space(nfc(text)).casefold())


def words(text: str) -> list[str]:
    """The folded words of ``text``, punctuation dropped."""
    return _WORD.findall(fold(text))


_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
)


def roman(number: int) -> str:
    """``4`` → ``"IV"``: a part's, a section's or a chapter's number."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
