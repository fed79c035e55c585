"""The words bcpipe.testing writes keep the promises its generator relies on.

Checked on the whole vocabulary, not on samples, so that an added heading, name or
sentence that would make some generated document invalid fails here, by name.
"""

from __future__ import annotations

import re

import pytest
from bcpipe_plugins.sections.profiles import heading_key, load_profiles
from bcpipe_plugins.text.patterns import BASIS_OPENER, CLOSING_OPENER

from bcpipe.citations import find_citations, find_mentions
from bcpipe.doctypes import DocumentType
from bcpipe.testing._agencies import AGENCIES, all_body_names
from bcpipe.testing._citations import law_citation, legal_citation
from bcpipe.testing._parts import _SUBJECTS
from bcpipe.testing._text import _GENERIC, _INNER_HEADINGS, LAYOUTS, PART_HEADINGS
from bcpipe.testing._vocabulary import LAWS, LEGAL_DOCUMENTS, TOPICS

PROFILES = load_profiles({})
PROFILED = {kind: layout.roles for kind, layout in LAYOUTS.items() if layout.required}


def _parts_matched(heading: str, kind: DocumentType) -> list[str]:
    return [part.id for part in PROFILES[kind.value].parts if part.matches(heading_key(heading))]


def test_the_layouts_follow_the_built_in_profiles() -> None:
    assert {kind.value for kind in PROFILED} == set(PROFILES)
    for kind, roles in PROFILED.items():
        assert len(roles) == len(PROFILES[kind.value].parts)


@pytest.mark.parametrize("kind", list(PROFILED), ids=lambda k: k.value)
def test_each_part_heading_finds_its_own_part_and_no_other(kind: DocumentType) -> None:
    parts = PROFILES[kind.value].parts
    for part, role in zip(parts, PROFILED[kind], strict=True):
        for heading in PART_HEADINGS[role] + _INNER_HEADINGS[role]:
            assert _parts_matched(heading, kind) in ([part.id], []), heading
        for heading in PART_HEADINGS[role]:
            assert _parts_matched(heading, kind) == [part.id], heading


@pytest.mark.parametrize("kind", list(PROFILED), ids=lambda k: k.value)
def test_free_headings_find_no_required_part(kind: DocumentType) -> None:
    free = [*PART_HEADINGS["general"], *_INNER_HEADINGS["general"]]
    for topic in TOPICS:
        free += [*topic.areas, topic.name.upper()]
    if kind is DocumentType.BAO_CAO:  # a report in parts has a "NHIỆM VỤ …" section
        free += PART_HEADINGS["content"]
    for heading in free:
        assert _parts_matched(heading, kind) == [], heading


def test_the_parts_of_a_report_laid_out_in_parts() -> None:
    for topic in TOPICS:
        for first in (f"KẾT QUẢ THỰC HIỆN {topic.name}", f"TÌNH HÌNH THỰC HIỆN {topic.name}"):
            assert _parts_matched(first.upper(), DocumentType.BAO_CAO) == ["results"]
    second = "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
    assert _parts_matched(second, DocumentType.BAO_CAO) == ["proposals"]


_ISSUER_END = re.compile(r"\b(?:về|V/v|quy định|hướng dẫn|ban hành)\b")
_TYPE_CODES = {t.abbreviation for t in DocumentType if t.abbreviation}


def test_names_of_bodies_can_be_cited_and_addressed() -> None:
    for name in all_body_names():
        assert not _ISSUER_END.search(name), name  # would end a cited issuer early
    for agency in AGENCIES:
        for body in (agency.body, *agency.recipients):
            if body.addressable:
                assert not re.search(r"[,.;:]", body.name), body.name
            if body.code is not None:
                assert re.fullmatch(r"[A-Za-zĐđ0-9]+", body.code), body.code
                assert body.code not in _TYPE_CODES, body.code  # a công văn's notation
                assert all(re.fullmatch(r"[A-Za-zĐđ0-9]+", unit) for unit in body.units)


def _filled(template: str) -> str:
    return template.format(
        n=12,
        m="1.200",
        p="95,5%",
        topic="công tác chuyển đổi số",
        where="trên địa bàn huyện",
        self="UBND huyện Tuy Phước",
        year=2023,
    )


def test_sentences_never_look_like_citations() -> None:
    templates = [
        t
        for topic in TOPICS
        for t in (*topic.results, *topic.problems, *topic.proposals, *topic.tasks)
    ]
    templates += [t for sentences in _GENERIC.values() for t in sentences]
    for template in templates:
        text = _filled(template)
        assert find_mentions(text) == [], text
        assert find_citations(text) == [], text
        assert not re.search(r"ngày\s*\d", text), text
        # The text reader takes a leading "Triển khai …" for the basis, "Kính …" for the
        # closing: a body sentence must not look like either.
        assert not BASIS_OPENER.match(text) and not CLOSING_OPENER.match(text), text


def test_subjects_of_cited_documents_end_where_the_recogniser_ends_them() -> None:
    for templates in _SUBJECTS.values():
        for template in templates:
            subject = _filled(template)
            assert not re.search(r"[,;]|\.\s", subject), subject
            assert not subject.startswith("việc "), subject


@pytest.mark.parametrize("about", ["về", "về việc"])
def test_every_central_document_and_law_is_read_back_exactly(about: str) -> None:
    for document in LEGAL_DOCUMENTS:
        citation = legal_citation(document, about=about)
        assert find_citations(f"Căn cứ {citation.text};") == [citation]
    for law in LAWS:
        citation = law_citation(law)
        assert find_citations(f"Căn cứ {citation.text};") == [citation]


def test_places_follow_the_decree() -> None:
    unit_word = re.compile(r"^(?:tỉnh|huyện|xã|phường|thị trấn|thị xã|quận|thành phố)\s", re.I)
    for agency in AGENCIES:
        place = agency.place.place
        assert (
            not unit_word.match(place)
            or place in ("Thành phố Hồ Chí Minh",)
            or re.fullmatch(r"Quận \d+", place)
        ), place
