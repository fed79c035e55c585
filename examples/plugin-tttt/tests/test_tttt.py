"""The plugin's tests, written with bcpipe's Hypothesis strategies.

    pip install -e '.[test]' && pytest

Each test states a property over many generated documents: valid reports to the Sở
pass; reports that do not cite its request fail with TT001 and nothing else; other
documents are none of the rule's business; and the rule never crashes on a document
that breaks any built-in rule.
"""

from __future__ import annotations

import bcpipe_tttt
from hypothesis import given
from hypothesis import strategies as st

import bcpipe
from bcpipe.testing import BREAKABLE_RULES, broken_documents, documents, register_breaker

TTTT = "Sở Thông tin và Truyền thông"

# The plugin registered in code. Installed, it is also found through its entry point
# ("tttt"): disabling that copy keeps the rule from running twice. Every rule set is
# selected: the broken documents below break strict and style codes too.
PIPELINE = bcpipe.Pipeline(plugins=[bcpipe_tttt], disable=["tttt"], select=["all"])

reports_to_tttt = documents(type="bao_cao", addressed_to=TTTT, requests=st.integers(1, 2))
reports_without_its_request = documents(type="bao_cao", addressed_to=TTTT, requests=0)


@given(reports_to_tttt)
def test_a_report_citing_the_request_passes(doc: bcpipe.Document) -> None:
    assert PIPELINE.validate(doc).codes() == []


@given(reports_without_its_request)
def test_a_report_without_the_request_number_fails(doc: bcpipe.Document) -> None:
    result = PIPELINE.validate(doc)
    assert result.codes() == ["TT001"]
    (finding,) = result.findings
    assert str(finding.location) == "basis"
    assert finding.plugin == "bcpipe_tttt"


@register_breaker("TT001", type="bao_cao", addressed_to=TTTT, requests=st.integers(1, 2))
def answer_another_body(draw: st.DrawFn, doc: bcpipe.Document) -> None:
    """The same report answering another body's request instead: the Sở's number is gone."""
    doc.basis = [
        p.model_copy(update={"text": p.text.replace(TTTT, "Sở Nội vụ"), "citations": []})
        for p in doc.basis
    ]


@given(broken_documents(rule="TT001"))
def test_the_request_must_be_the_departments(doc: bcpipe.Document) -> None:
    assert "TT001" in PIPELINE.validate(doc).codes()


@given(
    documents(
        type="bao_cao",
        addressed_to=TTTT,
        requests=0,
        subject=st.sampled_from(["Tình hình công tác cải cách hành chính", "Kết quả công tác"]),
    )
)
def test_the_subject_does_not_matter(doc: bcpipe.Document) -> None:
    assert PIPELINE.validate(doc).codes() == ["TT001"]


@given(documents(type=st.sampled_from(["ke_hoach", "cong_van", "to_trinh"]), addressed_to=TTTT))
def test_other_kinds_of_document_are_not_checked(doc: bcpipe.Document) -> None:
    assert PIPELINE.validate(doc).codes() == []


@given(documents(type="bao_cao", addressed_to="Sở Nội vụ", recipients=1, requests=0))
def test_the_department_is_a_setting(doc: bcpipe.Document) -> None:
    assert PIPELINE.validate(doc).codes() == []
    other = bcpipe.Pipeline(
        plugins=[bcpipe_tttt], disable=["tttt"], settings={"tttt": {"department": "Sở Nội vụ"}}
    )
    assert other.validate(doc).codes() == ["TT001"]


def _broken_with_its_code(code: str) -> st.SearchStrategy[tuple[str, bcpipe.Document]]:
    return st.tuples(st.just(code), broken_documents(rule=code))


@given(st.sampled_from(BREAKABLE_RULES).flatmap(_broken_with_its_code))
def test_the_rule_copes_with_documents_that_break_the_built_in_rules(
    case: tuple[str, bcpipe.Document],
) -> None:
    code, doc = case
    codes = PIPELINE.validate(doc).codes()
    assert code in codes
    assert "BC900" not in codes  # the rule did not crash
