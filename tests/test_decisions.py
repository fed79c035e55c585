"""Generated decisions (bcpipe.testing.decisions): valid, and carried by every format.

Decisions round-trip through JSON and XML (the XML byte for byte, and valid under the
XSD), through text and .docx (the reader reads back articles, chapters, the enacting
line and an attached regulation), export to PDF and, once issued, to edXML with the number's year; the text writer
lays out the enacting line, "QUYẾT ĐỊNH:", the articles and "Như Điều N".
"""

from __future__ import annotations

import re

import pytest
from bcpipe_plugins.xml_document import document_xsd_schema
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from test_properties import organ_ids

import bcpipe
from bcpipe import render
from bcpipe.model import Article, AsArticle, Chapter, Document
from bcpipe.testing import (
    DECISION_AUTHORITIES,
    assert_round_trip,
    decisions,
    legal_normative_numbers,
)

EXPORTING = bcpipe.Pipeline(settings={"edxml": {"organs": organ_ids()}})


@given(decisions())
def test_generated_decisions_pass_every_rule(pipeline: bcpipe.Pipeline, doc: Document) -> None:
    assert [f"{f.code} {f.message_en}" for f in pipeline.validate(doc).findings] == []


@given(decisions())
def test_generated_decisions_round_trip_through_json_and_xml(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    assert_round_trip(pipeline, doc, "json")
    back = assert_round_trip(pipeline, doc, "xml")
    xml = pipeline.export(doc, "xml")
    assert pipeline.export(back, "xml") == xml  # byte-identical
    document_xsd_schema().assertValid(etree.fromstring(xml))


@given(decisions())
def test_generated_decisions_round_trip_through_text_and_docx(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    assert_round_trip(pipeline, doc, "text")
    assert_round_trip(pipeline, doc, "docx")


@given(decisions(regulation=True))
def test_a_decision_and_its_attached_regulation_read_back_from_text(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    back = assert_round_trip(pipeline, doc, "text")
    assert back.appendices[0].type_name in ("QUY CHẾ", "QUY ĐỊNH")
    assert any(isinstance(block, Chapter) for block in back.appendices[0].body)


@given(decisions(status="issued"))
def test_issued_decisions_export_to_pdf_and_edxml(doc: Document) -> None:
    pdf = EXPORTING.export(doc, "pdf")
    assert pdf.startswith(b"%PDF") and EXPORTING.export(doc, "pdf") == pdf
    edxml = EXPORTING.export(doc, "edxml").decode()
    number, _, notation = doc.code.partition("/")
    assert f"<edXML:CodeNumber>{number}</edXML:CodeNumber>" in edxml
    assert f"<edXML:CodeNotation>{notation}</edXML:CodeNotation>" in edxml
    if doc.number_year is not None:
        assert notation == f"{doc.number_year}/{doc.notation}"


@given(decisions())
def test_the_text_writer_lays_out_the_decision(pipeline: bcpipe.Pipeline, doc: Document) -> None:
    text = pipeline.export(doc, "text").decode()
    lines = text.splitlines()
    assert doc.enacting_authority in lines
    assert lines.index(doc.enacting_authority) < lines.index("QUYẾT ĐỊNH:")
    assert lines.index("QUYẾT ĐỊNH:") > lines.index(doc.basis[-1].text)
    articles = [b for b in doc.body if isinstance(b, Article)]
    assert [render.block_lines(a)[0] in lines for a in articles] == [True] * len(articles)
    executing = doc.recipients[0]
    assert isinstance(executing, AsArticle) and executing.article == articles[-1].number
    assert f"- Như Điều {executing.article};" in lines
    assert render.number_line(doc) in lines


@given(decisions(regulation=True, status="issued", legal_normative=True))
def test_a_regulation_is_attached_in_chapters_with_articles_numbered_on(doc: Document) -> None:
    (regulation,) = doc.appendices
    assert regulation.type_name in ("QUY CHẾ", "QUY ĐỊNH")
    assert regulation.reference is not None and doc.code in regulation.reference
    chapters = regulation.body
    assert all(isinstance(c, Chapter) for c in chapters)
    numbers = [b.number for b in _walk(chapters) if isinstance(b, Article)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert doc.number_year == doc.issue_date.year


@given(legal_normative_numbers())
def test_legal_normative_numbers_carry_their_year(code: str) -> None:
    assert re.fullmatch(r"\d{2,3}/\d{4}/[A-ZĐ][A-Za-zĐ]*-[A-ZĐ][A-Za-zĐ]*", code), code


def _walk(blocks: list[object]) -> list[object]:
    out: list[object] = []
    for block in blocks:
        out.append(block)
        out.extend(_walk(list(getattr(block, "children", []))))
    return out


@pytest.mark.parametrize("level", ["province", "district", "commune"])
@given(data=st.data())
def test_every_level_draws_decisions_signed_as_its_bodies_sign(
    level: str, data: st.DataObject
) -> None:
    doc = data.draw(decisions(level=level))
    prefixes = [line.prefix.value for line in doc.signature.authority]
    assert tuple(prefixes) in DECISION_AUTHORITIES
    collective = "TM." in prefixes
    assert doc.enacting_authority is not None
    assert doc.enacting_authority.startswith(("CHỦ TỊCH", "GIÁM ĐỐC")) is not collective


@pytest.mark.parametrize("authority", DECISION_AUTHORITIES)
@given(data=st.data())
def test_every_decision_authority_can_be_asked_for(
    authority: tuple[str, ...], data: st.DataObject
) -> None:
    doc = data.draw(decisions(authority=authority))
    assert tuple(line.prefix.value for line in doc.signature.authority) == authority


def test_a_decisions_edxml_package_with_as_article_reads_back() -> None:
    # "Như Điều 3" in ToPlaces and in the attachment: compared, not a loader failure.
    pipeline = bcpipe.Pipeline(settings={"edxml": {"organs": organ_ids(), "attachment": "text"}})
    doc = pipeline.load("examples/decisions/quyet-dinh-ubnd-tuy-phuoc-2023.yaml")
    back = pipeline.loads(pipeline.export(doc, "edxml"), kind="edxml")
    assert isinstance(back.recipients[0], AsArticle) and back.recipients[0].article == 3
    assert "BC604" not in [f.code for f in back.source.findings]  # header and text agree
