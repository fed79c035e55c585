"""The PDF exporter: words, letters, geometry, fonts, determinism, pagination, errors."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bcpipe_plugins.pdf.fonts import BUNDLED, font_family
from bcpipe_plugins.pdf.layout import layout_for
from bcpipe_plugins.pdf.settings import PdfSettings
from conftest import SAMPLE_YAML
from pdf_runs import Run, runs
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

import bcpipe
from bcpipe import cli, render
from bcpipe.doctypes import DocumentType
from bcpipe.errors import ExportError
from bcpipe.model import (
    Appendix,
    Archive,
    AsAbove,
    AuthorityLine,
    Clause,
    Document,
    IssueDate,
    Issuer,
    Item,
    Marks,
    NamedRecipient,
    Paragraph,
    Part,
    Section,
    SignatureBlock,
    Table,
)
from bcpipe.textutil import nfc
from bcpipe.walk import iter_blocks

A4_WIDTH, A4_HEIGHT = 210 * mm, 297 * mm
#: Default margins (mm): top, bottom, left, right.
TOP, BOTTOM, LEFT, RIGHT = 20, 20, 30, 15
# Justified lines end on the margin up to float rounding in the content stream.
EPS = 0.05


# -- helpers --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_doc(pipeline: bcpipe.Pipeline) -> Document:
    return pipeline.load(SAMPLE_YAML)


@pytest.fixture(scope="module")
def sample_pdf(pipeline: bcpipe.Pipeline, sample_doc: Document) -> bytes:
    return pipeline.export(sample_doc, "pdf")


def page_texts(data: bytes) -> list[str]:
    """pypdf's text of each page, without the page number line (from page 2)."""
    texts = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, 1):
        lines = page.extract_text().split("\n")
        texts.append("\n".join(line for line in lines if line.strip() != str(number)))
    return texts


def words(text: str) -> list[str]:
    """Words exactly as printed (case and diacritics kept), punctuation dropped."""
    return re.findall(r"\w+", nfc(text))


def contains_words(haystack: list[str], needle: str) -> bool:
    wanted = words(needle)
    return f" {' '.join(wanted)} " in f" {' '.join(haystack)} "


def printed_strings(doc: Document) -> Iterator[str]:
    """Every piece of wording the document must show, from the model and bcpipe.render."""
    yield doc.motto.country
    yield doc.motto.tagline
    if doc.issuer.parent:
        yield doc.issuer.parent
    yield doc.issuer.name
    yield render.number_line(doc)
    yield render.place_date_line(doc)
    if render.type_line(doc):
        yield render.type_line(doc) or ""
    yield render.subject_line(doc)
    yield from render.addressee_lines(doc)
    for _, block in iter_blocks(doc):
        if isinstance(block, Table):
            yield from (cell for row in block.rows for cell in row if cell)
            if block.caption:
                yield block.caption
        else:
            yield from render.block_lines(block)
    titles, name = render.signature_lines(doc.signature)
    yield from titles
    yield name
    yield from render.recipient_lines(doc)
    typist = render.typist_line(doc.marks)
    if typist:
        yield typist
    if doc.contact:
        yield doc.contact
    for mark in (doc.marks.confidentiality, doc.marks.urgency):
        if mark:
            yield mark.value
    if doc.marks.circulation:
        yield doc.marks.circulation
    for appendix in doc.appendices:
        yield render.appendix_label(appendix)
        yield appendix.title
        if appendix.reference:
            yield appendix.reference


def body_runs(data: bytes) -> list[Run]:
    """Runs inside the text area (the page numbers in the top margin left out)."""
    return [r for r in runs(data) if r.y < A4_HEIGHT - TOP * mm]


def is_bold(run: Run) -> bool:
    return run.font.endswith("-Bold")


