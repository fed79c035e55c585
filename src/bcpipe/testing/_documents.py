"""Whole documents, valid under every built-in rule by construction.

:func:`draw_document` builds a document as plain data together with what it was
built from (its issuer, the bodies it names, its citations), so that
:mod:`._broken` can break a copy in a precise way.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import BaseModel

from bcpipe.doctypes import DocumentType
from bcpipe.model import Citation, Confidentiality, Document, DocumentStatus, Urgency
from bcpipe.names import same_body
from bcpipe.testing._agencies import AGENCIES, Agency, Body
from bcpipe.testing._body import Writer, draw_body
from bcpipe.testing._citations import date_words, law_citation, legal_citation, short_form
from bcpipe.testing._draws import pick, pick_some, rarely
from bcpipe.testing._options import (
    check_int,
    choose,
    document_type,
    level_of,
    shape_of,
    status_of,
)
from bcpipe.testing._parts import (
    LOCAL_KINDS,
    Registry,
    draw_archive,
    draw_issue_date,
    draw_issuer,
    draw_local_citation,
    draw_name,
    draw_signature,
)
from bcpipe.testing._text import closing_text, draw_subject, lower_first
from bcpipe.testing._vocabulary import LAWS, LEGAL_DOCUMENTS, TOPICS, Topic
from bcpipe.textutil import roman

__all__ = ["COMMON_TYPES", "Drawn", "Options", "draw_document"]

Data = dict[str, Any]

#: The types ``documents()`` draws when none is asked for, the report first.
COMMON_TYPES: tuple[DocumentType, ...] = (
    DocumentType.BAO_CAO,
    DocumentType.KE_HOACH,
    DocumentType.CONG_VAN,
    DocumentType.TO_TRINH,
    DocumentType.THONG_BAO,
    DocumentType.HUONG_DAN,
    DocumentType.CHUONG_TRINH,
    DocumentType.PHUONG_AN,
)

ANY_COMMON_TYPE = st.sampled_from(COMMON_TYPES)
ANY_STATUS = st.sampled_from(list(DocumentStatus))

MAX_RECIPIENTS = 6
MAX_ADDRESSEES = 3
MAX_REQUESTS = 3
MAX_APPENDICES = 3


@dataclass(frozen=True, slots=True)
class Options:
    """The options of ``documents()``, as given (values, strategies, or None)."""

    type: Any = None
    status: Any = None
    level: Any = None
    authority: Any = None
    addressed_to: Any = None
    requests: Any = None
    recipients: Any = None
    addressees: Any = None
    appendices: Any = None
    max_depth: Any = 4
    max_children: Any = 3
    extensions: Any = None
    # Not public, for the breakers: a report laid out in sections rather than in parts;
    # an issuer whose place line is its bare name (not "Quận 1").
    in_parts: bool | None = None
    plain_place: bool = False
    # Fields of the document set by the caller, each a value or a strategy: applied last.
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Drawn:
    """A generated document as data, and what it was made of."""

    data: Data
    agency: Agency
    kind: DocumentType
    reference: dt.date  # the day it stands for: no citation may be later
    topic: Topic
    registry: Registry
    named: list[Body] = field(default_factory=list)  # the named recipients
    addressees: list[Body] = field(default_factory=list)
    as_above: bool = False
    citations: list[Citation] = field(default_factory=list)  # every full citation


def _initial(word: str) -> str:
    first = word[0].upper()
    return first if first == "Đ" else unicodedata.normalize("NFD", first)[0]


def _initials(name: str) -> str:
    """A notation code for a body named by a user: "Sở Thông tin và Truyền thông" → STTTT."""
    letters = []
    for word in name.split():
        if word.lower() == "và":
            continue
        first = word[0]
        if first not in "Đđ":
            first = unicodedata.normalize("NFD", first)[0]
        if first.isalnum():
            letters.append(first.upper())
    return "".join(letters) or "CQ"


@lru_cache(maxsize=512)
def _candidates(
    level: str | None, shape: tuple[str, ...] | None, target: str | None, plain_place: bool
) -> tuple[Agency, ...]:
    return tuple(
        agency
        for agency in AGENCIES
        if (level is None or agency.level == level)
        and (shape is None or shape in agency.shapes)
        and not (plain_place and agency.place.place != agency.place.name)
        and (
            target is None
            or not (same_body(agency.body.name, target) or same_body(agency.self_name, target))
        )
    )


def _agency(
    draw: st.DrawFn, options: Options, target_name: str | None
) -> tuple[Agency, tuple[str, ...]]:
    level = None if options.level is None else level_of(choose(draw, options.level, st.nothing()))
    shape = (
        None
        if options.authority is None
        else shape_of(choose(draw, options.authority, st.nothing()))
    )
    candidates = _candidates(level, shape, target_name, options.plain_place)
    if not candidates:
        raise InvalidArgument(
            f"no issuing body fits level={level!r}, authority={shape!r}, "
            f"addressed_to={target_name!r} (TM. needs a People's Committee; TL. and TUQ. a "
            "province or district)"
        )
    agency = pick(draw, candidates)
    return agency, shape if shape is not None else pick(draw, agency.shapes)


def _target(name: Any, agency: Agency) -> Body | None:
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip():
        raise InvalidArgument(f"addressed_to={name!r}: expected the name of a body")
    for body in agency.recipients:
        if body.code and same_body(body.name, name):
            return body
    return Body(name.strip(), _initials(name), ("VP",))


def _pick(draw: st.DrawFn, pool: list[Body], count: int) -> list[Body]:
    """``count`` different bodies of ``pool``, in the pool's (seniority) order."""
    return pick_some(draw, pool, count)


