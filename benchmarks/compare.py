"""The same work timed on this tree and on an earlier commit, in turns (issue 11).

    .venv/bin/python benchmarks/compare.py 2817ac2                # the reader alone
    .venv/bin/python benchmarks/compare.py main --work load --work both --rounds 8

On a machine shared with other jobs, two runs of ``bench.py`` a minute apart differ by
more than most changes gain. Here each round runs the earlier commit's code and this
tree's, each in a fresh process, one after the other, and the best and median of the
rounds are compared: a busy spell falls on both alike. The earlier commit's ``src`` and
``plugins`` are taken with ``git archive`` into a temporary folder and put first on
``PYTHONPATH`` (the installed package is this tree's, in editable mode).

Works, on the sample unless said: ``read`` (``read_text``, the model built), ``load``
(``Pipeline.load``), ``validate`` (``Pipeline.validate`` of a loaded document), ``both``
(load then validate), ``corpus`` (``Pipeline.load`` of each corpus document the reader
accepts, in turn; documents/second).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKS = ("read", "load", "validate", "both", "corpus")

# Run in a fresh process for each side: prints the best rate of a few short rounds.
_CHILD = r"""
import sys, time
from pathlib import Path
import bcpipe
from bcpipe import LoadContext
from bcpipe_plugins.text.reader import read_text

what = sys.argv[1]
pipeline = bcpipe.Pipeline()
sample = "examples/bao-cao-ttdn-tuy-phuoc-2022.txt"
text = Path(sample).read_text(encoding="utf-8")
loaded = pipeline.load(sample)
corpus = []
for path in sorted(Path("tests/corpus/docs").glob("*.txt")):
    try:
        pipeline.load(path)
    except bcpipe.BcpipeError:
        continue
    corpus.append(path)


def each_document() -> None:
    for path in corpus:
        pipeline.load(path)


work = {
    "read": lambda: read_text(text, LoadContext(sample, {})),
    "load": lambda: pipeline.load(sample),
    "validate": lambda: pipeline.validate(loaded),
    "both": lambda: pipeline.validate(pipeline.load(sample)),
    "corpus": each_document,
}[what]
per_call = len(corpus) if what == "corpus" else 1
for _ in range(20):
    work()
best = 0.0
for _ in range(5):
    count, start = 0, time.process_time()
    while time.process_time() - start < 0.3:
        work()
        count += 1
    best = max(best, count * per_call / (time.process_time() - start))
print(best)
"""


def _export(revision: str, into: Path) -> None:
    """``src`` and ``plugins`` of ``revision`` written under ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src", "plugins"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _rate(work: str, pythonpath: str | None) -> float:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, work],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the earlier commit (hash, branch, tag)")
    parser.add_argument("--work", action="append", choices=WORKS)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _export(args.revision, Path(folder))
        earlier = f"{folder}/plugins{os.pathsep}{folder}/src"
        for work in args.work or ["read"]:
            rates: dict[str, list[float]] = {args.revision: [], "this tree": []}
            for _ in range(args.rounds):
                rates[args.revision].append(_rate(work, earlier))
                rates["this tree"].append(_rate(work, None))
            before, after = (max(found) for found in rates.values())
            for side, found in rates.items():
                print(
                    f"{work:9} {side:>12}: best {max(found):8.1f}/s"
                    f"  median {statistics.median(found):8.1f}/s"
                )
            print(f"{work:9} {'change':>12}: {after / before - 1:+.0%} (best against best)")


if __name__ == "__main__":
    main()
