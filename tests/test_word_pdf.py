"""Word (.docx) and PDF: the readers, the .docx exporter, and what they refuse."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bcpipe_plugins.docx.numbering import Numbering
from bcpipe_plugins.docx.xml import W_NS
from hypothesis import given, settings

import bcpipe
from bcpipe import SourceError
from bcpipe.model import Document
from bcpipe.testing import assert_round_trip, documents

docx = pytest.importorskip("docx")  # the dev extra installs it; a bare install has none

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "text").glob("*.txt"))
ORIGINALS = ROOT / "tests" / "corpus" / "originals"
DOCS = ROOT / "tests" / "corpus" / "docs"


@pytest.fixture(scope="module")
def pipeline() -> bcpipe.Pipeline:
    return bcpipe.Pipeline()


# -- the .docx exporter and the round trip ---------------------------------------------


@pytest.mark.parametrize("path", [SAMPLE, *FIXTURES], ids=lambda p: p.stem)
def test_docx_round_trip_is_identity_and_bytes_are_deterministic(
    pipeline: bcpipe.Pipeline, path: Path
) -> None:
    document = pipeline.load(path)
    data = pipeline.export(document, "docx")
    assert data == pipeline.export(pipeline.load(path), "docx")
    assert pipeline.loads(data, kind="docx", name="x.docx") == document


@settings(max_examples=25, deadline=None)
@given(documents())
def test_generated_documents_round_trip_through_docx(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    assert_round_trip(pipeline, doc, "docx")


def test_the_export_is_laid_out_per_decree_30(pipeline: bcpipe.Pipeline) -> None:
    data = pipeline.export(SAMPLE, "docx")
    package = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    word = docx.Document(io.BytesIO(data))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml
    assert word.styles["Normal"].font.name == "Times New Roman"
    header, signature = word.tables[0], word.tables[-1]
    assert "w:tblBorders" in header._tbl.xml and 'w:val="nil"' in header._tbl.xml
    place = header.cell(1, 1).paragraphs[0].runs[0]
    assert place.italic and place.text.startswith("Tuy Phước, ngày")
    texts = {p.text: p for p in word.paragraphs}
    assert texts["BÁO CÁO"].runs[0].bold
    body = texts[next(t for t in texts if t.startswith("Thực hiện Công văn"))]
    assert body.paragraph_format.alignment == 3  # justified
    assert body.paragraph_format.first_line_indent is not None
    heading = signature.cell(0, 0).paragraphs[0].runs[0]
    assert heading.text == "Nơi nhận:" and heading.bold and heading.italic
    assert heading.font.size.pt == 12
    assert signature.cell(0, 0).paragraphs[1].runs[0].font.size.pt == 11


# -- reading .docx: places, layouts, numbering ---------------------------------------------


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _body(word: object) -> None:
    for line in (
        "BÁO CÁO",
        "Kết quả công tác năm 2023",
        "I. KẾT QUẢ",
        "1. Đã tổ chức 3 lớp tập huấn cho cán bộ, công chức.",
        "Trên đây là báo cáo kết quả công tác năm 2023./.",
    ):
        word.add_paragraph(line)  # type: ignore[attr-defined]


def _signature(word: object) -> None:
    table = word.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.text = "Nơi nhận:"
    left.add_paragraph("- Sở Nội vụ;")
    left.add_paragraph("- Lưu: VT, VP.")
    right.text = "CHỦ TỊCH"
    right.add_paragraph("Nguyễn Văn An")


def test_a_header_table_with_three_rows(pipeline: bcpipe.Pipeline) -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table.cell(1, 0).text = "Số: 12/BC-UBND"
    table.cell(2, 1).text = "Phước Sơn, ngày 05 tháng 01 năm 2024"
    _body(word)
    _signature(word)
    document = pipeline.loads(_save(word), kind="docx", name="x.docx")
    assert (document.number, document.notation) == (12, "BC-UBND")
    assert document.issuer.name == "ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN"
    assert (document.issue_date.day, document.place) == (5, "Phước Sơn")
    assert document.signature.name == "Nguyễn Văn An"
    assert [r.kind for r in document.recipients] == ["recipient", "archive"]


def test_a_header_laid_out_with_tabs_instead_of_a_table(pipeline: bcpipe.Pipeline) -> None:
    word = docx.Document()
    word.add_paragraph("ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    word.add_paragraph("\t\tĐộc lập - Tự do - Hạnh phúc")
    word.add_paragraph("Số: 12/BC-UBND\t\tPhước Sơn, ngày 05 tháng 01 năm 2024")
    _body(word)
    _signature(word)
    document = pipeline.loads(_save(word), kind="docx", name="x.docx")
    assert document.issuer.name == "ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN"
    assert (document.number, document.place, document.issue_date.year) == (12, "Phước Sơn", 2024)


def test_data_tables_with_merged_cells_become_model_tables(pipeline: bcpipe.Pipeline) -> None:
    source = pipeline.load(SAMPLE)
    word = docx.Document(io.BytesIO(pipeline.export(source, "docx")))
    closing = next(p for p in word.paragraphs if p.text.startswith("Trên đây"))
    table = word.add_table(rows=3, cols=3)
    table.style = word.styles["Table Grid"]
    for c, text in enumerate(["Nội dung", "Năm 2022", "Năm 2023"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "Tin bài"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "120"
    table.cell(2, 0).merge(table.cell(1, 0))
    closing._p.addprevious(table._tbl)
    document = pipeline.loads(_save(word), kind="docx", name="x.docx")
    tables = [b for b in _walk(document.body) if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows[0] == ["Nội dung", "Năm 2022", "Năm 2023"]
    assert tables[0].rows[1] == ["Tin bài", "120", ""]


def _walk(blocks: list) -> list:  # type: ignore[type-arg]
    out = []
    for block in blocks:
        out.append(block)
        out.extend(_walk(getattr(block, "children", [])))
    return out


def test_findings_from_a_docx_name_the_paragraph_or_cell(pipeline: bcpipe.Pipeline) -> None:
    data = pipeline.export(SAMPLE, "docx")
    result = pipeline.validate(_loaded(pipeline, data))
    archive = next(f for f in result.findings if f.code == "BC305")
    assert archive.location.place == "table 2, row 1, cell 1"
    assert archive.location.line is None
    assert "(table 2, row 1, cell 1)" in str(archive.location)


def _loaded(pipeline: bcpipe.Pipeline, data: bytes) -> Document:
    return pipeline.loads(data, kind="docx", name="x.docx")


NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  <w:lvl w:ilvl="4"><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%5."/></w:lvl>
</w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="1"/>
  <w:lvlOverride w:ilvl="1"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>"""


