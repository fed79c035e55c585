"""Decisions (quyết định): the enacting line, "Căn cứ" lines, articles, "Như Điều N", and
the regulation (quy chế) a decision may issue, in chapters, sections and articles.

Built as plain data, valid under every built-in rule by construction, the way real
People's Committee and department decisions are written (PL III Mẫu 1.2-1.3):

- the enacting authority under the subject is the head and the body ("CHỦ TỊCH ỦY BAN
  NHÂN DÂN HUYỆN TUY PHƯỚC") when the head or his deputy signs, the body alone when the
  decision is signed "TM." for the collective;
- the basis lines open with "Căn cứ" and end with ";", the last one "Xét đề nghị …"
  or a "Căn cứ" line ending with ".";
- the last article charges the bodies that carry the decision out, and "Như Điều N"
  names it first among the recipients;
- a legal-normative decision's number carries its issue year ("15/2023/QĐ-UBND").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from bcpipe.doctypes import DocumentType
from bcpipe.model import Citation, DocumentStatus
from bcpipe.testing._agencies import AGENCIES, Agency
from bcpipe.testing._body import POINT_LETTERS
from bcpipe.testing._citations import date_words, law_citation
from bcpipe.testing._documents import ANY_STATUS, _legal_basis
from bcpipe.testing._draws import pick, pick_some, rarely
from bcpipe.testing._options import choose, level_of, shape_of, status_of
from bcpipe.testing._parts import (
    Registry,
    draw_archive,
    draw_issue_date,
    draw_issuer,
    draw_name,
    draw_signature,
)
from bcpipe.testing._text import draw_sentence, lower_first
from bcpipe.testing._vocabulary import LAWS, TOPICS, Topic
from bcpipe.textutil import roman

__all__ = ["DECISION_AUTHORITIES", "DecisionOptions", "draw_decision", "enacting_authority"]

Data = dict[str, Any]

#: The signing authorities of a decision: the head, his deputy, or for the collective.
DECISION_AUTHORITIES: tuple[tuple[str, ...], ...] = ((), ("KT.",), ("TM.",), ("TM.", "KT."))
ENACTING_WORD = "QUYẾT ĐỊNH"
REGULATION_TYPES = ("QUY CHẾ", "QUY ĐỊNH")


@dataclass(frozen=True, slots=True)
class DecisionOptions:
    """The options of ``decisions()``, as given (values, strategies, or None)."""

    status: Any = None
    level: Any = None
    authority: Any = None
    regulation: Any = None
    legal_normative: Any = None


def enacting_authority(agency: Agency, shape: tuple[str, ...]) -> str:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC" (the head enacts), or the body alone
    when the decision is the collective's ("TM. ỦY BAN NHÂN DÂN")."""
    if "TM." in shape:
        return agency.formal
    return f"{agency.head} {agency.formal}"


def _agencies(level: str | None, shape: tuple[str, ...] | None, legal: bool | None) -> list[Agency]:
    return [
        a
        for a in AGENCIES
        if a.kind in ("ubnd", "so")
        and (level is None or a.level == level)
        and (shape is None or shape in a.shapes)
        # Only a People's Committee (or Council) issues legal-normative documents.
        and not (legal and a.kind != "ubnd")
    ]


def _proposer(agency: Agency) -> str:
    """Who proposed the decision ("Xét đề nghị của …")."""
    if agency.kind == "so":
        return "Chánh Văn phòng Sở"
    if agency.level == "province":
        return "Giám đốc Sở Nội vụ"
    if agency.level == "district":
        return "Trưởng phòng Nội vụ"
    return f"công chức Văn phòng - Thống kê {agency.territory}"


