"""The text reader's time against the size of its input: it must grow in proportion.

The sample repeated to 0.25, 0.5 and 1 MB, and the sample followed by a megabyte of
lines made to trip a backtracking pattern (labels, header words, recipient lines,
open parentheses). A text that is not a document is refused: refusing is timed too.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import bcpipe

MEGABYTE = 1_000_000
HOSTILE = {
    "labels (1., a), -, +, |)": "1.1.1.1.1. x\n- y\n+ z\na) b\n| a | b |\na\tb\n",
    "header words": "Số: / ngày . tháng . năm V/v ",
    "recipient lines": "- Sở;\n",
    "parentheses": "(",
}


def _seconds(work: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def reader_scaling(pipeline: bcpipe.Pipeline, text: str, rounds: int) -> dict[str, float]:
    """Seconds (best of ``rounds``) to read each large input, by name."""

    def read(data: bytes) -> None:
        with contextlib.suppress(bcpipe.SourceError, bcpipe.InvalidDocumentError):
            pipeline.loads(data, kind="text")

    size = len(text.encode("utf-8"))
    inputs = {
        f"sample repeated, {part / MEGABYTE:.2f} MB": (text * (part // size + 1)).encode()[:part]
        for part in (MEGABYTE // 4, MEGABYTE // 2, MEGABYTE)
    }
    for name, unit in HOSTILE.items():
        inputs[f"sample + 1 MB of {name}"] = (
            text + unit * (MEGABYTE // len(unit.encode()))
        ).encode()
    return {name: _seconds(lambda data=data: read(data), rounds) for name, data in inputs.items()}