def test_word_numbering_is_resolved_to_the_visible_labels() -> None:
    from lxml import etree

    numbering = Numbering(etree.fromstring(NUMBERING.encode()))
    asked = [(0, "I."), (1, "1."), (2, "a)"), (2, "b)"), (3, "+"), (1, "2."), (2, "a)")]
    assert [numbering.label("7", level) for level, _ in asked] == [want for _, want in asked]
    assert [numbering.label("7", 4), numbering.label("7", 4)] == ["2.1.", "2.2."]
    assert numbering.label("7", 0) == "II."
    assert numbering.label("7", 1) == "1."  # restarted under the new section
    assert numbering.label("8", 1) == "4."  # its own list, started at 4
    assert numbering.label("9", 0) is None


# -- refused files ----------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (OLE + b"\0" * 600, r"old binary Word document \(\.doc\)"),
        (OLE + "EncryptedPackage".encode("utf-16-le"), "protected by a password"),
        (b"PK\x03\x04 broken", "damaged"),
        (b"hello", "not a Word document"),
        (_zip({"word/document.xml": b"<" * 5_000_000}), "zip bomb"),
        (_zip({"a.xml": b"<x/>"}), "no word/document.xml"),
        (_zip({"[Content_Types].xml": b"<x", "word/document.xml": b"<x"}), "damaged"),
    ],
    ids=["doc", "encrypted", "bad-zip", "not-zip", "bomb", "no-document", "bad-xml"],
)
def test_bad_word_files_get_one_clear_message(
    pipeline: bcpipe.Pipeline, data: bytes, message: str
) -> None:
    with pytest.raises(SourceError, match=message):
        pipeline.loads(data, kind="docx", name="x.docx")


