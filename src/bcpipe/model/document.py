"""The root of the model: one administrative document."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr

from bcpipe.doctypes import DocumentType
from bcpipe.model.base import Model, OptionalText, Text
from bcpipe.model.body import Block, Paragraph
from bcpipe.model.dates import IssueDate
from bcpipe.model.header import Issuer, Marks, NationalMotto
from bcpipe.model.recipients import Recipient
from bcpipe.model.signature import SignatureBlock
from bcpipe.source import SourceInfo

__all__ = ["SCHEMA_VERSION", "Appendix", "Document", "DocumentStatus", "Footnote"]

SCHEMA_VERSION = "1"

Notation = Annotated[
    str,
    Field(pattern=r"^\S+$", max_length=30, description='e.g. "BC-UBND"; no number, no slash'),
]


class DocumentStatus(StrEnum):
    """Draft (dự thảo) or issued (ban hành).

    The clerk gives the number, day and month only at issue (NĐ30 Điều 15), so a
    draft may leave them blank; an issued document must not.
    """

    DRAFT = "draft"
    ISSUED = "issued"


class Appendix(Model):
    """Phụ lục: printed after the signature, on its own page."""

    number: OptionalText = Field(None, description='Roman numeral when there are several: "I"')
    title: Text
    reference: OptionalText = Field(None, description='"(Kèm theo Báo cáo số …)" line')
    body: list[Block] = Field(default_factory=list)


class Footnote(Model):
    """Chú thích: a note at the foot of a page (or after the signature), and its mark.

    ``path`` is the model path of the words that carry the mark ("body[1].children[0].text",
    "basis[2].text") and ``offset`` where the mark stands in them; the mark itself is not
    part of those words. Both are None when no mark was found for the note.
    """

    label: Text = Field(description='The mark: "1", "i", "*"')
    text: Text
    path: OptionalText = Field(
        None, description='Model path of the words holding the mark, e.g. "body[0].text"'
    )
    offset: int | None = Field(None, ge=0, description="Where the mark stands in those words")


class Document(Model):
    """A Vietnamese administrative document (văn bản hành chính) per Decree 30/2020/NĐ-CP.

    Fields follow the decree's components in reading order. ``status`` is explicit:
    a document is a draft until declared issued.
    """

    schema_version: Literal["1"] = "1"
    type: DocumentType = Field(description="Kind of document (tên loại)")
    status: DocumentStatus = DocumentStatus.DRAFT
    motto: NationalMotto = Field(default_factory=NationalMotto)
    issuer: Issuer
    number: int | None = Field(None, ge=1, description="Số; None in a draft")
    notation: Notation
    place: Text = Field(description='Địa danh, e.g. "Tuy Phước"')
    issue_date: IssueDate = Field(default_factory=IssueDate)
    subject: Text = Field(description="Trích yếu (for a công văn, without the leading V/v)")
    addressees: list[Text] = Field(default_factory=list, description='"Kính gửi:" list (ô 9a)')
    basis: list[Paragraph] = Field(default_factory=list, description='"Căn cứ …", "Thực hiện …"')
    body: list[Block] = Field(default_factory=list)
    closing: list[Paragraph] = Field(default_factory=list, description='"Trên đây là … ./."')
    signature: SignatureBlock
    recipients: list[Recipient] = Field(default_factory=list, description='"Nơi nhận:" (ô 9b)')
    appendices: list[Appendix] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list, description="Chú thích, in order")
    marks: Marks = Field(default_factory=Marks)
    contact: OptionalText = Field(None, description="ô 13: address, phone, e-mail footer")
    extensions: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Data owned by plugins, keyed by plugin name"
    )

    _source: SourceInfo | None = PrivateAttr(default=None)
    # The pipeline that prepared this document, and what it held then (bcpipe.prepared).
    _prepared: Any = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        # Where a document was read from is not part of what it says: a document read
        # from YAML equals the same document read from XML.
        if not isinstance(other, Document):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @property
    def is_draft(self) -> bool:
        return self.status is DocumentStatus.DRAFT

    @property
    def code(self) -> str:
        """Number and notation as printed after "Số:" ("05/BC-UBND"; "/BC-UBND" in a draft)."""
        number = "" if self.number is None else f"{self.number:02d}"
        return f"{number}/{self.notation}"

    @property
    def source(self) -> SourceInfo | None:
        """Where this document was read from, with its line map (None if built in code)."""
        return self._source

    def with_source(self, source: SourceInfo | None) -> Document:
        """Attach ``source`` (used by loaders); returns ``self``."""
        self._source = source
        return self
