"""bcpipe's throughput, stage by stage, against the floor (issue 7).

    .venv/bin/python benchmarks/bench.py            # full run (about six minutes)
    .venv/bin/python benchmarks/bench.py --quick    # under 30 seconds
    .venv/bin/python benchmarks/bench.py --json     # machine-readable
    .venv/bin/python benchmarks/bench.py --markdown # the README table
    .venv/bin/python benchmarks/bench.py --stage "export pdf" --document sample [--extra]

For each stage (see :mod:`stages`) and each document (see :mod:`corpus`: the sample
report and generated documents of about 1, 5 and 20 pages) it prints documents per
second on one process, on all cores (a process pool running the same work in every
worker), and for the floor (the same work without bcpipe's pipeline and plugin
machinery, one process), with bcpipe's time over the floor's. PDF also in pages per
second. The full run then measures the PDF settings that matter (page compression,
ASCII85, subset encoding), reportlab's C accelerator (rl_accel) on and off, and the
text reader's time against the size of its input (see :mod:`scaling`).

One-process figures are the best of many short rounds on CPU time
(``time.process_time``), bcpipe and the floor taking turns, so that other programs on a
busy machine disturb them less; the all-cores figures are wall-clock (a pool's throughput
is what the wall clock says), best of rounds. For differences smaller than the machine's
noise, count instructions instead (``valgrind --tool=callgrind``).

The batch stage (``bcpipe batch``: documents/second on one and two processes, the parent's
peak memory for 100 and 5,000 documents) is :func:`measure_batch`.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import io
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import SIZES, CorpusFile, write_corpus
from pypdf import PdfReader
from scaling import reader_scaling
from stages import STAGES, Stages

HERE = Path(__file__).resolve().parent


# -- measuring ---------------------------------------------------------------------------


def rates(works: list[Callable[[], object]], seconds: float, rounds: int) -> list[float]:
    """Calls per CPU second of each of ``works``: the best of ``rounds`` rounds of about
    ``seconds`` each. The works take turns, round by round, so that a busy spell of the
    machine falls on all of them alike. Each round runs at least once.
    """
    for work in works:
        work()  # warm up: lazy imports, caches, fonts
    best = [0.0] * len(works)
    for _ in range(rounds):
        for index, work in enumerate(works):
            count, start = 0, time.process_time()
            while True:
                work()
                count += 1
                elapsed = time.process_time() - start
                if elapsed >= seconds:
                    break
            best[index] = max(best[index], count / elapsed)
    return best


def rate(work: Callable[[], object], seconds: float, rounds: int) -> float:
    return rates([work], seconds, rounds)[0]


_WORKER: Stages | None = None


def _init_worker(files: list[CorpusFile]) -> None:
    global _WORKER
    _WORKER = Stages(files)


def _run_in_worker(task: tuple[str, str, int]) -> int:
    stage, name, count = task
    assert _WORKER is not None
    work = _WORKER.bcpipe(stage, name)
    for _ in range(count):
        work()
    return count


def pool_rate(
    pool: Any, workers: int, stage: str, name: str, one: float, seconds: float, rounds: int
) -> float:
    """Documents per wall-clock second with ``workers`` processes doing the same work.

    ``one`` (the one-process rate) sizes each worker's share to about ``seconds``.
    """
    pool.map(_run_in_worker, [(stage, name, 1)] * workers)  # warm every worker
    count = max(1, round(one * seconds))
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        done = sum(pool.map(_run_in_worker, [(stage, name, count)] * workers, chunksize=1))
        best = max(best, done / (time.perf_counter() - start))
    return best


# -- the machine -------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _accelerated() -> list[str]:
    """The reportlab functions the C accelerator provides in this process."""
    from reportlab.lib import rl_accel

    return sorted(rl_accel._c_funcs)


def machine() -> dict[str, Any]:
    versions = {}
    for dist in ("pydantic", "pydantic-core", "lxml", "reportlab", "rl_accel", "PyYAML", "pluggy"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libraries": versions,
        "rl_accel_functions": _accelerated(),
    }


# -- the stages --------------------------------------------------------------------------


def pdf_pages(stages: Stages, name: str) -> int:
    return len(PdfReader(io.BytesIO(stages.pipeline.export(stages.prepared[name], "pdf"))).pages)


def measure_stages(
    stages: Stages, names: list[str], args: argparse.Namespace, log: Callable[[str], None]
) -> dict[str, dict[str, dict[str, float]]]:
    chosen = [stage for stage in STAGES if not args.stage or stage in args.stage]
    results: dict[str, dict[str, dict[str, float]]] = {stage: {} for stage in chosen}
    context = multiprocessing.get_context()
    with context.Pool(args.workers, _init_worker, (list(stages.files.values()),)) as pool:
        for stage in chosen:
            for name in names:
                one, floor = rates(
                    [stages.bcpipe(stage, name), stages.floor(stage, name)],
                    args.seconds,
                    args.rounds,
                )
                pooled = pool_rate(
                    pool, args.workers, stage, name, one, args.seconds * 3, args.pool_rounds
                )
                results[stage][name] = {
                    "one_process": one,
                    "all_cores": pooled,
                    "floor": floor,
                    "bcpipe_over_floor": floor / one,
                }
                log(
                    f"{stage:<22} {name:<9} {one:9.1f} {pooled:11.1f} {floor:9.1f} "
                    f"{floor / one:8.2f}"
                )
    return results


def measure_batch(args: argparse.Namespace, log: Callable[[str], None]) -> dict[str, Any]:
    """``bcpipe batch`` itself: documents/second on 1 and 2 processes, and memory.

    Throughput: copies of the sample (5 pages) through ``run_batch`` with a local pool of
    1 and of 2 processes, from the call to the reports written (worker start-up included)
    and from the first document done to the reports written (the steady rate); the best
    of the rounds. Memory: the parent's peak RSS (VmHWM) batching ``small`` and
    ``large`` documents to text, each in a fresh process (full mode: 100 and 5,000).
    """
    import bench_batch

    if args.smoke:
        count, sizes, formats = 6, (6, 12), ["text"]
    elif args.quick:
        count, sizes, formats = 40, (100, 400), ["text"]
    else:
        count, sizes, formats = 200, (100, 5000), ["text", "pdf"]
    rounds = 1 if args.smoke or args.quick else max(1, args.rounds // 3)
    result: dict[str, Any] = {"documents": count, "formats": {}, "peak_rss_kib": {}}
    with tempfile.TemporaryDirectory(prefix="bcpipe-bench-batch-") as directory:
        folder = Path(directory, "in")
        bench_batch.make_documents(folder, count)
        for fmt in formats:
            # (whole call, after the first document), the best round by the whole call
            runs = {
                jobs: max(
                    bench_batch.batch(folder, fmt, jobs, Path(directory, "out"))
                    for _ in range(rounds)
                )
                for jobs in (1, 2)
            }
            speed_up = runs[2][0] / runs[1][0]
            steady_speed_up = runs[2][1] / runs[1][1]
            result["formats"][fmt] = {
                "1": runs[1][0], "2": runs[2][0], "speed_up": speed_up,
                "steady_1": runs[1][1], "steady_2": runs[2][1],
                "steady_speed_up": steady_speed_up,
            }  # fmt: skip
            log(
                f"batch {fmt:<5} {count} documents: {runs[1][0]:.1f} documents/s on 1 process, "
                f"{runs[2][0]:.1f} on 2 ({speed_up:.2f}x); after the first document "
                f"{runs[1][1]:.1f} and {runs[2][1]:.1f} ({steady_speed_up:.2f}x)"
            )
    for size in sizes:
        command = [sys.executable, bench_batch.__file__, "--rss-child", str(size)]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        result["peak_rss_kib"][str(size)] = int(output.split()[1])
    small, large = (result["peak_rss_kib"][str(size)] for size in sizes)
    result["rss_ratio"] = large / small
    log(
        f"batch parent peak RSS: {small / 1024:.1f} MiB for {sizes[0]} documents, "
        f"{large / 1024:.1f} MiB for {sizes[1]} ({large / small:.2f}x)"
    )
    return result


# -- PDF settings and rl_accel -------------------------------------------------------------


def measure_pdf_settings(stages: Stages, name: str, args: argparse.Namespace) -> list[Any]:
    """Speed and size of the sample's PDF under the reportlab settings that matter.

    The settings take turns, round by round (see :func:`rates`).
    """
    from bcpipe_plugins.pdf.fonts import font_family
    from bcpipe_plugins.pdf.writer import render_pdf
    from reportlab.pdfbase import pdfmetrics

    document = stages.prepared[name]
    family = font_family(stages.pdf_settings.fonts)
    fonts = [pdfmetrics.getFont(font) for font in family.files]
    variants = [
        ("default: compressed pages (zlib 1), no ASCII85, compact subsets", True, False, 1, False),
        ("ASCII85 on (reportlab's default)", True, True, 1, False),
        ("page compression off", False, False, 1, False),
        ("zlib level 6 (zlib's default)", True, False, 6, False),
        ("zlib level 9", True, False, 9, False),
        ("ASCII-readable subsets (reportlab's default)", True, False, 1, True),
    ]

    def work(compression: bool, ascii85: bool, level: int, readable: bool) -> bytes:
        for font in fonts:  # read when a document first uses the font
            font._asciiReadable = readable
        try:
            return render_pdf(
                document,
                stages.pdf_settings,
                page_compression=compression,
                ascii85=ascii85,
                compression_level=level,
            )
        finally:
            for font in fonts:
                font._asciiReadable = False

    works = [functools.partial(work, *variant[1:]) for variant in variants]
    speeds = rates(works, args.seconds, args.rounds)
    return [
        {"setting": variant[0], "documents_per_second": speed, "bytes": len(run())}
        for variant, speed, run in zip(variants, speeds, works, strict=True)
    ]


def _pdf_in_fresh_interpreter(args: argparse.Namespace, accel: bool) -> dict[str, Any]:
    argv = [str(HERE / "bench.py"), "--pdf-only", "--json", "--seconds", str(args.seconds)]
    argv += ["--rounds", str(max(1, args.rounds // 3))]
    block = "sys.modules['_rl_accel'] = None; " if not accel else ""
    code = (
        f"import sys, runpy; {block}"
        f"sys.argv = {argv!r}; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=HERE
    ).stdout
    result: dict[str, Any] = json.loads(out)
    return result


def measure_accel(args: argparse.Namespace) -> dict[str, Any]:
    """The PDF stage in fresh interpreters with and without rl_accel, taking turns."""
    best: dict[bool, dict[str, Any]] = {}
    for _ in range(3):
        for accel in (True, False):
            run = _pdf_in_fresh_interpreter(args, accel)
            if (
                accel not in best
                or run["documents_per_second"] > best[accel]["documents_per_second"]
            ):
                best[accel] = run
    return {
        "with": best[True]["documents_per_second"],
        "without": best[False]["documents_per_second"],
        "functions_with": best[True]["rl_accel_functions"],
        "functions_without": best[False]["rl_accel_functions"],
    }


def pdf_only(stages: Stages, name: str, args: argparse.Namespace) -> dict[str, Any]:
    return {
        "rl_accel_functions": _accelerated(),
        "documents_per_second": rate(stages.bcpipe("export pdf", name), args.seconds, args.rounds),
    }


# -- output ------------------------------------------------------------------------------


def markdown(report: dict[str, Any]) -> str:
    """The stage table as Markdown: a row per stage, a column group per document."""
    names = list(report["documents"])
    workers = report["workers"]
    head = ["stage", *(f"{n} ({report['documents'][n]['pages']} p.)" for n in names)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for stage, cells in report["stages"].items():
        row = [stage]
        for name in names:
            cell = cells[name]
            row.append(
                f"{cell['one_process']:,.0f} / {cell['all_cores']:,.0f} "
                f"({cell['bcpipe_over_floor']:.2f})"
            )
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append(f"Documents/second: one process / {workers} processes (bcpipe time ÷ floor time).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short rounds (under a minute)")
    parser.add_argument(
        "--smoke", action="store_true", help="one call per figure, two documents (CI test)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--markdown", action="store_true", help="also print the Markdown table")
    parser.add_argument("--seconds", type=float, help="length of one round")
    parser.add_argument("--rounds", type=int, help="rounds per figure (the best is kept)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--stage", action="append", choices=STAGES, help="measure only this stage (repeatable)"
    )
    parser.add_argument(
        "--document", action="append", choices=list(SIZES), help="only this document (repeatable)"
    )
    parser.add_argument(
        "--extra", action="store_true", help="PDF settings, rl_accel, reader scaling even if quick"
    )
    parser.add_argument("--pdf-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.rounds, names = args.seconds or 0.0, args.rounds or 1, SIZES_SMOKE
    elif args.quick:
        args.seconds, args.rounds, names = args.seconds or 0.05, args.rounds or 2, list(SIZES)
    else:  # many short rounds: the best of them is the machine's speed between disturbances
        args.seconds, args.rounds, names = args.seconds or 0.2, args.rounds or 10, list(SIZES)
    args.pool_rounds = 1 if args.quick or args.smoke else max(1, args.rounds // 3)
    if args.document:
        names = [name for name in names if name in args.document] or args.document
    log: Callable[[str], None] = (lambda _: None) if args.json else print

    with tempfile.TemporaryDirectory(prefix="bcpipe-bench-") as directory:
        files = write_corpus(Path(directory), ["sample"] if args.pdf_only else names)
        stages = Stages(files)
        if args.pdf_only:
            print(json.dumps(pdf_only(stages, "sample", args)))
            return
        started = time.perf_counter()
        report: dict[str, Any] = {
            "machine": machine(),
            "mode": "smoke" if args.smoke else "quick" if args.quick else "full",
            "seconds_per_round": args.seconds,
            "rounds": args.rounds,
            "pool_rounds": args.pool_rounds,
            "workers": args.workers,
            "documents": {},
        }
        for file in files:
            report["documents"][file.name] = {
                "pages": pdf_pages(stages, file.name),
                "text_bytes": file.text.stat().st_size,
                "yaml_bytes": file.yaml.stat().st_size,
            }
        m = report["machine"]
        log(f"{m['cpu']}, {m['cores']} cores; Python {m['python']}; {m['libraries']}")
        log(f"rl_accel: {', '.join(m['rl_accel_functions']) or 'not used'}")
        pages = (f"{name} = {info['pages']} pages" for name, info in report["documents"].items())
        log("documents: " + ", ".join(pages))
        log(
            f"{'stage':<22} {'document':<9} {'1 process':>9} {f'{args.workers} processes':>11} "
            f"{'floor':>9} {'÷ floor':>8}   (documents/second)"
        )
        report["stages"] = measure_stages(stages, names, args, log)
        pdf = report["stages"].get("export pdf", {})
        report["pdf_pages_per_second"] = {
            name: {
                key: pdf[name][key] * report["documents"][name]["pages"]
                for key in ("one_process", "all_cores", "floor")
            }
            for name in names
            if name in pdf
        }
        for name, pages in report["pdf_pages_per_second"].items():
            log(
                f"PDF pages/second, {name}: {pages['one_process']:.0f} (1 process), "
                f"{pages['all_cores']:.0f} ({args.workers} processes)"
            )
        report["batch"] = measure_batch(args, log)
        report["pdf_settings"] = report["rl_accel"] = None
        report["reader_scaling"] = None
        if args.extra or not (args.quick or args.smoke or args.stage or args.document):
            report["pdf_settings"] = measure_pdf_settings(stages, "sample", args)
            for row in report["pdf_settings"]:
                log(
                    f"PDF {row['setting']:<55} {row['documents_per_second']:6.1f} documents/s "
                    f"{row['bytes']:>8} bytes"
                )
            report["rl_accel"] = accel = measure_accel(args)
            log(
                f"PDF sample with rl_accel {accel['with']:.1f} documents/s, without "
                f"{accel['without']:.1f} (fresh interpreters, taking turns)"
            )
            seed = files[0].text.read_text(encoding="utf-8")
            report["reader_scaling"] = reader_scaling(stages.pipeline, seed, args.rounds)
            for label, seconds in report["reader_scaling"].items():
                log(f"text reader, {label:<40} {seconds:6.3f} s")
        report["elapsed_seconds"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        log(f"elapsed: {report['elapsed_seconds']:.1f} s")
        if args.markdown:
            print(markdown(report))


SIZES_SMOKE = ["sample", "1 page"]

if __name__ == "__main__":
    main()
