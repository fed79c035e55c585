"""The document model (pydantic v2). :class:`Document` is the root."""

from bcpipe.model.base import Model
from bcpipe.model.body import (
    Article,
    Block,
    Chapter,
    Clause,
    Container,
    Item,
    Paragraph,
    Part,
    Point,
    RegulationSection,
    Section,
    Table,
    TextBlock,
)
from bcpipe.model.citation import Citation
from bcpipe.model.dates import CalendarDate, IssueDate
from bcpipe.model.document import SCHEMA_VERSION, Appendix, Document, DocumentStatus, Footnote
from bcpipe.model.header import (
    MOTTO_COUNTRY,
    MOTTO_TAGLINE,
    Confidentiality,
    Issuer,
    Marks,
    NationalMotto,
    Urgency,
)
from bcpipe.model.recipients import Archive, AsAbove, AsArticle, NamedRecipient, Recipient
from bcpipe.model.signature import Authority, AuthorityLine, SignatureBlock

__all__ = [
    "MOTTO_COUNTRY",
    "MOTTO_TAGLINE",
    "SCHEMA_VERSION",
    "Appendix",
    "Archive",
    "Article",
    "AsAbove",
    "AsArticle",
    "Authority",
    "AuthorityLine",
    "Block",
    "CalendarDate",
    "Chapter",
    "Citation",
    "Clause",
    "Confidentiality",
    "Container",
    "Document",
    "DocumentStatus",
    "Footnote",
    "IssueDate",
    "Issuer",
    "Item",
    "Marks",
    "Model",
    "NamedRecipient",
    "NationalMotto",
    "Paragraph",
    "Part",
    "Point",
    "Recipient",
    "RegulationSection",
    "Section",
    "SignatureBlock",
    "Table",
    "TextBlock",
    "Urgency",
]
