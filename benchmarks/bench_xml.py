"""Documents per second for bcpipe XML (export, parse + load) and edXML (without a PDF).

    .venv/bin/python benchmarks/bench_xml.py [--seconds 1.0]

Each figure is the best of three rounds over the sample report (issued, for edXML:
a draft cannot be sent). The pipeline holds only the plugins measured, so no rule or
transform runs: the figures are the formats' own cost. Schemas are compiled once,
before timing, as in a long-running process.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import bcpipe_plugins.edxml as edxml_plugin
import bcpipe_plugins.text as text_plugin
import bcpipe_plugins.xml_document as xml_plugin

import bcpipe
from bcpipe.model import IssueDate

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
ORGANS = {
    "UBND huyện Tuy Phước": "000.00.00.X00",
    "Sở Thông tin và Truyền thông tỉnh Bình Định": "000.00.00.X01",
}


def rate(action: Callable[[], object], seconds: float) -> float:
    """Documents per second: the best of three rounds of about ``seconds`` each."""
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            action()
            count += 1
        best = max(best, count / elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one round")
    seconds = parser.parse_args().seconds

    def pipeline(**edxml: object) -> bcpipe.Pipeline:
        return bcpipe.Pipeline(
            load_entrypoints=False,
            plugins=[xml_plugin, edxml_plugin, text_plugin],
            settings={"edxml": {"organs": ORGANS, **edxml}},
        )

    plain, bare = pipeline(), pipeline(attachment="none")
    draft = bcpipe.Pipeline().prepare(bcpipe.load(SAMPLE))  # citations recognised, as exported
    issued = draft.model_copy(
        update={
            "status": "issued",
            "number": 15,
            "issue_date": IssueDate(day=10, month=1, year=2023),
        }
    )
    xml = plain.export(draft, "xml")
    xml_plugin.document_xsd_schema()
    edxml_plugin.edxml_xsd_schema()

    rows = [
        ("xml export", lambda: plain.export(draft, "xml")),
        ("xml parse + load", lambda: plain.loads(xml, kind="xml")),
        ("edxml export, text attached", lambda: plain.export(issued, "edxml")),
        ("edxml export, nothing attached", lambda: bare.export(issued, "edxml")),
    ]
    print(f"sample report: {len(xml)} bytes of bcpipe XML")
    for label, action in rows:
        print(f"{label:<32} {rate(action, seconds):8.0f} documents/second")


if __name__ == "__main__":
    main()
