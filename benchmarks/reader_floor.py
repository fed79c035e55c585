"""The text reader against the work no design of it can skip (issue 11).

    .venv/bin/python benchmarks/reader_floor.py            # the sample
    .venv/bin/python benchmarks/reader_floor.py --corpus   # every corpus text it reads

Whatever its design, a reader of plain text into bcpipe's model must decode the bytes,
split and clean the lines (NFC, odd spaces), look at every line at least once (here:
the classifier, which each line goes through once), and turn what it read into a
validated :class:`~bcpipe.Document` (the limits' walk and pydantic's validation of the
data the reader built). This prints each of those costs, their sum (the floor: a reader
that did nothing else would take that long) and the whole reader, in microseconds per
document (best of rounds, CPU time), so that a target can be set against the floor.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bcpipe_plugins.text.classify import classify_lines
from bcpipe_plugins.text.lines import split_lines
from bcpipe_plugins.text.reader import read_text

import bcpipe
from bcpipe import LoadContext
from bcpipe.limits import check_data
from bcpipe.model import Document
from bcpipe.source import decode_text

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"


def best_us(work: Callable[[], object], rounds: int, calls: int) -> float:
    """Microseconds of CPU per call of ``work``: the best of ``rounds`` rounds."""
    for _ in range(calls):
        work()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(calls):
            work()
        best = min(best, (time.process_time() - start) / calls)
    return best * 1e6


def built_data(text: str, name: str) -> dict[str, Any]:
    """The data the reader hands to the model for ``text`` (caught on its way in)."""
    caught: dict[str, Any] = {}

    class Catching(LoadContext):
        def document(self, data: Any, *, lines: Any = None) -> Document:
            caught.update(data)
            return super().document(data, lines=lines)

    read_text(text, Catching(name, {}))
    return caught


def measure(raw: bytes, name: str, rounds: int, calls: int) -> dict[str, float]:
    text = decode_text(raw, name)
    lines = split_lines(text)
    data = built_data(text, name)
    figures = {
        "decode + split lines": best_us(lambda: split_lines(decode_text(raw, name)), rounds, calls),
        "classify each line once": best_us(lambda: classify_lines(lines), rounds, calls),
        "limits + model validation": best_us(
            lambda: (check_data(data, name), Document.model_validate(data)), rounds, calls
        ),
    }
    figures["floor (sum)"] = sum(figures.values())
    figures["read_text"] = best_us(
        lambda: read_text(decode_text(raw, name), LoadContext(name, {})), rounds, calls
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="store_true", help="each corpus text, not the sample")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args()
    paths = sorted((ROOT / "tests/corpus/docs").glob("*.txt")) if args.corpus else [SAMPLE]
    totals: dict[str, float] = {}
    for path in paths:
        try:
            figures = measure(path.read_bytes(), path.name, args.rounds, args.calls)
        except bcpipe.BcpipeError:
            continue  # a text the reader refuses has no data to validate
        for key, value in figures.items():
            totals[key] = totals.get(key, 0.0) + value
        if not args.corpus:
            for key, value in figures.items():
                print(f"{key:<28} {value:9.1f} us  ({1e6 / value:8.0f}/s)")
    if args.corpus:
        for key, value in totals.items():
            print(f"{key:<28} {value / 1000:9.2f} ms for the corpus")


if __name__ == "__main__":
    main()
