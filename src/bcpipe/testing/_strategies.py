"""The public strategies: whole documents, broken documents, and each part on its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeAlias, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import TypeAdapter

from bcpipe.doctypes import DocumentType
from bcpipe.model import (
    Block,
    CalendarDate,
    Citation,
    Document,
    DocumentStatus,
    IssueDate,
    Issuer,
    Recipient,
    SignatureBlock,
)
from bcpipe.testing._agencies import AGENCIES, AUTHORITY_SHAPES, Agency, all_body_names
from bcpipe.testing._body import Writer, draw_body
from bcpipe.testing._broken import BREAKERS, DECISION_BREAKERS, draw_broken
from bcpipe.testing._citations import law_citation, legal_citation
from bcpipe.testing._decisions import DECISION_AUTHORITIES, DecisionOptions, draw_decision
from bcpipe.testing._documents import ANY_COMMON_TYPE, ANY_STATUS, Options, draw_document
from bcpipe.testing._draws import pick, pick_some
from bcpipe.testing._options import check_int, choose, document_type, level_of, shape_of, status_of
from bcpipe.testing._parts import (
    FIRST_YEAR,
    LAST_YEAR,
    LOCAL_KINDS,
    Registry,
    draw_archive,
    draw_date_before,
    draw_issue_date,
    draw_issuer,
    draw_local_citation,
    draw_name,
    draw_signature,
)
from bcpipe.testing._vocabulary import LAWS, LEGAL_DOCUMENTS, TOPICS

__all__ = [
    "AUTHORITIES",
    "BREAKABLE_RULES",
    "CITED_TYPES",
    "DECISION_AUTHORITIES",
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
    "signature_blocks",
]

T = TypeVar("T")
#: An option: a value, a strategy for values, or None for "anything suitable".
Opt: TypeAlias = T | st.SearchStrategy[T] | None

#: The combinations of authority lines (``authority=``) the signature rule accepts.
AUTHORITIES: tuple[tuple[str, ...], ...] = AUTHORITY_SHAPES

#: Every rule code :func:`broken_documents` can break, sorted.
BREAKABLE_RULES: tuple[str, ...] = tuple(sorted({*BREAKERS, *DECISION_BREAKERS}))

#: The kinds of document :func:`citations` can cite (``type_name=``).
CITED_TYPES: tuple[str, ...] = (
    *LOCAL_KINDS,
    *sorted({d.type_name for d in LEGAL_DOCUMENTS} - set(LOCAL_KINDS)),
    "Luật",
)

_ANY_CITED_TYPE = st.sampled_from(CITED_TYPES)
_BLOCKS: TypeAdapter[list[Block]] = TypeAdapter(list[Block])
_RECIPIENTS: TypeAdapter[list[Recipient]] = TypeAdapter(list[Recipient])


def documents(
    *,
    type: Opt[DocumentType | str] = None,
    status: Opt[DocumentStatus | str] = None,
    level: Opt[str] = None,
    authority: Opt[Sequence[str]] = None,
    addressed_to: Opt[str] = None,
    requests: Opt[int] = None,
    recipients: Opt[int] = None,
    addressees: Opt[int] = None,
    appendices: Opt[int] = None,
    max_depth: int = 4,
    max_children: int = 3,
    extensions: Opt[dict[str, dict[str, Any]]] = None,
) -> st.SearchStrategy[Document]:
    """Whole documents that pass every built-in rule with no finding at all.

    Realistic Vietnamese documents: issued by a People's Committee (UBND) of a
    province, district or commune, a provincial department (Sở) or a district one
    (Phòng); their places, signers, subjects, citations of laws, decrees, plans and
    letters (in the basis and body, in the words the citation recogniser reads), and
    recipients. Every option takes a value or a strategy for values; None means
    anything suitable:

    - ``type``: a :class:`~bcpipe.DocumentType` or its slug ("bao_cao") or Vietnamese
      name ("Báo cáo"). Default: the common ones (báo cáo, kế hoạch, công văn, tờ
      trình, thông báo, hướng dẫn, chương trình, phương án). Reports and plans have the
      parts the sections rule requires, in order.
    - ``status``: "draft" (number blank, and day or month possibly blank) or "issued".
    - ``level``: "province", "district" or "commune": the issuer's level.
    - ``authority``: the signing authority lines, one of :data:`AUTHORITIES` such as
      ``()`` (the head signs), ``("TM.",)``, ``("TM.", "KT.")``, ``("TL.", "KT.")``,
      ``("Q.",)``; the issuer is chosen so that the block is right for it.
    - ``addressed_to``: the name of a body the document reports to: it is addressed in
      the closing ("Kính báo cáo … biết") and receives a copy; with ``requests`` >= 1,
      the first request answered is this body's.
    - ``requests``: how many requests (a Công văn or Kế hoạch of a recipient) the basis
      answers ("Thực hiện Công văn số …"), 0 to 3.
    - ``recipients``: how many named recipients (besides "Như trên" and "Lưu"), 0 to 6.
    - ``addressees``: how many "Kính gửi" addressees, 0 to 3 (default: 1-2 for a
      công văn, 1 for a tờ trình, else none).
    - ``appendices``: how many appendices (a table each), 0 to 3.
    - ``max_depth``, ``max_children``: the body tree's depth (a top-level section is
      level 1; a report or plan needs 2) and the most blocks in one container.
    - ``extensions``: the document's ``extensions`` (plugin data); default ``{}``. (Not
      printed: plain text does not carry them.)

    Documents are written the way bcpipe's readers read documents (basis lines open with
    "Căn cứ", "Thực hiện" …; body sentences never do), so that their text and XML exports
    read back to the same document. They shrink towards a short document of UBND huyện
    Tuy Phước.
    """
    options = Options(
        type=type,
        status=status,
        level=level,
        authority=authority,
        addressed_to=addressed_to,
        requests=requests,
        recipients=recipients,
        addressees=addressees,
        appendices=appendices,
        max_depth=max_depth,
        max_children=max_children,
        extensions=extensions,
    )
    return _documents(options)


@st.composite
def _documents(draw: st.DrawFn, options: Options) -> Document:
    return Document.model_validate(draw_document(draw, options).data)


def decisions(
    *,
    status: Opt[DocumentStatus | str] = None,
    level: Opt[str] = None,
    authority: Opt[Sequence[str]] = None,
    regulation: Opt[bool] = None,
    legal_normative: Opt[bool] = None,
) -> st.SearchStrategy[Document]:
    """Decisions (quyết định) that pass every built-in rule with no finding at all.

    Issued by a People's Committee or a department: the enacting authority under the
    subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"; the body alone when signed
    "TM."), "Căn cứ …;" lines (the last "Xét đề nghị của …." or ending with "."),
    "QUYẾT ĐỊNH:", articles ("Điều 1." …, with clauses and points), the last article
    charging who carries it out, and "Như Điều N" first among the recipients. Options
    (a value, a strategy, or None for anything suitable):

    - ``status``, ``level``: as for :func:`documents`;
    - ``authority``: one of :data:`DECISION_AUTHORITIES`: ``()`` (the head signs),
      ``("KT.",)``, ``("TM.",)``, ``("TM.", "KT.")``;
    - ``regulation``: the decision issues a regulation ("Ban hành kèm theo Quyết định
      này Quy chế …"), attached as an appendix headed "QUY CHẾ" or "QUY ĐỊNH" and laid
      out in chapters ("Chương I"), sometimes sections ("Mục 1"), and articles with
      headings numbered on across chapters;
    - ``legal_normative``: a legal-normative decision, whose number carries its issue
      year ("15/2023/QĐ-UBND"); only People's Committees issue them.
    """
    options = DecisionOptions(
        status=status,
        level=level,
        authority=authority,
        regulation=regulation,
        legal_normative=legal_normative,
    )
    return _decisions(options)


@st.composite
def _decisions(draw: st.DrawFn, options: DecisionOptions) -> Document:
    return Document.model_validate(draw_decision(draw, options))


def legal_normative_numbers(
    *, year: Opt[int] = None, notation: Opt[str] = None
) -> st.SearchStrategy[str]:
    """Numbers of legal-normative documents as printed after "Số:": "15/2010/QĐ-UBND",
    "09/2009/CT-UBND", "05/2021/NQ-HĐND" (number, year, notation)."""
    return _legal_numbers(year, notation)


_LEGAL_NOTATIONS = ("QĐ-UBND", "CT-UBND", "NQ-HĐND", "NĐ-CP", "TT-BNV", "QĐ-TTg")


@st.composite
def _legal_numbers(draw: st.DrawFn, year: Opt[int], notation: Opt[str]) -> str:
    chosen_year = check_int(
        "year", choose(draw, year, st.integers(FIRST_YEAR - 10, LAST_YEAR)), 1000, 9999
    )
    chosen = choose(draw, notation, st.sampled_from(_LEGAL_NOTATIONS))
    if not isinstance(chosen, str) or "-" not in chosen or " " in chosen:
        raise InvalidArgument(f"notation={chosen!r}: expected a notation such as 'QĐ-UBND'")
    number = draw(st.integers(1, 200))
    return f"{number:02d}/{chosen_year}/{chosen}"


def broken_documents(*, rule: str) -> st.SearchStrategy[Document]:
    """Documents that break the rule code ``rule`` (one of :data:`BREAKABLE_RULES`).

    Each is a valid generated document changed in one way a clerk gets wrong (a
    notation without its hyphen, "KT." signed by the head, a cited plan dated after
    the report, the archive line first …). Validated by the built-in rules, it has
    exactly one finding: ``result.codes() == [rule]``, whatever the code's severity;
    no other code of any severity. ``rule`` is a single code, not a strategy: a test
    needs to know which code to expect.
    """
    return _broken(rule)


@st.composite
def _broken(draw: st.DrawFn, rule: str) -> Document:
    return Document.model_validate(draw_broken(draw, rule))


def personal_names() -> st.SearchStrategy[str]:
    """A Vietnamese full name with its diacritics: "Nguyễn Văn Hùng"."""
    return _personal_names()


@st.composite
def _personal_names(draw: st.DrawFn) -> str:
    return draw_name(draw)


def issue_dates(*, status: Opt[DocumentStatus | str] = None) -> st.SearchStrategy[IssueDate]:
    """Issue dates of a document, as the decree prints them (render.date_phrase).

    ``status`` "issued" gives full dates; "draft" may leave the day, or the day and
    the month, blank ("ngày … tháng … năm 2023"). Every date is real.
    """
    return _issue_dates(status)


@st.composite
def _issue_dates(draw: st.DrawFn, status: Opt[DocumentStatus | str]) -> IssueDate:
    chosen = status_of(choose(draw, status, ANY_STATUS))
    data, _ = draw_issue_date(draw, chosen)
    return IssueDate.model_validate(data)


def _before(draw: st.DrawFn, before: Opt[dt.date]) -> dt.date:
    def default(year: int) -> dt.date:
        return dt.date(year, 12, 31)

    value = choose(draw, before, st.integers(FIRST_YEAR, LAST_YEAR).map(default))
    if not isinstance(value, dt.date):
        raise InvalidArgument(f"before={value!r}: expected a datetime.date")
    return value


def citation_dates(*, before: Opt[dt.date] = None) -> st.SearchStrategy[CalendarDate]:
    """Real dates of cited documents, up to two years before ``before`` (a date)."""
    return _citation_dates(before)


@st.composite
def _citation_dates(draw: st.DrawFn, before: Opt[dt.date]) -> CalendarDate:
    return CalendarDate.of(draw_date_before(draw, _before(draw, before), 730))


def citations(
    *, type_name: Opt[str] = None, before: Opt[dt.date] = None
) -> st.SearchStrategy[Citation]:
    """A citation, complete (number, date, issuer, subject), with its words in ``text``.

    Put ``text`` in a paragraph, followed by ",", ";", "." or the end of the paragraph,
    and the citation recogniser reads back exactly this citation. ``type_name`` is one
    of :data:`CITED_TYPES` ("Công văn", "Kế hoạch", "Nghị định", "Luật" …); ``before``
    a date the cited document is earlier than.
    """
    return _citations(type_name, before)


@st.composite
def _citations(draw: st.DrawFn, type_name: Opt[str], before: Opt[dt.date]) -> Citation:
    kind = choose(draw, type_name, _ANY_CITED_TYPE)
    if kind not in CITED_TYPES:
        raise InvalidArgument(f"type_name={kind!r}: expected one of {', '.join(CITED_TYPES)}")
    limit = _before(draw, before)
    if kind in LOCAL_KINDS:
        agency = pick(draw, AGENCIES)
        return draw_local_citation(
            draw,
            Registry(),
            type_name=kind,
            body=agency.body,
            named=True,
            before=limit,
            max_days=730,
            topic=pick(draw, TOPICS),
        )
    if kind == "Luật":
        laws = [law for law in LAWS if dt.date(law.year, law.month, law.day) < limit]
        if not laws:
            raise InvalidArgument(f"before={limit}: no law known to bcpipe.testing is earlier")
        return law_citation(pick(draw, laws))
    legal = [
        d
        for d in LEGAL_DOCUMENTS
        if d.type_name == kind and dt.date(d.date_year, d.month, d.day) < limit
    ]
    if not legal:
        raise InvalidArgument(f"type_name={kind!r}, before={limit}: no such document is earlier")
    return legal_citation(pick(draw, legal), about=pick(draw, ("về", "về việc")))


def _agency(
    draw: st.DrawFn, level: Opt[str], authority: Opt[Sequence[str]] = None
) -> tuple[Agency, tuple[str, ...]]:
    wanted_level = None if level is None else level_of(choose(draw, level, st.nothing()))
    shape = None if authority is None else shape_of(choose(draw, authority, st.nothing()))
    candidates = [
        a
        for a in AGENCIES
        if (wanted_level is None or a.level == wanted_level)
        and (shape is None or shape in a.shapes)
    ]
    if not candidates:
        raise InvalidArgument(f"no issuing body fits level={wanted_level!r}, authority={shape!r}")
    agency = pick(draw, candidates)
    return agency, shape if shape is not None else pick(draw, agency.shapes)


def issuers(*, level: Opt[str] = None) -> st.SearchStrategy[Issuer]:
    """The issuer of a document (ô 2): "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", "SỞ NỘI VỤ" under
    "UBND TỈNH BÌNH ĐỊNH"; ``level`` is "province", "district" or "commune"."""
    return _issuers(level)


@st.composite
def _issuers(draw: st.DrawFn, level: Opt[str]) -> Issuer:
    agency, _ = _agency(draw, level)
    return Issuer.model_validate(draw_issuer(draw, agency))


def signature_blocks(
    *, authority: Opt[Sequence[str]] = None, level: Opt[str] = None
) -> st.SearchStrategy[SignatureBlock]:
    """Signature blocks the signature rule accepts, for a body of ``level``.

    ``authority`` is one of :data:`AUTHORITIES`; who signs follows from it (the head,
    a deputy after KT., the chief of the office after TL. …).
    """
    return _signature_blocks(authority, level)


@st.composite
def _signature_blocks(
    draw: st.DrawFn, authority: Opt[Sequence[str]], level: Opt[str]
) -> SignatureBlock:
    agency, shape = _agency(draw, level, authority)
    return SignatureBlock.model_validate(draw_signature(draw, agency, shape))


def recipient_lists(
    *, level: Opt[str] = None, recipients: Opt[int] = None
) -> st.SearchStrategy[list[Recipient]]:
    """A "Nơi nhận" list the recipients rule accepts: named bodies (``recipients`` of
    them, 0 to 6), each once, then "Lưu: VT, <office>" last. ("Như trên" needs "Kính
    gửi" addressees, so it is left to :func:`documents`.)"""
    return _recipient_lists(level, recipients)


@st.composite
def _recipient_lists(draw: st.DrawFn, level: Opt[str], recipients: Opt[int]) -> list[Recipient]:
    agency, _ = _agency(draw, level)
    count = check_int("recipients", choose(draw, recipients, st.integers(0, 4)), 0, 6)
    named = pick_some(draw, agency.recipients, count)
    data = [{"kind": "recipient", "name": b.name} for b in named]
    return _RECIPIENTS.validate_python([*data, draw_archive(draw, agency)])


def body_trees(
    *,
    type: Opt[DocumentType | str] = None,
    max_depth: int = 4,
    max_children: int = 3,
) -> st.SearchStrategy[list[Block]]:
    """The body of a document of ``type`` that the sections rule accepts: the parts
    its profile requires in order (for a report or a plan), numbered I, II / 1, 2 /
    a, b; upper-case section headings; no empty section. Cites nothing."""
    return _body_trees(type, max_depth, max_children)


@st.composite
def _body_trees(
    draw: st.DrawFn, type: Opt[DocumentType | str], max_depth: int, max_children: int
) -> list[Block]:
    kind = document_type(choose(draw, type, ANY_COMMON_TYPE))
    depth = check_int("max_depth", max_depth, 1, 8)
    width = check_int("max_children", max_children, 1, 20)
    agency = pick(draw, AGENCIES)
    writer = Writer(
        draw,
        pick(draw, TOPICS),
        agency.where,
        agency.self_name,
        width,
        dt.date(LAST_YEAR, 12, 31),
    )
    return _BLOCKS.validate_python(draw_body(writer, kind, depth))


def body_names() -> tuple[str, ...]:
    """Every name of a body the strategies may write (issuer lines, recipients,
    addressees, cited issuers), sorted: for settings that map bodies to codes, such as
    the OrganIds an edXML exporter needs."""
    return all_body_names()
