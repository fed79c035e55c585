"""The root of the model: one administrative document."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bcpipe.doctypes import DocumentType
from bcpipe.limits import MAX_DOCUMENT_NUMBER, check_json_values
from bcpipe.model.base import Model, OptionalText, Text
from bcpipe.model.body import Block, Paragraph
from bcpipe.model.dates import IssueDate
from bcpipe.model.header import Issuer, Marks, NationalMotto
from bcpipe.model.recipients import Recipient
from bcpipe.model.signature import SignatureBlock
from bcpipe.source import SourceInfo

__all__ = [
    "LEGACY_ENACTING_AUTHORITY",
    "SCHEMA_VERSION",
    "Appendix",
    "Document",
    "DocumentStatus",
    "Footnote",
]

SCHEMA_VERSION = "1"

Notation = Annotated[
    str,
    Field(pattern=r"^\S+$", max_length=30, description='e.g. "BC-UBND"; no number, no year'),
]


def _without_colon(word: str) -> str:
    if word.endswith(":"):
        bare = word.rstrip(": ")
        raise ValueError(f"write it without its colon, {bare!r}: the writers print the colon")
    return word


EnactingWord = Annotated[
    Text,
    AfterValidator(_without_colon),
    Field(description='"QUYẾT ĐỊNH", "QUYẾT NGHỊ", "CHỈ THỊ" (printed with its colon)'),
]

#: Where data written before the model had ``enacting_authority`` keeps it:
#: ``extensions["text"]["enacting_authority"]`` (moved to the field on load).
LEGACY_ENACTING_AUTHORITY = ("text", "enacting_authority")
# A legal-normative number once kept its year in the notation ("2010/QĐ-UBND").
_LEGACY_YEAR = re.compile(r"^(\d{4})/(\S+)$")


class DocumentStatus(StrEnum):
    """Draft (dự thảo) or issued (ban hành).

    The clerk gives the number, day and month only at issue (NĐ30 Điều 15), so a
    draft may leave them blank; an issued document must not.
    """

    DRAFT = "draft"
    ISSUED = "issued"


class Appendix(Model):
    """Phụ lục: printed after the signature, on its own page.

    A regulation a decision issues ("Ban hành kèm theo Quyết định này Quy chế …") is
    attached the same way, headed by its own type name ("QUY CHẾ") instead of
    "Phụ lục", its body in chapters and articles.
    """

    type_name: OptionalText = Field(
        None, description='An attached regulation\'s type line, "QUY CHẾ", instead of "Phụ lục"'
    )
    number: OptionalText = Field(None, description='Roman numeral when there are several: "I"')
    title: Text
    reference: OptionalText = Field(None, description='"(Kèm theo Báo cáo số …)" line')
    body: list[Block] = Field(default_factory=list)


def _json_only(value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    # Every format must write an extension and read it back unchanged: JSON data only
    # (a YAML date, .nan, a key 1 or !!binary would change on the way).
    problem = check_json_values(value)
    if problem is not None:
        raise ValueError(f"extensions hold JSON data only: {problem}")
    return value


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
    number: int | None = Field(
        None, ge=1, le=MAX_DOCUMENT_NUMBER, description="Số; None in a draft"
    )
    number_year: int | None = Field(
        None,
        ge=1000,
        le=9999,
        description='Year of a legal-normative number: 2010 of "15/2010/QĐ-UBND"',
    )
    notation: Notation
    place: Text = Field(description='Địa danh, e.g. "Tuy Phước"')
    issue_date: IssueDate = Field(default_factory=IssueDate)
    subject: OptionalText = Field(
        None,
        validate_default=True,
        description="Trích yếu (for a công văn, without the leading V/v); None only in a "
        "giấy mời, giấy giới thiệu, giấy nghỉ phép or giấy ủy quyền without one",
    )
    enacting_authority: OptionalText = Field(
        None,
        description="Thẩm quyền ban hành of a decision or resolution, in capitals under the "
        'subject: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "GIÁM ĐỐC SỞ …"; of a công điện, who '
        'sends it, heading its addressees: "VĂN PHÒNG CHÍNH PHỦ" of "VĂN PHÒNG CHÍNH PHỦ điện:"',
    )
    addressees: list[Text] = Field(default_factory=list, description='"Kính gửi:" list (ô 9a)')
    basis: list[Paragraph] = Field(
        default_factory=list, description='"Căn cứ …", "Thực hiện …", "Xét đề nghị …"'
    )
    enacting_word: EnactingWord | None = Field(
        None, description='The word alone on its line above the articles: "QUYẾT ĐỊNH"'
    )
    body: list[Block] = Field(default_factory=list)
    closing: list[Paragraph] = Field(default_factory=list, description='"Trên đây là … ./."')
    signature: SignatureBlock
    recipients: list[Recipient] = Field(default_factory=list, description='"Nơi nhận:" (ô 9b)')
    appendices: list[Appendix] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list, description="Chú thích, in order")
    marks: Marks = Field(default_factory=Marks)
    contact: OptionalText = Field(None, description="ô 13: address, phone, e-mail footer")
    extensions: Annotated[dict[str, dict[str, Any]], AfterValidator(_json_only)] = Field(
        default_factory=dict,
        description="Data owned by plugins, keyed by plugin name; JSON values only",
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

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """Data written before the fields existed still loads: the enacting authority
        kept in extensions and the year kept in the notation move to their fields."""
        if not isinstance(data, dict):
            return data
        data = _migrate_enacting_authority(data)
        notation = data.get("notation")
        if data.get("number_year") is None and isinstance(notation, str):
            match = _LEGACY_YEAR.match(notation.strip())
            if match:
                data = {**data, "number_year": int(match[1]), "notation": match[2]}
        return data

    @field_validator("subject")
    @classmethod
    def _subject_given(cls, subject: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("type")
        if kind is not None:
            _check_subject(kind, subject)
        return subject

    @field_validator("type")
    @classmethod
    def _subject_kept(cls, kind: DocumentType, info: ValidationInfo) -> DocumentType:
        # An assignment validates the one field it sets: "doc.type = …" on a giấy mời
        # without a subject is refused here (when a document is built, the subject comes
        # after the type and is checked on its own).
        if "subject" in info.data:
            _check_subject(kind, info.data["subject"])
        return kind

    @property
    def is_draft(self) -> bool:
        return self.status is DocumentStatus.DRAFT

    @property
    def code(self) -> str:
        """Number and notation as printed after "Số:" ("05/BC-UBND", "15/2010/QĐ-UBND";
        "/BC-UBND" in a draft)."""
        number = "" if self.number is None else f"{self.number:02d}"
        year = "" if self.number_year is None else f"{self.number_year}/"
        return f"{number}/{year}{self.notation}"

    @property
    def source(self) -> SourceInfo | None:
        """Where this document was read from, with its line map (None if built in code)."""
        return self._source

    def with_source(self, source: SourceInfo | None) -> Document:
        """Attach ``source`` (used by loaders); returns ``self``."""
        self._source = source
        return self


def _check_subject(kind: DocumentType, subject: str | None) -> None:
    """Only the "giấy" kinds may go without a subject."""
    if subject is None and not kind.subject_optional:
        raise ValueError(f"a {kind.name_vi.lower()} needs its subject (trích yếu)")


def _migrate_enacting_authority(data: dict[str, Any]) -> dict[str, Any]:
    plugin, key = LEGACY_ENACTING_AUTHORITY
    extensions = data.get("extensions")
    if not isinstance(extensions, dict):
        return data
    held = extensions.get(plugin)
    if not isinstance(held, dict) or key not in held:
        return data
    rest = {k: v for k, v in held.items() if k != key}
    moved = {k: v for k, v in extensions.items() if k != plugin}
    if rest:
        moved[plugin] = rest
    value = held[key]
    given = data.get("enacting_authority")
    if given is not None and given != value:
        raise ValueError(
            f"enacting_authority {given!r} disagrees with extensions.{plugin}.{key} {value!r}"
        )
    return {**data, "extensions": moved, "enacting_authority": value}
