"""Throughput of the core stages on the sample report (documents/second, one process).

    .venv/bin/python benchmarks/bench_core.py [--seconds 2]

Stages: load YAML (file → Document), load from a mapping, prepare (transforms: citation
recognition), validate (transforms + every built-in rule), export text, export JSON.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"


def rate(func: Callable[[], object], seconds: float) -> float:
    """Calls per second of ``func``, measured for about ``seconds``."""
    func()  # warm up caches and lazy imports
    count, started = 0, time.perf_counter()
    deadline = started + seconds
    while True:
        func()
        count += 1
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per stage")
    args = parser.parse_args()
    pipeline = bcpipe.Pipeline()
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    doc = pipeline.load(SAMPLE)
    prepared = pipeline.prepare(doc)
    stages: dict[str, Callable[[], object]] = {
        "load yaml": lambda: pipeline.load(SAMPLE),
        "load mapping": lambda: bcpipe.load(data),
        "prepare (transforms)": lambda: pipeline.prepare(doc),
        "validate (all rules)": lambda: pipeline.validate(doc),
        "export text": lambda: pipeline.export(prepared, "text"),
        "export json": lambda: pipeline.export(prepared, "json"),
        "load yaml + validate + text": lambda: pipeline.export(
            pipeline.validate(pipeline.load(SAMPLE)).document, "text"
        ),
    }
    print(f"sample: {SAMPLE.name}")
    for name, func in stages.items():
        print(f"{name:<30} {rate(func, args.seconds):>10.1f} docs/s")


if __name__ == "__main__":
    main()
