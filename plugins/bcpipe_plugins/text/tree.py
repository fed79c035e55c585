"""From a flat run of blocks to the model's tree, with each block's source line.

Each labelled block opens a level; a block goes under the nearest open block of a
higher level: Phần > I. > 1. > 1.1. > a) > "-" > "+". Unlabelled paragraphs and
tables go under the nearest open block that is not a bullet. An article line
("Điều 1.") closes everything but a part. A numbered block with children is a
heading; without children, its words are an ordinary numbered sentence.

Also here: the basis (leading "Căn cứ …" / "Thực hiện …" paragraphs) and the
closing (trailing paragraphs from "Trên đây …" on) are taken off the run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bcpipe.citations import find_citations
from bcpipe.source import ModelPath, format_path
from bcpipe.textutil import fold
from bcpipe_plugins.text.blocks import Raw
from bcpipe_plugins.text.checks import UNPLACED_LINE
from bcpipe_plugins.text.lines import ends_sentence, is_caps
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import ENACTING_WORDS
from bcpipe_plugins.text.title import STRAY_LENGTH, STRAY_LIMIT

__all__ = [
    "build_tree",
    "enacting_word",
    "paragraph_data",
    "split_basis",
    "split_closing",
    "split_strays",
    "stray_above_tree",
]

Data = dict[str, Any]

_ITEM_LEVEL = 8


#: The level of the divisions above clauses: Phần and Chương, Mục of a chapter, then a
#: report's "I." and an article (either holds clauses).
_LEVELS = {"part": 0.0, "chapter": 0.0, "regulation_section": 0.5, "section": 1.0, "article": 1.0}
#: The blocks that hold others.
_CONTAINERS = frozenset(
    {"part", "chapter", "regulation_section", "section", "article", "clause", "point", "item"}
)


def _level(raw: Raw) -> float:
    level = _LEVELS.get(raw.kind)
    if level is not None:
        return level
    if raw.kind == "clause":
        return 1 + raw.label.count(".") + 1
    if raw.kind == "point":
        return 7
    return _ITEM_LEVEL if raw.label == "-" else _ITEM_LEVEL + 1


def _stray(raw: Raw) -> bool:
    """A block that may be a stray line: one short line of words that is no sentence."""
    return (
        raw.kind == "paragraph"
        and len(raw.words) == 1
        and raw.line == raw.last
        and not ends_sentence(raw.text)
        # One line of words (no label): stray unless long, a basis or closing line, or
        # "Kính gửi" (what its line's record says; see title._stray_line).
        and len(raw.text) <= STRAY_LENGTH
        and raw.opener is None
        and not raw.addressee
    )


def split_strays(raws: list[Raw]) -> tuple[list[Raw], list[Raw]]:
    """(strays, rest): short lines of words right above the basis, such as "(Bản gửi
    qua mạng)" between the subject and "Thực hiện …" (at most :data:`STRAY_LIMIT`)."""
    count = 0
    while count < min(STRAY_LIMIT, len(raws) - 1) and _stray(raws[count]):
        count += 1
        following = raws[count]
        if following.kind == "paragraph" and following.opens() == "basis":
            return raws[:count], raws[count:]
    return [], raws


def stray_above_tree(rest: Sequence[Raw]) -> bool:
    """The body opens with a stray line (short, no sentence) right above its first
    numbered heading: "Bản gửi qua mạng nội bộ" between the basis and "I. …".

    Not stray there: a line in capitals without a colon, or one opening with "Phần"
    (an unnumbered heading: "PHẦN THỨ NHẤT", "Phần thứ nhất"), and a lead-in to the
    list ("Cụ thể như sau").
    """
    if len(rest) < 2 or rest[1].kind not in ("part", "section", "clause") or not _stray(rest[0]):
        return False
    text = rest[0].text
    if _HEADING_OR_LEAD_IN.search(text):
        return False
    return not is_caps(text) or ":" in text


# "Phần thứ nhất", "Phần I", "Phần 1"; "… như sau" (a lead-in ends with it).
_HEADING_OR_LEAD_IN = re.compile(
    r"^phần\s+(?:thứ\s|[IVXLC]+\b|\d)|như\s+sau\s*:?\s*$", re.IGNORECASE
)


def split_basis(raws: list[Raw]) -> tuple[list[Raw], list[Raw]]:
    """(basis, rest): the leading paragraphs that state the basis ("Căn cứ …")."""
    count = 0
    for raw in raws:
        if raw.kind != "paragraph" or raw.opens() != "basis":
            break
        count += 1
    return raws[:count], raws[count:]


def split_closing(raws: list[Raw]) -> tuple[list[Raw], list[Raw]]:
    """(rest, closing): the trailing paragraphs from the first "Trên đây …" on.

    Without such an opener, a last paragraph that carries the end mark "./." after
    other blocks ("… biết, thực hiện./.") is the closing.
    """
    start = len(raws)
    for index in range(len(raws) - 1, -1, -1):
        raw = raws[index]
        if raw.kind != "paragraph":
            break
        if raw.opens() == "closing":
            start = index
    if start == len(raws) > 1 and raws[-1].kind == "paragraph" and raws[-1].text.endswith("./."):
        start -= 1
    return raws[:start], raws[start:]


