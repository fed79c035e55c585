"""Each corpus document read as a person reads it (tests/corpus/facts.toml).

For each document the reader's facts (type, issuer, parent body, number, notation, place,
date, subject, addressees, signer, authority, position, recipients, top-level sections)
must equal the facts file's. A fact under ``[NNN.misread]`` is one the reader still gets
wrong: the test asserts that it still differs, so that fixing the reader forces the file
to be updated. A document under ``refused`` must still be refused.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

import bcpipe
from bcpipe import BcpipeError, Document

CORPUS = Path(__file__).parent / "corpus"
FACTS: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "facts.toml").read_text("utf-8"))
DOCS = sorted((CORPUS / "docs").glob("*.txt"))


def _date(document: Document) -> str:
    date = document.issue_date
    return "-".join("…" if p is None else f"{p:02d}" for p in (date.year, date.month, date.day))


def _recipient(entry: Any) -> str:
    if entry.kind == "archive":
        return "Lưu: " + ", ".join(entry.holders)
    if entry.kind == "as_above":
        return "Như trên"
    if entry.kind == "as_article":
        return f"Như Điều {entry.article}"
    return str(entry.name)


def facts_of(document: Document) -> dict[str, Any]:
    """The facts a clerk reads off a document, in the facts file's terms."""
    signature = document.signature
    return {
        "type": document.type.value,
        "issuer": document.issuer.name,
        "parent": document.issuer.parent or "",
        "number": document.number or 0,
        "notation": document.notation,
        "place": document.place,
        "date": _date(document),
        "subject": document.subject or "",
        "addressees": list(document.addressees),
        "signer": signature.name or "",
        "authority": " / ".join(f"{a.prefix} {a.title}" for a in signature.authority),
        "position": signature.position or "",
        "recipients": [_recipient(entry) for entry in document.recipients],
        "sections": [
            f"{block.number or ''} {getattr(block, 'heading', None) or ''}".strip()
            for block in document.body
            if block.kind in ("part", "section")
        ],
    }


@pytest.fixture(scope="module")
def pipeline() -> bcpipe.Pipeline:
    return bcpipe.Pipeline()


def test_every_corpus_document_has_its_facts() -> None:
    assert sorted(FACTS) == [path.name[:3] for path in DOCS]


@pytest.mark.parametrize("path", DOCS, ids=[path.name[:3] for path in DOCS])
def test_the_reader_reads_the_facts_a_person_reads(pipeline: bcpipe.Pipeline, path: Path) -> None:
    expected = dict(FACTS[path.name[:3]])
    misread: dict[str, dict[str, Any]] = expected.pop("misread", {})
    refused = expected.pop("refused", None)
    if refused is not None:
        with pytest.raises(BcpipeError):
            pipeline.load(path)
        return
    read = facts_of(pipeline.load(path))
    assert set(expected) | set(misread) == set(read), "each fact is stated once"
    assert {name: read[name] for name in expected} == expected
    for name, known in misread.items():
        assert read[name] != known["value"], f"{name} now reads right: move it out of misread"
