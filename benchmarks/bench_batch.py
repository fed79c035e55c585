"""Batch throughput on 1 and 2 processes, the batch's overhead, and the parent's memory.

    .venv/bin/python benchmarks/bench_batch.py [--docs 200] [--rss 100,2000] [--repeat 3]

Documents are copies of the sample report (5 pages), each with its own number and
subject, written as YAML into a temporary folder. For each format (text, pdf) and for
N = 1 and 2 processes:

- ``direct``: the per-document work done by hand (load, validate, export, write the
  file) in N processes, each on its own copy of the documents, no batch machinery:
  what this machine gives, under whatever else it is running at the time;
- ``batch``: ``run_batch`` with a local pool of N processes, documents/second from the
  call to the reports written (worker start-up included), and ``steady``, the rate after
  the first document; ``batch/direct`` is steady over direct: what the batch keeps.

Then the CPU time per document of the work by hand and of the same through a batch
worker, in one process (the batch's own cost per document, little disturbed by other
load). Then the peak RSS of the batch's parent process (VmHWM, in a fresh process per
size) for each size of ``--rss``, exported to text: memory must not grow with the batch.
Timings are the best of ``--repeat`` runs (other load on the machine only slows a run).
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bcpipe
from bcpipe.atomic import write_bytes_atomic
from bcpipe.batch import LocalExecutor, PipelineOptions, Record, run_batch
from bcpipe.batch.tasks import Task
from bcpipe.batch.worker import WorkerPipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"


def make_documents(folder: Path, count: int) -> list[Path]:
    """``count`` issued copies of the sample, ten to a sub-folder."""
    text = SAMPLE.read_text(encoding="utf-8")
    head, rest = text.split("\nsubject:", 1)
    paths = []
    for i in range(count):
        body = head + f"\nsubject: Báo cáo số {i + 1} —" + rest
        path = folder / f"xa-{i // 10:03d}" / f"bao-cao-{i:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def by_hand(pipeline: bcpipe.Pipeline, paths: list[Path], fmt: str, out: Path) -> None:
    """The per-document work without the batch: load, validate, export, write."""
    extension = pipeline.exporter(fmt).extension
    for i, path in enumerate(paths):
        result = pipeline.validate(pipeline.load(path))
        data = pipeline.export(result.document, fmt)
        write_bytes_atomic(out / f"{i}{extension}", data)


def direct(paths: list[Path], fmt: str, out: Path) -> float:
    """Documents/second for the per-document work, in this process, no batch."""
    pipeline = bcpipe.Pipeline()
    started = time.perf_counter()
    by_hand(pipeline, paths, fmt, out)
    return len(paths) / (time.perf_counter() - started)


def batch(folder: Path, fmt: str, jobs: int, out: Path) -> tuple[float, float]:
    """(documents/second over the whole call, documents/second after the first)."""
    first: list[float] = []

    def progress(done: int, total: int, record: Record) -> None:
        if done == 1:
            first.append(time.perf_counter())

    started = time.perf_counter()
    report = run_batch(
        [folder], formats=[fmt], outdir=out, executor=LocalExecutor(jobs), force=True,
        progress=progress,
    )  # fmt: skip
    ended = time.perf_counter()
    assert report.failed == 0, report.totals.failures
    return report.documents / (ended - started), (report.documents - 1) / (ended - first[0])


def _direct_in_process(job: tuple[str, str, str]) -> float:
    folder, fmt, out = job
    paths = sorted(Path(folder).rglob("*.yaml"))
    direct(paths[:5], fmt, Path(out, "warm-up"))  # imports, fonts
    return direct(paths, fmt, Path(out))


def direct_parallel(folder: Path, fmt: str, processes: int, out: Path) -> float:
    """Documents/second of the per-document work run by hand in ``processes`` processes,
    each on its own copy of the documents: what this machine gives without the batch."""
    jobs = []
    for i in range(processes):
        copy = Path(out, f"copy-{i}")
        if not copy.exists():
            shutil.copytree(folder, copy)
        jobs.append((str(copy), fmt, str(Path(out, f"out-{i}"))))
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        return sum(pool.map(_direct_in_process, jobs))


def cpu_per_document(paths: list[Path], fmt: str, out: Path, repeat: int) -> tuple[float, float]:
    """CPU milliseconds per document: (the work by hand, the same through a batch worker).

    CPU time, in this process, each document done both ways in turn and the least of
    ``repeat`` rounds kept: what other load on the machine disturbs least. The
    difference is what the batch adds to each document (its record, kept for re-runs).
    """
    pipeline = PipelineOptions().build()
    worker = WorkerPipeline(pipeline)
    extension = pipeline.exporter(fmt).extension
    hand = [float("inf")] * len(paths)
    batched = [float("inf")] * len(paths)
    for _ in range(repeat):
        for i, path in enumerate(paths):
            task = Task(
                path=str(path), name=path.name, kind=None, outdir=str(out),
                outputs=((fmt, f"{i}{extension}"),), record=f".bcpipe/records/{i}.json",
                fingerprint=worker.fingerprint(None), force=True,
            )  # fmt: skip
            started = time.process_time()
            by_hand(pipeline, [path], fmt, Path(out, "by-hand"))
            middle = time.process_time()
            worker.process(task)
            hand[i] = min(hand[i], middle - started)
            batched[i] = min(batched[i], time.process_time() - middle)
    return 1000 * sum(hand) / len(paths), 1000 * sum(batched) / len(paths)


def peak_rss_kib() -> int:
    """This process's peak resident memory, in KiB.

    Linux's VmHWM is this process's own; ru_maxrss (the fallback elsewhere) survives
    exec, so it would start at the RSS of the process that started this one.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, flags=re.M)
    return int(match.group(1)) if match else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def rss_child(count: int) -> None:
    """In a fresh process: batch ``count`` documents to text, print the peak RSS (KiB)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        make_documents(folder, count)
        before = peak_rss_kib()
        run_batch([folder], formats=["text"], outdir=Path(tmp, "out"))
        after = peak_rss_kib()
        print(before, after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="documents per throughput run")
    parser.add_argument("--rss", default="100,2000", help="batch sizes for the memory runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best kept)")
    parser.add_argument("--formats", default="text,pdf")
    parser.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        paths = make_documents(folder, args.docs)
        print(f"{args.docs} copies of {SAMPLE.name} (5 pages); best of {args.repeat} runs")
        print("direct: the per-document work by hand, in N processes (no batch)")
        print(
            f"{'format':<6} {'N':>2} {'direct':>8} {'batch':>8} {'steady':>8} {'batch/direct':>13}"
        )
        for fmt in args.formats.split(","):
            rates: dict[str, dict[int, float]] = {"direct": {}, "batch": {}}
            for jobs in (1, 2):
                floors, runs = [], []
                for _ in range(args.repeat):  # interleaved: a busy spell hits both alike
                    floors.append(direct_parallel(folder, fmt, jobs, Path(tmp, "direct")))
                    runs.append(batch(folder, fmt, jobs, Path(tmp, "out")))
                floor = max(floors)
                wall, steady = max(runs)
                rates["direct"][jobs], rates["batch"][jobs] = floor, wall
                print(
                    f"{fmt:<6} {jobs:>2} {floor:8.1f} {wall:8.1f} {steady:8.1f} "
                    f"{steady / floor:13.0%}"
                )
            print(
                f"{fmt:<6} speed-up from 1 to 2 processes: batch "
                f"{rates['batch'][2] / rates['batch'][1]:.2f}x, direct "
                f"{rates['direct'][2] / rates['direct'][1]:.2f}x"
            )

        print("CPU per document in one process (the batch's own cost per document):")
        for fmt in args.formats.split(","):
            hand, batched = cpu_per_document(paths, fmt, Path(tmp, "cpu"), args.repeat)
            print(
                f"{fmt:<6} by hand {hand:6.2f} ms, through a batch worker {batched:6.2f} ms "
                f"({batched / hand - 1:+.1%})"
            )

    sizes = [int(size) for size in args.rss.split(",") if size]
    peaks = {}
    for size in sizes:
        command = [sys.executable, __file__, "--rss-child", str(size)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        before, after = (int(value) for value in output.split())
        peaks[size] = after
        print(
            f"parent peak RSS, {size:>5} documents to text: {after / 1024:6.1f} MiB "
            f"(before the batch: {before / 1024:.1f} MiB)"
        )
    if len(sizes) > 1:
        print(f"ratio {sizes[-1]} / {sizes[0]} documents: {peaks[sizes[-1]] / peaks[sizes[0]]:.2f}")


if __name__ == "__main__":
    main()