@dataclass(slots=True)
class _Recipients:
    named: list[Body]
    addressees: list[Body]
    as_above: bool


def _recipients(
    draw: st.DrawFn,
    options: Options,
    agency: Agency,
    kind: DocumentType,
    target: Body | None,
    requests: int | None,
) -> _Recipients:
    """Who receives the document, and who "Kính gửi" addresses.

    The bodies the document needs are named first: the one it is ``addressed_to``, and
    one that issues documents when it answers requests (a request's issuer must receive
    the answer); then others, from the issuer's usual recipients, to the count asked.
    """
    pool = [b for b in agency.recipients if target is None or not same_body(b.name, target.name)]
    default_named = st.integers(1 if target or requests else 0, 4)
    named_count = check_int(
        "recipients", choose(draw, options.recipients, default_named), 0, MAX_RECIPIENTS
    )
    required = [target] if target is not None else []
    if requests and not required:
        required.append(pick(draw, [b for b in pool if b.code]))
    if named_count < len(required):
        why = "addressed_to" if target is not None else f"requests={requests}"
        raise InvalidArgument(f"recipients={named_count}: {why} needs a named recipient")
    default_addressees = {
        DocumentType.CONG_VAN: st.integers(1, 2),
        DocumentType.TO_TRINH: st.just(1),
    }
    addressee_count = check_int(
        "addressees",
        choose(draw, options.addressees, default_addressees.get(kind, st.just(0))),
        0,
        MAX_ADDRESSEES,
    )
    addressees = list(required[:1]) if addressee_count and target is not None else []
    others = [b for b in pool if b.addressable and b not in addressees]
    addressees += _pick(draw, others, addressee_count - len(addressees))
    # Without "Như trên", every addressee is a named recipient too.
    needed = addressees + [b for b in required if b not in addressees]
    as_above = bool(addressees) and (named_count < len(needed) or draw(st.booleans()))
    others = [b for b in pool if b not in required and b not in addressees]
    if as_above and len(needed) <= named_count and len(required) + len(others) < named_count:
        # Too few other bodies to name beside "Như trên": name the addressees instead.
        as_above = False
    named = list(required) if as_above else needed
    rest = [b for b in pool if b not in named and b not in addressees]
    named += _pick(draw, rest, named_count - len(named))
    order = {body: index for index, body in enumerate(pool)}
    named.sort(key=lambda body: order.get(body, -1))  # the most senior first
    return _Recipients(named, addressees, as_above)


def _legal_basis(
    draw: st.DrawFn,
    agency: Agency,
    kind: DocumentType,
    reference: dt.date,
    topic: Topic,
    registry: Registry,
) -> list[Citation]:
    """The documents a "Căn cứ" paragraph names: laws, decrees, the superior's plans."""
    defaults = {DocumentType.BAO_CAO: st.integers(0, 1), DocumentType.CONG_VAN: st.just(0)}
    count = draw(defaults.get(kind, st.integers(0, 3)))
    sources: list[tuple[str, int]] = [("law", i) for i in range(len(LAWS))]
    sources += [("legal", i) for i in range(len(LEGAL_DOCUMENTS))]
    if agency.superior is not None:
        sources += [("superior", i) for i in range(len(LOCAL_KINDS) - 1)]
    chosen = pick_some(draw, sources, count)
    # Laws first, then decrees, then local documents: the order the decree's practice uses.
    out = []
    for source, index in sorted(chosen):
        if source == "law":
            out.append(law_citation(LAWS[index]))
        elif source == "legal":
            about = pick(draw, ("về", "về việc"))
            document = LEGAL_DOCUMENTS[index]
            if about == "về việc" and document.subject.startswith("việc "):
                about = "về"
            out.append(legal_citation(document, about=about))
            registry.codes.add(out[-1].code or "")
        else:
            assert agency.superior is not None
            out.append(
                draw_local_citation(
                    draw,
                    registry,
                    type_name=LOCAL_KINDS[1 + index],  # Kế hoạch, Quyết định, Chỉ thị
                    body=agency.superior,
                    named=True,
                    before=reference,
                    max_days=700,
                    topic=topic,
                )
            )
    return out


