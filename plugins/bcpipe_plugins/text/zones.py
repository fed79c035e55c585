"""Where the zones after the body begin: the end of page one, and the appendices."""

from __future__ import annotations

from collections.abc import Sequence

from bcpipe_plugins.text.appendix import attachment_start, regulation_starts
from bcpipe_plugins.text.classify import record_of
from bcpipe_plugins.text.lines import Line
from bcpipe_plugins.text.tail import is_name, is_placeholder, is_position

__all__ = ["appendix_start", "tail_start"]


def tail_start(lines: Sequence[Line], start: int) -> int:
    """Where the end of page one begins (signature, "Nơi nhận"); ``len(lines)`` if nowhere.

    That is the first "Nơi nhận:" or authority line ("TM. …"), or the title and name
    right above it (a head signing in his own right, above the recipients); with
    neither, the title and name that end the text (before any appendix). A title with
    no name under it, right after the text's end mark "./.", begins it too (a draft
    left unsigned).
    """
    end = len(lines)
    anchor = end
    for index in range(start, end):  # the commonest walk of the reader: kept plain
        if record_of(lines[index]).tail:
            anchor = index
            break
    limit = anchor if anchor < end else _first_appendix(lines, start)
    above = limit
    named = titled = False
    while above > start and _signature_like(lines[above - 1].text):
        above -= 1
        named = named or is_name(lines[above].text)
        titled = titled or is_position(lines[above].text)
    if named:
        return _skip_blank(lines, above)
    if titled and above > start and lines[above - 1].text.endswith("./."):
        return _skip_blank(lines, above)
    return anchor


def _appendix(line: Line) -> bool:
    return record_of(line).kind == "appendix"


def _signature_like(text: str) -> bool:
    return not text or is_position(text) or is_name(text) or is_placeholder(text)


def _skip_blank(lines: Sequence[Line], index: int) -> int:
    while index < len(lines) and lines[index].blank:
        index += 1
    return index


def _first_appendix(lines: Sequence[Line], start: int) -> int:
    return next((i for i in range(start, len(lines)) if _appendix(lines[i])), len(lines))


def appendix_start(lines: Sequence[Line], start: int) -> int:
    """Where the appendices begin: the first "Phụ lục", or a text attached with its own
    header (issuer and motto repeated) before it; ``len(lines)`` if nowhere."""
    end = len(lines)
    for index in range(start, len(lines)):
        if not lines[index].blank and _appendix(lines[index]):
            end = index
            break
    regulations = regulation_starts(lines, start, end)
    if regulations:
        end = regulations[0]
    attached = attachment_start(lines, start, end)
    return end if attached is None else attached
