"""What issue 16's guards cost on the hot path (load text + validate), against the floor.

    .venv/bin/python benchmarks/bench_limits.py

For the largest documents of the corpus: the CPU time of load + validate (best of
rounds), of the limits check at load (:func:`bcpipe.limits.check_data`, which every
loader runs), and of the rules' change detection (one :meth:`PreparedMark.holds` per
rule). The floor is load + validate less those two.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bcpipe
from bcpipe.limits import check_data

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [
    "tests/corpus/docs/006-bao-cao-tong-ket-chien-luoc-pcmt.txt",
    "tests/corpus/docs/003-bao-cao-chi-so-cchc-nam-2025-snv.txt",
    "examples/bao-cao-ttdn-tuy-phuoc-2022.txt",
]


def best(work: Callable[[], object], rounds: int) -> float:
    fastest = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        work()
        fastest = min(fastest, time.process_time() - started)
    return fastest


def main() -> int:
    pipeline = bcpipe.Pipeline()
    rows = []
    for name in DOCUMENTS:
        path = ROOT / name
        doc = pipeline.validate(pipeline.load(path)).document
        data = json.loads(pipeline.export(doc, "json"))
        mark = doc._prepared
        token = pipeline._token
        rules = len(pipeline.rules)
        whole = best(lambda path=path: pipeline.validate(pipeline.load(path)), 15)
        limits = best(lambda data=data: check_data(data, None), 40)
        holds = best(lambda mark=mark, doc=doc, token=token: mark.holds(doc, token), 200) * rules
        floor = whole - limits - holds
        rows.append(
            {
                "document": path.name,
                "load+validate ms": round(whole * 1e3, 2),
                "floor ms": round(floor * 1e3, 2),
                "limits check ms": round(limits * 1e3, 3),
                "change detection ms": round(holds * 1e3, 3),
                "over floor": f"{(whole / floor - 1):.1%}",
            }
        )
    json.dump(rows, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
