"""The issuer (ô 2): from the header lines, from settings, or inferred and reported.

Extraction often loses the header's left column (the sample has no issuer lines).
The model requires the issuer's name, so, in this order:

1. the header's issuer lines ("UBND TỈNH BÌNH ĐỊNH" / "SỞ THÔNG TIN VÀ TRUYỀN THÔNG":
   the last body is the issuer, the lines above it its parent body);
2. the ``[text]`` settings ``issuer`` (and ``parent``), reported as BC506;
3. inference, reported as BC505: the signature says which kind of body signs
   ("TM. ỦY BAN NHÂN DÂN"), the text names it with its unit ("UBND huyện Tuy
   Phước ... báo cáo"), and the place line confirms the unit ("Tuy Phước, ngày …"):
   "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC";
4. a guess from the signature or the notation alone, reported as a warning (BC508).

The issuer's abbreviation is the issuer's group of the notation ("UBND" of "BC-UBND").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bcpipe.doctypes import DocumentType
from bcpipe.textutil import fold
from bcpipe_plugins.text.checks import ISSUER_FROM_SETTINGS, ISSUER_GUESSED, ISSUER_INFERRED
from bcpipe_plugins.text.notes import Notes

__all__ = ["Evidence", "abbreviation_of", "issuer_data", "merge_issuer_lines"]

# A wrapped issuer line goes on with the unit ("ỦY BAN NHÂN DÂN" / "HUYỆN TUY PHƯỚC"),
# but "HUYỆN ỦY" is a Party committee, a body of its own.
_UNIT_START = re.compile(
    r"(?i:huyện|xã|tỉnh|phường|thị\s{1,3}trấn|thị\s{1,3}xã|quận|thành\s{1,3}phố)"
    r"(?!\w)(?!\s{1,3}(?i:ủy|uỷ)(?!\w))"
)
_COUNCILS = {
    "ủy ban nhân dân": "ỦY BAN NHÂN DÂN",
    "ubnd": "ỦY BAN NHÂN DÂN",
    "hội đồng nhân dân": "HỘI ĐỒNG NHÂN DÂN",
    "hđnd": "HỘI ĐỒNG NHÂN DÂN",
}
_MENTION = re.compile(
    r"(?P<kind>(?i:[uủ][yỷ]\s{1,3}ban\s{1,3}nhân\s{1,3}dân|hội\s{1,3}đồng\s{1,3}nhân\s{1,3}dân)"
    r"|UBND|HĐND)\s{1,3}"
    r"(?P<unit>(?i:huyện|xã|tỉnh|thành\s{1,3}phố|thị\s{1,3}xã|quận|phường|thị\s{1,3}trấn))"
    r"\s{1,3}(?P<place>\w{1,20}(?:\s{1,3}\w{1,20}){0,5})"
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the inference may use: the signature's TM. line and the text's lines."""

    collective: tuple[str, int] | None  # ("ỦY BAN NHÂN DÂN", line) of "TM. ỦY BAN NHÂN DÂN"
    place: str | None
    abbreviation: str | None
    lines: Iterable[tuple[str, int]]  # (words, line number) of the basis, body and closing


def merge_issuer_lines(pieces: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join the lines of one wrapped name; the result is [parent…, issuer]."""
    merged: list[tuple[str, int]] = []
    for text, line in pieces:
        if merged:
            previous, first = merged[-1]
            wrapped = previous.endswith((" VÀ", " và", ",", "-", "&")) or text.startswith(
                ("VÀ ", "và ", "&", "- ", "VỀ ")
            )
            if wrapped or _UNIT_START.match(text):
                merged[-1] = (f"{previous} {text}", first)
                continue
        merged.append((text, line))
    return merged


def abbreviation_of(notation: str | None, kind: DocumentType | None) -> str | None:
    """The issuer's group of the notation: "UBND" of "BC-UBND", "STTTT" of "STTTT-TTBCXB"."""
    if not notation:
        return None
    groups = notation.split("-")
    if kind is not None and kind.abbreviation is None:
        return groups[0] or None
    return (groups[1] or None) if len(groups) > 1 else None


def _kind(evidence: Evidence, notes: Notes) -> tuple[str, str, str] | None:
    """(kind in capitals, Vietnamese source, English source) of the signing body."""
    if evidence.collective is not None:
        title, line = evidence.collective
        where, where_en = notes.where(line)
        return title, f'dòng ký "TM. {title}" ({where})', f'the line "TM. {title}" ({where_en})'
    if evidence.abbreviation is not None:
        kind = _COUNCILS.get(fold(evidence.abbreviation))
        if kind is not None:
            code = evidence.abbreviation
            return kind, f'ký hiệu "{code}"', f'the notation "{code}"'
    return None


def _mention(evidence: Evidence, kind: str) -> tuple[str, str, int] | None:
    """ "UBND huyện Tuy Phước" in the text, for the signing kind and the place line."""
    if evidence.place is None:
        return None
    place = fold(evidence.place)
    for words, line in evidence.lines:
        for match in _MENTION.finditer(words):
            named = fold(match.group("place"))
            council = _COUNCILS.get(fold(match.group("kind")))
            same_kind = council is not None and fold(council) == fold(kind)
            if same_kind and (named == place or named.startswith(place + " ")):
                unit = " ".join(match.group("unit").split())
                said = " ".join(match.group(0).split()[: -len(named.split())])
                return f"{unit} {evidence.place}", f"{said} {evidence.place}", line
    return None


def issuer_data(
    pieces: list[tuple[str, int]],
    settings: Mapping[str, Any],
    evidence: Evidence,
    notes: Notes,
) -> dict[str, Any] | None:
    """The issuer as data (its lines noted when the text has them), or None."""
    data: dict[str, Any] = {}
    if evidence.abbreviation:
        data["abbreviation"] = evidence.abbreviation
    merged = merge_issuer_lines(pieces)
    if merged:
        name, line = merged[-1]
        data["name"] = name
        notes.at(("issuer",), merged[0][1])
        notes.at(("issuer", "name"), line)
        if len(merged) > 1:
            data["parent"] = " ".join(text for text, _ in merged[:-1])
            notes.at(("issuer", "parent"), merged[0][1])
        return data
    configured = settings.get("issuer")
    if isinstance(configured, str) and configured.strip():
        data["name"] = configured.strip()
        parent = settings.get("parent")
        if isinstance(parent, str) and parent.strip():
            data["parent"] = parent.strip()
        notes.report(ISSUER_FROM_SETTINGS, ("issuer", "name"), None, name=data["name"])
        return data
    kind = _kind(evidence, notes)
    if kind is None:
        return None
    title, source_vi, source_en = kind
    mention = _mention(evidence, title)
    evidence_line = evidence.collective[1] if evidence.collective else None
    if mention is not None:
        words, said, at = mention
        where, where_en = notes.where(at)
        data["name"] = f"{title} {words.upper()}"
        notes.report(
            ISSUER_INFERRED,
            ("issuer", "name"),
            evidence_line or at,
            name=data["name"],
            evidence=f'{source_vi} và "{said}" trong văn bản ({where})',
            evidence_en=f'{source_en} and "{said}" in the text ({where_en})',
        )
    else:
        data["name"] = title
        notes.report(
            ISSUER_GUESSED,
            ("issuer", "name"),
            evidence_line,
            name=title,
            evidence=source_vi,
            evidence_en=source_en,
        )
    return data
