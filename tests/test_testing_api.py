"""bcpipe.testing as a library: its options do what they say, its parts stand alone,
wrong options fail at draw time, shrinking gives small documents, and Hypothesis finds
it through its entry point."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import tomllib
import unicodedata
from typing import Any

import pytest
from conftest import ROOT, minimal_report
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import bcpipe
import bcpipe.testing
from bcpipe import DocumentType
from bcpipe.citations import find_citations
from bcpipe.model import (
    Archive,
    AsAbove,
    Block,
    Citation,
    Container,
    Document,
    IssueDate,
    NamedRecipient,
)
from bcpipe.names import same_body
from bcpipe.render import date_phrase
from bcpipe.testing import (
    AUTHORITIES,
    CITED_TYPES,
    body_trees,
    broken_documents,
    citation_dates,
    citations,
    documents,
    issue_dates,
    issuers,
    personal_names,
    recipient_lists,
    signature_blocks,
)

# -- documents(): each option --------------------------------------------------------

_REQUEST_VERBS = ("Thực hiện", "Phúc đáp")


@pytest.fixture(scope="module")
def pipeline(every_rule: bcpipe.Pipeline) -> bcpipe.Pipeline:
    """These tests check each rule's own defects: every code is reported, not only the
    recommended set."""
    return every_rule


def _depth(blocks: list[Block]) -> int:
    return max(
        (1 + (_depth(b.children) if isinstance(b, Container) else 0) for b in blocks), default=0
    )


def _widths(blocks: list[Block]) -> list[int]:
    out = [len(blocks)]
    for block in blocks:
        if isinstance(block, Container) and block.children:
            out += _widths(block.children)
    return out


@given(
    st.sampled_from(list(DocumentType)),
    st.sampled_from(["draft", "issued"]),
    st.sampled_from(AUTHORITIES),
    st.integers(2, 5),
    st.integers(1, 5),
    st.data(),
)
def test_type_status_authority_and_size_are_obeyed(
    pipeline: bcpipe.Pipeline,
    kind: DocumentType,
    status: str,
    authority: tuple[str, ...],
    depth: int,
    width: int,
    data: st.DataObject,
) -> None:
    doc = data.draw(
        documents(
            type=kind, status=status, authority=authority, max_depth=depth, max_children=width
        )
    )
    assert (doc.type, doc.status.value) == (kind, status)
    assert tuple(line.prefix.value for line in doc.signature.authority) == authority
    assert _depth(doc.body) <= depth
    # Within containers; the top level of a report or plan holds one section per part of
    # its profile, and so does each "Phần" of a report laid out in parts.
    sections = [s for b in doc.body for s in (b.children if b.kind == "part" else [b])]
    inner = [
        w for b in sections if isinstance(b, Container) and b.children for w in _widths(b.children)
    ]
    assert all(0 < w <= width for w in inner)
    if not any(b.kind in ("section", "part") for b in doc.body):
        assert len(doc.body) <= width
    if status == "draft":
        assert doc.number is None
    else:
        assert doc.number is not None and doc.issue_date.to_date() is not None
    assert pipeline.validate(doc).codes() == []


@given(st.sampled_from(["province", "district", "commune"]), st.data())
def test_level_picks_the_issuer(level: str, data: st.DataObject) -> None:
    doc = data.draw(documents(level=level))
    words = {
        "province": ("TỈNH", "THÀNH PHỐ HỒ"),
        "district": ("HUYỆN", "QUẬN", "THỊ XÃ", "THÀNH PHỐ"),
    }
    where = f"{doc.issuer.parent or ''} {doc.issuer.name}"
    if level == "commune":
        assert any(w in doc.issuer.name for w in ("XÃ", "PHƯỜNG", "THỊ TRẤN"))
    elif doc.issuer.name.startswith("ỦY BAN"):
        assert any(w in doc.issuer.name for w in words[level])
    else:  # a Sở under the province, a Phòng under the district
        assert doc.issuer.name.startswith("SỞ" if level == "province" else "PHÒNG"), where


@given(
    st.integers(0, 3),
    st.integers(0, 6),
    st.integers(0, 3),
    st.integers(0, 3),
    st.data(),
)
def test_counts_of_requests_recipients_addressees_and_appendices(
    pipeline: bcpipe.Pipeline,
    requests: int,
    recipients: int,
    addressees: int,
    appendices: int,
    data: st.DataObject,
) -> None:
    recipients = max(recipients, 1 if requests else 0)
    doc = data.draw(
        documents(
            requests=requests,
            recipients=recipients,
            addressees=addressees,
            appendices=appendices,
        )
    )
    prepared = pipeline.prepare(doc)
    answered = [p for p in prepared.basis if p.text.startswith(_REQUEST_VERBS)]
    assert len(answered) == requests
    assert sum(isinstance(r, NamedRecipient) for r in doc.recipients) == recipients
    assert len(doc.addressees) == addressees
    named = [r.name for r in doc.recipients if isinstance(r, NamedRecipient)]
    if AsAbove() in doc.recipients:
        assert doc.addressees
    else:
        assert set(doc.addressees) <= set(named)
    assert len(doc.appendices) == appendices
    assert pipeline.validate(doc).codes() == []


@settings(max_examples=100)
@given(documents(type=DocumentType.KE_HOACH, requests=0, recipients=6, addressees=3))
def test_as_many_named_recipients_as_asked_beside_three_addressees(doc: Document) -> None:
    # A Phòng's usual recipients are few: with "Như trên" for three addressees, the
    # others once ran out and the document named five where six were asked.
    assert sum(isinstance(r, NamedRecipient) for r in doc.recipients) == 6


@given(documents(type="bao_cao", addressed_to="Sở Thông tin và Truyền thông", requests=1))
def test_addressed_to_puts_the_body_in_the_closing_recipients_and_request(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    body = "Sở Thông tin và Truyền thông"
    assert not same_body(doc.issuer.name, body)
    named = [r.name for r in doc.recipients if isinstance(r, NamedRecipient)]
    assert any(same_body(name, body) for name in named)
    assert f"Kính báo cáo {named[0]}" in doc.closing[0].text
    answering = [p for p in pipeline.prepare(doc).basis if p.text.startswith(_REQUEST_VERBS)]
    (request,) = answering[0].citations
    assert request.issuer is not None and same_body(request.issuer, body)


@given(documents(extensions=st.just({"agency": {"archive_box": 12}})))
def test_extensions_are_passed_through(doc: Document) -> None:
    assert doc.extensions == {"agency": {"archive_box": 12}}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"type": "bao_cao_x"}, "type="),
        ({"status": "final"}, "status="),
        ({"level": "country"}, "level="),
        ({"authority": ("XX.",)}, "authority="),
        ({"authority": ("TL.",), "level": "commune"}, "no issuing body fits"),
        ({"recipients": 99}, "recipients=99"),
        ({"requests": 2, "recipients": 0}, "requests=2"),
        ({"addressed_to": "Sở Nội vụ", "recipients": 0}, "recipients=0"),
        ({"type": "bao_cao", "max_depth": 1}, "max_depth=1"),
        ({"max_children": 0}, "max_children=0"),
        ({"extensions": st.just([1])}, "extensions="),
    ],
)
def test_wrong_options_fail_when_drawn_not_when_built(
    options: dict[str, Any], message: str
) -> None:
    strategy = documents(**options)  # building never raises (Hypothesis API style)
    with pytest.raises(InvalidArgument, match=message):
        find(strategy, lambda doc: True)


@pytest.mark.parametrize("rule", ["BC900", "BC999", "bc101"])
def test_unknown_or_unbreakable_rules_fail_when_drawn(rule: str) -> None:
    strategy = broken_documents(rule=rule)
    with pytest.raises(InvalidArgument, match="rule="):
        find(strategy, lambda doc: True)


# -- generation is healthy and shrinks small ----------------------------------------


@settings(max_examples=10, suppress_health_check=[])
@given(documents(max_depth=8, max_children=20))
def test_the_largest_options_stay_within_hypothesis_limits(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    # Health checks (too_slow, data_too_large, filter_too_much) are on: they would fail.
    assert pipeline.validate(doc).codes() == []


def _blocks(blocks: list[Block]) -> int:
    return sum(1 + (_blocks(b.children) if isinstance(b, Container) else 0) for b in blocks)


@pytest.mark.parametrize("kind", [None, "ke_hoach"])
def test_the_smallest_document_is_small_and_readable(
    pipeline: bcpipe.Pipeline, kind: str | None
) -> None:
    doc = find(documents(type=kind), lambda d: True, settings=settings(database=None))
    assert _blocks(doc.body) <= 8  # e.g. three sections of one line each
    assert len(doc.recipients) <= 2 and not doc.appendices
    assert doc.marks == bcpipe.model.Marks()
    assert len(pipeline.export(doc, "text").decode()) < 1200
    assert pipeline.validate(doc).codes() == []


# -- the parts on their own ---------------------------------------------------------


@given(citations())
def test_a_citation_is_read_back_exactly_from_its_words(citation: Citation) -> None:
    for sentence in (f"Căn cứ {citation.text};", f"Thực hiện {citation.text}, UBND huyện báo cáo."):
        assert find_citations(sentence) == [citation]


@given(st.sampled_from(CITED_TYPES), st.data())
def test_citations_of_each_kind_before_a_date(kind: str, data: st.DataObject) -> None:
    limit = dt.date(2022, 6, 1)
    citation = data.draw(citations(type_name=kind, before=limit))
    assert citation.type_name == kind
    assert citation.date is not None and citation.date.to_date() is not None
    assert citation.date.to_date() < limit  # type: ignore[operator]


@given(citation_dates(before=dt.date(2023, 1, 1)))
def test_citation_dates_are_real_and_earlier(date: bcpipe.model.CalendarDate) -> None:
    real = date.to_date()
    assert real is not None and dt.date(2021, 1, 1) <= real < dt.date(2023, 1, 1)


@given(issue_dates(status="draft"))
def test_draft_dates_leave_day_or_month_blank_as_printed(date: IssueDate) -> None:
    assert date.year is not None
    if date.day is None:
        assert "ngày     tháng" in date_phrase(date)
    else:
        assert date.to_date() is not None


@given(issue_dates(status="issued"))
def test_issued_dates_are_complete_and_real(date: IssueDate) -> None:
    assert date.is_complete and date.to_date() is not None


@given(personal_names())
def test_names_are_vietnamese_full_names(name: str) -> None:
    words = name.split()
    assert len(words) >= 3 and all(w[0].isupper() for w in words)
    assert unicodedata.is_normalized("NFC", name)


@given(issuers())
def test_issuers_are_printed_in_capitals(issuer: bcpipe.model.Issuer) -> None:
    assert issuer.name == issuer.name.upper()
    assert issuer.parent is None or issuer.parent == issuer.parent.upper()


@pytest.fixture(scope="module")
def base() -> Document:
    """A valid report that answers no request and addresses nobody, to graft parts onto."""
    closing = "Trên đây là báo cáo kết quả chuyển đổi số quý I năm 2023 của UBND xã./."
    return bcpipe.load(minimal_report(basis=[], closing=[{"text": closing}]))


@given(signature_blocks())
def test_signature_blocks_pass_the_signature_rule(
    pipeline: bcpipe.Pipeline, base: Document, block: bcpipe.model.SignatureBlock
) -> None:
    assert pipeline.validate(base.model_copy(update={"signature": block})).codes() == []


@given(recipient_lists())
def test_recipient_lists_pass_the_recipients_rule(
    pipeline: bcpipe.Pipeline, base: Document, recipients: list[Any]
) -> None:
    assert isinstance(recipients[-1], Archive)
    assert pipeline.validate(base.model_copy(update={"recipients": recipients})).codes() == []


@given(st.sampled_from(["bao_cao", "ke_hoach", "to_trinh", "cong_van"]), st.data())
def test_body_trees_pass_the_sections_rule(
    pipeline: bcpipe.Pipeline, base: Document, kind: str, data: st.DataObject
) -> None:
    body = data.draw(body_trees(type=kind))
    notation = (
        f"{DocumentType(kind).abbreviation or 'UBND'}-{'UBND' if kind != 'cong_van' else 'VX'}"
    )
    doc = base.model_copy(update={"type": DocumentType(kind), "notation": notation, "body": body})
    assert pipeline.validate(doc).codes() == []


# -- packaging ------------------------------------------------------------------------


def test_hypothesis_is_only_an_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(dep.startswith("hypothesis") for dep in project["dependencies"])
    assert any(dep.startswith("hypothesis") for dep in project["optional-dependencies"]["testing"])
    assert project["entry-points"]["hypothesis"] == {
        "bcpipe": "bcpipe.testing._hook:_hypothesis_setup_hook"
    }


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )


def test_from_type_finds_documents_in_a_fresh_process() -> None:
    done = _run(
        """
        from hypothesis import find, strategies as st
        import bcpipe
        doc = find(st.from_type(bcpipe.Document), lambda d: True)
        print(type(doc).__name__, bcpipe.Pipeline().validate(doc).codes())
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Document []\n"


def test_without_hypothesis_the_import_error_says_what_to_install() -> None:
    done = _run(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        import bcpipe                      # the core does not need it
        import bcpipe.testing
        """
    )
    assert done.returncode == 1
    assert "pip install 'bcpipe[testing]'" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("ImportError: bcpipe.testing needs")


def test_the_public_api_is_pinned() -> None:
    # Renaming or dropping one of these breaks users' tests: change it on purpose only.
    assert sorted(bcpipe.testing.__all__) == [
        "AUTHORITIES",
        "BREAKABLE_RULES",
        "CITED_TYPES",
        "DECISION_AUTHORITIES",
        "UNBREAKABLE_RULES",
        "assert_round_trip",
        "body_names",
        "body_trees",
        "broken_documents",
        "citation_dates",
        "citations",
        "decisions",
        "documents",
        "issue_dates",
        "issuers",
        "legal_normative_numbers",
        "personal_names",
        "recipient_lists",
        "register_breaker",
        "round_trip_formats",
        "signature_blocks",
    ]
    assert all(hasattr(bcpipe.testing, name) for name in bcpipe.testing.__all__)