def _executors(agency: Agency) -> str:
    """Who carries the decision out, as the last article names them."""
    if agency.kind == "so":
        return "Chánh Văn phòng Sở, Trưởng các phòng chuyên môn thuộc Sở"
    if agency.level == "province":
        return (
            "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở, ban, ngành tỉnh, Chủ tịch UBND các "
            "huyện, thị xã, thành phố"
        )
    if agency.level == "district":
        return (
            f"Chánh Văn phòng HĐND và UBND {agency.territory}, Trưởng các phòng, ban thuộc UBND "
            f"{agency.territory}, Chủ tịch UBND các xã, thị trấn"
        )
    return f"Công chức Văn phòng - Thống kê {agency.territory}, các ban, ngành, đoàn thể"


def _basis(
    draw: st.DrawFn, agency: Agency, reference: dt.date, topic: Topic
) -> tuple[list[Data], Registry]:
    registry = Registry()
    legal = _legal_basis(draw, agency, DocumentType.QUYET_DINH, reference, topic, registry)
    first = law_citation(LAWS[0])  # every local decision rests on the local-government law
    cited: list[Citation] = [first, *[c for c in legal if c.text != first.text]]
    lines = [f"Căn cứ {c.text};" for c in cited]
    if draw(st.booleans()):
        lines.append(f"{pick(draw, ('Xét đề nghị', 'Theo đề nghị'))} của {_proposer(agency)}.")
    else:
        lines[-1] = lines[-1][:-1] + "."
    basis = []
    for text, citation in zip(lines, [*cited, None], strict=False):
        paragraph: Data = {"kind": "paragraph", "text": text}
        if citation is not None and draw(st.booleans()):
            paragraph["citations"] = [citation.model_dump(mode="json")]
        basis.append(paragraph)
    return basis, registry


def _sentence(draw: st.DrawFn, agency: Agency, topic: Topic) -> str:
    return draw_sentence(
        draw, "content", topic=topic, where=agency.where, self_name=agency.self_name
    )


def _points(draw: st.DrawFn, agency: Agency, topic: Topic, count: int) -> list[Data]:
    texts = [lower_first(_sentence(draw, agency, topic)).rstrip(".") for _ in range(count)]
    return [
        {
            "kind": "point",
            "number": POINT_LETTERS[i],
            "text": f"{text[:1].upper()}{text[1:]}{'.' if i == count - 1 else ';'}",
        }
        for i, text in enumerate(texts)
    ]


def _clauses(draw: st.DrawFn, agency: Agency, topic: Topic, count: int) -> list[Data]:
    out = []
    for index in range(count):
        clause: Data = {"kind": "clause", "number": str(index + 1)}
        clause["text"] = _sentence(draw, agency, topic)
        if rarely(draw, 3):
            # A clause's words over its points are its heading, as every reader reads
            # them (the text round trip would change a "text" with children).
            clause["heading"] = clause.pop("text").rstrip(".") + ", gồm:"
            clause["children"] = _points(draw, agency, topic, draw(st.integers(2, 3)))
        out.append(clause)
    return out


def _team(draw: st.DrawFn, agency: Agency, topic: Topic) -> list[Data]:
    """Điều 1 and 2 of a decision that sets up a working group."""
    roles = ("Tổ trưởng", "Tổ phó", "Thành viên", "Thành viên")
    count = draw(st.integers(2, 4))
    members = []
    for index in range(count):
        title = pick(draw, ("Ông", "Bà"))
        ending = "." if index == count - 1 else ";"
        members.append(
            {
                "kind": "clause",
                "number": str(index + 1),
                "text": f"{title} {draw_name(draw)}, {pick(draw, _POSTS)} - {roles[index]}{ending}",
            }
        )
    first = {
        "kind": "article",
        "number": 1,
        "text": f"Thành lập Tổ công tác {topic.name} (sau đây gọi tắt là Tổ công tác), gồm "
        "các ông, bà có tên sau:",
        "children": members,
    }
    second = {
        "kind": "article",
        "number": 2,
        "text": "Tổ công tác có nhiệm vụ:",
        "children": _points(draw, agency, topic, draw(st.integers(2, 3))),
    }
    return [first, second]


