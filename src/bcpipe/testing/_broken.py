"""Documents that break exactly one built-in rule code, and nothing else.

Each breaker takes a valid generated document (drawn with the options it needs) and
changes it the way a clerk gets it wrong, so that validating it reports the named
code once and no other finding at all: no other code, of any severity. Codes of the
strict and style rule sets are reported by a pipeline that selects them
(``Pipeline(select=["all"])``), not by the default one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from bcpipe.doctypes import DocumentType
from bcpipe.model import MOTTO_COUNTRY, MOTTO_TAGLINE, IssueDate
from bcpipe.names import same_body
from bcpipe.testing._agencies import AGENCIES, Body
from bcpipe.testing._broken_decisions import DECISION_BREAKERS, DecisionBreaker
from bcpipe.testing._citations import date_words, numbered_citation, short_form
from bcpipe.testing._decisions import draw_decision
from bcpipe.testing._documents import Drawn, Options, draw_document
from bcpipe.testing._draws import pick
from bcpipe.testing._parts import draw_date_before, draw_local_citation
from bcpipe.testing._text import PART_HEADINGS, Role, layout_of
from bcpipe.textutil import roman

__all__ = ["BREAKERS", "DECISION_BREAKERS", "UNBREAKABLE_RULES", "Breaker"]

Data = dict[str, Any]
Change = Callable[[st.DrawFn, Drawn], None]


@dataclass(frozen=True, slots=True)
class Breaker:
    """How to break one code: the options of the document to start from, and the change."""

    change: Change
    options: Options = field(default_factory=Options)


_TYPED = [t for t in (DocumentType.BAO_CAO, DocumentType.KE_HOACH, DocumentType.TO_TRINH)]
_SECTIONED = (
    DocumentType.BAO_CAO,
    DocumentType.KE_HOACH,
    DocumentType.TO_TRINH,
    DocumentType.HUONG_DAN,
)
_PROFILED = (DocumentType.BAO_CAO, DocumentType.KE_HOACH)
_TYPE_CODES = sorted({t.abbreviation for t in DocumentType if t.abbreviation})


def _own_abbreviation(drawn: Drawn) -> str:
    """Give the issuer its abbreviation (the notation changes below must not change the
    code the citations rule takes for the issuer's own)."""
    code = drawn.agency.body.code
    assert code is not None
    drawn.data["issuer"]["abbreviation"] = code
    return code


# -- header (BC101-BC111) ---------------------------------------------------------------


def _notation_of_another_type(draw: st.DrawFn, drawn: Drawn) -> None:
    own = drawn.kind.abbreviation
    other = pick(draw, [c for c in _TYPE_CODES if c != own])
    drawn.data["notation"] = f"{other}-{drawn.data['notation'].split('-', 1)[1]}"


def _letter_with_type_code(draw: st.DrawFn, drawn: Drawn) -> None:
    code = _own_abbreviation(drawn)
    drawn.data["notation"] = f"{pick(draw, _TYPE_CODES)}-{code}"


def _notation_without_hyphen(draw: st.DrawFn, drawn: Drawn) -> None:
    _own_abbreviation(drawn)
    drawn.data["notation"] = drawn.data["notation"].replace("-", "")


def _notation_of_another_issuer(draw: st.DrawFn, drawn: Drawn) -> None:
    code = _own_abbreviation(drawn)
    other = pick(draw, [c for c in ("VPUB", "VPHĐND", "TTHC") if c != code])
    kind = drawn.kind.abbreviation
    drawn.data["notation"] = f"{kind}-{other}" if kind else f"{other}-TH"


def _impossible_date(draw: st.DrawFn, drawn: Drawn) -> None:
    year = drawn.reference.year
    if drawn.data["status"] == "draft" and draw(st.booleans()):
        drawn.data["issue_date"] = {"day": None, "month": 13, "year": year}
        return
    day, month = pick(draw, [(31, 4), (31, 6), (31, 9), (31, 11), (30, 2), (31, 2)])
    drawn.data["issue_date"] = {"day": day, "month": month, "year": year}


def _issued_without_number(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["number"] = None


def _issued_without_day(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["issue_date"]["day"] = None


def _issued_unsigned(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["signature"]["name"] = None


def _invitation_without_subject(draw: st.DrawFn, drawn: Drawn) -> None:
    groups = drawn.data["notation"].split("-")
    if groups[0] in _TYPE_CODES:  # a công văn's notation has no type code to replace
        groups = groups[1:]
    drawn.data["type"] = "giay_moi"
    drawn.data["notation"] = "-".join(["GM", *groups])
    drawn.data["subject"] = None


def _draft_that_looks_issued(draw: st.DrawFn, drawn: Drawn) -> None:
    ref = drawn.reference
    drawn.data["number"] = draw(st.integers(1, 999))
    drawn.data["issue_date"] = {"day": ref.day, "month": ref.month, "year": ref.year}


def _no_year(draw: st.DrawFn, drawn: Drawn) -> None:
    month = drawn.reference.month if draw(st.booleans()) else None
    drawn.data["issue_date"] = {"day": None, "month": month, "year": None}


def _place_with_its_kind(draw: st.DrawFn, drawn: Drawn) -> None:
    unit = drawn.agency.place
    drawn.data["place"] = f"{unit.kind} {unit.name}"


def _wrong_motto(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["motto"] = pick(
        draw,
        [
            {"country": MOTTO_COUNTRY, "tagline": "Độc lập – Tự do – Hạnh phúc"},
            {"country": MOTTO_COUNTRY, "tagline": "Độc lập - Tự do - Hạnh Phúc"},
            {"country": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.", "tagline": MOTTO_TAGLINE},
            {"country": "Cộng hòa xã hội chủ nghĩa Việt Nam", "tagline": MOTTO_TAGLINE},
        ],
    )


# -- signature (BC120-BC127) -----------------------------------------------------------

UB = "ỦY BAN NHÂN DÂN"
_SIGNATURES: dict[str, list[tuple[list[tuple[str, str]], str | None]]] = {
    "BC120": [
        ([("KT.", UB)], "PHÓ CHỦ TỊCH"),
        ([("TL.", UB)], "CHÁNH VĂN PHÒNG"),
        ([("Q.", "HỘI ĐỒNG NHÂN DÂN")], None),
    ],
    "BC121": [
        ([("TM.", UB), ("KT.", "CHỦ TỊCH")], "CHỦ TỊCH"),
        ([("KT.", "GIÁM ĐỐC")], "CHÁNH VĂN PHÒNG"),
        ([("KT.", "GIÁM ĐỐC")], "GIÁM ĐỐC"),
    ],
    "BC122": [([("TM.", "GIÁM ĐỐC")], "GIÁM ĐỐC"), ([("TM.", "SỞ TÀI CHÍNH")], "GIÁM ĐỐC")],
    "BC123": [
        ([("TM.", UB), ("TM.", UB)], "CHỦ TỊCH"),
        ([("KT.", "GIÁM ĐỐC"), ("TL.", "GIÁM ĐỐC")], "CHÁNH VĂN PHÒNG"),
        ([("TM.", UB), ("TL.", "CHỦ TỊCH"), ("TUQ.", "CHỦ TỊCH"), ("Q.", "CHỦ TỊCH")], None),
    ],
    "BC124": [([("TM.", UB)], None), ([], None), ([("KT.", "CHỦ TỊCH")], None)],
    "BC126": [
        ([("TM.", UB)], "PHÓ CHỦ TỊCH"),
        ([], "PHÓ GIÁM ĐỐC"),
        ([("TL.", "GIÁM ĐỐC")], "PHÓ CHÁNH VĂN PHÒNG"),
    ],
    "BC127": [
        ([("KT.", "CHỦ TỊCH")], "PHÓ GIÁM ĐỐC"),
        ([("KT.", "GIÁM ĐỐC")], "PHÓ CHỦ TỊCH"),
        ([("KT.", "BỘ TRƯỞNG")], "PHÓ GIÁM ĐỐC"),
    ],
}
_HONORIFICS = ("TS.", "ThS.", "PGS.", "GS.", "BS.", "KS.", "Đ/c", "Đồng chí")


def _signed(code: str) -> Change:
    def change(draw: st.DrawFn, drawn: Drawn) -> None:
        lines, position = pick(draw, _SIGNATURES[code])
        signature = drawn.data["signature"]
        signature["authority"] = [{"prefix": p, "title": t} for p, t in lines]
        signature["position"] = position

    return change


def _honorific(draw: st.DrawFn, drawn: Drawn) -> None:
    signature = drawn.data["signature"]
    signature["name"] = f"{pick(draw, _HONORIFICS)} {signature['name']}"


# -- citations (BC201-BC211) -----------------------------------------------------------


def _cite_first(drawn: Drawn, *texts: str, citations: list[Data] | None = None) -> None:
    """Put ``texts`` as the first paragraphs of the basis (the first citations read)."""
    paragraphs: list[Data] = [{"kind": "paragraph", "text": text} for text in texts]
    if citations is not None:
        paragraphs[0]["citations"] = citations
    drawn.data["basis"] = paragraphs + drawn.data["basis"]


def _issuing(drawn: Drawn) -> Body:
    """A body whose plans this document may cite as a legal basis ("Căn cứ")."""
    return drawn.agency.superior or drawn.agency.body


def _plan(draw: st.DrawFn, drawn: Drawn, *, max_days: int = 300) -> Any:
    return draw_local_citation(
        draw,
        drawn.registry,
        type_name="Kế hoạch",
        body=_issuing(drawn),
        named=True,
        before=drawn.reference,
        max_days=max_days,
        topic=drawn.topic,
    )


def _fresh_plan_code(draw: st.DrawFn, drawn: Drawn) -> tuple[str, str]:
    """A number and notation no citation of the document uses yet."""
    code = _issuing(drawn).code
    assert code is not None
    notation = f"KH-{code}"
    return drawn.registry.fresh(draw, notation), notation


def _subject(drawn: Drawn) -> str:
    return f"triển khai {drawn.topic.name}"


def _unreadable(draw: st.DrawFn, drawn: Drawn) -> None:
    number, notation = _fresh_plan_code(draw, drawn)
    kind, code = notation.split("-")
    when = date_words(draw_date_before(draw, drawn.reference, 300))
    words = pick(draw, [f"{number}/{kind} {code}", f"{number} {kind}-{code}"])
    issuer = _issuing(drawn).name
    _cite_first(drawn, f"Căn cứ Kế hoạch số {words} ngày {when} của {issuer};")


def _citation_with_bad_date(draw: st.DrawFn, drawn: Drawn) -> None:
    number, notation = _fresh_plan_code(draw, drawn)
    day, month = pick(draw, [(31, 4), (31, 6), (30, 2), (31, 11)])
    year = drawn.reference.year - 1
    text = (
        f"Căn cứ Kế hoạch số {number}/{notation} ngày {day}/{month}/{year} của "
        f"{_issuing(drawn).name} về việc {_subject(drawn)};"
    )
    _cite_first(drawn, text)


def _type_code_mismatch(draw: st.DrawFn, drawn: Drawn) -> None:
    body = _issuing(drawn)
    date = draw_date_before(draw, drawn.reference, 300)
    if draw(st.booleans()):
        notation = f"QĐ-{body.code}"
        kind = "Kế hoạch"
    else:
        notation = f"KH-{pick(draw, body.units)}"
        kind = "Công văn"
    cited = numbered_citation(
        kind,
        drawn.registry.fresh(draw, notation),
        notation,
        date=date,
        issuer=body.name,
        subject=_subject(drawn),
    )
    _cite_first(drawn, f"Căn cứ {cited.text};")


def _cited_after(draw: st.DrawFn, drawn: Drawn) -> None:
    latest = IssueDate.model_validate(drawn.data["issue_date"]).latest_possible()
    assert latest is not None
    date = latest + dt.timedelta(days=draw(st.integers(1, 300)))
    number, notation = _fresh_plan_code(draw, drawn)
    cited = numbered_citation(
        "Kế hoạch",
        number,
        notation,
        date=date,
        issuer=_issuing(drawn).name,
        subject=_subject(drawn),
    )
    _cite_first(drawn, f"Căn cứ {cited.text};")


def _partial(draw: st.DrawFn, drawn: Drawn, *, date: bool, subject: bool, issuer: bool) -> str:
    number, notation = _fresh_plan_code(draw, drawn)
    if not issuer:  # the notation then names another body than the issuer
        own = drawn.data["issuer"]["abbreviation"] or drawn.agency.body.code
        other = pick(draw, [c for c in ("STTTT", "SNV", "UBND") if c != own])
        notation = f"KH-{other}"
        number = drawn.registry.fresh(draw, notation)
    cited = numbered_citation(
        "Kế hoạch",
        number,
        notation,
        date=draw_date_before(draw, drawn.reference, 300) if date else None,
        issuer=_issuing(drawn).name if issuer else None,
        subject=_subject(drawn) if subject else None,
    )
    return f"Căn cứ {cited.text};"


def _no_date(draw: st.DrawFn, drawn: Drawn) -> None:
    _cite_first(drawn, _partial(draw, drawn, date=False, subject=True, issuer=True))


def _no_subject(draw: st.DrawFn, drawn: Drawn) -> None:
    _cite_first(drawn, _partial(draw, drawn, date=True, subject=False, issuer=True))


def _issuer_omitted(draw: st.DrawFn, drawn: Drawn) -> None:
    _cite_first(drawn, _partial(draw, drawn, date=True, subject=True, issuer=False))


def _two_dates(draw: st.DrawFn, drawn: Drawn) -> None:
    first = _plan(draw, drawn)
    other = first.date.to_date() - dt.timedelta(days=draw(st.integers(1, 60)))
    again = f"{short_form(first).text} ngày {date_words(other)}"
    _cite_first(drawn, f"Căn cứ {first.text};", f"Căn cứ {again};")


def _unreadable_date(draw: st.DrawFn, drawn: Drawn) -> None:
    first = _plan(draw, drawn)
    day, month, year = first.date.day, first.date.month, first.date.year
    words = pick(draw, [f"{day}/{month}/{year % 100:02d}", f"{day}-{month}", "…/…/…"])
    _cite_first(drawn, f"Căn cứ {first.text};", f"Căn cứ {short_form(first).text} ngày {words};")


def _year_mismatch(draw: st.DrawFn, drawn: Drawn) -> None:
    date = draw_date_before(draw, drawn.reference, 700)
    year = date.year - draw(st.integers(1, 2))
    cited = numbered_citation(
        "Nghị định",
        drawn.registry.fresh(draw, "NĐ-CP", year),
        "NĐ-CP",
        year=year,
        date=date,
        issuer="Chính phủ",
        subject=f"quy định chi tiết {drawn.topic.name}",
    )
    _cite_first(drawn, f"Căn cứ {cited.text};")


def _data_disagrees(draw: st.DrawFn, drawn: Drawn) -> None:
    cited = _plan(draw, drawn)
    assert cited.notation is not None
    wrong = cited.model_copy(update={"number": drawn.registry.fresh(draw, cited.notation)})
    _cite_first(drawn, f"Căn cứ {cited.text};", citations=[wrong.model_dump(mode="json")])


# -- recipients (BC301-BC311) ----------------------------------------------------------


def _archive_index(drawn: Drawn) -> int:
    recipients = drawn.data["recipients"]
    return next(i for i, r in enumerate(recipients) if r["kind"] == "archive")


def _no_recipients(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["recipients"] = []


def _no_archive(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["recipients"].pop(_archive_index(drawn))


def _archive_first(draw: st.DrawFn, drawn: Drawn) -> None:
    recipients = drawn.data["recipients"]
    recipients.insert(0, recipients.pop(_archive_index(drawn)))


def _archive_without_vt(draw: st.DrawFn, drawn: Drawn) -> None:
    archive = drawn.data["recipients"][_archive_index(drawn)]
    unit = archive["holders"][1]
    archive["holders"] = pick(draw, [[unit], [unit, "VT"]])


def _archive_without_unit(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["recipients"][_archive_index(drawn)]["holders"] = ["VT"]


def _stranger(draw: st.DrawFn, drawn: Drawn, *, issuing: bool = False) -> Body:
    """A body the document does not send a copy to (nor address with "Như trên")."""
    known = [b.name for b in drawn.named]
    if drawn.as_above:
        known += [b.name for b in drawn.addressees]
    known.append(drawn.agency.body.name)
    strangers = [
        body
        for body in _BODIES
        if (body.code or not issuing) and not any(same_body(body.name, name) for name in known)
    ]
    return pick(draw, strangers)


def _addressable_bodies() -> tuple[Body, ...]:
    seen: dict[str, Body] = {}
    for agency in AGENCIES:
        for body in (agency.body, *agency.recipients):
            if body.addressable:
                seen.setdefault(body.name, body)
    return tuple(seen.values())


_BODIES = _addressable_bodies()


def _closing_to_a_stranger(draw: st.DrawFn, drawn: Drawn) -> None:
    stranger = _stranger(draw, drawn)
    drawn.data["closing"] = [{"kind": "paragraph", "text": f"Kính báo cáo {stranger.name} biết./."}]


def _request_of_a_stranger(draw: st.DrawFn, drawn: Drawn) -> None:
    stranger = _stranger(draw, drawn, issuing=True)
    cited = draw_local_citation(
        draw,
        drawn.registry,
        type_name="Công văn",
        body=stranger,
        named=True,
        before=drawn.reference,
        max_days=90,
        topic=drawn.topic,
    )
    # A letter "Kính gửi" others may carry a request out by writing to them: only a
    # reply ("Phúc đáp") answers its issuer there.
    verb = "Phúc đáp" if drawn.data.get("addressees") else "Thực hiện"
    _cite_first(drawn, f"{verb} {cited.text};")


_SPELLED_OUT = {"UBND ": "Ủy ban nhân dân ", "HĐND ": "Hội đồng nhân dân "}


def _listed_twice(draw: st.DrawFn, drawn: Drawn) -> None:
    recipients = drawn.data["recipients"]
    named = [i for i, r in enumerate(recipients) if r["kind"] == "recipient"]
    index = pick(draw, named)
    name = recipients[index]["name"]
    for short, full in _SPELLED_OUT.items():
        name = name.replace(short, full)
    recipients.insert(index + 1, {"kind": "recipient", "name": name})


def _as_above_without_addressees(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["recipients"].insert(0, {"kind": "as_above"})


def _archive_twice(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["recipients"].append({"kind": "archive", "holders": ["VT", "VP"]})


def _addressee_not_recipient(draw: st.DrawFn, drawn: Drawn) -> None:
    drawn.data["addressees"] = [_stranger(draw, drawn).name]


# -- sections (BC401-BC407) ------------------------------------------------------------


def _role(section: Data, roles: tuple[Role, ...]) -> Role | None:
    return next((r for r in roles if section.get("heading") in PART_HEADINGS[r]), None)


def _renumber(body: list[Data]) -> None:
    sections = [b for b in body if b["kind"] == "section"]
    for index, section in enumerate(sections):
        section["number"] = roman(index + 1)


def _required_part_missing(draw: st.DrawFn, drawn: Drawn) -> None:
    body = drawn.data["body"]
    roles = layout_of(drawn.kind).roles
    role = pick(draw, roles)
    drawn.data["body"] = [b for b in body if _role(b, roles) != role]
    _renumber(drawn.data["body"])


def _parts_swapped(draw: st.DrawFn, drawn: Drawn) -> None:
    body = drawn.data["body"]
    roles = layout_of(drawn.kind).roles
    first = draw(st.integers(0, len(roles) - 2))
    a = next(i for i, b in enumerate(body) if _role(b, roles) == roles[first])
    b = next(i for i, b in enumerate(body) if _role(b, roles) == roles[first + 1])
    body[a], body[b] = body[b], body[a]
    _renumber(body)


def _sections(body: list[Data]) -> list[Data]:
    found = []
    for block in body:
        if block["kind"] == "section":
            found.append(block)
        elif block["kind"] == "part":
            found.extend(_sections(block["children"]))
    return found


def _numbering_gap(draw: st.DrawFn, drawn: Drawn) -> None:
    sections = [b for b in drawn.data["body"] if b["kind"] == "section"]
    sections[-1]["number"] = roman(len(sections) + 1)


def _section_without_heading(draw: st.DrawFn, drawn: Drawn) -> None:
    body = drawn.data["body"]
    count = sum(1 for b in body if b["kind"] == "section")
    text = "Các nội dung khác thực hiện theo quy định hiện hành."
    body.append(
        {
            "kind": "section",
            "number": roman(count + 1),
            "children": [{"kind": "paragraph", "text": text}],
        }
    )


def _no_end_mark(draw: st.DrawFn, drawn: Drawn) -> None:
    last = drawn.data["closing"][-1]
    last["text"] = last["text"].removesuffix("./.") + "."


def _heading_in_sentence_case(draw: st.DrawFn, drawn: Drawn) -> None:
    section = pick(draw, _sections(drawn.data["body"]))
    heading = section["heading"]
    section["heading"] = heading[0] + heading[1:].lower()


def _empty_section(draw: st.DrawFn, drawn: Drawn) -> None:
    pick(draw, _sections(drawn.data["body"]))["children"] = []


# -- the table ---------------------------------------------------------------------------

_ISSUED = Options(status="issued")
_DRAFT = Options(status="draft")
_WITH_RECIPIENTS = Options(recipients=st.integers(1, 4))
_NO_ADDRESSEES = Options(addressees=0)
_IN_SECTIONS = Options(type=st.sampled_from(_SECTIONED), in_parts=False)
_PROFILE = Options(type=st.sampled_from(_PROFILED), in_parts=False)
_PLAIN_PLACE = Options(plain_place=True)

BREAKERS: dict[str, Breaker] = {
    "BC101": Breaker(_notation_of_another_type, Options(type=st.sampled_from(_TYPED))),
    "BC102": Breaker(_letter_with_type_code, Options(type=DocumentType.CONG_VAN)),
    "BC103": Breaker(_notation_without_hyphen),
    "BC104": Breaker(_notation_of_another_issuer),
    "BC105": Breaker(_impossible_date),
    "BC106": Breaker(_issued_without_number, _ISSUED),
    "BC107": Breaker(_issued_without_day, _ISSUED),
    "BC108": Breaker(_draft_that_looks_issued, _DRAFT),
    "BC109": Breaker(_no_year, _DRAFT),
    "BC110": Breaker(_place_with_its_kind, _PLAIN_PLACE),
    "BC111": Breaker(_wrong_motto),
    "BC112": Breaker(_invitation_without_subject),
    **{code: Breaker(_signed(code)) for code in sorted(_SIGNATURES)},
    "BC125": Breaker(_honorific),
    "BC128": Breaker(_issued_unsigned, _ISSUED),
    "BC201": Breaker(_unreadable),
    "BC202": Breaker(_citation_with_bad_date),
    "BC203": Breaker(_type_code_mismatch),
    "BC204": Breaker(_cited_after),
    "BC205": Breaker(_no_date),
    "BC206": Breaker(_no_subject),
    "BC207": Breaker(_issuer_omitted),
    "BC208": Breaker(_two_dates),
    "BC209": Breaker(_unreadable_date),
    "BC210": Breaker(_year_mismatch),
    "BC211": Breaker(_data_disagrees),
    "BC301": Breaker(_no_recipients),
    "BC302": Breaker(_no_archive, _WITH_RECIPIENTS),
    "BC303": Breaker(_archive_first, _WITH_RECIPIENTS),
    "BC304": Breaker(_archive_without_vt),
    "BC305": Breaker(_archive_without_unit),
    "BC306": Breaker(_closing_to_a_stranger),
    "BC307": Breaker(_request_of_a_stranger),
    "BC308": Breaker(_listed_twice, _WITH_RECIPIENTS),
    "BC309": Breaker(_as_above_without_addressees, _NO_ADDRESSEES),
    "BC310": Breaker(_archive_twice),
    "BC311": Breaker(_addressee_not_recipient, _NO_ADDRESSEES),
    "BC401": Breaker(_required_part_missing, _PROFILE),
    "BC402": Breaker(_numbering_gap, _IN_SECTIONS),
    "BC403": Breaker(_section_without_heading),
    "BC404": Breaker(_no_end_mark),
    "BC405": Breaker(_parts_swapped, _PROFILE),
    "BC406": Breaker(_heading_in_sentence_case, _IN_SECTIONS),
    "BC407": Breaker(_empty_section, _IN_SECTIONS),
}

#: Codes no document can trigger by itself, and why. (Loaders' codes, such as the text
#: reader's BC5xx, describe the file a document is read from: they come from text, not
#: data.)
UNBREAKABLE_RULES: dict[str, str] = {
    "BC900": "a rule plugin raised an exception: a fault of the plugin, not of the document",
    "BC901": "a plugin could not be imported: a fault of the installation",
    "BC902": "a plugin's hook failed while contributing components: a fault of the plugin",
    "BC903": "a transform raised an exception: a fault of the plugin, not of the document",
    "BC601": "reported only with [edxml.organs] settings: a body without a code is a gap "
    "in the settings, not in the document",
    "BC602": "reported only with [edxml.organs] settings: a recipient without a code is a "
    "gap in the settings, not in the document",
    "BC408": "reported only for a profile part the settings mark required: the built-in "
    "profiles require none",
}


def breaker_for(rule: Any, registered: Sequence[str] = ()) -> Breaker | DecisionBreaker:
    if rule in UNBREAKABLE_RULES:
        raise InvalidArgument(
            f"rule={rule!r} cannot be broken by a document: {UNBREAKABLE_RULES[rule]}"
        )
    if isinstance(rule, str) and rule in DECISION_BREAKERS:
        return DECISION_BREAKERS[rule]
    if not isinstance(rule, str) or rule not in BREAKERS:
        codes = ", ".join(sorted({*BREAKERS, *DECISION_BREAKERS}))
        others = f"; registered: {', '.join(registered)}" if registered else ""
        raise InvalidArgument(
            f"rule={rule!r}: expected one of the codes in BREAKABLE_RULES ({codes})"
            f"{others}, or a code given to register_breaker() first"
        )
    return BREAKERS[rule]


def draw_broken(draw: st.DrawFn, rule: Any, registered: Sequence[str] = ()) -> Data:
    breaker = breaker_for(rule, registered)
    if isinstance(breaker, DecisionBreaker):
        data = draw_decision(draw, breaker.options)
        breaker.change(draw, data)
        return data
    drawn = draw_document(draw, breaker.options)
    breaker.change(draw, drawn)
    return drawn.data


__all__ += ["breaker_for", "draw_broken"]
