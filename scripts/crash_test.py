"""Crash test of ``bcpipe batch``: kill -9 of the whole process group at random moments,
then a re-run, and every output compared with a clean run's.

    .venv/bin/python scripts/crash_test.py --documents 100 --kills 20 --jobs 2

Makes ``--documents`` reports (the sample with a different subject and number each,
every fifth with an error finding, every seventh unreadable), runs the batch once
cleanly, then ``--kills`` times: starts the batch into a fresh folder in a process
group of its own, kills the group with SIGKILL once a random share of the outputs is
written (none to all), checks that every output then present is byte-identical to the clean
run's (an output is there whole or not at all), that no process of the group is left,
then runs the batch again to the end and checks that every output is the clean run's,
that no temporary file is left, and that the report counts the same outcomes (a
document done before the kill is "skipped", with its findings).

Prints the figures (and writes them as JSON with ``--json FILE``); exit code 1 if any
check failed. Not run in CI (a minute or more); the last figures are in docs/limits.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
BCPIPE = [sys.executable, "-m", "bcpipe"]
REPORTS = {"report.json", "report.html"}


def make_inputs(folder: Path, count: int) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for index in range(count):
        place = folder / f"huyen-{index % 3}" / f"bao-cao-{index:04d}.yaml"
        place.parent.mkdir(parents=True, exist_ok=True)
        if index % 7 == 6:
            place.write_text("type: [\n", encoding="utf-8")  # unreadable: a failed document
            continue
        one = dict(data, subject=f"{data['subject']} (bản {index})", number=index + 1)
        if index % 5 == 4:
            one["notation"] = "QĐ-UBND"  # a report with a decision's notation: BC101
        place.write_text(yaml.safe_dump(one, allow_unicode=True), encoding="utf-8")


def batch(args: list[str], cwd: Path, **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*BCPIPE, "batch", *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw
    )


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` but the reports and the records, by relative path."""
    found = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in REPORTS and not relative.startswith(".bcpipe/"):
            found[relative] = path.read_bytes()
    return found


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def outcomes(folder: Path) -> dict[str, str]:
    """Each input's outcome; "skipped" for a document found current (not redone)."""
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return {
        d["input"]: "skipped" if d.get("unchanged") else d["outcome"] for d in report["documents"]
    }


def group_alive(pgid: int) -> list[int]:
    """Processes still in the process group ``pgid`` (from /proc), zombies aside."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def run(
    documents: int, kills: int, jobs: int, formats: str, seed: int, work: Path
) -> dict[str, Any]:
    rng = random.Random(seed)
    make_inputs(work / "in", documents)
    common = ["in", "--to", formats, "--jobs", str(jobs), "--quiet"]
    started = time.monotonic()
    clean = batch([*common, "-o", "clean"], work)
    clean.wait()
    clean_seconds = time.monotonic() - started
    expected = outputs(work / "clean")
    expected_outcomes = outcomes(work / "clean")
    figures: dict[str, Any] = {
        "documents": documents,
        "formats": formats,
        "jobs": jobs,
        "clean_run_seconds": round(clean_seconds, 2),
        "outputs_of_a_clean_run": len(expected),
        "kills": kills,
        "killed_before_the_end": 0,
        "outputs_present_at_kill": [],
        "temporaries_present_at_kill": 0,
        "corrupt_outputs_at_kill": 0,
        "processes_left_after_kill": 0,
        "rerun_differences": 0,
        "rerun_missing_or_extra": 0,
        "rerun_outcome_differences": 0,
        "temporaries_left_after_rerun": 0,
        "skipped_on_rerun": [],
        "reruns_failed": [],
    }
    for attempt in range(kills):
        out = work / f"crash-{attempt}"
        victim = batch([*common, "-o", out.name], work, start_new_session=True)
        # Killed when a random share of the outputs is there (from none to all but the
        # reports): moments spread over the whole run, however busy the machine.
        target = rng.randrange(len(expected) + 1)
        deadline = time.monotonic() + 3 * clean_seconds
        while victim.poll() is None and time.monotonic() < deadline:
            if target == 0 or (out.exists() and count_files(out) >= target):
                time.sleep(rng.uniform(0, 0.2))
                break
            time.sleep(0.02)
        with_group = victim.pid
        if victim.poll() is None:
            figures["killed_before_the_end"] += 1
        with contextlib.suppress(ProcessLookupError):  # it had finished
            os.killpg(with_group, signal.SIGKILL)
        victim.wait()
        deadline = time.monotonic() + 5
        while group_alive(with_group) and time.monotonic() < deadline:
            time.sleep(0.05)
        figures["processes_left_after_kill"] += len(group_alive(with_group))
        present = outputs(out) if out.exists() else {}
        temporaries = [name for name in present if name.endswith(".tmp")]
        figures["temporaries_present_at_kill"] += len(temporaries)
        finished = {k: v for k, v in present.items() if k not in temporaries}
        figures["outputs_present_at_kill"].append(len(finished))
        figures["corrupt_outputs_at_kill"] += sum(
            1 for name, data in finished.items() if expected.get(name) != data
        )
        rerun = batch([*common, "-o", out.name], work)
        _, error = rerun.communicate()
        if not (out / "report.json").exists():
            figures["reruns_failed"].append(f"exit {rerun.returncode}: {error.decode()[-500:]}")
            continue
        again = outputs(out)
        figures["temporaries_left_after_rerun"] += sum(1 for n in again if n.endswith(".tmp"))
        figures["rerun_missing_or_extra"] += len(set(again) ^ set(expected))
        figures["rerun_differences"] += sum(
            1 for name in set(again) & set(expected) if again[name] != expected[name]
        )
        got = outcomes(out)
        figures["skipped_on_rerun"].append(sum(1 for o in got.values() if o == "skipped"))
        figures["rerun_outcome_differences"] += sum(
            1
            for name, outcome in got.items()
            if outcome != expected_outcomes[name]
            and not (outcome == "skipped" and expected_outcomes[name] in ("ok", "findings"))
        )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--formats", default="text,json,xml,pdf")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temp)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bcpipe-crash-") as temp:
        work = args.work or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        figures = run(args.documents, args.kills, args.jobs, args.formats, args.seed, work)
    text = json.dumps(figures, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    bad = (
        figures["corrupt_outputs_at_kill"]
        + figures["processes_left_after_kill"]
        + figures["rerun_differences"]
        + figures["rerun_missing_or_extra"]
        + figures["rerun_outcome_differences"]
        + figures["temporaries_left_after_rerun"]
        + len(figures["reruns_failed"])
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
