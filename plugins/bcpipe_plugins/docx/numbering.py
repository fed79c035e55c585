"""Word's automatic numbering, resolved to the label a reader sees ("1.", "a)", "-").

A numbered paragraph in a .docx holds no label: it names a list (``w:numId``) and a
level (``w:ilvl``), and ``numbering.xml`` says how that level is counted and printed
(``w:numFmt``, ``w:lvlText`` such as ``"%1.%2."``, ``w:start``). Word counts per list,
and a level restarts when a level above it advances. Bullets become "-" at the top
level and "+" below it, the two markers the decree's text uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bcpipe.textutil import roman
from bcpipe_plugins.docx.xml import W, attr

__all__ = ["Numbering"]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: What Word's bullet glyphs (often in the Symbol or Wingdings fonts) are read as.
_DASHES = frozenset("-–—‐−")
_MAX_LEVELS = 9


def _letters(value: int) -> str:
    # Word's sequence: a … z, aa … zz, aaa …
    if value < 1:
        return ""
    return _LETTERS[(value - 1) % 26] * ((value - 1) // 26 + 1)


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(value)
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerRoman":
        return roman(value).lower()
    if fmt == "upperRoman":
        return roman(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)  # decimal and the formats a Vietnamese document does not use


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int
    restart: int | None  # the level (0-based) whose advance restarts this one


def _level(lvl: Any) -> _Level:
    fmt_el = lvl.find(W + "numFmt")
    text_el = lvl.find(W + "lvlText")
    start_el = lvl.find(W + "start")
    restart_el = lvl.find(W + "lvlRestart")
    start = attr(start_el, "val") if start_el is not None else None
    restart = attr(restart_el, "val") if restart_el is not None else None
    return _Level(
        fmt=(attr(fmt_el, "val") if fmt_el is not None else None) or "decimal",
        text=(attr(text_el, "val") if text_el is not None else None) or "",
        start=int(start) if start and start.isdigit() else 1,
        restart=int(restart) - 1 if restart and restart.isdigit() else None,
    )


def _levels(abstract: Any) -> dict[int, _Level]:
    return {int(attr(lvl, "ilvl") or 0): _level(lvl) for lvl in abstract.iterfind(W + "lvl")}


class Numbering:
    """The lists of one document, counted in reading order as paragraphs ask."""

    def __init__(self, root: Any | None) -> None:
        abstracts: dict[str, dict[int, _Level]] = {}
        self._lists: dict[str, dict[int, _Level]] = {}
        self._starts: dict[str, dict[int, int]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.iterfind(W + "abstractNum"):
            abstracts[attr(abstract, "abstractNumId") or ""] = _levels(abstract)
        for num in root.iterfind(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstracts.get(attr(ref, "val") or "", {}) if ref is not None else {})
            starts: dict[int, int] = {}
            for override in num.iterfind(W + "lvlOverride"):
                index = int(attr(override, "ilvl") or 0)
                start = override.find(W + "startOverride")
                value = attr(start, "val") if start is not None else None
                if value and value.isdigit():
                    starts[index] = int(value)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[index] = _level(lvl)
            key = attr(num, "numId") or ""
            self._lists[key] = levels
            self._starts[key] = starts

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl``.

        None when the list does not exist or prints nothing (numId 0 switches
        numbering off).
        """
        levels = self._lists.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < _MAX_LEVELS:
            return None
        level = levels[ilvl]
        counters = self._counters.setdefault(num_id, [None] * _MAX_LEVELS)
        current = counters[ilvl]
        counters[ilvl] = (
            self._starts.get(num_id, {}).get(ilvl, level.start) if current is None else current + 1
        )
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            below = levels.get(deeper)
            if below is None or below.restart is None or below.restart <= ilvl:
                counters[deeper] = None
        if level.fmt == "bullet":
            glyph = level.text.strip()
            if glyph in ("-", "+"):
                return glyph
            if glyph and glyph[0] in _DASHES:
                return "-"
            return "-" if ilvl == 0 else "+"
        text = level.text
        for index in range(_MAX_LEVELS - 1, -1, -1):
            token = f"%{index + 1}"
            if token not in text:
                continue
            other = levels.get(index)
            count = counters[index]
            if count is None and other is not None:
                count = self._starts.get(num_id, {}).get(index, other.start)
            shown = _format(count or 0, other.fmt if other else "decimal")
            # A parent level shown inside a legal-style label ("%1.%2.") is decimal.
            text = text.replace(token, shown)
        return text.strip() or None
