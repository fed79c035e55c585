"""The body of a document as a tree: parts, sections, clauses, points, items, paragraphs.

Levels follow the report-like layout of NĐ30 PL I II.6 (phần / mục / khoản / điểm):

==========  ==================  ===================================
kind        printed as          example
==========  ==================  ===================================
part        "Phần I" + title    Phần I / TÌNH HÌNH THỰC HIỆN
section     "I." + TITLE        I. KẾT QUẢ THỰC HIỆN
clause      "1." / "1.1."       1. Công tác tuyên truyền, …
point       "a)"                a) Thuận lợi
item        "-" or "+"          - Tập trung tuyên truyền, …
paragraph   (no label)          Tham gia đầy đủ các lớp tập huấn, …
table       rows of cells
==========  ==================  ===================================

Decisions, resolutions and the regulations (quy chế, quy định) they attach are laid
out by articles instead (NĐ30 PL I II.6, "văn bản quy phạm pháp luật"-like layout):

===================  ==================  ======================================
kind                 printed as          example
===================  ==================  ======================================
chapter              "Chương I" + TITLE  Chương I / QUY ĐỊNH CHUNG
regulation_section   "Mục 1" + TITLE     Mục 1 / TỔ CHỨC BỘ MÁY
article              "Điều 1." + words   Điều 5. Kinh phí hoạt động
===================  ==================  ======================================

An article holds clauses ("1.") and points ("a)") as above.

Containers may hold any block: real reports put items straight under a section or
clauses straight in the body, and a rule, not the model, says what is unusual.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from bcpipe.model.base import Model, OptionalText, Text
from bcpipe.model.citation import Citation

__all__ = [
    "Article",
    "Block",
    "Chapter",
    "Clause",
    "Container",
    "Item",
    "Paragraph",
    "Part",
    "Point",
    "RegulationSection",
    "Section",
    "Table",
    "TextBlock",
]

RomanNumber = Annotated[str, Field(pattern=r"^[IVXLCDM]+$", description='Roman numeral, e.g. "II"')]
PartNumber = Annotated[str, Field(pattern=r"^(?:[IVXLCDM]+|\d+)$")]
ClauseNumber = Annotated[str, Field(pattern=r"^\d{1,3}(?:\.\d{1,3})*$", description='"1" or "1.2"')]
PointLetter = Annotated[str, Field(pattern=r"^[a-zđ]{1,2}$", description='"a", "đ"')]
ArticleNumber = Annotated[int, Field(ge=1, le=9999, description='5 of "Điều 5."')]
DivisionNumber = Annotated[int, Field(ge=1, le=999, description='1 of "Mục 1"')]


class TextBlock(Model):
    """A block whose words may cite other documents.

    Each citation's ``text`` must stand in the block's heading or text.
    """

    citations: list[Citation] = Field(default_factory=list)

    def cited_text(self) -> str:
        """All the words of this block in which citations may stand."""
        return ""

    @model_validator(mode="after")
    def _citations_are_anchored(self) -> TextBlock:
        if self.citations:
            words = self.cited_text()
            for index, citation in enumerate(self.citations):
                if citation.text not in words:
                    raise ValueError(
                        f"citations[{index}].text {citation.text!r} does not occur in the block"
                    )
        return self


class Paragraph(TextBlock):
    """An unnumbered paragraph."""

    kind: Literal["paragraph"] = "paragraph"
    text: Text

    def cited_text(self) -> str:
        return self.text


class Table(Model):
    """A table, kept as rows of cell texts (the first ``header_rows`` rows are headings)."""

    kind: Literal["table"] = "table"
    caption: OptionalText = None
    header_rows: int = Field(1, ge=0)
    rows: list[list[str]] = Field(min_length=1)


class Container(TextBlock):
    """A block that holds other blocks."""

    children: list[Block] = Field(default_factory=list)


class Part(Container):
    """Phần: "Phần I" on its own line, then its title in upper case."""

    kind: Literal["part"] = "part"
    number: PartNumber | None = None
    heading: OptionalText = None

    def cited_text(self) -> str:
        return self.heading or ""


class Section(Container):
    """Mục of a report: "I. KẾT QUẢ THỰC HIỆN" (Roman numeral, upper-case title)."""

    kind: Literal["section"] = "section"
    number: RomanNumber | None = None
    heading: OptionalText = None

    def cited_text(self) -> str:
        return self.heading or ""


class _Numbered(Container):
    """A numbered block whose line is either a heading (bold, followed by its children)
    or a text (an ordinary sentence that happens to be numbered), never both."""

    heading: OptionalText = None
    text: OptionalText = None

    def cited_text(self) -> str:
        return self.heading or self.text or ""

    @model_validator(mode="after")
    def _heading_or_text(self) -> _Numbered:
        if (self.heading is None) == (self.text is None):
            raise ValueError("give either a heading or a text, not both and not neither")
        return self


class Clause(_Numbered):
    """Khoản: "1. …" (or "1.1. …"), with a heading or a text."""

    kind: Literal["clause"] = "clause"
    number: ClauseNumber | None = None


class Point(_Numbered):
    """Điểm: "a) …", with a heading or a text."""

    kind: Literal["point"] = "point"
    number: PointLetter | None = None


class Chapter(Container):
    """Chương of a regulation: "Chương I" on its own line, then its title in upper case."""

    kind: Literal["chapter"] = "chapter"
    number: RomanNumber | None = None
    heading: OptionalText = None

    def cited_text(self) -> str:
        return self.heading or ""


class RegulationSection(Container):
    """Mục of a regulation's chapter: "Mục 1" on its own line, then its title.

    Not a report's :class:`Section` ("I. …"): a regulation numbers its sections in
    Arabic digits and groups articles under them.
    """

    kind: Literal["regulation_section"] = "regulation_section"
    number: DivisionNumber | None = None
    heading: OptionalText = None

    def cited_text(self) -> str:
        return self.heading or ""


class Article(Container):
    """Điều: "Điều 5." then either a heading (a regulation's "Kinh phí hoạt động",
    bold, its clauses below) or a text (a decision's "Phê duyệt Kế hoạch …").

    An article may also have neither ("Điều 2." alone, its clauses below), never both.
    """

    kind: Literal["article"] = "article"
    number: ArticleNumber
    heading: OptionalText = None
    text: OptionalText = None

    def cited_text(self) -> str:
        return self.heading or self.text or ""

    @model_validator(mode="after")
    def _not_heading_and_text(self) -> Article:
        if self.heading is not None and self.text is not None:
            raise ValueError("give an article a heading or a text, not both")
        return self


class Item(Container):
    """A bulleted item: "- …" (or "+ …" one level down)."""

    kind: Literal["item"] = "item"
    marker: Literal["-", "+"] = "-"
    text: Text

    def cited_text(self) -> str:
        return self.text


Block = Annotated[
    Part
    | Section
    | Chapter
    | RegulationSection
    | Article
    | Clause
    | Point
    | Item
    | Paragraph
    | Table,
    Field(discriminator="kind"),
]

for _model in (
    Container,
    Part,
    Section,
    Chapter,
    RegulationSection,
    Article,
    _Numbered,
    Clause,
    Point,
    Item,
):
    _model.model_rebuild()