def test_a_doc_file_names_the_conversion_command(pipeline: bcpipe.Pipeline) -> None:
    doc = next(ORIGINALS.glob("*.doc"))
    with pytest.raises(SourceError, match="soffice --headless --convert-to docx"):
        pipeline.load(doc)


def test_bad_pdfs_get_one_clear_message(pipeline: bcpipe.Pipeline, tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from reportlab.pdfgen.canvas import Canvas

    blank = io.BytesIO()
    canvas = Canvas(blank)
    canvas.rect(100, 100, 200, 200)
    canvas.showPage()
    canvas.save()
    with pytest.raises(SourceError, match="no text layer"):
        pipeline.loads(blank.getvalue(), kind="pdf", name="scan.pdf")
    writer = PdfWriter(clone_from=io.BytesIO(pipeline.export(SAMPLE, "pdf")))
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(SourceError, match="protected by a password"):
        pipeline.loads(locked.getvalue(), kind="pdf", name="locked.pdf")
    with pytest.raises(SourceError, match="not a PDF"):
        pipeline.loads(b"hello", kind="pdf", name="x.pdf")
    with pytest.raises(SourceError, match="damaged"):
        pipeline.loads(b"%PDF-1.4 nothing else", kind="pdf", name="x.pdf")


def test_the_cli_takes_docx_and_pdf_and_refuses_a_doc_with_exit_2(tmp_path: Path) -> None:
    def bcpipe_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bcpipe", *args], capture_output=True, text=True, check=False
        )

    out = tmp_path / "bao-cao.docx"
    assert bcpipe_cli("export", str(SAMPLE), "--to", "docx", "-o", str(out)).returncode == 0
    assert bcpipe_cli("validate", str(out)).returncode == 0
    doc = bcpipe_cli("validate", str(next(ORIGINALS.glob("*.doc"))))
    assert doc.returncode == 2 and "Traceback" not in doc.stderr
    assert "convert it to .docx" in doc.stderr


# -- PDF: bcpipe's own, and the corpus -----------------------------------------------------


@pytest.mark.parametrize("path", [SAMPLE, *FIXTURES], ids=lambda p: p.stem)
def test_bcpipes_own_pdf_reads_back_equal(pipeline: bcpipe.Pipeline, path: Path) -> None:
    document = pipeline.load(path)
    back = pipeline.loads(pipeline.export(document, "pdf"), kind="pdf")
    # The PDF export does not print a decision's enacting authority (the text
    # plugin's extension, "CHỦ TỊCH ỦY BAN NHÂN DÂN …"); all else reads back.
    expected = document.model_copy(
        update={"extensions": {k: v for k, v in document.extensions.items() if k != "text"}}
    )
    assert back == expected


