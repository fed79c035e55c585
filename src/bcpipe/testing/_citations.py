"""Citations written the way the recogniser (:mod:`bcpipe.citations`) reads them.

Each function returns a :class:`~bcpipe.model.Citation` whose ``text`` is the words
to put in a paragraph and whose fields are exactly what the recogniser finds in those
words, provided the words are followed by ",", ";", "." or the end of the paragraph
(that is where the recogniser ends a subject).
"""

from __future__ import annotations

import datetime as dt

from bcpipe.model import CalendarDate, Citation
from bcpipe.render import day_text, month_text
from bcpipe.testing._vocabulary import Law, LegalDocument

__all__ = ["citation_code", "date_words", "law_citation", "numbered_citation", "short_form"]


def date_words(date: dt.date, *, spelled: bool = False) -> str:
    """ "09/6/2022" (leading zeros as the decree prints them), or "09 tháng 6 năm 2022"."""
    if spelled:
        return f"{day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def citation_code(number: str, notation: str, year: int | None = None) -> str:
    """ "59/KH-UBND", "30/2020/NĐ-CP", "35-NQ/TW"."""
    if "/" in notation:
        return f"{number}-{notation}"
    return f"{number}/{year}/{notation}" if year is not None else f"{number}/{notation}"


def numbered_citation(
    type_name: str,
    number: str,
    notation: str,
    *,
    date: dt.date | None,
    issuer: str | None,
    subject: str | None,
    year: int | None = None,
    spelled_date: bool = False,
    about: str = "về",
) -> Citation:
    """ "Kế hoạch số 59/KH-UBND ngày 09/6/2022 của UBND huyện Tuy Phước về …".

    ``about`` is "về", "về việc" or "V/v": the words before the subject, which the
    recogniser drops.
    """
    words = [f"{type_name} số {citation_code(number, notation, year)}"]
    if date is not None:
        words.append(f"ngày {date_words(date, spelled=spelled_date)}")
    if issuer is not None:
        words.append(f"của {issuer}")
    if subject is not None:
        words.append(f"{about} {subject}")
    return Citation(
        text=" ".join(words),
        type_name=type_name,
        number=number,
        year=year,
        notation=notation,
        date=None if date is None else CalendarDate.of(date),
        issuer=issuer,
        subject=subject,
    )


def law_citation(law: Law) -> Citation:
    """ "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"."""
    date = dt.date(law.year, law.month, law.day)
    return Citation(
        text=f"Luật {law.title} ngày {date_words(date, spelled=True)}",
        type_name="Luật",
        title=law.title,
        date=CalendarDate.of(date),
    )


def legal_citation(document: LegalDocument, *, about: str = "về") -> Citation:
    """A decree, circular, Prime Minister's decision or Party document, cited in full."""
    return numbered_citation(
        document.type_name,
        document.number,
        document.notation,
        year=document.year,
        date=dt.date(document.date_year, document.month, document.day),
        issuer=document.issuer,
        subject=document.subject,
        about=about,
    )


def short_form(citation: Citation) -> Citation:
    """The citation named again, by kind and code only: "Kế hoạch số 59/KH-UBND"."""
    assert citation.code is not None
    return Citation(
        text=f"{citation.type_name} số {citation.code}",
        type_name=citation.type_name,
        number=citation.number,
        year=citation.year,
        notation=citation.notation,
    )