_PURPOSE = {
    DocumentType.BAO_CAO: "báo cáo {subject} như sau:",
    DocumentType.KE_HOACH: "ban hành Kế hoạch {subject} như sau:",
    DocumentType.TO_TRINH: "kính trình nội dung {subject} như sau:",
}


def _basis(
    draw: st.DrawFn,
    drawn: Drawn,
    requesters: list[Body],
    subject: str,
) -> list[Data]:
    agency, reference = drawn.agency, drawn.reference
    legal = _legal_basis(draw, agency, drawn.kind, reference, drawn.topic, drawn.registry)
    requests = [
        draw_local_citation(
            draw,
            drawn.registry,
            type_name=pick(draw, ("Công văn", "Kế hoạch")),
            body=body,
            named=True,
            before=reference,
            max_days=90,
            topic=drawn.topic,
        )
        for body in requesters
    ]
    drawn.citations = legal + requests
    purpose = _PURPOSE.get(drawn.kind, "triển khai thực hiện như sau:").format(
        subject=lower_first(subject)
    )
    paragraphs: list[tuple[str, Citation | None]] = [(f"Căn cứ {c.text};", c) for c in legal]
    for index, citation in enumerate(requests):
        verb = pick(draw, ("Thực hiện", "Phúc đáp"))
        if index == len(requests) - 1:
            paragraphs.append((f"{verb} {citation.text}, {agency.self_name} {purpose}", citation))
        else:
            paragraphs.append((f"{verb} {citation.text};", citation))
    if legal and not requests:
        # Opened like a basis line, so that the text reader keeps it in the basis.
        paragraphs.append((f"Trên cơ sở đó, {agency.self_name} {purpose}", None))
    basis = []
    for text, cited in paragraphs:
        paragraph: Data = {"kind": "paragraph", "text": text}
        # Some agencies write the citations out as data (the sample does); the
        # recogniser then finds the same ones and adds nothing.
        if cited is not None and draw(st.booleans()):
            paragraph["citations"] = [cited.model_dump(mode="json")]
        basis.append(paragraph)
    return basis


def _requesters(
    draw: st.DrawFn, requests: int | None, named: list[Body], target: Body | None
) -> list[Body]:
    """The bodies whose requests the basis answers (the target's first)."""
    able = [b for b in named if b.code]
    count = draw(st.integers(0, min(2, len(able)))) if requests is None else requests
    first = [target] if count and target is not None and target in able else []
    return first + [pick(draw, able) for _ in range(count - len(first))]


def _marks(draw: st.DrawFn) -> Data:
    marks: Data = {}
    if rarely(draw, 10):
        marks["urgency"] = pick(draw, list(Urgency)).value
    if rarely(draw, 20):
        marks["confidentiality"] = pick(draw, list(Confidentiality)).value
    if draw(st.booleans()):
        # The drafter's initials, unaccented as clerks type them (Đ stays): "NA", "ĐT".
        marks["typist"] = "".join(_initial(word) for word in draw_name(draw).split()[-2:])
        marks["copies"] = draw(st.none() | st.integers(2, 300))
    return marks


def _appendices(
    draw: st.DrawFn, options: Options, drawn: Drawn, code: str, self_name: str
) -> list[Data]:
    kind = drawn.kind
    default = (
        st.integers(0, 1) if kind in (DocumentType.BAO_CAO, DocumentType.KE_HOACH) else st.just(0)
    )
    count = check_int("appendices", choose(draw, options.appendices, default), 0, MAX_APPENDICES)
    status = drawn.data["status"]
    out = []
    for index in range(count):
        if status == DocumentStatus.ISSUED.value:
            date = dt.date(**{k: drawn.data["issue_date"][k] for k in ("year", "month", "day")})
            reference = (
                f"(Kèm theo {kind.name_vi} số {code} ngày {date_words(date)} của {self_name})"
            )
        else:
            reference = f"(Kèm theo {kind.name_vi} của {self_name})"
        rows = [["STT", "Chỉ tiêu", "Kết quả"]]
        for row in range(draw(st.integers(1, 4))):
            area = pick(draw, drawn.topic.areas)
            rows.append([str(row + 1), area, str(draw(st.integers(0, 5000)))])
        out.append(
            {
                "number": roman(index + 1) if count > 1 else None,
                "title": f"BIỂU TỔNG HỢP KẾT QUẢ {drawn.topic.name.upper()}",
                "reference": reference,
                "body": [{"kind": "table", "header_rows": 1, "rows": rows}],
            }
        )
    return out


