"""A reference to another document ("Kế hoạch số 59/KH-UBND ngày 09/6/2022 …")."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from bcpipe.model.base import Model, OptionalText, Text
from bcpipe.model.dates import CalendarDate

__all__ = ["Citation"]

# Digits, perhaps with a sub-number or a letter, as agencies number: "66.4", "05a".
CitationNumber = Annotated[str, Field(pattern=r"^\d{1,8}(?:\.\d{1,3})?[a-zđ]?$")]
# A law or resolution of the National Assembly (or its Standing Committee) has no type
# code in its notation: "69/2025/QH15", "1234/2025/UBTVQH15".
_ASSEMBLY = re.compile(r"^(?:UBTV)?QH\d{1,2}$")
Notation = Annotated[str, Field(pattern=r"^\S+$", max_length=60)]


class Citation(Model):
    """A cited document, anchored to the words that cite it.

    ``text`` is the citation exactly as it stands in its paragraph (it must occur in
    that paragraph's text). The other fields are what those words say. Three shapes:

    - administrative: ``59/KH-UBND`` (number, notation ``<type>-<issuer>``), or for a
      công văn ``1440/STTTT-TTBCXB`` (``<issuer>-<unit>``, no type code);
    - legal normative: ``30/2020/NĐ-CP`` (the year sits in the code);
    - Party: ``35-NQ/TW``;
    - laws cited by name and date, with no number: "Luật Tổ chức chính quyền địa
      phương ngày 19 tháng 6 năm 2015" (``title`` holds the name).
    """

    text: Text = Field(description="The citing words as they stand in the paragraph.")
    type_name: Text = Field(description='Kind of the cited document, e.g. "Kế hoạch".')
    number: CitationNumber | None = Field(
        None, description='The number as written, e.g. "59" (or "66.4", "05a").'
    )
    year: int | None = Field(None, ge=1000, le=9999, description="Year in a legal code.")
    notation: Notation | None = Field(None, description='e.g. "KH-UBND", "NĐ-CP", "NQ/TW".')
    date: CalendarDate | None = Field(None, description="Issue date of the cited document.")
    issuer: OptionalText = Field(None, description="Issuing body; None means the citing body.")
    subject: OptionalText = Field(None, description='What it is about ("về việc …").')
    title: OptionalText = Field(None, description="Name of a law cited by name.")

    @property
    def is_party(self) -> bool:
        """A Party document (``35-NQ/TW``)."""
        return self.notation is not None and "/" in self.notation

    @property
    def code(self) -> str | None:
        """Number and notation as printed: ``1440/STTTT-TTBCXB``, ``30/2020/NĐ-CP``."""
        if self.notation is None:
            return None
        number = self.number or ""
        if self.is_party:
            return f"{number}-{self.notation}"
        if self.year is not None:
            return f"{number}/{self.year}/{self.notation}"
        return f"{number}/{self.notation}"

    @property
    def type_code(self) -> str | None:
        """The type part of the notation: ``KH`` of ``KH-UBND``, ``NQ`` of ``NQ/TW``."""
        if self.notation is None or _ASSEMBLY.match(self.notation):
            return None
        separator = "/" if self.is_party else "-"
        return self.notation.split(separator, 1)[0]
