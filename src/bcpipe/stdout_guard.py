"""Keeping a command's standard output for the command alone.

``bcpipe export --to json`` and ``validate --format json`` write machine-readable data
(and a PDF) to stdout; one ``print()`` in a plugin would corrupt it. While a command
runs, :func:`private_stdout` moves the real stdout to a private file descriptor that
only the command writes to, and points file descriptor 1 and ``sys.stdout`` at stderr:
whatever a plugin prints (with ``print``, ``os.write(1, …)``, a C library or a child
process) is shown on the terminal as a diagnostic and never mixes with the output.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import TextIO

__all__ = ["private_stdout"]


@contextlib.contextmanager
def private_stdout() -> Iterator[TextIO]:
    """The command's stdout, as a text stream nobody else writes to, for the block."""
    original = sys.stdout
    try:
        original.flush()
        sys.stderr.flush()
        fd = original.fileno()
    except (OSError, ValueError, AttributeError):
        fd = None
    if fd != 1:  # a stream of its own (a test's capture, an embedding): kept from print()
        sys.stdout = sys.stderr
        try:
            yield original
        finally:
            sys.stdout = original
        return
    saved = os.dup(1)
    encoding = getattr(original, "encoding", None) or "utf-8"
    errors = getattr(original, "errors", None) or "strict"
    raw = os.fdopen(os.dup(saved), "wb", closefd=True)
    out = io.TextIOWrapper(raw, encoding=encoding, errors=errors, write_through=True)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        yield out
    finally:
        # A reader gone (``| head``) has what it wanted: nothing left to say to it.
        with contextlib.suppress(OSError, ValueError):
            out.flush()
        with contextlib.suppress(OSError, ValueError):
            out.close()
            sys.stdout = original
            os.dup2(saved, 1)
            os.close(saved)