def roman(n: int) -> str:
    numerals = [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def make_doc(**changes: Any) -> Document:
    """A small valid report built from the model classes; ``changes`` override fields."""
    fields: dict[str, Any] = {
        "type": DocumentType.BAO_CAO,
        "status": "issued",
        "issuer": Issuer(name="SỞ THÔNG TIN VÀ TRUYỀN THÔNG", parent="UBND TỈNH BÌNH ĐỊNH"),
        "number": 5,
        "notation": "BC-STTTT",
        "place": "Bình Định",
        "issue_date": IssueDate(day=8, month=12, year=2022),
        "subject": "Tình hình ứng dụng công nghệ thông tin năm 2022",
        "body": [Paragraph(text="Nội dung báo cáo ngắn gọn, đầy đủ và chính xác.")],
        "closing": [Paragraph(text="Trên đây là báo cáo của Sở./.")],
        "signature": SignatureBlock(
            authority=[AuthorityLine(prefix="KT.", title="GIÁM ĐỐC")],
            position="PHÓ GIÁM ĐỐC",
            name="Trần Thị Bích Ngọc",
        ),
        "recipients": [NamedRecipient(name="UBND tỉnh"), Archive(holders=["VT", "VP"])],
    }
    fields.update(changes)
    return Document(**fields)


def long_doc(sections: int = 30) -> Document:
    """Dozens of sections, each with titled clauses and items: many pages."""
    sentence = (
        "Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền, quảng bá hình ảnh của địa "
        "phương đến bạn bè trong nước và quốc tế thông qua các sự kiện văn hóa, chính trị."
    )
    body = [
        Section(
            number=roman(s),
            heading=f"NỘI DUNG THỨ {s} CỦA BÁO CÁO",
            children=[
                Clause(
                    number=str(c),
                    heading=f"Công tác thứ {c} của mục {s}",
                    children=[Item(text=f"{sentence} Ý {i} của khoản {c}.") for i in range(1, 3)],
                )
                for c in range(1, 3)
            ],
        )
        for s in range(1, sections + 1)
    ]
    return make_doc(body=body)


def export(doc: Document, **settings: Any) -> bytes:
    return bcpipe.Pipeline(settings={"pdf": settings} if settings else None).export(doc, "pdf")


# -- words and letters ------------------------------------------------------------------


def test_every_sentence_of_the_sample_is_in_the_pdf(
    sample_doc: Document, sample_pdf: bytes
) -> None:
    printed = words(" ".join(page_texts(sample_pdf)))
    expected = [s for s in printed_strings(sample_doc) if words(s)]
    assert len(expected) > 60
    missing = [s for s in expected if not contains_words(printed, s)]
    assert not missing


def test_vietnamese_letters_survive_intact(sample_doc: Document, sample_pdf: bytes) -> None:
    source = " ".join(printed_strings(sample_doc))
    text = nfc(" ".join(page_texts(sample_pdf)))
    letters = {c for c in source if ord(c) > 127 and c.isalpha()}
    assert set("ặễữộƯĐơớờởợ") <= letters  # the sample exercises the hard ones
    assert letters <= set(text)
    assert "\ufffd" not in text


def test_a_draft_keeps_its_blanks(sample_doc: Document, sample_pdf: bytes) -> None:
    assert sample_doc.is_draft
    first = page_texts(sample_pdf)[0]
    assert re.search(r"Số:[ \u00a0]{3,}/BC-UBND", first)
    assert re.search(r"ngày[ \u00a0]{3,}tháng[ \u00a0]{3,}năm 2023", first)


def test_an_issued_document_prints_its_number_and_date() -> None:
    first = page_texts(export(make_doc()))[0]
    assert "Số: 05/BC-STTTT" in first
    assert "Bình Định, ngày 08 tháng 12 năm 2022" in first


# -- geometry ---------------------------------------------------------------------------


def test_pages_are_a4(sample_pdf: bytes) -> None:
    pages = PdfReader(io.BytesIO(sample_pdf)).pages
    assert len(pages) > 1
    for page in pages:
        assert float(page.mediabox.width) == pytest.approx(A4_WIDTH, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(A4_HEIGHT, abs=0.01)


def check_margins(data: bytes, top: float, bottom: float, left: float, right: float) -> None:
    """Text stays inside the margins (mm) and the body reaches them exactly."""
    body = body_runs(data)
    pages = {r.page for r in body}
    for page in pages:
        on_page = [r for r in body if r.page == page]
        lines = [r for r in on_page if r.x1 - r.x0 > 100]  # lines of the body, not cells
        # Justified lines start on the left margin and end on the right one.
        assert min(r.x0 for r in on_page) == pytest.approx(left * mm, abs=EPS)
        assert max(r.x1 for r in on_page) == pytest.approx(A4_WIDTH - right * mm, abs=EPS)
        assert sum(abs(r.x1 - (A4_WIDTH - right * mm)) < EPS for r in lines) >= 2
        # The first line's top (baseline + size) touches the top margin.
        assert max(r.y + r.size for r in on_page) == pytest.approx(A4_HEIGHT - top * mm, abs=EPS)
        assert min(r.y for r in on_page) >= bottom * mm
    # Text comes down to the bottom margin: some page ends within two lines of it (pages
    # may end higher: a heading moves on with the first lines it introduces).
    lowest = [min(r.y for r in body if r.page == page) for page in pages]
    assert min(lowest) - bottom * mm < 2 * 14 * 1.15


def test_margins_measured_from_the_pdf(sample_pdf: bytes) -> None:
    check_margins(sample_pdf, TOP, BOTTOM, LEFT, RIGHT)


def test_margins_follow_settings(sample_doc: Document) -> None:
    data = bcpipe.Pipeline(
        settings={"pdf": {"margin_top_mm": 25, "margin_left_mm": 35, "margin_right_mm": 20}}
    ).export(sample_doc, "pdf")
    check_margins(data, 25, BOTTOM, 35, 20)


def test_header_lines_stand_where_the_decree_puts_them(sample_pdf: bytes) -> None:
    first = [r for r in runs(sample_pdf) if r.page == 1]
    by_text = {r.text: r for r in first}
    number = next(r for r in first if r.text.startswith("Số:"))
    date = next(r for r in first if r.text.startswith("Tuy Phước, ngày"))
    motto = by_text["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    tagline = by_text["Độc lập - Tự do - Hạnh phúc"]
    # ô 3 and ô 4 on one line; the motto and the date on the right, the number left.
    assert number.y == pytest.approx(date.y)
    assert number.x1 < motto.x0 < date.x0
    middle = (motto.x0 + motto.x1) / 2
    assert (tagline.x0 + tagline.x1) / 2 == pytest.approx(middle, abs=1)
    assert (date.x0 + date.x1) / 2 == pytest.approx(middle, abs=1)
    assert is_bold(motto) and is_bold(tagline) and date.font.endswith("-Italic")
    assert (motto.size, tagline.size, date.size, number.size) == (12, 13, 13, 13)
    # Type name and subject centred on the text area, bold.
    centre = (LEFT * mm + A4_WIDTH - RIGHT * mm) / 2
    for text in ("BÁO CÁO", "Kết quả hoạt động thông tin đối ngoại năm 2022"):
        run = by_text[text]
        assert is_bold(run)
        assert (run.x0 + run.x1) / 2 == pytest.approx(centre, abs=1)


def test_signature_right_recipients_left_in_their_sizes(sample_pdf: bytes) -> None:
    every = runs(sample_pdf)
    last = [r for r in every if r.page == max(r.page for r in every)]
    heading = next(r for r in last if r.text == "Nơi nhận:")
    archive = next(r for r in last if r.text == "- Lưu: VT.")
    name = next(r for r in last if r.text == "Nguyễn Hùng Tân")
    authority = next(r for r in last if r.text == "TM. ỦY BAN NHÂN DÂN")
    assert heading.font.endswith("-BoldItalic") and heading.size == 12
    assert archive.size == 11 and heading.x0 == pytest.approx(LEFT * mm, abs=EPS)
    assert is_bold(name) and is_bold(authority) and name.size == 14
    assert name.x0 > A4_WIDTH / 2 - 30 and authority.y == pytest.approx(heading.y, abs=3)
    assert authority.y - name.y > 20 * mm  # room for signature and seal


def test_body_paragraphs_are_indented_and_headings_bold(sample_pdf: bytes) -> None:
    body = body_runs(sample_pdf)
    section = next(r for r in body if r.text == "I. KẾT QUẢ THỰC HIỆN")
    item = next(r for r in body if r.text.startswith("- Tập trung tuyên truyền"))
    assert is_bold(section) and not is_bold(item)
    assert item.x0 - LEFT * mm == pytest.approx(12.7 * mm, abs=EPS)


# -- fonts ------------------------------------------------------------------------------


def pdf_fonts(data: bytes) -> dict[str, Any]:
    fonts: dict[str, Any] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_every_font_is_embedded_truetype(sample_pdf: bytes) -> None:
    fonts = pdf_fonts(sample_pdf)
    faces = {re.sub(r"^/[A-Z]{6}\+", "", name) for name in fonts}
    assert faces == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }
    for name, font in fonts.items():
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), name


def test_fonts_are_registered_once(sample_doc: Document, sample_pdf: bytes) -> None:
    registered = len(pdfmetrics.getRegisteredFontNames())
    before = layout_for.cache_info().hits
    export(sample_doc)
    export(make_doc())
    assert len(pdfmetrics.getRegisteredFontNames()) == registered
    assert layout_for.cache_info().hits >= before + 2
    assert font_family(None) is font_family(BUNDLED)


def renamed_font(source: Path, target: Path, old: bytes, new: bytes) -> None:
    """Copy a TTF, renaming the family inside its 'name' table (same length)."""
    data = bytearray(source.read_bytes())
    (tables,) = struct.unpack(">H", data[4:6])
    for i in range(tables):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag == b"name":
            table = bytes(data[offset : offset + length])
            for a, b in (
                (old, new),
                (old.decode().encode("utf-16-be"), new.decode().encode("utf-16-be")),
            ):
                table = table.replace(a, b)
            data[offset : offset + length] = table
    target.write_bytes(bytes(data))


def test_a_configured_font_family_is_used(tmp_path: Path) -> None:
    files = {}
    for role, path in BUNDLED.by_role().items():
        target = tmp_path / f"userfont-{role}.ttf"
        renamed_font(Path(path), target, b"Liberation", b"Bcpipetest")
        files[role] = str(target)
    data = export(make_doc(), fonts=files)
    names = set(pdf_fonts(data))
    assert names and all("BcpipetestSerif" in name for name in names)
    assert "Trần Thị Bích Ngọc" in page_texts(data)[-1]


def test_a_missing_font_file_is_a_clear_error(tmp_path: Path) -> None:
    files = dict(BUNDLED.by_role(), bold=str(tmp_path / "nope-Bold.ttf"))
    with pytest.raises(ExportError, match=r"nope-Bold\.ttf.*\(bold\): not found"):
        export(make_doc(), fonts=files)


def test_a_broken_font_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00 this is not a font" * 10)
    files = dict(BUNDLED.by_role(), italic=str(broken))
    with pytest.raises(ExportError, match=r"broken\.ttf.*\(italic\)"):
        export(make_doc(), fonts=files)


def test_a_font_without_vietnamese_letters_is_refused() -> None:
    vera = Path(pdfmetrics.__file__).parent.parent / "fonts"
    files = {
        "regular": str(vera / "Vera.ttf"),
        "bold": str(vera / "VeraBd.ttf"),
        "italic": str(vera / "VeraIt.ttf"),
        "bold_italic": str(vera / "VeraBI.ttf"),
    }
    with pytest.raises(ExportError, match=r"Vera.*\.ttf' has no glyph for .*U\+1E"):
        export(make_doc(), fonts=files)


def test_font_settings_need_all_four_faces() -> None:
    with pytest.raises(ExportError, match=r"fonts\.bold_italic: Field required"):
        export(make_doc(), fonts={k: v for k, v in BUNDLED.by_role().items() if k != "bold_italic"})


def test_settings_outside_the_decree_are_refused() -> None:
    with pytest.raises(ExportError, match=r"margin_left_mm: Input should be greater than or"):
        export(make_doc(), margin_left_mm=10)
    with pytest.raises(ExportError, match=r"body_sizes: Extra inputs are not permitted"):
        export(make_doc(), body_sizes=14)


# -- determinism and metadata -------------------------------------------------------------


def test_two_exports_are_byte_identical(sample_doc: Document, sample_pdf: bytes) -> None:
    again = bcpipe.Pipeline().export(sample_doc, "pdf")
    assert again == sample_pdf
    assert export(long_doc(5)) == export(long_doc(5))


def test_another_process_gives_the_same_bytes(sample_pdf: bytes) -> None:
    # A fresh interpreter has another hash seed and registers the fonts anew.
    script = (
        "import sys, bcpipe; p = bcpipe.Pipeline(); "
        f"sys.stdout.buffer.write(p.export(p.load({str(SAMPLE_YAML)!r}), 'pdf'))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert out.stdout == sample_pdf


def test_metadata_comes_from_the_document(sample_pdf: bytes) -> None:
    info = PdfReader(io.BytesIO(sample_pdf)).metadata
    assert info is not None
    assert info.title == "Kết quả hoạt động thông tin đối ngoại năm 2022"
    assert info.author == "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"
    assert info["/CreationDate"] == "D:20000101000000+00'00'"  # a draft: fixed
    issued = PdfReader(io.BytesIO(export(make_doc()))).metadata
    assert issued is not None and issued["/CreationDate"] == "D:20221208000000+07'00'"


# -- pagination ---------------------------------------------------------------------------


def test_a_long_document_paginates_with_page_numbers_from_page_two() -> None:
    doc = long_doc(30)
    data = export(doc)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages > 5
    numbers = [r for r in runs(data) if r.y > A4_HEIGHT - TOP * mm]
    assert [r.page for r in numbers] == list(range(2, pages + 1))
    centre = (LEFT * mm + A4_WIDTH - RIGHT * mm) / 2
    for run in numbers:
        assert run.text == str(run.page)
        assert (run.x0 + run.x1) / 2 == pytest.approx(centre, abs=0.5)
        assert run.size == 14
    printed = words(" ".join(page_texts(data)))
    missing = [s for s in printed_strings(doc) if words(s) and not contains_words(printed, s)]
    assert not missing


def test_a_heading_never_ends_a_page() -> None:
    data = export(long_doc(30))
    body = body_runs(data)
    last_page = max(r.page for r in body)
    for page in range(1, last_page):
        lowest = min((r for r in body if r.page == page), key=lambda r: r.y)
        assert not is_bold(lowest), f"page {page} ends with the heading {lowest.text!r}"


def test_the_signature_stays_with_the_closing_and_the_recipients_together() -> None:
    recipients = [NamedRecipient(name=f"Phòng chuyên môn số {i}") for i in range(1, 12)]
    moved = 0
    for sections in range(8, 14):  # bodies of growing length: the closing falls everywhere
        doc = long_doc(sections).model_copy(update={"recipients": [*recipients, Archive()]})
        body = body_runs(export(doc))
        closing = [r for r in body if r.text.startswith("Trên đây là báo cáo")]
        name = [r for r in body if r.text == "Trần Thị Bích Ngọc"]
        lines = [
            r for r in body if r.text.startswith("- Phòng chuyên môn") or r.text == "Nơi nhận:"
        ]
        assert len(closing) == 1 and len(name) == 1
        assert closing[0].page == name[0].page
        assert len(lines) == 12 and {r.page for r in lines} == {name[0].page}
        # Where the closing alone would have fitted on the page before, it went over.
        before = [r.y for r in body if r.page == closing[0].page - 1]
        starts_page = next(r for r in body if r.page == closing[0].page) == closing[0]
        moved += starts_page and min(before) - BOTTOM * mm > 3 * 14 * 1.15
    assert moved


@pytest.mark.parametrize("sentences", [35, 38, 41, 77, 122])
def test_a_closing_longer_than_a_page_keeps_its_last_lines_with_the_signature(
    sentences: int,
) -> None:
    # These lengths once left the signer's name, or the whole block, alone on a page.
    sentence = "Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền, quảng bá hình ảnh. "
    doc = make_doc(closing=[Paragraph(text=sentence * sentences + "./.")])
    body = body_runs(export(doc))
    name = next(r for r in body if r.text == "Trần Thị Bích Ngọc")
    title = next(r for r in body if r.text == "KT. GIÁM ĐỐC")
    heading = next(r for r in body if r.text == "Nơi nhận:")
    closing_lines = [r for r in body if r.page == name.page and "tuyên truyền" in r.text]
    assert title.page == name.page == heading.page
    assert len(closing_lines) >= 2
    printed = " ".join(r.text for r in body)
    assert printed.count("quảng bá hình ảnh.") == sentences  # nothing lost in the splits


def test_a_recipient_list_taller_than_a_page_still_prints() -> None:
    recipients = [NamedRecipient(name=f"Đơn vị số {i}") for i in range(1, 121)]
    data = export(make_doc(recipients=[*recipients, Archive()]))
    body = body_runs(data)
    heading = next(r for r in body if r.text == "Nơi nhận:")
    name = next(r for r in body if r.text == "Trần Thị Bích Ngọc")
    # The first 40 beside the signature, the rest under it (laid out in linear time).
    assert heading.page == name.page
    printed = {r.text for r in body}
    assert all(f"- Đơn vị số {i};" in printed for i in range(1, 121))


# -- the other components ----------------------------------------------------------------


def test_text_that_looks_like_markup_prints_as_written() -> None:
    text = "Tỷ lệ A < B & C > D; 5% <b>không</b> đậm &amp; ổn"
    doc = make_doc(
        body=[Part(number="I", heading="TÌNH HÌNH CHUNG", children=[Paragraph(text=text)])],
        recipients=[NamedRecipient(name="Phòng A & B", note="<i>Đ/c Lan</i>")],
    )
    body = body_runs(export(doc))
    printed = {r.text for r in body}
    assert {text, "- Phòng A & B (<i>Đ/c Lan</i>).", "Phần I", "TÌNH HÌNH CHUNG"} <= printed
    part = next(r for r in body if r.text == "Phần I")
    assert is_bold(part)
    centre = (LEFT * mm + A4_WIDTH - RIGHT * mm) / 2
    assert (part.x0 + part.x1) / 2 == pytest.approx(centre, abs=1)


def test_marks_addressees_contact_and_appendices() -> None:
    doc = make_doc(
        addressees=["Ủy ban nhân dân tỉnh", "Bộ Thông tin và Truyền thông"],
        marks=Marks(
            confidentiality="MẬT",
            urgency="THƯỢNG KHẨN",
            circulation="LƯU HÀNH NỘI BỘ",
            typist="NTH",
            copies=12,
        ),
        contact="Số 1 Lê Lợi, Quy Nhơn, Bình Định; ĐT: 0256 3822 000; Email: stttt@binhdinh.gov.vn",
        recipients=[AsAbove(), NamedRecipient(name="Lãnh đạo Sở"), Archive(holders=["VT"])],
        appendices=[
            Appendix(
                number="I",
                title="SỐ LIỆU ỨNG DỤNG CÔNG NGHỆ THÔNG TIN",
                reference="(Kèm theo Báo cáo số 05/BC-STTTT ngày 08/12/2022)",
                body=[
                    Table(
                        caption="Bảng tổng hợp",
                        rows=[["Chỉ tiêu", "Kết quả"], ["Dịch vụ công trực tuyến", "95%"]],
                    )
                ],
            )
        ],
    )
    data = export(doc)
    texts = page_texts(data)
    printed = words(" ".join(texts))
    missing = [s for s in printed_strings(doc) if words(s) and not contains_words(printed, s)]
    assert not missing
    assert "Kính gửi:" in texts[0] and "NTH.(12)" in texts[-2]
    # The appendix starts a page of its own; the contact footer is on page 1 only.
    assert texts[-1].lstrip().startswith("Phụ lục I")
    assert all("stttt@binhdinh.gov.vn" not in text for text in texts[1:])
    footer = next(r for r in runs(data) if "stttt@" in r.text)
    assert footer.page == 1 and footer.y >= BOTTOM * mm and footer.size == 11


def test_a_cong_van_has_its_subject_in_the_header() -> None:
    doc = make_doc(type=DocumentType.CONG_VAN, notation="STTTT-VP", subject="triển khai kế hoạch")
    first = [r for r in runs(export(doc)) if r.page == 1]
    subject = next(r for r in first if r.text == "V/v triển khai kế hoạch")
    number = next(r for r in first if r.text.startswith("Số: 05/STTTT-VP"))
    assert subject.y < number.y and subject.x1 < A4_WIDTH / 2
    assert not any(r.text == "CÔNG VĂN" for r in first)


# -- CLI and API --------------------------------------------------------------------------


def test_cli_exports_pdf(tmp_path: Path, sample_pdf: bytes) -> None:
    out = tmp_path / "bao-cao.pdf"
    assert cli.main(["export", str(SAMPLE_YAML), "--to", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes() == sample_pdf


def test_cli_reads_pdf_settings_from_config(tmp_path: Path) -> None:
    config = tmp_path / "bcpipe.toml"
    config.write_text("[pdf]\nmargin_left_mm = 35\nbody_size = 13\n", encoding="utf-8")
    out = tmp_path / "bao-cao.pdf"
    code = cli.main(
        ["export", str(SAMPLE_YAML), "--to", "pdf", "-o", str(out), "--config", str(config)]
    )
    assert code == 0
    body = body_runs(out.read_bytes())
    assert min(r.x0 for r in body) == pytest.approx(35 * mm, abs=EPS)
    assert {r.size for r in body if r.page == 2} == {13}


def test_cli_reports_a_bad_font_without_traceback(tmp_path: Path, capsys: Any) -> None:
    config = tmp_path / "bcpipe.toml"
    fonts = dict(BUNDLED.by_role(), regular=str(tmp_path / "missing.ttf"))
    lines = "".join(f'{role} = "{path}"\n' for role, path in fonts.items())
    config.write_text(f"[pdf.fonts]\n{lines}", encoding="utf-8")
    out = tmp_path / "x.pdf"
    code = cli.main(
        ["export", str(SAMPLE_YAML), "--to", "pdf", "-o", str(out), "--config", str(config)]
    )
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "missing.ttf" in err and "Traceback" not in err


def test_profile_defaults_are_the_decrees() -> None:
    profile = PdfSettings()
    assert (profile.margin_top_mm, profile.margin_bottom_mm) == (TOP, BOTTOM)
    assert (profile.margin_left_mm, profile.margin_right_mm) == (LEFT, RIGHT)
    assert profile.first_line_indent_cm == 1.27 and profile.paragraph_spacing_pt >= 6


def test_plain_paragraphs_break_lines_as_reportlabs_parser_does(sample_doc: Document) -> None:
    from xml.sax.saxutils import escape

    from bcpipe_plugins.pdf.paragraphs import plain_paragraph
    from reportlab.platypus import Paragraph as RLParagraph

    styles = layout_for(PdfSettings()).styles
    texts = [block.text for _, block in iter_blocks(sample_doc) if isinstance(block, Item)]
    texts.append("Điều\u00a05 giữ khoảng trắng không ngắt;  hai   dấu cách\n và xuống dòng")
    assert len(texts) > 20
    for text in texts:
        for style in (styles.body, styles.heading, styles.recipient):
            fast, parsed = plain_paragraph(text, style), RLParagraph(escape(text), style)
            assert fast.wrap(300, 1000) == parsed.wrap(300, 1000)
            assert [line[1] for line in fast.blPara.lines] == [
                line[1] for line in parsed.blPara.lines
            ]


def test_reportlab_is_imported_when_a_pdf_is_written_not_when_the_plugin_loads() -> None:
    # Every bcpipe command loads the plugins; reportlab costs 80 ms of a 0.5 s start.
    code = (
        "import sys, bcpipe\n"
        "pipeline = bcpipe.Pipeline()\n"
        "assert 'pdf' in pipeline.export_formats\n"
        "print('reportlab' in sys.modules)\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert loaded.strip() == "False"
