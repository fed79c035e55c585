"""The decision-shaped parts of the model: articles, chapters, the enacting line, the
year of a legal-normative number, "Như Điều N"; and old data that still loads."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import bcpipe
from bcpipe import render
from bcpipe.model import Article, AsArticle, Chapter, Clause, RegulationSection


def _decision(minimal: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**minimal, "type": "quyet_dinh", "notation": "QĐ-UBND", **changes}


def test_a_legal_normative_number_prints_its_year(minimal: dict[str, Any]) -> None:
    doc = bcpipe.load(_decision(minimal, number=15, number_year=2010))
    assert doc.code == "15/2010/QĐ-UBND"
    assert render.number_line(doc) == "Số: 15/2010/QĐ-UBND"


def test_a_year_kept_in_the_notation_moves_to_its_field(minimal: dict[str, Any]) -> None:
    doc = bcpipe.load(_decision(minimal, number=9, notation="2009/CT-UBND"))
    assert (doc.number, doc.number_year, doc.notation) == (9, 2009, "CT-UBND")


def test_the_enacting_authority_kept_in_extensions_moves_to_its_field(
    minimal: dict[str, Any],
) -> None:
    extensions = {"text": {"enacting_authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN", "x": 1}, "y": {}}
    data = _decision(minimal, extensions=extensions)
    doc = bcpipe.load(data)
    assert doc.enacting_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN"
    assert doc.extensions == {"text": {"x": 1}, "y": {}}
    assert data["extensions"]["text"]["enacting_authority"]  # the input is not changed


def test_an_enacting_authority_given_twice_must_agree(minimal: dict[str, Any]) -> None:
    data = _decision(
        minimal,
        enacting_authority="GIÁM ĐỐC SỞ Y TẾ",
        extensions={"text": {"enacting_authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN"}},
    )
    with pytest.raises(bcpipe.BcpipeError, match="disagrees"):
        bcpipe.load(data)


def test_the_enacting_word_is_printed_with_its_colon(minimal: dict[str, Any]) -> None:
    doc = bcpipe.load(_decision(minimal, enacting_word="QUYẾT ĐỊNH"))
    assert render.enacting_word_line(doc) == "QUYẾT ĐỊNH:"
    with pytest.raises(bcpipe.BcpipeError, match="enacting_word"):
        bcpipe.load(_decision(minimal, enacting_word="QUYẾT ĐỊNH:"))


def test_an_article_has_a_heading_or_a_text_not_both() -> None:
    assert render.block_lines(Article(number=5, heading="Kinh phí hoạt động")) == [
        "Điều 5. Kinh phí hoạt động"
    ]
    assert render.block_lines(Article(number=2)) == ["Điều 2."]
    with pytest.raises(ValidationError, match="not both"):
        Article(number=1, heading="Phạm vi", text="Quy chế này quy định …")


def test_chapters_and_sections_of_a_regulation_print_label_then_title() -> None:
    article = Article(number=1, heading="Phạm vi", children=[Clause(number="1", text="Một.")])
    section = RegulationSection(number=1, heading="TỔ CHỨC BỘ MÁY", children=[article])
    chapter = Chapter(number="I", heading="QUY ĐỊNH CHUNG", children=[section])
    assert render.block_lines(chapter) == ["Chương I", "QUY ĐỊNH CHUNG"]
    assert render.block_lines(section) == ["Mục 1", "TỔ CHỨC BỘ MÁY"]


def test_as_article_recipient(minimal: dict[str, Any]) -> None:
    recipients = [{"kind": "as_article", "article": 3}, {"kind": "archive"}]
    doc = bcpipe.load(_decision(minimal, recipients=recipients))
    assert isinstance(doc.recipients[0], AsArticle)
    assert render.recipient_lines(doc)[1:] == ["- Như Điều 3;", "- Lưu: VT."]


def test_a_decision_loads_from_toml_and_json(pipeline: bcpipe.Pipeline) -> None:
    toml = """
type = "quyet_dinh"
status = "issued"
number = 15
number_year = 2023
notation = "QĐ-UBND"
place = "Bình Định"
issue_date = { day = 20, month = 3, year = 2023 }
subject = "Ban hành Quy định quản lý hoạt động thông tin đối ngoại"
enacting_authority = "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
enacting_word = "QUYẾT ĐỊNH"
issuer = { name = "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH" }
signature = { position = "CHỦ TỊCH", name = "Nguyễn Văn An" }
recipients = [{ kind = "as_article", article = 2 }, { kind = "archive" }]

[[body]]
kind = "article"
number = 1
heading = "Phạm vi điều chỉnh"
children = [{ kind = "clause", number = "1", text = "Một." }]

[[body]]
kind = "chapter"
number = "I"
heading = "QUY ĐỊNH CHUNG"
children = [{ kind = "regulation_section", number = 1, heading = "TỔ CHỨC" }]
""".encode()
    doc = pipeline.loads(toml, kind="toml", name="<decision.toml>")
    assert doc.code == "15/2023/QĐ-UBND" and doc.enacting_word == "QUYẾT ĐỊNH"
    assert isinstance(doc.body[0], Article) and doc.body[0].heading == "Phạm vi điều chỉnh"
    assert isinstance(doc.body[1], Chapter)
    assert isinstance(doc.body[1].children[0], RegulationSection)
    assert pipeline.loads(pipeline.export(doc, "json"), kind="json", name="<json>") == doc
