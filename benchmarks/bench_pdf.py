"""PDF export speed for the sample report, in one process: pages/s and documents/s.

    .venv/bin/python benchmarks/bench_pdf.py [--seconds 5]

The document is loaded and prepared once (citations recognised); the loop measures
the exporter alone, as a server exporting many documents would run it. The first
export (font loading, style building) is timed separately.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from pypdf import PdfReader

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    args = parser.parse_args()

    pipeline = bcpipe.Pipeline()
    document = pipeline.prepare(pipeline.load(SAMPLE))
    exporter = pipeline.exporter("pdf")

    def export() -> bytes:
        return pipeline._export_prepared(document, "pdf")  # the exporter, no re-loading

    start = time.perf_counter()
    first = export()
    first_ms = (time.perf_counter() - start) * 1000
    pages = len(PdfReader(io.BytesIO(first)).pages)

    count = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < args.seconds:
        export()
        count += 1
    docs_per_s = count / elapsed
    print(f"exporter: {exporter.name} ({exporter.description})")
    print(f"sample: {SAMPLE.name}, {pages} pages, {len(first)} bytes")
    print(f"first export (fonts, styles): {first_ms:.1f} ms")
    print(
        f"{count} exports in {elapsed:.2f} s: {docs_per_s:.1f} documents/s, "
        f"{docs_per_s * pages:.1f} pages/s, {1000 / docs_per_s:.1f} ms/document"
    )


if __name__ == "__main__":
    main()