@settings(max_examples=30, deadline=None, derandomize=True)
@given(documents())
def test_generated_documents_read_back_from_their_pdf(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    # Derandomized: about 1 in 300 generated documents does not read back (see
    # bcpipe.testing.LAYOUT_READERS); these 30 do, and a change that breaks one fails.
    assert_round_trip(pipeline, doc, "pdf")


FACTS = ("type", "notation", "place", "issuer", "signer")


def _facts(document: Document) -> dict[str, object]:
    return {
        "type": document.type,
        "notation": document.notation,
        "place": document.place,
        "issuer": document.issuer.name,
        "signer": document.signature.name,
        "number": document.number,
        "date": document.issue_date,
    }


#: Refused from the original as from its text: 036's OCR in a legacy font encoding,
#: 042's meeting programme (no number, no signature: not a document under Decree 30).
REFUSED = {"036", "042"}


def _original_and_text() -> list[tuple[Path, Path]]:
    pairs = []
    for original in sorted([*ORIGINALS.glob("*.docx"), *ORIGINALS.glob("*.pdf")]):
        pairs.append((original, DOCS / f"{original.stem}.txt"))
    return pairs


@pytest.mark.parametrize(("original", "text"), _original_and_text(), ids=lambda p: p.name)
def test_corpus_originals_read_at_least_as_well_as_their_text(
    pipeline: bcpipe.Pipeline, original: Path, text: Path
) -> None:
    key = original.name[:3]
    if key in REFUSED:
        for source in (original, text):
            with pytest.raises(bcpipe.SourceError, match="not an administrative document"):
                pipeline.load(source)
        return
    from_text = _facts(pipeline.load(text))
    from_original = _facts(pipeline.load(original))
    # Signed PDFs (003, 022, 029, 041) have their number and date stamped as signature
    # widgets: read from the flattened page, they match too.
    for fact in (*FACTS, "number", "date"):
        if (key, fact) in KNOWN_MISREAD:
            assert from_original[fact] != from_text[fact], f"{fact} now reads: move it back"
            continue
        assert from_original[fact] == from_text[fact], fact


#: Facts the original still gives otherwise than its text (known, reported).
KNOWN_MISREAD: set[tuple[str, str]] = set()


def _paragraphs(document: Document) -> list[str]:
    return [
        block.text
        for _, block in bcpipe.walk.iter_blocks(document)
        if block.kind == "paragraph" and block.text
    ] + [block.text for block in [*document.basis, *document.closing]]


def test_a_pdfs_wrapped_lines_are_one_paragraph_though_the_motto_stands_out(
    pipeline: bcpipe.Pipeline,
) -> None:
    # 022: the motto reaches 13 pt past the body's right margin and the subject's column
    # starts 6 pt left of its left margin; the body's justified lines still join (each
    # used to be a paragraph of its own, joined by the text reader as broken by a page).
    result = pipeline.read(ORIGINALS / "022-cong-van-bo-sung-so-lieu-nq76-bnv.pdf")
    assert result.codes() == []
    first = result.document.basis[0].text
    assert first.startswith("Triển khai thực hiện Quyết định số 145/QĐ-BNV ngày 03/3/2025 của Bộ")
    assert first.endswith("giai đoạn 2026 - 2030;")  # a line ends in ";" and the next is
    body = result.document.body[0]  # a capital: read as two sentences (the original has one)
    assert body.kind == "paragraph" and body.text.startswith("Công văn số 336/BNV-CCHC")
    assert body.text.endswith("giai đoạn từ năm 2021 đến ngày 31/3/2025.")


def test_a_pdfs_footnotes_are_read_with_their_marks(pipeline: bcpipe.Pipeline) -> None:
    # 001: the superscript "4" after "QPPL" stands on a baseline of its own, as does the
    # "4" before its note at the page's foot; both were dropped as page numbers, the
    # mark broke its paragraph and the note's lines ran into the body.
    result = pipeline.read(ORIGINALS / "001-bao-cao-cchc-nam-2025-lam-dong.pdf")
    notes = {note.label: note for note in result.document.footnotes}
    note = notes["4"]
    assert note.text.startswith("Trước sáp nhập tỉnh: Tỉnh Lâm Đồng: HĐND tỉnh đã thông qua")
    words = next(
        text
        for text in _paragraphs(result.document)
        if "Ủy ban nhân dân tỉnh ban hành 137 Quyết định QPPL và đã được cập nhật" in text
    )
    assert note.offset is not None and words[: note.offset].endswith("Quyết định QPPL")
    assert not any(
        "HĐND tỉnh đã thông qua 08 nghị quyết" in t for t in _paragraphs(result.document)
    )
    assert "BC503" not in result.codes()  # no mark read as a page number
    # Note 11 runs over onto page 12, in small lines above note 12: the rest is the
    # note's, not words in the middle of the body's "14 sở, ngành12, 12 chi" / "cục".
    assert notes["11"].text.endswith("màn hình cảm ứng tra cứu thông tin, đánh giá TTHC.")
    assert not any("đầy đủ máy scan, máy phô tô" in t for t in _paragraphs(result.document))
    # Every note is found: 2 fills most of its page (it opens above the page's lower
    # part), 13 opens with a number ("08 chi cục …").
    assert list(notes) == [str(n) for n in range(1, 18)]
    assert notes["2"].text.startswith("Trước sáp nhập tỉnh: - UBND tỉnh Lâm Đồng đã ban hành")
    assert notes["13"].text.startswith("08 chi cục thuộc Sở Nông nghiệp và Môi trường")
    assert not any("Trước sáp nhập tỉnh: - UBND" in t for t in _paragraphs(result.document))
    # What joins are left are at page breaks (a few, not one a line).
    joins = [f for f in result.findings if f.code == "BC502"]
    assert 0 < len(joins) <= 35  # the PDF has 35 pages


def test_a_pdf_subjects_centred_lines_in_lower_case_go_on(pipeline: bcpipe.Pipeline) -> None:
    # 016 (a draft): the subject's second and third lines are set regular and centred.
    result = pipeline.read(ORIGINALS / "016-quyet-dinh-du-thao-cong-bo-tthc-lai-chau.pdf")
    assert result.codes() == []
    assert result.document.subject is not None
    assert result.document.subject.endswith("quản lý của Sở Tài chính tỉnh Lai Châu")
    assert result.document.enacting_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"


def test_letters_attached_to_a_pdf_are_appendices_as_in_its_text(
    pipeline: bcpipe.Pipeline,
) -> None:
    # 021: two letters follow the signature, each with its own header. Their repeated
    # header is no running head (it was dropped as one), and read column by column
    # their "V/v …" subject stands above the motto: each letter is one appendix, titled
    # by its subject, as the text gives them (the PDF gave 29 warnings and a false
    # BC123 from three signatures read as one).
    pdf = pipeline.validate(ORIGINALS / "021-cong-van-hop-nhat-tcxh-nn-btp.pdf")
    text = pipeline.validate(ROOT / "tests/corpus/docs/021-cong-van-hop-nhat-tcxh-nn-btp.txt")
    titles = [appendix.title for appendix in pdf.document.appendices]
    assert titles == [appendix.title for appendix in text.document.appendices]
    assert titles[0] == (
        "V/v đề nghị hướng dẫn hợp nhất Đoàn Luật sư khi thực hiện hợp nhất địa giới hành chính"
    )
    # The text's first "Hướng dẫn số 31-" / "HD/BTCTW" lost its line break's place in
    # the notation; the PDF's reads whole. The second is printed "31- HD/BTCTW".
    assert sorted(text.codes()) == ["BC201", "BC201", "BC503"]
    assert sorted(pdf.codes()) == ["BC201", "BC503"]


def test_a_pdf_font_bold_by_its_name_sets_a_bold_title(pipeline: bcpipe.Pipeline) -> None:
    # 029: its bold font reports weight 400; its name ("TimesNewRomanPS-BoldMT") and
    # its ForceBold flag say bold, and the subject's three centred lines read as one.
    result = pipeline.validate(ORIGINALS / "029-to-trinh-hop-nhat-doan-luat-su-stp.pdf")
    assert result.document.subject is not None
    assert result.document.subject.endswith(
        "chỉ định Ban Chủ nhiệm, Chủ nhiệm, Hội đồng Khen thưởng, kỷ luật lâm thời"
    )
    assert "BC501" not in result.codes()


def test_a_pdf_whose_text_layer_lacks_letters_is_reported(pipeline: bcpipe.Pipeline) -> None:
    # 023's font maps some capitals to nothing: the page shows "Sở Nội vụ", every
    # reader of its text gets "Sở ội vụ". Nothing else in the corpus, nor bcpipe's own
    # PDF, lacks letters.
    read = {
        path.name[:3]: pipeline.read(path).codes()
        for path in sorted(ORIGINALS.glob("*.pdf"))
        if path.name[:3] not in REFUSED
    }
    assert [key for key, codes in read.items() if "BC510" in codes] == ["023"]
    own = pipeline.loads(pipeline.export(SAMPLE, "pdf"), kind="pdf", name="own.pdf")
    assert own.source is not None
    assert "BC510" not in [f.code for f in own.source.findings]


def test_extracted_text_findings_name_places_not_the_texts_lines() -> None:
    english = bcpipe.Pipeline(language="en").read(
        ORIGINALS / "034-thong-bao-phan-cong-doan-giam-sat-hdnd-binh-duong.pdf"
    )
    vietnamese = bcpipe.Pipeline().read(
        ORIGINALS / "034-thong-bao-phan-cong-doan-giam-sat-hdnd-binh-duong.pdf"
    )
    joined = [f for f in english.findings if f.code == "BC502"]
    assert joined
    for finding in joined:
        assert re.fullmatch(
            r"A sentence broken at page \d+, line \d+ \(page break\) was joined with "
            r"page \d+, line \d+",
            finding.message_en,
        )
    assert all("page" in f.message for f in vietnamese.findings if f.code == "BC502")
    # A plain text names its own lines.
    text = bcpipe.Pipeline(language="en").read(SAMPLE.with_suffix(".txt"))
    pattern = r"A sentence broken at line \d+ \(page break\) was joined with line \d+"
    assert any(re.fullmatch(pattern, f.message) for f in text.findings if f.code == "BC502")


def test_a_word_documents_paragraphs_are_never_joined(pipeline: bcpipe.Pipeline) -> None:
    # No labelled line, no blank line between paragraphs: a plain text would be read as
    # wrapped lines; a Word paragraph is whole (found by the round-trip property test).
    data = {
        "type": "thong_bao",
        "issuer": {"name": "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", "abbreviation": "UBND"},
        "notation": "TB-UBND",
        "place": "Tuy Phước",
        "issue_date": {"year": 2021},
        "subject": "Thực hiện công tác chuyển đổi số năm 2021",
        "body": [
            {
                "kind": "paragraph",
                "text": "Tổ chức 1 lớp tập huấn kỹ năng số cho 10 lượt cán bộ, công chức.",
            }
        ],
        "closing": [{"text": "Đề nghị các cơ quan, đơn vị liên quan nghiêm túc thực hiện./."}],
        "signature": {"position": "CHỦ TỊCH", "name": "Nguyễn Văn An"},
        "recipients": [{"kind": "archive", "holders": ["VT", "VX"]}],
    }
    document = bcpipe.load(data)
    back = pipeline.loads(pipeline.export(document, "docx"), kind="docx")
    assert (back.body, back.closing) == (document.body, document.closing)


def test_loading_a_docx_through_the_api(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(bcpipe.Pipeline().export(SAMPLE, "docx"))
    assert bcpipe.load(str(path)) == bcpipe.load(str(SAMPLE))


def test_a_missing_extra_is_named(
    pipeline: bcpipe.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pipeline.export(SAMPLE, "docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(bcpipe.ExportError, match=r"pip install 'bcpipe\[docx\]'"):
        pipeline.export(SAMPLE, "docx")
    with pytest.raises(SourceError, match=r"pip install 'bcpipe\[pdf\]'"):
        pipeline.loads(pipeline.export(SAMPLE, "pdf"), kind="pdf", name="x.pdf")
    # Reading a .docx needs lxml only, a core dependency.
    assert pipeline.loads(data, kind="docx") == pipeline.load(SAMPLE)


def test_table_widths_survive_the_docx_round_trip(pipeline: bcpipe.Pipeline) -> None:
    source = pipeline.load(ROOT / "tests" / "fixtures" / "text" / "bao-cao-so-tttt-2023.txt")
    table = next(b for _, b in bcpipe.walk.iter_blocks(source) if b.kind == "table")
    assert table.widths is None  # text has no widths
    table.widths = [50, 30, 20]
    back = pipeline.loads(pipeline.export(source, "docx"), kind="docx")
    assert back == source
    tables = [b for _, b in bcpipe.walk.iter_blocks(back) if b.kind == "table"]
    assert tables[0].widths == [50, 30, 20]
    with pytest.raises(ValueError, match="sum to 100"):
        table.widths = [50, 30, 30]


def test_footnotes_are_read_as_marks_and_notes_after_the_signature() -> None:
    from bcpipe_plugins.docx.extract import extract_lines
    from bcpipe_plugins.docx.package import read_parts
    from docx_footnotes import add_footnotes, reference

    word = docx.Document()
    word.add_paragraph("BÁO CÁO")
    basis = word.add_paragraph("Căn cứ Kế hoạch số 20/KH-UBND")
    reference(basis, 1)
    basis.add_run(" của UBND tỉnh;")
    _signature(word)
    word.add_paragraph("Phụ lục")
    add_footnotes(word, ["Kế hoạch ngày 23/02/2022 & các văn bản kèm theo."])
    lines = extract_lines(read_parts(_save(word), "x.docx"))
    text = [line for line in lines.lines if line]
    assert "Căn cứ Kế hoạch số 20/KH-UBND[1] của UBND tỉnh;" in text
    note = text.index("[1] Kế hoạch ngày 23/02/2022 & các văn bản kèm theo.")
    assert text.index("- Lưu: VT, VP.") < note < text.index("Phụ lục")
    assert lines.places[lines.lines.index(text[note])] == "footnote 1"


def test_a_soft_break_inside_a_sentence_is_a_space_in_the_body() -> None:
    # 028: "… đường lối của" / "Đảng, chính sách …" is one sentence broken by w:br; a
    # break after a sentence's end, before an entry, or under capitals stays a line.
    from bcpipe_plugins.docx.extract import extract_lines
    from bcpipe_plugins.docx.package import read_parts

    word = docx.Document()
    word.add_paragraph("QUYẾT ĐỊNH").add_run().add_break()
    word.paragraphs[0].add_run("Về việc khen thưởng")
    sentence = word.add_paragraph("- Chấp hành tốt chủ trương, đường lối của")
    sentence.add_run().add_break()
    sentence.add_run("Đảng, chính sách của Nhà nước.")
    sentence.add_run().add_break()
    sentence.add_run("- Hoàn thành tốt nhiệm vụ.")
    text = [line for line in extract_lines(read_parts(_save(word), "x.docx")).lines if line]
    assert text == [
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng",
        "- Chấp hành tốt chủ trương, đường lối của Đảng, chính sách của Nhà nước.",
        "- Hoàn thành tốt nhiệm vụ.",
    ]


# -- the corpus facts (tests/corpus/facts.toml, read off the originals by a person) ------

ORIGINAL_FACTS = ("type", "issuer", "number", "notation", "place", "date", "signer")


def _facts_table() -> dict[str, dict[str, object]]:
    import tomllib

    return tomllib.loads((ROOT / "tests" / "corpus" / "facts.toml").read_text(encoding="utf-8"))


def _read_facts(document: Document) -> dict[str, object]:
    day, month, year = document.issue_date.day, document.issue_date.month, document.issue_date.year
    return {
        "type": document.type.value,
        "issuer": document.issuer.name,
        "number": document.number,
        "notation": document.notation,
        "place": document.place,
        # As facts.toml writes a date, a draft's blank day or month as "…".
        "date": "-".join(
            (
                f"{year:04d}" if year else "…",
                f"{month:02d}" if month else "…",
                f"{day:02d}" if day else "…",
            )
        ),
        "signer": document.signature.name,
    }


@pytest.mark.parametrize(
    "original",
    sorted([*ORIGINALS.glob("*.docx"), *ORIGINALS.glob("*.pdf")]),
    ids=lambda p: p.name[:3],
)
def test_corpus_originals_have_their_facts_right(pipeline: bcpipe.Pipeline, original: Path) -> None:
    table = _facts_table()
    key = original.name[:3]
    facts = table[key]
    if "refused" in facts:
        with pytest.raises(bcpipe.BcpipeError):
            pipeline.load(original)
        return
    misread = table.get(f"{key}.misread", {})
    read = _read_facts(pipeline.load(original))
    for fact in ORIGINAL_FACTS:
        if fact in facts and fact not in misread and (key, fact) not in KNOWN_MISREAD:
            # facts.toml writes a draft's blank number as 0.
            expected = None if facts[fact] in ("", 0) else facts[fact]
            assert read[fact] == expected, f"{key} {fact}"


def test_a_table_of_empty_rows_exports_to_docx(pipeline: bcpipe.Pipeline) -> None:
    # The model allows it; the exporter once divided by its zero columns.
    doc = pipeline.load(ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml")
    doc.body.append(bcpipe.model.Table(rows=[[]]))
    assert pipeline.export(doc, "docx").startswith(b"PK")


def test_a_decisions_basis_is_italic_in_docx_as_in_pdf(pipeline: bcpipe.Pipeline) -> None:
    doc = pipeline.load(ROOT / "examples" / "decisions" / "quyet-dinh-ubnd-tuy-phuoc-2023.yaml")
    with zipfile.ZipFile(io.BytesIO(pipeline.export(doc, "docx"))) as package:
        body = package.read("word/document.xml").decode()
    first = doc.basis[0].text
    run = body[body.index(first[:20]) - 300 : body.index(first[:20])]
    assert "<w:i/>" in run


def _unfinished_note_then_recipients() -> bytes:
    """Two pages: page one's note runs on without its end; page two has no note of its
    own, its "Nơi nhận" block set small in the page's lower part."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = ROOT / "plugins" / "bcpipe_plugins" / "pdf" / "fonts"
    for name, file in (("R", "LiberationSerif-Regular.ttf"), ("B", "LiberationSerif-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)
    width = A4[0]

    def put(x: float, y: float, text: str, font: str = "R", size: float = 13) -> None:
        pdf.setFont(font, size)
        pdf.drawString(x, y, text)

    def centred(x: float, y: float, text: str, font: str = "R", size: float = 13) -> None:
        pdf.setFont(font, size)
        pdf.drawCentredString(x, y, text)

    centred(160, 790, "ỦY BAN NHÂN DÂN")
    centred(400, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B")
    centred(160, 774, "HUYỆN TUY PHƯỚC", "B")
    centred(400, 774, "Độc lập - Tự do - Hạnh phúc", "B", 14)
    centred(160, 750, "Số: 15/BC-UBND")
    centred(400, 750, "Tuy Phước, ngày 10 tháng 3 năm 2023")
    centred(width / 2, 715, "BÁO CÁO", "B", 14)
    centred(width / 2, 698, "Kết quả thực hiện công tác chuyển đổi số năm 2022", "B", 14)
    y = 670.0
    lines = [
        f"- Nhiệm vụ số {n} đã được các cơ quan, đơn vị triển khai đúng kế hoạch."
        for n in range(24)
    ]
    for text in lines:
        put(85, y, text)
        y -= 20
    pdf.setFont("R", 8)
    pdf.drawString(85 + pdf.stringWidth(lines[-1], "R", 13) + 1, y + 26, "1")
    pdf.line(85, 95, 235, 95)
    pdf.setFont("R", 7)
    pdf.drawString(85, 86, "1")
    put(90, 80, "Kế hoạch số 12/KH-UBND ngày 05/01/2022 của UBND huyện về chuyển đổi số", size=10)
    put(85, 68, "năm 2022 trên địa bàn huyện, trong đó giao nhiệm vụ cho các phòng, ban", size=10)
    pdf.showPage()
    y = 780.0
    for n in range(24, 54):
        put(85, y, f"- Nhiệm vụ số {n} đã được các cơ quan, đơn vị triển khai đúng kế hoạch.")
        y -= 20
    put(85, y, "Trên đây là báo cáo kết quả thực hiện của UBND huyện./.")
    y -= 30
    centred(420, y, "TM. ỦY BAN NHÂN DÂN", "B")
    centred(420, y - 16, "CHỦ TỊCH", "B")
    centred(420, y - 76, "Nguyễn Văn Bình", "B")
    y -= 106
    put(85, y, "Nơi nhận:", "B", 12)
    for entry in (
        "- Sở Thông tin và Truyền thông;",
        "- Các phòng, ban liên quan;",
        "- Lưu: VT, VP.",
    ):
        y -= 14
        put(85, y, entry, size=11)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_note_left_unfinished_does_not_take_the_next_pages_recipients(
    pipeline: bcpipe.Pipeline,
) -> None:
    # "Nơi nhận" is set small (11-12 pt) in the lower part of the last page: a page
    # without a note of its own carries none over, and the recipients stay recipients.
    document = pipeline.loads(_unfinished_note_then_recipients(), kind="pdf", name="two.pdf")
    assert [r.kind for r in document.recipients] == ["recipient", "recipient", "archive"]
    (note,) = document.footnotes
    assert note.text.endswith("giao nhiệm vụ cho các phòng, ban")
