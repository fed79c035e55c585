"""PDF export speed for the sample report, in one process: pages/s and documents/s.

    .venv/bin/python benchmarks/bench_pdf.py [--seconds 5]

Two loops: the PDF exporter alone on a loaded, prepared document (what a server
exporting many documents pays per document), and ``Pipeline.export`` as a caller uses
it (the transforms, such as citation recognition, run again each time). The first
export, which loads the fonts and builds the styles, is timed apart.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import time
from collections.abc import Callable
from pathlib import Path

from bcpipe_plugins.pdf import PdfSettings, render_pdf
from pypdf import PdfReader

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"


def rate(run: Callable[[], bytes], seconds: float) -> float:
    """Documents per second of ``run`` over about ``seconds``."""
    count = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        run()
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description="PDF export speed for the sample report")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each loop")
    args = parser.parse_args()

    pipeline = bcpipe.Pipeline()
    loaded = pipeline.load(SAMPLE)
    prepared = pipeline.prepare(loaded)
    settings = PdfSettings()

    start = time.perf_counter()
    first = render_pdf(prepared, settings)
    first_ms = (time.perf_counter() - start) * 1000
    pages = len(PdfReader(io.BytesIO(first)).pages)
    accel = importlib.util.find_spec("_rl_accel") is not None

    print(f"sample: {SAMPLE.name}: {pages} pages, {len(first)} bytes")
    print(f"reportlab C accelerator (rl_accel): {'yes' if accel else 'no'}")
    print(f"first export (fonts registered, styles built): {first_ms:.1f} ms")
    loops: list[tuple[str, Callable[[], bytes]]] = [
        ("exporter alone", lambda: render_pdf(prepared, settings)),
        ("Pipeline.export", lambda: pipeline.export(loaded, "pdf")),
    ]
    for name, run in loops:
        docs = rate(run, args.seconds)
        print(
            f"{name:>16}: {docs:6.1f} documents/s, {docs * pages:6.1f} pages/s, "
            f"{1000 / docs:5.1f} ms/document"
        )


if __name__ == "__main__":
    main()
