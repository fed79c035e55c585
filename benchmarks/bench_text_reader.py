"""How fast plain text is read: documents per second, and time against input size.

    .venv/bin/python benchmarks/bench_text_reader.py [--rounds 5] [--documents 300]

Prints, on one core:

- documents/second reading the sample report (``pipeline.loads(text, kind="text")``);
- documents/second reading it and running every validation rule (issue 7 aims at
  2000/s for this, the rules included);
- seconds to read 0.25, 0.5 and 1 MB of the sample repeated, and 1 MB of hostile
  lines: the time must grow in proportion to the size (no backtracking pattern).

Each figure is the best of ``--rounds`` rounds, so that a busy machine disturbs it less.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "bao-cao-ttdn-tuy-phuoc-2022.txt"
MEGABYTE = 1_000_000


def best_seconds(work: Callable[[], object], repeat: int, rounds: int) -> float:
    """The best time of ``rounds`` rounds of ``repeat`` calls, per call."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            work()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def read_or_refuse(pipeline: bcpipe.Pipeline, data: bytes) -> None:
    with contextlib.suppress(bcpipe.SourceError, bcpipe.InvalidDocumentError):
        pipeline.loads(data, kind="text")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--documents", type=int, default=300, help="documents per round")
    args = parser.parse_args()

    pipeline = bcpipe.Pipeline()
    text = SEED.read_text(encoding="utf-8")
    data = text.encode("utf-8")
    print(f"sample: {SEED.name}, {len(data)} bytes, {text.count(chr(10)) + 1} lines")

    read = best_seconds(lambda: pipeline.loads(data, kind="text"), args.documents, args.rounds)
    print(f"read text:             {1 / read:8.0f} documents/s ({read * 1e3:.2f} ms each)")
    checked = best_seconds(
        lambda: pipeline.validate(pipeline.loads(data, kind="text")),
        max(args.documents // 10, 1),
        args.rounds,
    )
    print(f"read text + all rules: {1 / checked:8.0f} documents/s ({checked * 1e3:.2f} ms each)")

    print("size against time (best of rounds):")
    for size in (MEGABYTE // 4, MEGABYTE // 2, MEGABYTE):
        big = (text * (size // len(data) + 1)).encode("utf-8")[:size]
        seconds = best_seconds(lambda big=big: read_or_refuse(pipeline, big), 1, args.rounds)
        print(f"  sample repeated, {size / MEGABYTE:4.2f} MB: {seconds:6.3f} s")
    hostile = {
        "labels (1., a), -, +, |)": "1.1.1.1.1. x\n- y\n+ z\na) b\n| a | b |\na\tb\n",
        "header words": "Số: / ngày . tháng . năm V/v ",
        "recipient lines": "- Sở;\n",
        "parentheses": "(",
    }
    for name, unit in hostile.items():
        big = (text + unit * (MEGABYTE // len(unit.encode()))).encode("utf-8")
        seconds = best_seconds(lambda big=big: read_or_refuse(pipeline, big), 1, args.rounds)
        print(f"  sample + 1 MB of {name}: {seconds:6.3f} s")


if __name__ == "__main__":
    main()
