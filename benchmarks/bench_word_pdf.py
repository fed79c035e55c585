"""Word and PDF throughput beside the text reader's (issue 14), documents per second.

    .venv/bin/python benchmarks/bench_word_pdf.py            # about a minute
    .venv/bin/python benchmarks/bench_word_pdf.py --quick

Each figure is the best of several rounds of CPU time (``time.process_time``) on one
process, loaders called directly (no pipeline, no rules): the sample read from its text,
from bcpipe's .docx and from bcpipe's PDF of it; the sample written as .docx; and the
corpus originals (.docx and .pdf of tests/corpus/originals that read) for real layouts.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import bcpipe
from bcpipe import LoadContext, Loader

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
ORIGINALS = ROOT / "tests" / "corpus" / "originals"


def rate(work: Callable[[], object], seconds: float, rounds: int) -> float:
    best = 0.0
    for _ in range(rounds):
        count, start = 0, time.process_time()
        while True:
            work()
            count += 1
            spent = time.process_time() - start
            if spent >= seconds:
                break
        best = max(best, count / spent)
    return best


def _reads(
    pipeline: bcpipe.Pipeline, kind: str, files: list[tuple[str, bytes]]
) -> Callable[[], None]:
    loader: Loader = pipeline._loaders[kind][0]  # the loader alone, as the text reader's figure

    def work() -> None:
        for name, data in files:
            loader.load(data, LoadContext(name, {}))

    return work


def _readable(pipeline: bcpipe.Pipeline, suffix: str) -> list[tuple[str, bytes]]:
    out = []
    for path in sorted(ORIGINALS.glob(f"*{suffix}")):
        try:
            pipeline.load(path)
        except bcpipe.BcpipeError:
            continue
        out.append((path.name, path.read_bytes()))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seconds, rounds = (0.3, 2) if args.quick else (1.5, 5)
    pipeline = bcpipe.Pipeline()
    document = pipeline.load(SAMPLE)
    text = pipeline.export(document, "text")
    docx = pipeline.export(document, "docx")
    pdf = pipeline.export(document, "pdf")
    docx_files, pdf_files = _readable(pipeline, ".docx"), _readable(pipeline, ".pdf")
    exporter = pipeline.exporter("docx")
    context = pipeline._export_context
    rows = [
        ("read text (sample)", 1, _reads(pipeline, "text", [("s.txt", text)])),
        ("read docx (sample)", 1, _reads(pipeline, "docx", [("s.docx", docx)])),
        ("read pdf (sample, 5 pages)", 1, _reads(pipeline, "pdf", [("s.pdf", pdf)])),
        ("write docx (sample)", 1, lambda: exporter.export(document, context)),
        (
            f"read docx (corpus, {len(docx_files)} files)",
            len(docx_files),
            _reads(pipeline, "docx", docx_files),
        ),
        (
            f"read pdf (corpus, {len(pdf_files)} files)",
            len(pdf_files),
            _reads(pipeline, "pdf", pdf_files),
        ),
    ]
    print(f"{'stage':<34} {'documents/s':>12}")
    for name, count, work in rows:
        print(f"{name:<34} {rate(work, seconds, rounds) * count:>12.1f}")


if __name__ == "__main__":
    main()
