"""The documents the benchmark measures: the sample report and generated ones of 1, 5, 20 pages.

Every document is issued (a number and a full date), so that every stage, edXML
included, can run on it. The generated documents are made from the sample's own
sentences: its section I clauses, cycled and renumbered, make the body longer or
shorter, so the text is realistic (long Vietnamese sentences, citations, headings)
and the document stays valid (no error from the built-in rules). The same sizes
always give the same documents.

Each document is written once as YAML, as bcpipe XML (as exported, citations
recognised) and as plain text (the text exporter's canonical form; for the sample,
the seed text itself with its number and date filled in, so that the reader meets a
real agency's irregular text).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_YAML = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
SEED_TEXT = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"

ISSUED = {"status": "issued", "number": 15, "issue_date": {"day": 10, "month": 1, "year": 2023}}
# The seed is a draft ("Số: /BC-UBND", "ngày tháng năm 2023"): fill in what issuing adds.
SEED_ISSUED = (
    ("Số: /BC-UBND", "Số: 15/BC-UBND"),
    ("ngày tháng năm 2023", "ngày 10 tháng 01 năm 2023"),
)
#: edXML needs the agency code (OrganId) of every body a package names.
SETTINGS = {
    "edxml": {
        "organs": {
            "UBND huyện Tuy Phước": "000.00.00.X00",
            "Sở Thông tin và Truyền thông tỉnh Bình Định": "000.00.00.X01",
        }
    }
}
#: Document name -> clauses in section I (None: the sample as it is). The sample's
#: section I has 5 clauses; one, trimmed, fills one page; 36 fill twenty.
SIZES: dict[str, int | None] = {"sample": None, "1 page": 1, "5 pages": 5, "20 pages": 36}


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """One benchmark document, written as YAML, as text and as bcpipe XML."""

    name: str
    yaml: Path
    text: Path
    xml: Path


def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    return data


def _renumbered(clauses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [clause | {"number": str(index)} for index, clause in enumerate(clauses, 1)]


def generated(clauses: int) -> dict[str, Any]:
    """The sample with ``clauses`` clauses in section I (one: a one-page document)."""
    data = copy.deepcopy(sample_data() | ISSUED)
    results, assessment, proposals = data["body"]
    pool = results["children"]
    chosen = [copy.deepcopy(pool[i % len(pool)]) for i in range(clauses)]
    if clauses == 1:  # one page: one short clause per section, one proposal
        chosen[0]["children"] = chosen[0]["children"][:1]
        advantages = assessment["children"][0]
        assessment["children"] = [advantages | {"children": advantages["children"][:1]}]
        proposals["children"] = proposals["children"][1:2]
    results["children"] = _renumbered(chosen)
    return data


def write_corpus(directory: Path, names: list[str]) -> list[CorpusFile]:
    """Write the documents ``names`` (keys of :data:`SIZES`) into ``directory``."""
    pipeline = bcpipe.Pipeline(settings=SETTINGS)
    files = []
    for index, name in enumerate(names):
        clauses = SIZES[name]
        data = copy.deepcopy(sample_data() | ISSUED) if clauses is None else generated(clauses)
        stem = f"{index}-{name.replace(' ', '-')}"
        yaml_path = directory / f"{stem}.yaml"
        text_path = directory / f"{stem}.txt"
        yaml_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        if clauses is None:
            text = SEED_TEXT.read_text(encoding="utf-8")
            for draft, issued in SEED_ISSUED:
                text = text.replace(draft, issued, 1)
            text_path.write_text(text, encoding="utf-8")
        else:
            text_path.write_bytes(pipeline.export(data, "text"))
        xml_path = directory / f"{stem}.xml"
        xml_path.write_bytes(pipeline.export(data, "xml"))
        files.append(CorpusFile(name, yaml_path, text_path, xml_path))
    return files