_POSTS = ("Phó Chủ tịch UBND", "Trưởng phòng Nội vụ", "Chánh Văn phòng", "chuyên viên")


def _regulation_body(
    draw: st.DrawFn, agency: Agency, topic: Topic, title: str, words: str
) -> list[Data]:
    """A regulation in chapters: general rules, the substance (in sections or not), and
    implementation; articles numbered on across chapters."""
    number = 0

    def article(heading: str, children: list[Data]) -> Data:
        nonlocal number
        number += 1
        return {"kind": "article", "number": number, "heading": heading, "children": children}

    def paragraph(text: str) -> Data:
        return {"kind": "paragraph", "text": text}

    general = [
        article(
            "Phạm vi điều chỉnh", [paragraph(f"{words} này quy định về {lower_first(title)}.")]
        ),
        article(
            "Đối tượng áp dụng",
            [paragraph(f"{words} này áp dụng đối với các cơ quan, đơn vị {agency.where}.")],
        ),
    ]
    areas = pick_some(draw, list(topic.areas), min(len(topic.areas), draw(st.integers(1, 4))))
    substance: list[Data]
    if len(areas) > 1 and draw(st.booleans()):
        half = (len(areas) + 1) // 2
        substance = [
            {
                "kind": "regulation_section",
                "number": index + 1,
                "heading": group[0].upper(),
                "children": [
                    article(area, _clauses(draw, agency, topic, draw(st.integers(1, 3))))
                    for area in group
                ],
            }
            for index, group in enumerate((areas[:half], areas[half:]))
        ]
    else:
        substance = [
            article(area, _clauses(draw, agency, topic, draw(st.integers(1, 3)))) for area in areas
        ]
    closing = [
        article(
            "Trách nhiệm thi hành",
            [
                paragraph(
                    f"Các cơ quan, đơn vị {agency.where} có trách nhiệm thực hiện {words} này."
                )
            ],
        ),
        article(
            "Sửa đổi, bổ sung",
            [
                paragraph(
                    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
                    f"phản ánh về {agency.self_name} để xem xét, sửa đổi, bổ sung cho phù hợp./."
                )
            ],
        ),
    ]
    chapters = (
        ("QUY ĐỊNH CHUNG", general),
        (pick(draw, ("NHIỆM VỤ, QUYỀN HẠN", "NỘI DUNG CỤ THỂ")), substance),
        ("TỔ CHỨC THỰC HIỆN", closing),
    )
    return [
        {"kind": "chapter", "number": roman(index + 1), "heading": heading, "children": children}
        for index, (heading, children) in enumerate(chapters)
    ]


