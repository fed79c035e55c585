"""The document model: shapes it accepts, shapes it refuses, and drafts."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import bcpipe
from bcpipe.model import (
    Archive,
    AsAbove,
    Authority,
    Clause,
    Document,
    DocumentStatus,
    IssueDate,
    NamedRecipient,
    Paragraph,
    Section,
)


def test_sample_loads_as_a_draft_with_blank_number_day_and_month(sample: dict[str, Any]) -> None:
    doc = bcpipe.load(sample)
    assert doc.status is DocumentStatus.DRAFT and doc.is_draft
    assert doc.number is None
    assert (doc.issue_date.day, doc.issue_date.month, doc.issue_date.year) == (None, None, 2023)
    assert doc.code == "/BC-UBND"
    assert doc.type is bcpipe.DocumentType.BAO_CAO
    assert [line.prefix for line in doc.signature.authority] == [Authority.TM, Authority.KT]
    assert doc.signature.title_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert isinstance(doc.recipients[-1], Archive) and doc.recipients[-1].holders == ["VT"]
    assert isinstance(doc.recipients[0], NamedRecipient)
    assert [s.number for s in doc.body if isinstance(s, Section)] == ["I", "II", "III"]


def test_status_defaults_to_draft_never_inferred(minimal: dict[str, Any]) -> None:
    del minimal["status"]
    assert bcpipe.load(minimal).status is DocumentStatus.DRAFT


def test_a_day_without_a_month_is_refused() -> None:
    with pytest.raises(ValidationError, match="day is given without a month"):
        IssueDate(day=5, year=2023)


def test_an_impossible_date_loads_so_that_a_rule_can_report_it(minimal: dict[str, Any]) -> None:
    minimal["issue_date"] = {"day": 31, "month": 2, "year": 2023}
    doc = bcpipe.load(minimal)
    assert doc.issue_date.is_complete and doc.issue_date.to_date() is None


def test_latest_possible_date_of_a_draft() -> None:
    assert str(IssueDate(year=2023).latest_possible()) == "2023-12-31"
    assert str(IssueDate(month=2, year=2024).latest_possible()) == "2024-02-29"
    assert str(IssueDate(day=9, month=6, year=2022).latest_possible()) == "2022-06-09"
    assert IssueDate().latest_possible() is None


def test_only_a_giay_may_go_without_a_subject(minimal: dict[str, Any]) -> None:
    with pytest.raises(bcpipe.InvalidDocumentError, match="a báo cáo needs its subject"):
        bcpipe.load({**minimal, "subject": None})
    invitation = bcpipe.load(
        {**minimal, "type": "giay_moi", "notation": "GM-UBND", "subject": None}
    )
    assert invitation.subject is None
    # An assignment validates one field: neither path leaves a kind without its subject.
    with pytest.raises(ValidationError, match="a công văn needs its subject"):
        invitation.type = bcpipe.DocumentType.CONG_VAN
    assert invitation.type is bcpipe.DocumentType.GIAY_MOI
    report = bcpipe.load(minimal)
    with pytest.raises(ValidationError, match="a báo cáo needs its subject"):
        report.subject = None


def test_a_citation_must_stand_in_its_paragraph() -> None:
    citation = {"text": "Kế hoạch số 59/KH-UBND", "type_name": "Kế hoạch"}
    Paragraph(text="Thực hiện Kế hoạch số 59/KH-UBND.", citations=[citation])  # type: ignore[list-item]
    with pytest.raises(ValidationError, match="does not occur in the block"):
        Paragraph(text="Thực hiện Kế hoạch số 60/KH-UBND.", citations=[citation])  # type: ignore[list-item]


def test_a_clause_has_a_heading_or_a_text_not_both() -> None:
    Clause(number="1", heading="Thuận lợi")
    Clause(number="1", text="Quyết định này có hiệu lực kể từ ngày ký.")
    with pytest.raises(ValidationError, match="either a heading or a text"):
        Clause(number="1", heading="Thuận lợi", text="và khó khăn")
    with pytest.raises(ValidationError, match="either a heading or a text"):
        Clause(number="1")


def test_recipient_kind_may_be_left_out_for_a_named_recipient(minimal: dict[str, Any]) -> None:
    minimal["recipients"] = [{"kind": "as_above"}, {"name": "Sở Tài chính"}, {"kind": "archive"}]
    doc = bcpipe.load(minimal)
    assert [type(r) for r in doc.recipients] == [AsAbove, NamedRecipient, Archive]
    assert doc.recipients[2].holders == ["VT"]  # type: ignore[union-attr]


def test_text_is_stripped_and_composed_to_nfc(minimal: dict[str, Any]) -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch" typed with combining marks
    minimal["subject"] = f"  {decomposed}  "
    assert bcpipe.load(minimal).subject == "Kế hoạch"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("notation",), "BC UBND"),
        (("number",), 0),
        (("body", 0, "number"), "1"),
        (("signature", "name"), ""),
    ],
)
def test_shape_errors_are_refused(
    minimal: dict[str, Any], path: tuple[Any, ...], value: Any
) -> None:
    target: Any = minimal
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(bcpipe.InvalidDocumentError):
        bcpipe.load(minimal)


def test_unknown_fields_are_refused_with_a_suggestion(minimal: dict[str, Any]) -> None:
    minimal["signatur"] = minimal.pop("signature")
    with pytest.raises(bcpipe.InvalidDocumentError) as info:
        bcpipe.load(minimal)
    text = str(info.value)
    assert "signatur: unknown field" in text and "did you mean 'signature'" in text
    assert "signature: required field is missing" in text


def test_discriminator_tags_are_not_shown_in_paths(minimal: dict[str, Any]) -> None:
    minimal["body"][0]["children"][0]["text"] = 42
    with pytest.raises(bcpipe.InvalidDocumentError) as info:
        bcpipe.load(minimal)
    assert info.value.problems[0].path == "body[0].children[0].text"
    assert "expected text, got 42" in info.value.problems[0].message


def test_a_document_round_trips_through_json(sample: dict[str, Any]) -> None:
    doc = bcpipe.load(sample)
    assert Document.model_validate_json(doc.model_dump_json()) == doc