def draw_document(draw: st.DrawFn, options: Options) -> Drawn:
    """A document valid under every built-in rule, as data, with what it was made of."""
    kind = document_type(choose(draw, options.type, ANY_COMMON_TYPE))
    status = status_of(choose(draw, options.status, ANY_STATUS))
    max_depth = check_int("max_depth", options.max_depth, 1, 8)
    max_children = check_int("max_children", options.max_children, 1, 20)
    extensions = choose(draw, options.extensions, st.just({}))
    if not isinstance(extensions, dict):
        raise InvalidArgument(f"extensions={extensions!r}: expected a dict of plugin tables")
    target_name = (
        None if options.addressed_to is None else choose(draw, options.addressed_to, st.nothing())
    )
    agency, shape = _agency(draw, options, target_name)
    target = _target(target_name, agency)
    issue_date, reference = draw_issue_date(draw, status)
    topic = pick(draw, TOPICS)
    subject = draw_subject(draw, kind, topic, reference.year)
    # The number is given at issue; a draft's is blank (a draft with a number and a full
    # date is reported as "looks issued", BC108).
    number = draw(st.integers(1, 999)) if status is DocumentStatus.ISSUED else None
    code = agency.body.code
    assert code is not None
    if kind.abbreviation is None:
        notation = f"{code}-{pick(draw, agency.body.units)}"
    else:
        notation = f"{kind.abbreviation}-{code}"
    data: Data = {
        "type": kind.value,
        "status": status.value,
        "issuer": draw_issuer(draw, agency),
        "number": number,
        "notation": notation,
        "place": agency.place.place,
        "issue_date": issue_date,
        "subject": subject,
    }
    drawn = Drawn(data, agency, kind, reference, topic, Registry())
    requests = (
        None
        if options.requests is None
        else check_int("requests", choose(draw, options.requests, st.nothing()), 0, MAX_REQUESTS)
    )
    people = _recipients(draw, options, agency, kind, target, requests)
    drawn.named, drawn.addressees, drawn.as_above = people.named, people.addressees, people.as_above
    requesters = _requesters(draw, requests, people.named, target)
    data["addressees"] = [b.name for b in people.addressees]
    data["basis"] = _basis(draw, drawn, requesters, subject)
    writer = Writer(
        draw,
        topic,
        agency.where,
        agency.self_name,
        check_int("max_children", max_children, 1, 20),
        reference,
        drawn.registry,
        agency.body,
        [short_form(c) for c in drawn.citations if c.code is not None],
    )
    data["body"] = draw_body(writer, kind, max_depth, in_parts=options.in_parts)
    addressable = [b for b in people.named if b.addressable]
    if people.as_above:
        addressable += people.addressees
    if target is not None:
        addressee: str | None = target.name
    elif addressable and not rarely(draw, 5):
        addressee = pick(draw, addressable).name
    else:
        addressee = None
    closing = closing_text(
        draw, kind, subject=subject, self_name=agency.self_name, addressee=addressee
    )
    data["closing"] = [{"kind": "paragraph", "text": closing}]
    data["signature"] = draw_signature(draw, agency, shape)
    if status is DocumentStatus.DRAFT and rarely(draw, 6):
        data["signature"]["name"] = None  # a draft left to be signed: the name comes then
    recipients: list[Data] = [{"kind": "as_above"}] if people.as_above else []
    recipients += [{"kind": "recipient", "name": b.name} for b in people.named]
    recipients.append(draw_archive(draw, agency))
    data["recipients"] = recipients
    data["marks"] = _marks(draw)
    number_text = "" if number is None else f"{number:02d}"
    data["appendices"] = _appendices(
        draw, options, drawn, f"{number_text}/{notation}", agency.self_name
    )
    if rarely(draw, 5):
        data["contact"] = f"Điện thoại: 0256 38{draw(st.integers(10000, 99999))}"
    data["extensions"] = extensions
    for name, value in options.fields.items():
        data[name] = _field_value(draw, name, choose(draw, value, st.nothing()))
    return drawn


def _field_value(draw: st.DrawFn, name: str, value: Any) -> Any:
    """A field's override as model data (a model instance is dumped: the document is data
    until it is validated, and breakers change it as data)."""
    if name not in Document.model_fields:
        fields = ", ".join(Document.model_fields)
        raise InvalidArgument(f"{name}={value!r}: not a field of Document (fields: {fields})")
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    return value
