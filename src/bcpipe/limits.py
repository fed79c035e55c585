"""The limits every document stays within: one set, checked at load, honoured by every writer.

A document that loads within these limits can be validated, exported to every format
and read back in bounded time and memory; one that does not is refused when it is read
(:class:`~bcpipe.errors.SourceError` for a file too large,
:class:`~bcpipe.errors.InvalidDocumentError` naming the place for the rest). The
figures are far above what an agency writes (the largest document of the corpus is
105 kB of text, about 3,000 values) and far below what would make an export slow or a
reader refuse what a writer wrote (libxml2 refuses a text node over 10 MB and nesting
over 256 levels; Python's JSON encoder recurses). They are documented in docs/limits.md.

Values are counted *expanded*: a YAML alias counts once for every place it is used
(so that an "alias bomb", a few hundred bytes naming one list from many, is refused
here instead of exploding in the model, in validation or in an export). The count is
linear in the data as parsed, because a value met again is not walked again.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bcpipe.errors import FieldProblem, InvalidDocumentError, SourceError
from bcpipe.source import ModelPath, format_path

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_NUMBER",
    "MAX_INTEGER",
    "MAX_SOURCE_BYTES",
    "MAX_TEXT",
    "MAX_TOTAL_TEXT",
    "MAX_VALUES",
    "check_data",
    "check_json_values",
    "read_source",
    "too_large",
]

#: Bytes of one input file (any format), checked before it is parsed; an export of a
#: format bcpipe also reads is refused past it too (it could not be read back).
MAX_SOURCE_BYTES = 32 * 1024 * 1024
#: Values in a document (each mapping, list, text and number counts one), expanded.
MAX_VALUES = 200_000
#: Levels of nesting of mappings and lists (a body block nests two: itself and its
#: ``children``). The decree's deepest body (part › section › clause › point › item)
#: takes about a dozen.
MAX_DEPTH = 64
#: Characters of one text (a paragraph, a table cell, …).
MAX_TEXT = 1_000_000
#: Characters of all texts of a document together, expanded.
MAX_TOTAL_TEXT = 2_000_000
#: Magnitude of any whole number (JSON's safe integers: every reader keeps it exact).
MAX_INTEGER = 2**53 - 1
#: The largest document number (Số): six digits, as registers and the text reader have.
MAX_DOCUMENT_NUMBER = 999_999

# Characters no XML 1.0 document can hold (and no printed page shows): C0 controls but
# tab and line ends, lone surrogates, U+FFFE and U+FFFF. A writer would fail on them.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Open flags for read_source (POSIX's; Windows has neither, and no FIFO to wait on).
_NO_BLOCK = getattr(os, "O_NONBLOCK", 0)
_NO_INHERIT = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_JSON_SCALARS = (str, int, float, bool, type(None))
_JSON_KINDS = "text, number, true/false, null, list, mapping"


def _text_problem(value: str) -> str | None:
    if len(value) > MAX_TEXT:
        return f"a text of {len(value):,} characters (at most {MAX_TEXT:,})"
    bad = _UNWRITABLE.search(value)
    if bad is not None:
        return (
            f"the control character U+{ord(bad.group()):04X} at character "
            f"{bad.start() + 1}: no document format can hold it"
        )
    return None


_TOO_DEEP = f"the data is nested more than {MAX_DEPTH} levels deep"
_TOO_LARGE = f"a number too large (at most {MAX_INTEGER:,} either side of zero)"


class _Measure:
    """One walk over parsed data; raises :class:`_RefusedError` at the first limit passed.

    This runs on every load (the text reader's too), so scalars are checked inline,
    without a call each, and the path is built only on the way out of a refusal.
    """

    def __init__(self) -> None:
        self.values = 0
        self.text = 0
        # Containers already measured, by identity: (their height, their values, their
        # characters). A container met again adds its counts without being walked.
        self.done: dict[int, tuple[int, int, int]] = {}
        self.open: set[int] = set()

    def count(self) -> None:
        if self.values > MAX_VALUES:
            raise _RefusedError(
                (),
                f"the document holds more than {MAX_VALUES:,} values (lists, mappings, "
                "texts and numbers; a YAML alias counts each time it is used)",
            )
        if self.text > MAX_TOTAL_TEXT:
            raise _RefusedError(
                (), f"the document's texts hold more than {MAX_TOTAL_TEXT:,} characters"
            )

    def walk(self, value: Any, depth: int) -> int:
        """The height of the container ``value``; counts what it holds."""
        key = id(value)
        known = self.done.get(key)
        if known is not None:
            height, values, text = known
            if depth + height > MAX_DEPTH:
                raise _RefusedError((), _TOO_DEEP)
            self.values += values
            self.text += text
            self.count()
            return height
        if key in self.open:
            raise _RefusedError((), "this value contains itself (a YAML alias to a node around it)")
        if depth >= MAX_DEPTH:
            raise _RefusedError((), _TOO_DEEP)
        self.open.add(key)
        before_values, before_text = self.values, self.text
        height = 0
        items = value.items() if type(value) is dict else enumerate(value)
        values = 1
        text = 0
        for name, item in items:
            kind = type(item)
            try:
                if kind is str:
                    if not item.isprintable() or len(item) > 2000:  # the fast path: plain
                        problem = _text_problem(item)
                        if problem is not None:
                            raise _RefusedError((), problem)
                    text += len(item)
                elif kind is int:
                    if not -MAX_INTEGER <= item <= MAX_INTEGER:
                        raise _RefusedError((), _TOO_LARGE)
                elif kind is dict or kind is list or kind is tuple:
                    self.values += values
                    self.text += text
                    values = text = 0
                    height = max(height, self.walk(item, depth + 1) + 1)
                    continue
                if type(name) is str and not name.isprintable() and _UNWRITABLE.search(name):
                    raise _RefusedError(
                        (), "a key holds a control character: no document format can hold it"
                    )
                values += 1
            except _RefusedError as refused:
                raise _RefusedError((_key(name), *refused.path), refused.message) from None
        self.values += values
        self.text += text
        self.count()
        self.open.discard(key)
        self.done[key] = (height, self.values - before_values, self.text - before_text)
        return height


def _key(name: object) -> str | int:
    if isinstance(name, str) or (type(name) is int and -MAX_INTEGER <= name <= MAX_INTEGER):
        return name
    return f"<{type(name).__name__} key>"


class _RefusedError(Exception):
    def __init__(self, path: ModelPath, message: str) -> None:
        self.path = path
        self.message = message


class _Screen:
    """The fast walk: counts the values and texts of ``data`` as :class:`_Measure` does,
    without telling where a limit is passed (it only says whether one is).

    Data a reader built has no shared values, and then remembering each container (what
    makes :class:`_Measure` linear on YAML aliases) is most of the cost. Here a shared
    value is walked each time it is met, so the walk stops as soon as the expanded count
    passes :data:`MAX_VALUES` (an alias bomb costs at most that many steps) and at
    :data:`MAX_DEPTH` (a value that contains itself is deeper than any limit).
    """

    __slots__ = ("text", "values")

    def __init__(self) -> None:
        self.values = 0
        self.text = 0

    def within(self, value: Any, depth: int) -> bool:
        if depth >= MAX_DEPTH:
            return False
        values = 1
        text = 0
        for name, item in value.items() if type(value) is dict else enumerate(value):
            kind = type(item)
            if kind is str:
                if (not item.isprintable() or len(item) > 2000) and _text_problem(item):
                    return False
                text += len(item)
            elif kind is dict or kind is list or kind is tuple:
                if not self.within(item, depth + 1):
                    return False
                continue  # counted by its own walk
            elif kind is int and not -MAX_INTEGER <= item <= MAX_INTEGER:
                return False
            if type(name) is str and not name.isprintable() and _UNWRITABLE.search(name):
                return False
            values += 1
        self.values += values
        self.text += text
        return self.values <= MAX_VALUES and self.text <= MAX_TOTAL_TEXT


def check_data(data: Any, source: str | None, lines: Mapping[str, int] | None = None) -> None:
    """Refuse parsed ``data`` that passes a limit: :class:`InvalidDocumentError` naming where.

    Linear in ``data`` as parsed (shared values are measured once), whatever it expands to.
    """
    if not isinstance(data, dict | list | tuple) or _Screen().within(data, 0):
        return
    # A limit is passed: the exact walk says where.
    measure = _Measure()
    try:
        if isinstance(data, dict | list | tuple):
            measure.walk(data, 0)
    except _RefusedError as refused:
        problem = _problem(refused.path, refused.message, lines)
        raise InvalidDocumentError(source, [problem]) from None


def _problem(path: ModelPath, message: str, lines: Mapping[str, int] | None) -> FieldProblem:
    line = None
    if lines:
        current = path
        while line is None and current:
            line = lines.get(format_path(current))
            current = current[:-1]
    return FieldProblem(format_path(path), message, line)


def check_json_values(value: Any) -> str | None:
    """Why ``value`` is not plain JSON data (text keys; text, finite numbers, true/false,
    null, lists and mappings), or None when it is. Extensions hold JSON data only, so
    that every format writes them and reads them back unchanged."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if type(key) is not str:
                    return f"{where or 'a mapping'}: key {key!r} is not text"
                stack.append((inner, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            stack.extend((inner, f"{where}[{index}]") for index, inner in enumerate(item))
        elif isinstance(item, float):
            if not math.isfinite(item):
                return f"{where}: {item!r} is not a finite number"
        elif not isinstance(item, _JSON_SCALARS):
            kind = type(item).__name__
            return f"{where}: a {kind} is not JSON data ({_JSON_KINDS})"
    return None


def too_large(size: int) -> str:
    """The message for an input of ``size`` bytes over the limit."""
    return (
        f"the file is {size:,} bytes; bcpipe reads documents of at most "
        f"{MAX_SOURCE_BYTES:,} bytes (see docs/limits.md)"
    )


def read_source(path: Path, name: str) -> bytes:
    """The bytes of the regular file ``path`` (named ``name`` in messages), bounded in size.

    A FIFO, a device or a socket is refused before anything is read (reading one could
    block for ever, or never end); so is a file over the limit, and a file that grows past
    it while read.
    """
    # One open and one fstat: the checks are made on the file that is read. Opening
    # without blocking lets a FIFO with no writer be refused instead of waited for; the
    # reads are sized by the file (asking for the limit at once allocates the limit).
    try:
        fd = os.open(path, os.O_RDONLY | _NO_BLOCK | _NO_INHERIT)
    except FileNotFoundError:
        raise SourceError(name, "file not found") from None
    except ValueError:  # e.g. a NUL in the name
        raise SourceError(name, "cannot be read: the file name is not a valid path") from None
    except IsADirectoryError:
        raise SourceError(name, "is a directory, not a document file") from None
    except OSError as exc:
        raise SourceError(name, f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(name, "is a directory, not a document file")
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(name, "is not a regular file (a pipe, a device or a socket)")
        if info.st_size > MAX_SOURCE_BYTES:
            raise SourceError(name, too_large(info.st_size))
        chunks: list[bytes] = []
        size = 0
        want = info.st_size + 1  # one byte more: a file that grew is read to its end
        while size <= MAX_SOURCE_BYTES:
            chunk = os.read(fd, min(want, MAX_SOURCE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = 1 << 20
    except OSError as exc:
        raise SourceError(name, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > MAX_SOURCE_BYTES:
        raise SourceError(name, too_large(size))
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
