"""Paragraphs made cheaply: most of a document is plain text in one style.

reportlab parses every paragraph's text as markup and breaks it into lines again each
time it is measured; a report has hundreds of paragraphs, so both costs count (see
benchmarks/bench.py). Plain text skips the parser: it is given as one fragment
cloned from a fragment parsed once per style. Measuring at a width already measured
reuses the line breaks.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

__all__ = ["Para", "lines_paragraph", "markup_paragraph", "plain_paragraph"]

# White space collapses as reportlab's parser collapses it, but a no-break space stays.
_SPACES = re.compile(r"[^\S\u00a0]+")


class Para(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A Paragraph that breaks its lines once per width.

    Line breaking depends on the width alone; reportlab asks again for the same width
    when a flowable is kept with another, split, or placed in a table cell.
    """

    _measured_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # split() drops blPara when the paragraph moves on whole: measure again then.
        if self._measured_at == avail_width and hasattr(self, "blPara"):
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._measured_at = avail_width
        return size


@functools.cache
def _fragment(style: Any) -> Any:
    """The fragment reportlab's parser makes of a word in ``style`` (parsed once)."""
    _, frags, _ = ParaParser().parse("x", style)
    return frags[0]


def plain_paragraph(text: str, style: Any) -> Para:
    """A paragraph of plain ``text`` (no markup; white space runs become one space)."""
    # Text whose only white space is single spaces (nearly all: isprintable() is False
    # for every other space, no-break ones included) needs no substitution.
    if "  " not in text and text.isprintable():
        words = text.strip(" ")
    else:
        words = _SPACES.sub(" ", text).strip(" ")
    return Para(None, style, frags=[_fragment(style).clone(text=words)])


@functools.cache
def _line_break(style: Any) -> Any:
    """The fragment reportlab's parser makes of ``<br/>`` in ``style``."""
    _, frags, _ = ParaParser().parse("x<br/>x", style)
    return frags[1]


def _plain_line(line: str) -> bool:
    # Words the parser would give back as one fragment, unchanged: no markup, no white
    # space to collapse, nothing to strip.
    return (
        bool(line)
        and "  " not in line
        and line.isprintable()
        and line == line.strip()
        and not ("&" in line or "<" in line or ">" in line)
    )


def lines_paragraph(lines: list[str], style: Any) -> Para:
    """A paragraph of plain ``lines``, broken where given: the fragments reportlab's
    parser makes of the lines joined by ``<br/>``, made without parsing."""
    if not lines or not all(map(_plain_line, lines)):
        escaped = (
            line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines
        )
        return markup_paragraph("<br/>".join(escaped), style)
    word, brk = _fragment(style), _line_break(style)
    frags = [word.clone(text=lines[0])]
    for line in lines[1:]:
        frags.append(brk.clone())
        frags.append(word.clone(text=line))
    return Para(None, style, frags=frags)


def markup_paragraph(markup: str, style: Any) -> Para:
    """A paragraph of reportlab markup (escaped text, ``<br/>``, no-break spaces)."""
    return Para(markup, style)