def _is_sentence(data: Data) -> bool:
    """A numbered block whose words end as a sentence does not head what follows it."""
    words = data.get("text")
    return isinstance(words, str) and words[-1:] in (".", ";", "!", "?") and not data["children"]


def _report_joins(raw: Raw, path: ModelPath, notes: Notes) -> None:
    for previous, line in raw.joins:
        notes.joined(path, previous, line)


def paragraph_data(raw: Raw, path: ModelPath, notes: Notes, *, citations: bool = False) -> Data:
    """A paragraph of the basis or the closing (or a plain paragraph of the body)."""
    text = raw.text
    data: Data = {"text": text}
    if citations:
        try:
            found = find_citations(text)
        except ValueError:  # a citation whose parts the model refuses (day 0): none here
            found = []
        if found:
            data["citations"] = found
    notes.at(path, raw.line)
    notes.at((*path, "text"), raw.line)
    if raw.joins:
        _report_joins(raw, path, notes)
    return data


def _block(raw: Raw, path: ModelPath, key: str, notes: Notes) -> Data:
    notes.at_key(key, raw.line)
    kind = raw.kind
    words = raw.text
    if kind == "table":
        data: Data = {"kind": "table", "header_rows": raw.header_rows, "rows": raw.rows}
        if raw.caption:
            data["caption"] = raw.caption
        return data
    if raw.joins:
        _report_joins(raw, path, notes)
    if kind == "paragraph":
        notes.at_key(f"{key}.text", raw.line)
        return {"kind": "paragraph", "text": words}
    if kind == "article" and raw.label:
        # Its words are its text; they become its heading when clauses come below.
        data = {"kind": "article", "number": int(raw.label), "children": []}
        if words:
            data["text"] = words
            notes.at_key(f"{key}.text", raw.line)
        return data
    if kind == "article":  # no number read: kept as the words they are
        notes.at_key(f"{key}.text", raw.line)
        return {"kind": "paragraph", "text": words}
    if kind in ("part", "section", "chapter", "regulation_section"):
        number: Any = int(raw.label) if kind == "regulation_section" else raw.label
        data = {"kind": kind, "number": number, "children": []}
        if words:
            data["heading"] = words
            notes.at_key(f"{key}.heading", raw.line)
        return data
    if kind == "item":
        notes.at_key(f"{key}.text", raw.line)
        return {"kind": "item", "marker": raw.label, "text": words, "children": []}
    if not words:  # "1." or "a)" with nothing after it: keep the label as words
        notes.report(UNPLACED_LINE, path, raw.line, zone="thân", zone_en="body", text=raw.label)
        return {"kind": "paragraph", "text": f"{raw.label}{')' if kind == 'point' else '.'}"}
    notes.at_key(f"{key}.text", raw.line)
    return {"kind": kind, "number": raw.label, "text": words, "children": []}


def build_tree(raws: Sequence[Raw], root: ModelPath, notes: Notes) -> list[Data]:
    """The blocks of ``raws`` nested as the model's tree, under the path ``root``."""
    top: list[Data] = []
    root_key = format_path(root)
    # (level, block data, model path, formatted path) of the open blocks
    stack: list[tuple[float, Data, ModelPath, str]] = []
    for raw in raws:
        kind = raw.kind
        container = kind in _CONTAINERS and (kind != "article" or bool(raw.label))
        level = _level(raw) if container else -1
        if container:
            while stack and stack[-1][0] >= level:
                stack.pop()
        else:
            while stack and (stack[-1][0] >= _ITEM_LEVEL or _is_sentence(stack[-1][1])):
                stack.pop()
        if stack:
            _, parent, parent_path, parent_key = stack[-1]
            siblings: list[Data] = parent["children"]
            path: ModelPath = (*parent_path, "children", len(siblings))
            key = f"{parent_key}.children[{len(siblings)}]"
            # A numbered block's words head the blocks below it (an article's only when
            # they are a title, not a sentence leading into its clauses).
            if "text" in parent and (
                parent["kind"] in ("clause", "point")
                or (parent["kind"] == "article" and not ends_sentence(parent["text"]))
            ):
                parent["heading"] = parent.pop("text")
                notes.move(f"{parent_key}.text", f"{parent_key}.heading")
        else:
            siblings, path, key = top, (*root, len(top)), f"{root_key}[{len(top)}]"
        data = _block(raw, path, key, notes)
        siblings.append(data)
        if container and "children" in data:
            stack.append((level, data, path, key))
    return top


def enacting_word(raws: Sequence[Raw]) -> tuple[str, int] | None:
    """("QUYẾT ĐỊNH", line) when the body opens with the enacting word alone on its line
    ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"), above the articles; else None."""
    if not raws or raws[0].kind != "paragraph" or len(raws[0].words) != 1:
        return None
    word = raws[0].text.rstrip(": ").strip()
    if not word.isupper() or fold(word) not in ENACTING_WORDS:
        return None
    return word, raws[0].line
