"""Dates as the decree writes them: possibly blank (drafts) and possibly impossible.

Dates are kept as their parts, not as :class:`datetime.date`, because a draft leaves
the day and month blank and because a clerk's "31/02/2022" must survive loading so
that a rule can report it (a model that refused it would hide the defect).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, model_validator

from bcpipe.model.base import Model

__all__ = ["CalendarDate", "IssueDate"]

Day = Annotated[int, Field(ge=1, le=99)]
Month = Annotated[int, Field(ge=1, le=99)]
Year = Annotated[int, Field(ge=1000, le=9999)]


def _real(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class CalendarDate(Model):
    """A complete date (a cited document's date). It may name a day that does not exist."""

    day: Day
    month: Month
    year: Year

    def to_date(self) -> dt.date | None:
        """The real date, or None when the parts name no day (31/02/2022)."""
        return _real(self.year, self.month, self.day)

    @classmethod
    def of(cls, date: dt.date) -> CalendarDate:
        return cls(day=date.day, month=date.month, year=date.year)


class IssueDate(Model):
    """The issue date of the document itself ("ngày … tháng … năm …").

    A draft leaves ``day`` and ``month`` blank (None) and usually fills ``year``; an
    issued document has all three. A day without a month is not a shape any document
    has, so it is refused here.
    """

    day: Day | None = None
    month: Month | None = None
    year: Year | None = None

    @model_validator(mode="after")
    def _day_needs_month(self) -> IssueDate:
        if self.day is not None and self.month is None:
            raise ValueError("a day is given without a month")
        return self

    @property
    def is_complete(self) -> bool:
        return self.day is not None and self.month is not None and self.year is not None

    def to_date(self) -> dt.date | None:
        """The real date when complete and existing, else None."""
        if self.day is None or self.month is None or self.year is None:
            return None
        return _real(self.year, self.month, self.day)

    def latest_possible(self) -> dt.date | None:
        """The last day this (possibly blank) date can stand for; None without a year.

        A draft dated "ngày … tháng … năm 2023" is issued on 31/12/2023 at the latest:
        a document it cites cannot be dated after that.
        """
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            if not 1 <= self.month <= 12:
                return None
            first_of_next = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return first_of_next - dt.timedelta(days=1)
        return self.to_date()
