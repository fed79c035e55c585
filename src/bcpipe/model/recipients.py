"""Recipients (nơi nhận, NĐ30 PL I II.9): named bodies, "Như trên", "Như Điều 3", and the
archive line."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from bcpipe.model.base import Model, OptionalText, Text

__all__ = ["Archive", "AsAbove", "AsArticle", "NamedRecipient", "Recipient"]


class NamedRecipient(Model):
    """A body or person that receives the document: "Sở Thông tin và Truyền thông"."""

    kind: Literal["recipient"] = "recipient"
    name: Text
    note: OptionalText = Field(None, description='Printed in parentheses: "(Đ/c Tân)"')


class AsAbove(Model):
    """ "Như trên": the addressees of "Kính gửi" above."""

    kind: Literal["as_above"] = "as_above"


class AsArticle(Model):
    """ "Như Điều 3": the bodies the named article of a decision charges with carrying
    it out ("Chánh Văn phòng …, Giám đốc các Sở … chịu trách nhiệm thi hành …")."""

    kind: Literal["as_article"] = "as_article"
    article: int = Field(ge=1, le=9999, description='3 of "Như Điều 3"')
    note: OptionalText = Field(None, description='Printed in parentheses: "(t/h)"')


class Archive(Model):
    """The archive line, last of the list: "Lưu: VT, TCCB (2)."

    ``holders`` are who keeps a copy: "VT" (the clerical office) first, then the
    drafting unit's abbreviation. ``copies`` is the number of filed copies.
    """

    kind: Literal["archive"] = "archive"
    holders: list[Text] = Field(default_factory=lambda: ["VT"], min_length=1)
    copies: int | None = Field(None, ge=1)


def _recipient_kind(value: Any) -> str:
    if isinstance(value, dict):
        kind = value.get("kind", "recipient")
        return kind if isinstance(kind, str) else "recipient"
    return str(getattr(value, "kind", "recipient"))


#: One line of "Nơi nhận". In data, ``kind`` may be left out for a named recipient.
Recipient = Annotated[
    Annotated[NamedRecipient, Tag("recipient")]
    | Annotated[AsAbove, Tag("as_above")]
    | Annotated[AsArticle, Tag("as_article")]
    | Annotated[Archive, Tag("archive")],
    Discriminator(_recipient_kind),
]
