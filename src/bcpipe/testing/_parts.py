"""Drawing the parts of a document: names, dates, issuer, signature, citations, archive.

These are plain functions of a ``draw`` callable (used inside ``@st.composite``), so
that :mod:`._documents` can give them the context a whole document needs; the public
strategies in :mod:`._strategies` wrap them for use on their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from bcpipe.doctypes import DocumentType
from bcpipe.model import Citation, DocumentStatus
from bcpipe.testing._agencies import Agency, AuthorityShape, Body
from bcpipe.testing._citations import citation_code, numbered_citation
from bcpipe.testing._draws import pick, rarely
from bcpipe.testing._vocabulary import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, Topic

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Registry",
    "draw_archive",
    "draw_date_before",
    "draw_issue_date",
    "draw_issuer",
    "draw_local_citation",
    "draw_name",
    "draw_signature",
]

#: Generated documents are dated in these years (inclusive).
FIRST_YEAR, LAST_YEAR = 2021, 2024


def draw_name(draw: st.DrawFn) -> str:
    """A Vietnamese full name: family name, middle name(s), given name."""
    family = pick(draw, FAMILY_NAMES)
    middle = pick(draw, MIDDLE_NAMES)
    given = pick(draw, GIVEN_NAMES)
    return f"{family} {middle} {given}"


def draw_day(draw: st.DrawFn, year: int, month: int) -> int:
    # Drawn within the month, so that no example is ever rejected.
    return draw(st.integers(1, calendar.monthrange(year, month)[1]))


def draw_issue_date(
    draw: st.DrawFn, status: DocumentStatus
) -> tuple[dict[str, int | None], dt.date]:
    """An issue date as data, and the day it stands for.

    An issued document has a full date; a draft leaves the day, or the day and the
    month, blank (or has its date already). The returned day is what citations must
    not be later than: for a blank date, a day the document could still be issued on.
    """
    year = draw(st.integers(FIRST_YEAR, LAST_YEAR))
    month = draw(st.integers(1, 12))
    day = draw_day(draw, year, month)
    reference = dt.date(year, month, day)
    if status is DocumentStatus.ISSUED:
        return {"day": day, "month": month, "year": year}, reference
    blanks = pick(draw, ("day and month", "day", "none"))
    if blanks == "day and month":
        return {"day": None, "month": None, "year": year}, reference
    if blanks == "day":
        return {"day": None, "month": month, "year": year}, reference
    return {"day": day, "month": month, "year": year}, reference


def draw_date_before(draw: st.DrawFn, reference: dt.date, max_days: int) -> dt.date:
    """A day 1 to ``max_days`` days before ``reference``."""
    return reference - dt.timedelta(days=draw(st.integers(1, max_days)))


def draw_issuer(draw: st.DrawFn, agency: Agency) -> dict[str, Any]:
    # A People's Committee usually prints no parent body; a department always does.
    parent = agency.parent
    if agency.kind == "ubnd" and parent is not None and not draw(st.booleans()):
        parent = None
    # The abbreviation is always given: printed nowhere, a text reader takes it from the
    # notation, so a document without it would not read back the same.
    return {"name": agency.formal, "parent": parent, "abbreviation": agency.body.code}


def draw_signature(draw: st.DrawFn, agency: Agency, shape: AuthorityShape) -> dict[str, Any]:
    """A signature block of ``agency`` with the authority lines ``shape``.

    Who signs follows from the lines: the head after TM. or alone, a deputy after
    KT., the chief of the office after TL., the delegate after TUQ., nobody else
    after Q. (the acting head's line is his title).
    """
    head = agency.head
    lines: list[dict[str, str]] = []
    position: str | None = head
    for prefix in shape:
        if prefix == "TM.":
            lines.append({"prefix": "TM.", "title": "ỦY BAN NHÂN DÂN"})
        elif prefix == "TL.":
            lines.append({"prefix": "TL.", "title": head})
            position = "CHÁNH VĂN PHÒNG"
        elif prefix == "TUQ.":
            lines.append({"prefix": "TUQ.", "title": head})
            position = agency.delegate
        elif prefix == "KT.":
            over = head if position == head else "CHÁNH VĂN PHÒNG"
            lines.append({"prefix": "KT.", "title": over})
            position = f"PHÓ {over}"
            if over == "CHỦ TỊCH" and rarely(draw, 4):
                position += " THƯỜNG TRỰC"
        elif prefix == "Q.":
            lines.append({"prefix": "Q.", "title": head})
            position = None
    return {"authority": lines, "position": position, "name": draw_name(draw)}


def draw_archive(draw: st.DrawFn, agency: Agency) -> dict[str, Any]:
    """ "Lưu: VT, VX (2)": the clerical office, the drafting office, sometimes a count."""
    unit = pick(draw, agency.body.units)
    copies = draw(st.none() | st.integers(2, 5))
    return {"kind": "archive", "holders": ["VT", unit], "copies": copies}


@dataclass(slots=True)
class Registry:
    """The codes a document cites, so that two different documents never share one.

    Numbers are drawn, then moved on to the next free one: never rejected, so the
    search never filters and shrinking still goes towards small numbers.
    """

    codes: set[str] = field(default_factory=set)

    def fresh(self, draw: st.DrawFn, notation: str, year: int | None = None) -> str:
        number = draw(st.integers(1, 999))
        while citation_code(str(number), notation, year) in self.codes:
            number += 1
        padded = f"{number:02d}" if number < 10 and draw(st.booleans()) else str(number)
        self.codes.add(citation_code(padded, notation, year))
        self.codes.add(citation_code(str(number), notation, year))
        return padded


_SUBJECTS = {
    "Công văn": (
        "báo cáo kết quả {topic} năm {year}",
        "triển khai {topic}",
        "đôn đốc thực hiện {topic}",
    ),
    "Kế hoạch": ("triển khai {topic} năm {year}", "thực hiện {topic} năm {year}"),
    "Quyết định": ("phê duyệt Kế hoạch {topic} năm {year}",),
    "Chỉ thị": ("tăng cường {topic}",),
}
#: The kinds of local document a generated document may cite.
LOCAL_KINDS = tuple(_SUBJECTS)


def draw_local_citation(
    draw: st.DrawFn,
    registry: Registry,
    *,
    type_name: str,
    body: Body,
    named: bool,
    before: dt.date,
    max_days: int,
    topic: Topic,
) -> Citation:
    """A full citation of a document of ``body`` dated before ``before``.

    ``named`` false leaves the issuer out, as a body does when citing its own document.
    """
    assert body.code is not None
    kind = DocumentType.from_name(type_name)
    assert kind is not None
    if kind.abbreviation is None:  # a công văn: <issuer>-<office>
        notation = f"{body.code}-{pick(draw, body.units)}"
    else:
        notation = f"{kind.abbreviation}-{body.code}"
    date = draw_date_before(draw, before, max_days)
    template = pick(draw, _SUBJECTS[type_name])
    return numbered_citation(
        type_name,
        registry.fresh(draw, notation),
        notation,
        date=date,
        issuer=body.name if named else None,
        subject=template.format(topic=topic.name, year=date.year),
        spelled_date=rarely(draw, 6),
        about=pick(draw, ("về việc", "về")),
    )
