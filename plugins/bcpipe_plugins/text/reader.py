"""Reading a plain-text document into the model, in one pass over its zones.

A document reads top to bottom as the decree lays it out (PL I, Phần I, Mục IV):

1. the header (motto, issuer, "Số:", place and date, marks, "V/v") — :mod:`.header`;
2. the type name and subject, and a decision's enacting authority;
3. "Kính gửi:" and its addressees;
4. the body: basis, numbered tree, closing — :mod:`.blocks`, :mod:`.tree`;
5. the end of page one: signature, "Nơi nhận", initials, contact — :mod:`.tail`;
6. the appendices — :mod:`.appendix`.

The reader returns the document with a line map (model path → 1-based line) and
its findings (BC5xx). A text that is not a document at all raises
:class:`~bcpipe.SourceError`; one whose required components cannot be found raises
:class:`~bcpipe.InvalidDocumentError` listing each, with what was expected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from bcpipe import DocumentType, InvalidDocumentError, LoadContext, Loaded, SourceError
from bcpipe.errors import FieldProblem
from bcpipe.model import MOTTO_COUNTRY, MOTTO_TAGLINE
from bcpipe.source import ModelPath
from bcpipe_plugins.text.appendix import parse_appendices
from bcpipe_plugins.text.blocks import Raw, is_dense, scan_blocks, wrap_width
from bcpipe_plugins.text.checks import NO_MOTTO, TYPE_INFERRED, UNPLACED_LINE
from bcpipe_plugins.text.classify import classify_lines
from bcpipe_plugins.text.footnotes import place_footnotes
from bcpipe_plugins.text.fragments import join_header_fragments, split_run_together
from bcpipe_plugins.text.header import Header, parse_header, take_stamped_day
from bcpipe_plugins.text.issuer import Evidence, abbreviation_of, issuer_data
from bcpipe_plugins.text.lines import split_lines
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.site import strip_site
from bcpipe_plugins.text.tail import Tail, parse_tail, recipient_data
from bcpipe_plugins.text.title import TYPE_CODES, Title, parse_addressees, parse_title
from bcpipe_plugins.text.tree import (
    build_tree,
    enacting_word,
    paragraph_data,
    split_basis,
    split_closing,
    split_strays,
    stray_above_tree,
)
from bcpipe_plugins.text.zones import appendix_start, tail_start

__all__ = ["read_text"]


#: ``extensions["text"][ENACTING_AUTHORITY]``: the line a decision or resolution
#: prints under its subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", Mẫu 1.1-1.3).
def _texts(raws: Sequence[Raw]) -> Iterator[tuple[str, int]]:
    for raw in raws:
        if raw.kind != "table":
            yield raw.text, raw.line


class _Assembly:
    """Turns what the zones read into model data and the line map."""

    def __init__(self, notes: Notes, source: str | None) -> None:
        self.notes = notes
        self.source = source
        self.data: dict[str, Any] = {}
        self.problems: list[FieldProblem] = []

    def put(self, path: ModelPath, value: Any, line: int | None) -> None:
        target = self.data
        for key in path[:-1]:
            target = target.setdefault(str(key), {})
        target[str(path[-1])] = value
        if line is not None:
            for end in range(1, len(path) + 1):  # "marks.urgency" also places "marks"
                self.notes.at(path[:end], line)

    def missing(self, path: str, message: str, line: int | None) -> None:
        self.problems.append(FieldProblem(path, message, line))


def _document_type(
    header: Header, title: Title, notes: Notes
) -> tuple[DocumentType | None, int | None]:
    if title.type is not None:
        return title.type, title.type_line
    if header.subject_line is not None:
        return DocumentType.CONG_VAN, header.subject_line
    if header.notation:
        code = header.notation.split("-")[0]
        kind = TYPE_CODES.get(code, DocumentType.CONG_VAN if "-" in header.notation else None)
        if kind is not None:
            notes.report(
                TYPE_INFERRED,
                ("type",),
                header.number_line,
                type=kind.printed_name,
                notation=header.notation,
            )
            return kind, header.number_line
    return None, None


def _check_is_document(header: Header, title: Title, tail: Tail | None, source: str | None) -> None:
    """A document shows at least one header component and two components in all.

    Called once before the body is read (without ``tail``: a text with no header
    component is refused at once) and once after.
    """
    own = header.anchors + (title.type_line is not None)
    if tail is None and own >= 1:
        return
    closing = 0 if tail is None else (tail.heading_line is not None) + bool(tail.authority)
    if own >= 1 and own + closing >= 2:
        return
    raise SourceError(
        source,
        "not an administrative document: none (or only one) of its components was found; "
        "expected the lines “Số: …/…”, “<place>, ngày … tháng … năm …”, a type name such as "
        "“BÁO CÁO” or a “V/v …” subject, “Nơi nhận:” and the signature (“TM. …”, “KT. …”)",
        line=1,
    )


def _header_fields(doc: _Assembly, header: Header, title: Title) -> None:
    notes = doc.notes
    found = header.country or header.tagline
    if found is None:
        notes.report(
            NO_MOTTO, ("motto",), None, missing="Quốc hiệu, Tiêu ngữ", missing_en="national motto"
        )
    else:
        country = header.country or (MOTTO_COUNTRY, None)
        tagline = header.tagline or (MOTTO_TAGLINE, None)
        doc.put(("motto", "country"), country[0], country[1])
        doc.put(("motto", "tagline"), tagline[0], tagline[1])
        notes.at(("motto",), found[1])
        if header.country is None:
            notes.report(NO_MOTTO, ("motto",), found[1], missing="Quốc hiệu", missing_en="country")
        elif header.tagline is None:
            notes.report(NO_MOTTO, ("motto",), found[1], missing="Tiêu ngữ", missing_en="tagline")
    if header.notation and header.number_line is not None:
        doc.put(("notation",), header.notation, header.number_line)
        notes.at(("number",), header.number_line)
        notes.at(("status",), header.number_line)
        if header.number is not None:
            doc.put(("number",), header.number, header.number_line)
    else:
        doc.missing(
            "notation",
            "no number and notation: expected a line “Số: 05/BC-UBND” (“Số: /BC-UBND” in a draft)",
            title.type_line,
        )
    if header.place:
        doc.put(("place",), header.place, header.date_line)
    else:
        doc.missing(
            "place",
            "no place and date: expected a line such as “Tuy Phước, ngày 08 tháng 12 năm 2022”",
            header.date_line or header.number_line or title.type_line,
        )
    date = {"day": header.day, "month": header.month, "year": header.year}
    doc.put(("issue_date",), {k: v for k, v in date.items() if v is not None}, header.date_line)
    complete = None not in date.values()
    issued = header.number is not None and complete and header.draft_line is None
    doc.put(("status",), "issued" if issued else "draft", None)
    for name, (text, line) in header.marks.items():
        doc.put(("marks", name), text, line)


def _tail_fields(doc: _Assembly, tail: Tail) -> None:
    signature, lines = tail.signature()
    doc.put(("signature",), signature, tail.first_line)
    for path, line in lines.items():
        doc.notes.at(("signature", *path), line)
    # A draft left unsigned prints its signer's title and no name (007: "CHỦ TỊCH" and
    # blank lines): read, its name None; with no title either, there is no block.
    if not signature:
        doc.missing(
            "signature.name",
            "no signer's name: expected the signature block (“TM. …”, “KT. …”, the title in "
            "capitals, then the signer's name) after the text",
            tail.first_line or tail.heading_line,
        )
    recipients: list[dict[str, Any]] = []
    for words, line in tail.recipients:
        entry = recipient_data(words)
        if entry is None:
            doc.notes.debris("empty entry", line)
            continue
        doc.notes.at(("recipients", len(recipients)), line)
        recipients.append(entry)
    if recipients:
        first = tail.heading_line or tail.recipients[0][1]
        doc.put(("recipients",), recipients, first)
    if tail.typist_line is not None:
        if tail.typist:
            doc.put(("marks", "typist"), tail.typist, tail.typist_line)
        if tail.copies:
            doc.put(("marks", "copies"), tail.copies, tail.typist_line)
    if tail.contact:
        doc.put(("contact",), " ".join(text for text, _ in tail.contact), tail.contact[0][1])


def _paragraphs(lines: Sequence[tuple[str, int]]) -> list[Raw]:
    """Unplaced lines (words, line number) as one-line paragraphs."""
    return [Raw("paragraph", line, words=[words], last=line) for words, line in lines]


def _report_unplaced(
    notes: Notes, raws: Sequence[Raw], part: str, first: int, zone: tuple[str, str]
) -> None:
    """BC501 for each of ``raws``, kept as ``part[first]``, ``part[first + 1]``, …"""
    for number, raw in enumerate(raws, first):
        notes.report(
            UNPLACED_LINE, (part, number), raw.line, zone=zone[0], zone_en=zone[1], text=raw.text
        )


def read_text(
    text: str,
    ctx: LoadContext,
    *,
    place_of: Callable[[int], str | None] | None = None,
    paragraphs: bool = False,
) -> Loaded:
    """Read ``text`` (decoded, line ends ``\\n``) as a document.

    ``place_of`` says where a line stands in the file the text was extracted from
    (.docx, PDF): the findings' messages then name places, not the text's lines.
    ``paragraphs``: each line is a whole paragraph (a Word document's), never one a
    printed page wrapped, whether or not blank lines stand between them.

    Raises :class:`~bcpipe.SourceError` when the text is not a document and
    :class:`~bcpipe.InvalidDocumentError` when a required component is missing.
    """
    source = ctx.source
    lines = split_lines(text)
    if all(line.blank for line in lines):
        raise SourceError(source, "the file is empty: there is no text to read")
    settings = ctx.settings.get("text", {})
    settings = settings if isinstance(settings, Mapping) else {}
    notes = Notes(place_of)
    lines = join_header_fragments(split_run_together(strip_site(lines, notes)))
    lines = classify_lines(lines)
    # A Word paragraph is never a printed line to join to the next: in the body. The
    # title is read as the text shows it (a subject split over two paragraphs goes on).
    dense = is_dense(lines)

    header, index = parse_header(lines, notes)
    title, index = parse_title(lines, index, notes, dense, header)
    take_stamped_day(header)  # among the header's and the title's stray lines
    _check_is_document(header, title, None, source)
    addressees, index = parse_addressees(lines, index, notes, header.unplaced)
    tail_at = tail_start(lines, index)
    appendix_at = appendix_start(lines, tail_at)
    tail = parse_tail(lines[tail_at:appendix_at], notes)
    _check_is_document(header, title, tail, source)
    raws = scan_blocks(
        lines[index:tail_at],
        notes,
        dense=dense or paragraphs,
        width=wrap_width(lines) if dense and not paragraphs else None,
    )

    doc = _Assembly(notes, source)
    kind, kind_line = _document_type(header, title, notes)
    if kind is None:
        doc.missing(
            "type",
            "no document type: expected the type name in capitals (such as “BÁO CÁO”) under the "
            "date, or a “V/v …” subject for an official letter",
            header.date_line or header.number_line,
        )
    else:
        doc.put(("type",), kind.value, kind_line)
    _header_fields(doc, header, title)

    subject = title.subject or header.subject
    subject_line = title.subject_line if title.subject else header.subject_line
    if subject:
        doc.put(("subject",), " ".join(subject), subject_line)
    elif kind is None or not kind.subject_optional:  # a giấy mời may have none (037)
        doc.missing(
            "subject",
            "no subject: expected it on the line under the type name (or after “V/v”)",
            title.type_line or header.subject_line,
        )
    if title.authority:
        doc.put(("enacting_authority",), " ".join(title.authority), title.authority_line)

    for number, (_, line) in enumerate(addressees):
        notes.at(("addressees", number), line)
    if addressees:
        doc.put(("addressees",), [name for name, _ in addressees], addressees[0][1])

    strays, rest = split_strays(raws)
    basis_raws, rest = split_basis(rest)
    rest, closing_raws = split_closing(rest)
    enacting = enacting_word(rest)
    if enacting is not None:  # "QUYẾT ĐỊNH:" between the basis and the articles
        word, line = enacting
        rest.pop(0)
        doc.put(("enacting_word",), word, line)
    doc.put(
        ("basis",),
        [paragraph_data(r, ("basis", i), notes, citations=True) for i, r in enumerate(basis_raws)],
        None,
    )
    # Stray lines of the heading (header, title, "Kính gửi") and those right above the
    # basis open the body, in their order; so does one right above the body's tree.
    unplaced = [*_paragraphs(header.unplaced), *strays]
    if stray_above_tree(rest):
        unplaced.append(rest.pop(0))
    body = build_tree([*unplaced, *rest], ("body",), notes)
    _report_unplaced(notes, unplaced, "body", 0, ("phần đầu", "header"))
    doc.put(("body",), body, rest[0].line if rest else None)
    # Stray lines of the signature zone join the closing, before its last paragraph when
    # that one carries the end mark "./." (the text ends there, so the mark stays last).
    stray_tail = _paragraphs(tail.unplaced)
    at = len(closing_raws)
    if closing_raws and closing_raws[-1].text.endswith("./."):
        at -= 1
    closing_raws[at:at] = stray_tail
    closing = [paragraph_data(r, ("closing", i), notes) for i, r in enumerate(closing_raws)]
    _report_unplaced(notes, stray_tail, "closing", at, ("phần ký", "signature"))
    doc.put(("closing",), closing, min((r.line for r in closing_raws), default=None))

    _tail_fields(doc, tail)
    if tail.footnotes:
        doc.put(("footnotes",), place_footnotes(doc.data, tail.footnotes, notes), None)
    evidence = Evidence(
        collective=next(((t, ln) for p, t, ln in tail.authority if p == "TM"), None),
        place=header.place,
        abbreviation=abbreviation_of(header.notation, kind),
        lines=_texts(raws),
    )
    issuer = issuer_data(header.issuer, settings, evidence, notes)
    if issuer is None:
        doc.missing(
            "issuer.name",
            "no issuer: the text has no issuer lines above “Số:” and none can be inferred; add "
            'them, or set [text] issuer = "…" in the settings',
            header.number_line,
        )
    else:
        doc.put(("issuer",), issuer, None)
    appendices = parse_appendices(lines[appendix_at:], notes, dense=dense)
    if appendices:
        doc.put(("appendices",), appendices, lines[appendix_at].number)

    if doc.problems:
        raise InvalidDocumentError(source, doc.problems)
    findings = notes.finish()
    document = ctx.document(doc.data, lines=notes.lines)
    return Loaded(document, lines=notes.lines, findings=findings)
