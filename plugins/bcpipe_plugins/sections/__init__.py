"""Structure rules (BC401-BC408): required parts per document type, numbering,
headings, and the end-of-text mark "./." (NĐ30 PL I II.6).

Which parts a type requires is data: ``profiles.toml`` here, replaced or extended by
``[sections]`` settings (``profiles`` inline, or ``profiles_file``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

import bcpipe
from bcpipe import Check, Document, Finding, Rule, RuleContext, Severity
from bcpipe.model import Block, Clause, Container, Part, Point, Section
from bcpipe.source import ModelPath
from bcpipe_plugins.sections.numbering import sequence_findings
from bcpipe_plugins.sections.profiles import Profile, heading_key, load_profiles

__version__ = bcpipe.__version__

MISSING_PART = Check(
    "BC401",
    Severity.INFO,
    vi='{type} chưa có phần mẫu khuyến nghị: "{part}"',
    en="The {type_en} has no part the profile suggests: {part_en}",
)
REQUIRED_PART = Check(
    "BC408",
    Severity.ERROR,
    vi='Thiếu phần bắt buộc của {type}: "{part}" (cấu hình yêu cầu phần này)',
    en="A part the profile requires of the {type_en} is missing: {part_en}",
)
OUT_OF_SEQUENCE = Check(
    "BC402",
    Severity.WARNING,
    rule_set="style",
    vi='Đánh số không liên tục: "{found}" đứng ở chỗ cần "{expected}"',
    en='Numbering out of sequence: "{found}" where "{expected}" was expected',
)
NO_HEADING = Check(
    "BC403",
    Severity.WARNING,
    rule_set="strict",
    vi="Phần, mục phải có tiêu đề",
    en="A part or section must have a heading",
)
NO_END_MARK = Check(
    "BC404",
    Severity.WARNING,
    rule_set="strict",
    vi='Nội dung văn bản phải kết thúc bằng dấu "./."',
    en='The text of the document must end with "./."',
)
PARTS_ORDER = Check(
    "BC405",
    Severity.WARNING,
    rule_set="strict",
    vi='Phần "{part}" đứng trước phần "{before}"',
    en='The part "{part_en}" comes before "{before_en}"',
)
HEADING_CASE = Check(
    "BC406",
    Severity.WARNING,
    rule_set="strict",
    vi='Tiêu đề mục "{heading}" phải viết in hoa',
    en='The section heading "{heading}" must be in upper case',
)
EMPTY_SECTION = Check(
    "BC407",
    Severity.WARNING,
    rule_set="style",
    vi="Phần, mục không có nội dung",
    en="A part or section has no content",
)


_TITLED = (Part, Section)
# The blocks that may have a heading (isinstance, not getattr: a missing attribute
# costs pydantic a slow lookup).
_HEADED = (Part, Section, Clause, Point)


def _headings(body: Sequence[Block]) -> Iterator[tuple[int, str]]:
    """(top-level index, heading) of the body's blocks and of their children."""
    for index, block in enumerate(body):
        blocks = [block, *block.children] if isinstance(block, Container) else [block]
        for candidate in blocks:
            if isinstance(candidate, _HEADED) and candidate.heading:
                yield index, candidate.heading


def _part_findings(doc: Document, profile: Profile) -> Iterator[Finding]:
    headings = [(top, heading_key(heading)) for top, heading in _headings(doc.body)]
    found: list[tuple[int, int]] = []  # (top-level position, index in the profile)
    for rank, part in enumerate(profile.parts):
        positions = [top for top, heading in headings if part.matches(heading)]
        if not positions:
            # Real reports organise their parts in many ways: a missing part is advice
            # (BC401, info) unless the profile marks it required (BC408, error).
            check = REQUIRED_PART if part.required else MISSING_PART
            yield check.at(
                ("body",),
                type=doc.type.name_vi if check is MISSING_PART else doc.type.name_vi.lower(),
                type_en=doc.type.value.replace("_", " "),
                part=part.vi,
                part_en=part.en,
            )
        else:
            found.append((min(positions), rank))
    for (position, rank), (next_position, next_rank) in pairwise(found):
        if next_position < position:
            part, before = profile.parts[next_rank], profile.parts[rank]
            yield PARTS_ORDER.at(
                ("body", next_position),
                part=part.vi,
                before=before.vi,
                part_en=part.en,
                before_en=before.en,
            )


def _walk(blocks: Sequence[Block], path: ModelPath, out: list[Finding]) -> None:
    # Findings are collected into a list: nested generators would pass each finding up
    # through every level of the tree.
    for p, f, e in sequence_findings(blocks, path):
        out.append(OUT_OF_SEQUENCE.at(p, found=f, expected=e))
    for index, block in enumerate(blocks):
        if isinstance(block, _TITLED):
            here = (*path, index)
            if not block.heading:
                out.append(NO_HEADING.at(here))
            elif isinstance(block, Section) and block.heading != block.heading.upper():
                out.append(HEADING_CASE.at((*here, "heading"), heading=block.heading))
            if not block.children:
                out.append(EMPTY_SECTION.at(here))
        if isinstance(block, Container) and block.children:
            _walk(block.children, (*path, index, "children"), out)


def _end_mark_findings(doc: Document) -> Iterator[Finding]:
    if doc.closing:
        last_path: ModelPath = ("closing", len(doc.closing) - 1)
        text = doc.closing[-1].text
    else:
        last_text = [(("body", i), getattr(b, "text", None) or "") for i, b in enumerate(doc.body)]
        if not last_text:
            return
        last_path, text = last_text[-1]
    if not text.rstrip().endswith("./."):
        yield NO_END_MARK.at(last_path)


def make_rule(profiles: Mapping[str, Profile]) -> Rule:
    @bcpipe.rule(
        "sections",
        MISSING_PART,
        REQUIRED_PART,
        OUT_OF_SEQUENCE,
        NO_HEADING,
        NO_END_MARK,
        PARTS_ORDER,
        HEADING_CASE,
        EMPTY_SECTION,
    )
    def sections_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        """Required parts are there, in order; numbering runs on; sections have headings."""
        profile = profiles.get(doc.type.value)
        if profile is not None:
            yield from _part_findings(doc, profile)
        found: list[Finding] = []
        _walk(doc.body, ("body",), found)
        yield from found
        yield from _end_mark_findings(doc)

    return sections_rule


@bcpipe.hookimpl
def bcpipe_rules(settings: Mapping[str, Any]) -> Iterable[Rule]:
    return [make_rule(load_profiles(settings.get("sections", {})))]
