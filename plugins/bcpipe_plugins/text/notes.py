"""What reading gathers besides the data: the line map and the findings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bcpipe import Check, Finding, Location
from bcpipe.source import ModelPath, format_path
from bcpipe_plugins.text.checks import DEBRIS_SKIPPED, LINES_JOINED

__all__ = ["Notes"]

_DEBRIS_NAMES = {
    "page number": ("chỉ có số trang", "page numbers"),
    "rule": ("đường kẻ", "rules (lines of dashes or underscores)"),
    "placeholder": ('chỗ ký, đóng dấu như "(Đã ký)"', 'signature placeholders such as "(Đã ký)"'),
    "empty entry": ("gạch đầu dòng không có chữ", "bullets with no words"),
    "repeated header": (
        "phần đầu (cơ quan, Quốc hiệu) lặp lại của văn bản kèm theo",
        "the attached text's repeated header (issuer, motto)",
    ),
}


class Notes:
    """The line of each model path, and the findings, gathered while reading.

    ``place_of`` names where a line of the text stands in the file it was extracted
    from ("page 1, line 12"), for the messages that name lines: a clerk reading a PDF
    never sees the extracted text's line numbers.
    """

    def __init__(self, place_of: Callable[[int], str | None] | None = None) -> None:
        self.lines: dict[str, int] = {}
        self.findings: list[Finding] = []
        self._debris: dict[str, set[int]] = {}
        self._place_of = place_of

    def _places(self, lines: list[int]) -> tuple[str, str] | None:
        """Where ``lines`` stand in the extracted file, or None for a plain text."""
        if self._place_of is None:
            return None
        places = [place for place in map(self._place_of, lines) if place]
        if not places:
            return None
        shown = "; ".join(dict.fromkeys(places[:10])) + ("; …" if len(places) > 10 else "")
        return shown, shown

    def _named(self, lines: list[int], en_word: str) -> tuple[str, str]:
        """``lines`` as a message names them, in Vietnamese and in English (after
        ``en_word``: "line", "lines")."""
        places = self._places(lines)
        if places is not None:
            return places
        shown = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
        return f"dòng {shown}", f"{en_word} {shown}"

    def where(self, line: int) -> tuple[str, str]:
        """Line ``line`` as a message names it: "dòng 12", "line 12" (or its place in
        the extracted file, "page 1, line 12")."""
        return self._named([line], "line")

    def joined(self, path: ModelPath, previous: int, line: int) -> None:
        """A sentence broken at line ``previous`` was joined with ``line`` (BC502)."""
        previous_vi, previous_en = self._named([previous], "line")
        joined_vi, joined_en = self._named([line], "line")
        self.report(
            LINES_JOINED,
            path,
            line,
            previous=previous_vi,
            previous_en=previous_en,
            joined=joined_vi,
            joined_en=joined_en,
        )

    def at(self, path: ModelPath, line: int) -> None:
        """Record that ``path`` stands on ``line`` (the first record wins)."""
        self.lines.setdefault(format_path(path), line)

    def at_key(self, key: str, line: int) -> None:
        """:meth:`at` for a path already formatted (the tree builds its keys as it goes)."""
        self.lines.setdefault(key, line)

    def move(self, old: str, new: str) -> None:
        """The words recorded at key ``old`` now live at ``new`` (a text became a heading)."""
        line = self.lines.pop(old, None)
        if line is not None:
            self.lines[new] = line

    def report(self, check: Check, path: ModelPath, line: int | None, **params: Any) -> None:
        self.findings.append(check.at(Location(path, line), **params))

    def debris(self, kind: str, line: int) -> None:
        """A line of layout debris was skipped; reported together by kind at the end."""
        self._debris.setdefault(kind, set()).add(line)

    def finish(self) -> list[Finding]:
        """The findings, with one finding per kind of skipped debris."""
        for kind, found in self._debris.items():
            vi, en = _DEBRIS_NAMES[kind]
            lines = sorted(found)
            shown, shown_en = self._named(lines, "lines")
            self.report(
                DEBRIS_SKIPPED,
                (),
                lines[0],
                count=len(lines),
                what=vi,
                what_en=en,
                lines=shown,
                lines_en=shown_en,
            )
        self._debris.clear()
        return self.findings