def draw_decision(draw: st.DrawFn, options: DecisionOptions) -> Data:
    """A decision as data, valid under every built-in rule."""
    status = status_of(choose(draw, options.status, ANY_STATUS))
    level = None if options.level is None else level_of(choose(draw, options.level, st.nothing()))
    given = None if options.authority is None else choose(draw, options.authority, st.nothing())
    shape = None if given is None else shape_of(given)
    if shape is not None and shape not in DECISION_AUTHORITIES:
        raise InvalidArgument(f"authority={shape!r}: a decision is signed {DECISION_AUTHORITIES}")
    legal = choose(draw, options.legal_normative, st.booleans())
    regulation = bool(choose(draw, options.regulation, st.booleans()))
    candidates = _agencies(level, shape, legal)
    if not candidates:
        raise InvalidArgument(
            f"no issuing body fits level={level!r}, authority={shape!r}, legal_normative={legal}"
        )
    agency = pick(draw, candidates)
    if shape is None:  # one the agency signs with (a commune's chairman signs no "KT." alone)
        shape = pick(draw, [s for s in DECISION_AUTHORITIES if s in agency.shapes])
    issue_date, reference = draw_issue_date(draw, status)
    topic = pick(draw, TOPICS)
    year = reference.year
    number = draw(st.integers(1, 999)) if status is DocumentStatus.ISSUED else None
    notation = f"QĐ-{agency.body.code}"
    number_year = year if legal else None
    basis, _ = _basis(draw, agency, reference, topic)
    regulation_type = pick(draw, REGULATION_TYPES)
    regulation_title = pick(
        draw,
        (
            f"tổ chức và hoạt động của Tổ công tác {topic.name}",
            f"quản lý và thực hiện {topic.name}",
        ),
    )
    type_words = regulation_type.capitalize()  # "Quy chế" in running text
    if regulation:
        subject = f"Ban hành {type_words} {regulation_title}"
        body = [
            {
                "kind": "article",
                "number": 1,
                "text": f"Ban hành kèm theo Quyết định này {type_words} {regulation_title}.",
            },
            {"kind": "article", "number": 2, "text": "Quyết định này có hiệu lực kể từ ngày ký."},
        ]
    elif draw(st.booleans()):
        subject = f"Về việc thành lập Tổ công tác {topic.name}"
        body = _team(draw, agency, topic)
    else:
        subject = f"Về việc phê duyệt Kế hoạch {topic.name} năm {year}"
        body = [
            {
                "kind": "article",
                "number": 1,
                "text": f"Phê duyệt Kế hoạch {topic.name} năm {year} (có Kế hoạch kèm theo).",
            },
            {
                "kind": "article",
                "number": 2,
                "text": "Giao các cơ quan, đơn vị có liên quan tổ chức triển khai thực hiện "
                "Kế hoạch.",
            },
        ]
    executing = len(body) + 1
    body.append(
        {
            "kind": "article",
            "number": executing,
            "text": f"{_executors(agency)} và các cơ quan, đơn vị có liên quan chịu trách nhiệm "
            "thi hành Quyết định này./.",
        }
    )
    # Besides "Như Điều N", a decision goes to the superior or the leaders (an edXML
    # package needs a receiver it can name).
    named = list(agency.recipients)
    recipients: list[Data] = [{"kind": "as_article", "article": executing}]
    recipients += [
        {"kind": "recipient", "name": b.name}
        for b in pick_some(draw, named, draw(st.integers(1, min(3, len(named)))))
    ]
    recipients.append(draw_archive(draw, agency))
    data: Data = {
        "type": DocumentType.QUYET_DINH.value,
        "status": status.value,
        "issuer": draw_issuer(draw, agency),
        "number": number,
        "number_year": number_year,
        "notation": notation,
        "place": agency.place.place,
        "issue_date": issue_date,
        "subject": subject,
        "enacting_authority": enacting_authority(agency, shape),
        "basis": basis,
        "enacting_word": ENACTING_WORD,
        "body": body,
        "signature": draw_signature(draw, agency, shape),
        "recipients": recipients,
    }
    if regulation:
        data["appendices"] = [
            _regulation(draw, data, agency, topic, regulation_type, regulation_title)
        ]
    return data


def _regulation(
    draw: st.DrawFn, data: Data, agency: Agency, topic: Topic, type_name: str, title: str
) -> Data:
    if data["status"] == DocumentStatus.ISSUED.value:
        date = dt.date(**{k: data["issue_date"][k] for k in ("year", "month", "day")})
        year = f"{data['number_year']}/" if data["number_year"] else ""
        code = f"{data['number']:02d}/{year}{data['notation']}"
        reference = (
            f"(Ban hành kèm theo Quyết định số {code} ngày {date_words(date)} "
            f"của {agency.self_name})"
        )
    else:
        reference = f"(Ban hành kèm theo Quyết định của {agency.self_name})"
    return {
        "type_name": type_name,
        "title": title[:1].upper() + title[1:],
        "reference": reference,
        "body": _regulation_body(draw, agency, topic, title, type_name.capitalize()),
    }
