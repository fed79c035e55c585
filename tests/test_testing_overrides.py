"""bcpipe.testing for a plugin author: any field set, subjects without a year, own breakers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bcpipe
from bcpipe.model import Issuer
from bcpipe.testing import broken_documents, documents, register_breaker

PIPELINE = bcpipe.Pipeline()
SUBJECTS = ["Tình hình công tác cải cách hành chính", "Kết quả công tác thi đua"]


@given(documents(type="bao_cao", subject=st.sampled_from(SUBJECTS), place="Quy Nhơn"))
def test_a_field_takes_a_value_or_a_strategy(doc: bcpipe.Document) -> None:
    assert doc.subject in SUBJECTS and doc.place == "Quy Nhơn"


@given(
    documents(
        issuer=Issuer(name="SỞ NỘI VỤ", abbreviation="SNV"),
        fields={"recipients": [], "appendices": []},
    )
)
def test_a_model_value_and_the_fields_mapping(doc: bcpipe.Document) -> None:
    assert doc.issuer.name == "SỞ NỘI VỤ"
    assert doc.recipients == [] and doc.appendices == []


def first(strategy: st.SearchStrategy[bcpipe.Document]) -> bcpipe.Document:
    drawn: list[bcpipe.Document] = []

    @settings(max_examples=1, database=None)
    @given(strategy)
    def take(doc: bcpipe.Document) -> None:
        drawn.append(doc)

    take()
    return drawn[0]


def test_an_unknown_field_is_refused_when_drawn() -> None:
    strategy = documents(subjct="Báo cáo")
    with pytest.raises(InvalidArgument, match="subjct='Báo cáo': not a field of Document"):
        first(strategy)


def test_some_subjects_name_no_year() -> None:
    seen: list[bool] = []

    @settings(max_examples=60, derandomize=True)
    @given(documents(type=st.sampled_from(["bao_cao", "ke_hoach"])))
    def collect(doc: bcpipe.Document) -> None:
        seen.append(bool(re.search(r"\b(19|20)\d\d\b", doc.subject)))
        assert PIPELINE.validate(doc).codes() == []

    collect()
    assert True in seen and False in seen


def test_a_registered_breaker_breaks_its_code() -> None:
    @register_breaker("XY100", type="bao_cao")
    def blank_subject(draw: st.DrawFn, doc: bcpipe.Document) -> None:
        doc.subject = draw(st.sampled_from(["Báo cáo", "Về việc"]))

    @settings(max_examples=10)
    @given(broken_documents(rule="XY100"))
    def check(doc: bcpipe.Document) -> None:
        assert doc.subject in ("Báo cáo", "Về việc")

    check()


def test_a_breaker_may_return_another_document() -> None:
    register_breaker("XY101", lambda draw, doc: doc.model_copy(update={"subject": "X"}))
    assert first(broken_documents(rule="XY101")).subject == "X"


def test_built_in_codes_cannot_be_registered_and_unknown_ones_say_how() -> None:
    with pytest.raises(InvalidArgument, match="built-in rule's code"):
        register_breaker("BC306", lambda draw, doc: None)
    with pytest.raises(InvalidArgument, match=r"or a code given to register_breaker\(\) first"):
        first(broken_documents(rule="ZZ999"))
