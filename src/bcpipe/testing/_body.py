"""The body tree: parts, sections, clauses, points, items, paragraphs and tables.

Built as plain data (what a YAML file holds), numbered as the sections rule expects:
sections I, II, III; clauses 1, 2 (1.1, 1.2 under clause 1); points a, b, c, d, đ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from bcpipe.doctypes import DocumentType
from bcpipe.model import Citation
from bcpipe.testing._agencies import Body
from bcpipe.testing._draws import pick, rarely
from bcpipe.testing._parts import Registry, draw_local_citation
from bcpipe.testing._text import (
    PART_HEADINGS,
    Role,
    draw_heading,
    draw_sentence,
    layout_of,
)
from bcpipe.testing._vocabulary import Topic
from bcpipe.textutil import roman

__all__ = ["MAX_BLOCKS", "POINT_LETTERS", "Writer", "draw_body"]

Data = dict[str, Any]

#: Points are lettered with the Vietnamese alphabet (PL I II.6): no f, j, w, z; đ after d.
POINT_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")
MAX_BLOCKS = 120


@dataclass(slots=True)
class Writer:
    """What the body is written from, and what it may cite.

    ``issuer`` is the body that writes (its own plans may be cited, without naming it);
    ``recitable`` are citations of the basis, which the body may name again by code.
    """

    draw: st.DrawFn
    topic: Topic
    where: str
    self_name: str
    max_children: int
    reference: dt.date
    registry: Registry = field(default_factory=Registry)
    issuer: Body | None = None
    recitable: list[Citation] = field(default_factory=list)
    # However deep and wide the options allow, a body stops growing after this many
    # blocks: Hypothesis' examples have a bounded size (HealthCheck.data_too_large).
    blocks_left: int = MAX_BLOCKS

    def sentence(self, role: Role) -> str:
        if self.issuer is not None and role in ("results", "content"):
            cited = self._citing_sentence()
            if cited is not None:
                return cited
        return draw_sentence(
            self.draw, role, topic=self.topic, where=self.where, self_name=self.self_name
        )

    def _citing_sentence(self) -> str | None:
        choice = self.draw(st.integers(0, 7))
        if choice == 1 and self.recitable:
            again = pick(self.draw, self.recitable)
            return (
                f"Để triển khai {again.text}, {self.self_name} đã chỉ đạo các cơ quan, đơn vị "
                f"{self.where} thực hiện."
            )
        if choice == 2 and self.issuer is not None:
            own = draw_local_citation(
                self.draw,
                self.registry,
                type_name="Kế hoạch",
                body=self.issuer,
                named=False,
                before=self.reference,
                max_days=300,
                topic=self.topic,
            )
            return f"{self.self_name} đã ban hành {own.text}."
        return None

    def count(self) -> int:
        """How many blocks the next container holds (at least one)."""
        wanted = self.draw(st.integers(1, self.max_children))
        granted = min(wanted, max(1, self.blocks_left))
        self.blocks_left -= granted
        return granted

    def may_nest(self, depth: int) -> bool:
        return depth >= 2 and self.blocks_left > 0 and self.draw(st.booleans())


def _table(w: Writer) -> Data:
    rows = [["STT", "Nội dung", "Kết quả"]]
    for index in range(w.count()):
        area = pick(w.draw, w.topic.areas)
        rows.append([str(index + 1), area, f"{w.draw(st.integers(50, 100))}%"])
    return {"kind": "table", "caption": "Bảng tổng hợp kết quả", "header_rows": 1, "rows": rows}


def _numbered(w: Writer, kind: str, number: str, role: Role, depth: int, prefix: str) -> Data:
    """A clause or point: a heading with children (room permitting) or a text."""
    if w.may_nest(depth):
        inner = "clause" if kind == "clause" else "point"
        return {
            "kind": kind,
            "number": number,
            "heading": draw_heading(w.draw, role, w.topic),
            "children": _children(w, role, depth - 1, inner, f"{prefix}{number}."),
        }
    return {"kind": kind, "number": number, "text": w.sentence(role)}


def _children(w: Writer, role: Role, depth: int, parent: str, prefix: str = "") -> list[Data]:
    """The blocks under a ``parent`` ("top", "section", "clause", "point", "-", "+")."""
    styles = {
        "top": ("paragraphs", "clauses", "items"),
        "section": ("clauses", "items", "paragraphs", "intro and items"),
        "clause": ("points", "items", "paragraphs", "clauses"),
        "point": ("items", "paragraphs"),
        "-": ("items",),
    }[parent]
    style = pick(w.draw, styles)
    count = w.count()
    blocks: list[Data] = []
    if style == "paragraphs":
        blocks = [{"kind": "paragraph", "text": w.sentence(role)} for _ in range(count)]
    elif style == "clauses":
        numbers = [f"{prefix}{i + 1}" for i in range(count)]
        blocks = [_numbered(w, "clause", n, role, depth, "") for n in numbers]
    elif style == "points":
        letters = POINT_LETTERS[:count]
        blocks = [_numbered(w, "point", letter, role, depth, "") for letter in letters]
    else:
        if style == "intro and items" and count > 1:  # the intro is one of the count
            blocks.append({"kind": "paragraph", "text": w.sentence(role)})
            count -= 1
        marker = "+" if parent == "-" else "-"
        for _ in range(count):
            item: Data = {"kind": "item", "marker": marker, "text": w.sentence(role)}
            if marker == "-" and w.may_nest(depth) and rarely(w.draw, 2):
                item["children"] = _children(w, role, depth - 1, "-")
            blocks.append(item)
    # A table follows only blocks that head nothing: after a clause with children, plain
    # text could not tell whether the table belongs to the clause or to the section.
    room = len(blocks) < w.max_children and not any(b.get("children") for b in blocks)
    if role == "results" and parent == "section" and room and rarely(w.draw, 6):
        blocks.append(_table(w))
    return blocks


def _section(w: Writer, index: int, role: Role, depth: int, heading: str | None = None) -> Data:
    return {
        "kind": "section",
        "number": roman(index + 1),
        "heading": heading or pick(w.draw, PART_HEADINGS[role]),
        "children": _children(w, role, depth - 1, "section"),
    }


def _report_in_parts(w: Writer, depth: int) -> list[Data]:
    """ "Phần I / KẾT QUẢ …" (results and assessment), "Phần II / PHƯƠNG HƯỚNG …"."""
    topic = w.topic.name.upper()
    first = pick(w.draw, (f"KẾT QUẢ THỰC HIỆN {topic}", f"TÌNH HÌNH THỰC HIỆN {topic}"))
    return [
        {
            "kind": "part",
            "number": "I",
            "heading": first,
            "children": [
                _section(w, 0, "results", depth - 1),
                _section(w, 1, "assessment", depth - 1),
            ],
        },
        {
            "kind": "part",
            "number": "II",
            "heading": "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
            "children": [
                _section(w, 0, "content", depth - 1),
                _section(w, 1, "proposals", depth - 1),
            ],
        },
    ]


def draw_body(
    w: Writer, kind: DocumentType, max_depth: int, *, in_parts: bool | None = None
) -> list[Data]:
    """The body of a document of type ``kind``, at most ``max_depth`` levels deep.

    Types with a layout (a report's results, assessment, proposals; a plan's purpose,
    content, implementation) get one top-level section per part, in order; others get
    a flat body. ``in_parts`` forces (or forbids) a report laid out in "Phần".
    """
    layout = layout_of(kind)
    if not layout.roles:
        return _children(w, "general", max_depth, "top")
    if max_depth < 2:
        raise InvalidArgument(
            f"max_depth={max_depth}: a {kind.name_vi.lower()} has sections, each with "
            "content, so its body is at least 2 levels deep"
        )
    if kind is DocumentType.BAO_CAO and max_depth >= 3:
        if in_parts is None:
            in_parts = rarely(w.draw, 4)
        if in_parts:
            return _report_in_parts(w, max_depth)
    roles: list[Role] = list(layout.roles)
    if kind is DocumentType.BAO_CAO and rarely(w.draw, 4):
        roles.insert(0, "general")  # "I. ĐẶC ĐIỂM TÌNH HÌNH" before the results
    return [_section(w, index, role, max_depth) for index, role in enumerate(roles)]
