"""What a pipeline costs to build, and bcpipe.load() against a reused pipeline (issue 11).

    .venv/bin/python benchmarks/bench_pipeline.py [--seconds 0.5] [--rounds 5] [--json]

Rows, in calls per CPU second (best of rounds, taking turns as bench.py does):

- ``Pipeline()``: discovery of the entry points, registration, components collected;
  its floor is pluggy alone registering the same plugin modules.
- ``bcpipe.load(path)`` on the sample's text; its floor is ``pipeline.load(path)`` on a
  pipeline built once, which is what a loop over files should cost.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pluggy
from bench import rates

import bcpipe
from bcpipe import hookspecs

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"


def _pluggy_alone() -> object:
    modules = [ep.load() for ep in entry_points(group="bcpipe")]

    def register() -> object:
        manager = pluggy.PluginManager(hookspecs.PROJECT)
        manager.add_hookspecs(hookspecs)
        for module in modules:
            manager.register(module)
        return manager

    return register


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    reused = bcpipe.Pipeline()
    rows = {
        "Pipeline()": rates([bcpipe.Pipeline, _pluggy_alone()], args.seconds, args.rounds),
        "bcpipe.load(path)": rates(
            [lambda: bcpipe.load(SAMPLE), lambda: reused.load(SAMPLE)], args.seconds, args.rounds
        ),
    }
    if args.json:
        json.dump({k: {"bcpipe": v[0], "floor": v[1]} for k, v in rows.items()}, sys.stdout)
        return
    print(f"{'':<20} {'bcpipe':>10} {'floor':>10} {'÷ floor':>8}   (calls/second)")
    for name, (one, floor) in rows.items():
        print(f"{name:<20} {one:10.1f} {floor:10.1f} {floor / one:8.2f}")


if __name__ == "__main__":
    main()
