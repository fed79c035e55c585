"""The sample end to end, and broken copies of it, each with one defect and its code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import bcpipe

Data = dict[str, Any]


@pytest.fixture(scope="module")
def pipeline(every_rule: bcpipe.Pipeline) -> bcpipe.Pipeline:
    """These tests check each rule's own defects: every code is reported, not only the
    recommended set."""
    return every_rule


def test_the_sample_is_a_valid_draft_with_one_real_defect(
    pipeline: bcpipe.Pipeline, sample: Data
) -> None:
    result = pipeline.validate(bcpipe.load(sample))
    assert result.ok
    assert result.document.is_draft
    # The original's archive line is "Lưu: VT." without the drafting unit (PL I II.9).
    assert result.codes() == ["BC305"]


def test_citations_in_the_body_are_recognised_when_validating(
    pipeline: bcpipe.Pipeline, sample: Data
) -> None:
    result = pipeline.validate(bcpipe.load(sample))
    item = result.document.body[0].children[1].children[1]  # type: ignore[union-attr]
    assert [c.code for c in item.citations] == ["20/KH-UBND", "59/KH-UBND"]


def _item_with_plans(doc: Data) -> Data:
    item: Data = doc["body"][0]["children"][1]["children"][1]
    assert item["text"].startswith("Căn cứ Kế hoạch số 20/KH-UBND")
    return item


def wrong_plan_abbreviation(doc: Data) -> None:
    item = _item_with_plans(doc)
    item["text"] = item["text"].replace("59/KH-UBND", "59/BC-UBND")


def no_archive_line(doc: Data) -> None:
    doc["recipients"] = doc["recipients"][:-1]


def missing_assessment_section(doc: Data) -> None:
    doc["body"] = [doc["body"][0], doc["body"][2]]
    doc["body"][1]["number"] = "II"


def kt_signed_by_the_head(doc: Data) -> None:
    doc["signature"]["position"] = "CHỦ TỊCH"


def citation_dated_after_the_report(doc: Data) -> None:
    item = _item_with_plans(doc)
    item["text"] = item["text"].replace("ngày 09/6/2022", "ngày 09/6/2024")


def addressee_missing_from_recipients(doc: Data) -> None:
    doc["recipients"] = [
        r for r in doc["recipients"] if r.get("name") != "Sở Thông tin và Truyền thông"
    ]


def basis_citation_with_an_impossible_date(doc: Data) -> None:
    doc["basis"][0]["text"] = doc["basis"][0]["text"].replace("08/12/2022", "31/11/2022")
    doc["basis"][0]["citations"][0]["text"] = doc["basis"][0]["citations"][0]["text"].replace(
        "08/12/2022", "31/11/2022"
    )
    doc["basis"][0]["citations"][0]["date"] = {"day": 31, "month": 11, "year": 2022}


def unreadable_citation(doc: Data) -> None:
    item = _item_with_plans(doc)
    item["text"] = item["text"].replace("59/KH-UBND", "59/KH UBND")


def notation_of_another_type(doc: Data) -> None:
    doc["notation"] = "KH-UBND"


def tm_before_a_title(doc: Data) -> None:
    doc["signature"]["authority"][0]["title"] = "CHỦ TỊCH"


def issued_without_number(doc: Data) -> None:
    doc["status"] = "issued"
    doc["issue_date"] = {"day": 10, "month": 1, "year": 2023}


def archive_line_not_last(doc: Data) -> None:
    doc["recipients"].insert(0, doc["recipients"].pop())


def requester_missing_from_recipients(doc: Data) -> None:
    # The closing still addresses the department; the basis now answers another body.
    basis = doc["basis"][0]
    for holder in (basis, basis["citations"][0]):
        holder["text"] = holder["text"].replace(
            "của Sở Thông tin và Truyền thông", "của Sở Ngoại vụ"
        )
    basis["citations"][0]["issuer"] = "Sở Ngoại vụ tỉnh Bình Định"


BROKEN: list[tuple[Callable[[Data], None], str]] = [
    (wrong_plan_abbreviation, "BC203"),
    (no_archive_line, "BC302"),
    (missing_assessment_section, "BC401"),
    (kt_signed_by_the_head, "BC121"),
    (citation_dated_after_the_report, "BC204"),
    (addressee_missing_from_recipients, "BC306"),
    (basis_citation_with_an_impossible_date, "BC202"),
    (unreadable_citation, "BC201"),
    (notation_of_another_type, "BC101"),
    (tm_before_a_title, "BC122"),
    (issued_without_number, "BC106"),
    (archive_line_not_last, "BC303"),
    (requester_missing_from_recipients, "BC307"),
]


@pytest.mark.parametrize(("defect", "code"), BROKEN, ids=[f.__name__ for f, _ in BROKEN])
def test_the_default_rules_catch_each_defect_too(
    sample: Data, defect: Callable[[Data], None], code: str
) -> None:
    """The core issue's one-defect copies (and the later ones) are caught by the
    recommended set, not only by the strict one."""
    defect(sample)
    assert code in bcpipe.Pipeline().validate(bcpipe.load(sample)).codes()


@pytest.mark.parametrize(("defect", "code"), BROKEN, ids=[f.__name__ for f, _ in BROKEN])
def test_each_defect_is_caught_with_its_code(
    pipeline: bcpipe.Pipeline, sample: Data, defect: Callable[[Data], None], code: str
) -> None:
    defect(sample)
    result = pipeline.validate(bcpipe.load(sample))
    codes = set(result.codes()) - {"BC305"}
    assert code in codes, result.findings
    finding = result.by_code()[code][0]
    assert finding.message_vi and finding.message_en and finding.plugin
    if finding.severity is bcpipe.Severity.ERROR:
        assert not result.ok


def test_the_findings_of_a_defect_point_at_the_yaml_line(pipeline: bcpipe.Pipeline) -> None:
    from conftest import SAMPLE_YAML

    text = SAMPLE_YAML.read_text(encoding="utf-8").replace(
        "position: PHÓ CHỦ TỊCH", "position: CHỦ TỊCH"
    )
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == "position: CHỦ TỊCH")
    doc = pipeline.loads(text, kind="yaml", name="broken.yaml")
    (finding,) = pipeline.validate(doc).by_code()["BC121"]
    assert finding.location.line == line
    assert finding.location.source == "broken.yaml"
    assert str(finding.location) == f"signature.position (line {line})"
