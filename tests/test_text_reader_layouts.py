"""The real layouts of issue 11, each in a small text shaped as agencies' files are."""

from __future__ import annotations

import pytest

import bcpipe
from bcpipe import Document
from bcpipe.model import Archive, AsArticle

TAIL = """Nơi nhận:
- Sở Công Thương;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Bình
"""


#: A district's letter down to its "Kính gửi" line, one line a component.
LETTER_HEAD = """UBND HUYỆN TUY PHƯỚC
Số: 12/UBND-VX
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuy Phước, ngày 10 tháng 3 năm 2023
V/v triển khai kế hoạch chuyển đổi số năm 2023
Kính gửi: Các cơ quan, đơn vị trên địa bàn huyện.
"""


@pytest.fixture(scope="module")
def reader() -> bcpipe.Pipeline:
    return bcpipe.Pipeline(debug=True)


def read(reader: bcpipe.Pipeline, text: str) -> Document:
    return reader.loads(text, kind="text", name="layout.txt")


def codes(document: Document) -> list[str]:
    assert document.source is not None
    return [f.code for f in document.source.findings]


def test_a_crawled_one_line_header_is_cut_into_its_parts(reader: bcpipe.Pipeline) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH KON TUM ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
        "Tự do - Hạnh phúc --------------- Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 "
        "QUYẾT ĐỊNH V/V PHÊ DUYỆT KẾ HOẠCH KIỂM TRA NĂM 2020\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KON TUM\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "QUYẾT ĐỊNH:\n"
        "Điều 1. Phê duyệt Kế hoạch kiểm tra năm 2020.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n" + TAIL
    )
    doc = read(reader, text)
    assert (doc.issuer.name, doc.code, doc.place) == (
        "ỦY BAN NHÂN DÂN TỈNH KON TUM",
        "435/QĐ-UBND",
        "Kon Tum",
    )
    assert (doc.issue_date.day, doc.issue_date.month, doc.issue_date.year) == (4, 5, 2020)
    assert doc.type.value == "quyet_dinh"
    assert doc.subject == "V/V PHÊ DUYỆT KẾ HOẠCH KIỂM TRA NĂM 2020"
    assert doc.enacting_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KON TUM"
    assert doc.enacting_word == "QUYẾT ĐỊNH"
    assert [(b.kind, b.number) for b in doc.body] == [("article", 1), ("article", 2)]  # type: ignore[union-attr]
    assert "BC501" not in codes(doc)


def test_a_website_page_keeps_the_document_and_reports_the_chrome(reader: bcpipe.Pipeline) -> None:
    text = (
        "|\nBản dịch này thuộc quyền sở hữu của **\nTHƯ VIỆN PHÁP LUẬT**.\nĐang tải văn bản...\n#\n"
        "**Số hiệu:**\n|\n12/BC-UBND\n|\n**Tình trạng:**\n|\nĐã biết\n|\n"
        "**ỦY BAN NHÂN\nDÂN**\n**HUYỆN TUY PHƯỚC**\n--------\n|\n"
        "**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------\n|\n"
        "Số:\n12/BC-UBND\n|\n*Tuy Phước, ngày\n08 tháng 12 năm 2022*\n|\n"
        "**BÁO CÁO**\n**Kết quả thực hiện năm 2022**\n"
        "**I. KẾT QUẢ**\nNăm 2022 đã hoàn thành kế hoạch./.\n" + TAIL + "|\n** **\n"
        "Báo cáo 12/BC-UBND năm 2022\nVăn bản này chưa cập nhật nội dung Tiếng Anh\n"
        "## Văn bản liên quan\nBan hành:\n"
    )
    doc = read(reader, text)
    assert (doc.issuer.name, doc.code, doc.place) == (
        "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC",
        "12/BC-UBND",
        "Tuy Phước",
    )
    assert doc.subject == "Kết quả thực hiện năm 2022"
    assert doc.body[0].heading == "KẾT QUẢ"  # type: ignore[union-attr]
    assert doc.signature.name == "Nguyễn Văn Bình"
    assert "BC509" in codes(doc)
    assert "BC501" not in codes(doc)


def test_a_two_column_header_alternating_line_by_line(reader: bcpipe.Pipeline) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 85\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "/GM-UBND\n\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày\n\n19 tháng\n\n01 năm 2026\n\n"
        "BÁO CÁO\nKết quả thực hiện\nI. KẾT QUẢ\nĐã hoàn thành./.\n" + TAIL
    )
    doc = read(reader, text)
    assert (doc.code, doc.issuer.name) == ("85/GM-UBND", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG")
    assert (doc.issue_date.day, doc.issue_date.month, doc.issue_date.year) == (19, 1, 2026)


def test_wrapped_recipients_sub_entries_and_every_archive_spelling(reader: bcpipe.Pipeline) -> None:
    head = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 5/BC-UBND\tLâm Đồng, ngày 05 tháng 11 năm 2025\nBÁO CÁO\nKết quả\nI. KẾT QUẢ\nXong./.\n"
    )
    for archive, holders, copies in (
        ("- Lưu: VT, KT(Thủy, Nho).", ["VT", "KT(Thủy, Nho)"], None),
        ("- Lưu VT", ["VT"], None),
        ("- Lưu: VT, NC.Châu", ["VT", "NC.Châu"], None),
        ("- Lưu VT, NN (03). Hg.", ["VT", "NN. Hg"], 3),
        ("- Lưu: VT, TH.", ["VT", "TH"], None),
        ("- Lưu: VT. NC.", ["VT", "NC"], None),  # a full stop for the comma (006)
        ("- Lưu: VT. NC.Châu", ["VT", "NC.Châu"], None),
    ):
        tail = (
            "Nơi nhận:\n- Như Điều 3;\n- Các sở: Nông nghiệp và Môi trường,\nTài chính, Công Thương, Xây dựng;\n"
            "- Văn phòng UBND tỉnh:\n+ LĐVP, TH;\n- Các đơn vị thuộc Bộ\n(để cập nhật số liệu);\n"
            f"{archive}\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Bình\n"
        )
        doc = read(reader, head + tail)
        recipients = doc.recipients
        assert isinstance(recipients[0], AsArticle) and recipients[0].article == 3
        names = [getattr(r, "name", None) for r in recipients[1:4]]
        assert names == [
            "Các sở: Nông nghiệp và Môi trường, Tài chính, Công Thương, Xây dựng",
            "Văn phòng UBND tỉnh: LĐVP, TH",
            "Các đơn vị thuộc Bộ",
        ]
        assert recipients[3].note == "để cập nhật số liệu"  # type: ignore[union-attr]
        assert isinstance(recipients[-1], Archive), archive
        assert (recipients[-1].holders, recipients[-1].copies) == (holders, copies)
        # "VT" read as the clerical office, the unit after it as a holder of its own.
        assert "BC304" not in [f.code for f in reader.validate(doc).findings], archive


def test_an_issuer_naming_a_decision_does_not_lend_its_notation(reader: bcpipe.Pipeline) -> None:
    text = (
        "ĐOÀN KIỂM TRA THEO QĐ SỐ 2872/QĐ-SCT\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "\tĐộc lập - Tự do - Hạnh phúc\nSố: 12/BC-ĐKT\tKon Tum, ngày 04 tháng 5 năm 2020\n"
        "BÁO CÁO\nKết quả kiểm tra\nI. KẾT QUẢ\nNội dung./.\n" + TAIL
    )
    doc = read(reader, text)
    assert doc.issuer.name == "ĐOÀN KIỂM TRA THEO QĐ SỐ 2872/QĐ-SCT"
    assert doc.code == "12/BC-ĐKT"


def test_a_cited_date_in_the_subject_is_not_the_documents(reader: bcpipe.Pipeline) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: /UBND-NC\n"
        "V/v triển khai Công điện số 131/CĐ-TTg ngày 11/12/2024 của Thủ tướng Chính phủ\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bình Thuận, ngày tháng 12 năm 2024\nKính gửi: Các sở.\nĐề nghị thực hiện./.\n" + TAIL
    )
    doc = read(reader, text)
    assert doc.place == "Bình Thuận"
    assert (doc.issue_date.day, doc.issue_date.month, doc.issue_date.year) == (None, 12, 2024)


def test_footnotes_are_a_model_part_and_survive_the_round_trip(reader: bcpipe.Pipeline) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 5/BC-UBND\tLâm Đồng, ngày 05 tháng 11 năm 2025\nBÁO CÁO\nKết quả\nI. KẾT QUẢ\n"
        "Công tác chỉ đạo, điều hành1 được tăng cường theo kế hoạch[2] của tỉnh./.\n"
        + TAIL
        + "1 Theo Kế hoạch số 12/KH-UBND.\n[2] Kế hoạch cải cách hành chính năm 2025.\n"
    )
    doc = read(reader, text)
    notes = [(n.label, n.text, n.path, n.offset) for n in doc.footnotes]
    words = "Công tác chỉ đạo, điều hành được tăng cường theo kế hoạch của tỉnh./."
    assert doc.closing[0].text == words  # the last paragraph, with the end mark: the closing
    assert notes == [
        ("1", "Theo Kế hoạch số 12/KH-UBND.", "closing[0].text", words.index(" được")),
        (
            "2",
            "Kế hoạch cải cách hành chính năm 2025.",
            "closing[0].text",
            words.index(" của"),
        ),
    ]
    for fmt in ("text", "json", "xml"):
        again = reader.loads(reader.export(doc, fmt), kind=fmt)
        assert again.footnotes == doc.footnotes, fmt
    assert b"[1] Theo" in reader.export(doc, "text")


def test_an_attached_charter_is_an_appendix_not_recipients(reader: bcpipe.Pipeline) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH THUẬN\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 779/QĐ-UBND\tBình Thuận, ngày 23 tháng 3 năm 2022\nQUYẾT ĐỊNH\nVề việc công nhận Điều lệ\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\nQUYẾT ĐỊNH:\nĐiều 1. Công nhận Điều lệ./.\n"
        + TAIL
        + "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "ĐIỀU LỆ\n(Kèm theo Quyết định số 779/QĐ-UBND)\nChương I\nQUY ĐỊNH CHUNG\n"
        "Điều 1. Tên gọi\n1. Tên gọi: QUỸ KHUYẾN HỌC.\n"
    )
    doc = read(reader, text)
    assert [getattr(r, "name", "Lưu") for r in doc.recipients] == ["Sở Công Thương", "Lưu"]
    appendix = doc.appendices[0]
    assert (appendix.title, appendix.reference) == (
        "ĐIỀU LỆ",
        "(Kèm theo Quyết định số 779/QĐ-UBND)",
    )
    chapter = appendix.body[0]
    assert (chapter.kind, chapter.number, chapter.heading) == ("chapter", "I", "QUY ĐỊNH CHUNG")  # type: ignore[union-attr]
    article = chapter.children[0]  # type: ignore[union-attr]
    assert (article.kind, article.number, article.heading) == ("article", 1, "Tên gọi")
    assert "BC503" in codes(doc)  # the repeated header, skipped


HEAD = (
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 5/KH-UBND\tLâm Đồng, ngày 05 tháng 11 năm 2025\nKẾ HOẠCH\nTổ chức hội nghị\nI. KẾ HOẠCH CỤ THỂ\n"
)


def test_a_table_one_cell_per_line_is_rebuilt_from_its_heading_row(
    reader: bcpipe.Pipeline,
) -> None:
    cells = "STT\nNgày\nCông việc\n1\n24/03/2014\nGửi danh sách.\n2\n31/03/2014\nNhận hồ sơ.\n"
    doc = read(reader, HEAD + cells + "II. TỔ CHỨC THỰC HIỆN\nCác sở thực hiện./.\n" + TAIL)
    table = doc.body[0].children[0]  # type: ignore[union-attr]
    assert table.kind == "table"
    assert table.rows == [
        ["STT", "Ngày", "Công việc"],
        ["1", "24/03/2014", "Gửi danh sách."],
        ["2", "31/03/2014", "Nhận hồ sơ."],
    ]
    assert table.header_rows == 1
    assert doc.body[1].heading == "TỔ CHỨC THỰC HIỆN"  # type: ignore[union-attr]


def test_cells_that_do_not_fill_the_columns_stay_paragraphs(reader: bcpipe.Pipeline) -> None:
    # Row 2 lost a cell: no row fits the heading's three columns, nothing is dropped.
    cells = "STT\nNgày\nCông việc\n1\n24/03/2014\n2\n31/03/2014\nNhận hồ sơ.\n"
    doc = read(reader, HEAD + cells + "Các sở thực hiện./.\n" + TAIL)
    assert "table" not in [b.kind for b in doc.body[0].children]  # type: ignore[union-attr]
    body = reader.export(doc, "text").decode("utf-8")
    for cell in ("STT", "Ngày", "Công việc", "24/03/2014", "31/03/2014", "Nhận hồ sơ."):
        assert cell in body, cell


CABLE = (
    "VĂN PHÒNG CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 2003/CĐ-VPCP\tHà Nội, ngày 07 tháng 10 năm 2025\nCÔNG ĐIỆN\n"
    "mời dự Hội nghị triển khai Chương trình mục tiêu quốc gia\nphòng, chống ma túy đến năm 2030\n"
    "__________________\n"
)


def test_a_cable_is_sent_to_its_addressees_by_its_sender(reader: bcpipe.Pipeline) -> None:
    # 041: "VĂN PHÒNG CHÍNH PHỦ điện:" heads the addressees as "Kính gửi:" does; entries
    # wrap without a dash, and one ends in "." by a slip before the last.
    addressees = (
        "VĂN PHÒNG CHÍNH PHỦ điện:\n"
        "- Các Bộ: Công an, Quốc phòng,\nTài chính, Y tế;\n"
        "- Các cơ quan thuộc Chính phủ: Đài Truyền hình Việt Nam, Đài Tiếng nói\n"
        "Việt Nam, Thông tấn xã Việt Nam;\n"
        "- Các tổ chức chính trị - xã hội: Trung ương Hội Cựu chiến binh\nViệt Nam.\n"
        "- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n"
    )
    body = "Văn phòng Chính phủ trân trọng kính mời Lãnh đạo các Bộ dự Hội nghị./.\n"
    tail = TAIL.replace("- Sở Công Thương;", "- Như trên;")
    doc = read(reader, CABLE + addressees + body + tail)
    assert doc.type.value == "cong_dien"
    assert doc.enacting_authority == "VĂN PHÒNG CHÍNH PHỦ"
    assert doc.addressees == [
        "Các Bộ: Công an, Quốc phòng, Tài chính, Y tế",
        "Các cơ quan thuộc Chính phủ: Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, "
        "Thông tấn xã Việt Nam",
        "Các tổ chức chính trị - xã hội: Trung ương Hội Cựu chiến binh Việt Nam",
        "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ]
    assert [b.text for b in doc.body] == [body.strip()]  # type: ignore[union-attr]
    assert "BC501" not in codes(doc)
    findings = [f.code for f in reader.validate(doc).findings]
    assert "BC309" not in findings  # "Như trên" names the addressees above
    assert "BC706" not in findings  # sent in the body's own name, signed by its deputy head
    # Written back as the decree prints it, and read back the same.
    written = reader.export(doc, "text").decode("utf-8")
    assert "VĂN PHÒNG CHÍNH PHỦ điện:\n- Các Bộ:" in written and "Kính gửi" not in written
    again = read(reader, written)
    assert (again.enacting_authority, again.addressees) == (doc.enacting_authority, doc.addressees)


def test_a_cable_headed_by_dien_alone(reader: bcpipe.Pipeline) -> None:
    text = CABLE + "Điện: Chủ tịch Ủy ban nhân dân các tỉnh.\nĐề nghị thực hiện./.\n" + TAIL
    doc = read(reader, text)
    assert (doc.enacting_authority, doc.addressees) == (None, ["Chủ tịch Ủy ban nhân dân các tỉnh"])


def test_a_wrapped_addressee_is_joined_but_kinh_gui_words_do_not_take_the_body(
    reader: bcpipe.Pipeline,
) -> None:
    head = (
        "BỘ NỘI VỤ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 10989/BNV-TCBC\tHà Nội, ngày 05 tháng 11 năm 2025\nV/v hoàn thiện vị trí việc làm\n"
    )
    listed = (
        "Kính gửi:\n- Các bộ, cơ quan ngang bộ, cơ quan thuộc\nChính phủ;\n"
        "- Các cơ quan chuyên môn, cơ quan hành chính khác\nthuộc Ủy ban nhân dân Thành phố;\n"
        "- Ủy ban nhân dân tỉnh.\nBộ Nội vụ đề nghị thực hiện./.\n"
    )
    doc = read(reader, head + listed + TAIL)
    assert doc.addressees == [
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "Các cơ quan chuyên môn, cơ quan hành chính khác thuộc Ủy ban nhân dân Thành phố",
        "Ủy ban nhân dân tỉnh",
    ]
    # The entry ending in "." is the last: a body opening with a dashed item stays the body's.
    item = listed.replace("Bộ Nội vụ đề nghị", "- Tổ chức 1 lớp tập huấn.\nBộ Nội vụ đề nghị")
    doc = read(reader, head + item + TAIL)
    assert doc.addressees[-1] == "Ủy ban nhân dân tỉnh"
    assert doc.body[0].text == "Tổ chức 1 lớp tập huấn."  # type: ignore[union-attr]
    # 021: "Kính gửi: …, thành phố" ends in a comma, and the body follows.
    one = "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố\nNgày 09/4/2025, Bộ Tư pháp đã có Công văn./.\n"
    doc = read(reader, head + one + TAIL)
    assert doc.addressees == ["Ủy ban nhân dân các tỉnh, thành phố"]
    assert doc.body[0].text.startswith("Ngày 09/4/2025")  # type: ignore[union-attr]


def test_a_line_broken_inside_a_date_goes_on(reader: bcpipe.Pipeline) -> None:
    # 040: one paragraph per line, yet "… ngày 14 tháng 12 năm" / "2020 của Chính phủ …"
    # is one sentence; so is a date broken by a page ("ngày" / page 19 after the form
    # feed, as pdftotext wrote 001 / "22/8/2025 …").
    text = (
        HEAD.replace(
            "Tổ chức hội nghị\n", "Thực hiện Nghị định ban hành ngày 14 tháng 12 năm\n"
        ).replace("I. KẾ HOẠCH", "2020 của Chính phủ\nI. KẾ HOẠCH")
        + "1. Nghị quyết quy định tại Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm\n"
        "2020 của Chính phủ.\n"
        "2. Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 2291/KH-UBND ngày\n\n\f19\n"
        "22/8/2025 về việc ngầm hóa hệ thống cáp viễn thông.\n"
        "3. Năm 2020 các sở thực hiện./.\n" + TAIL
    )
    doc = read(reader, text)
    assert doc.subject == "Thực hiện Nghị định ban hành ngày 14 tháng 12 năm 2020 của Chính phủ"
    clauses = doc.body[0].children  # type: ignore[union-attr]
    assert [c.text for c in clauses] == [  # type: ignore[union-attr]
        "Nghị quyết quy định tại Nghị định số 145/2020/NĐ-CP ngày 14 tháng 12 năm 2020 của "
        "Chính phủ.",
        "Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 2291/KH-UBND ngày 22/8/2025 về việc ngầm "
        "hóa hệ thống cáp viễn thông.",
        "Năm 2020 các sở thực hiện./.",
    ]
    assert "BC501" not in codes(doc) and "BC502" in codes(doc)
    assert "BC209" not in [f.code for f in reader.validate(doc).findings]


def test_a_subject_runs_on_to_what_follows_it_in_one_paragraph_per_line_text(
    reader: bcpipe.Pipeline,
) -> None:
    # 014, 029: a PDF's text, no blank line between paragraphs (read as one paragraph per
    # line) but wrapped at the line's width: the lines between the subject and the
    # enacting authority, or "Kính gửi", are the subject's.
    head = (
        "ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 779/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nBình Thuận, ngày 23 tháng 3 năm 2022\n"
    )
    decision = (
        "QUYẾT ĐỊNH\nVề việc công nhận Điều lệ (sửa đổi, bổ sung)\nQuỹ Khuyến học tỉnh Bình Thuận\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\n"
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ\n"
        "và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Công nhận Điều lệ.\nĐiều 2. Quyết định có hiệu lực./.\n"
    )
    doc = read(reader, head + decision + TAIL)
    assert (
        doc.subject == "Về việc công nhận Điều lệ (sửa đổi, bổ sung) Quỹ Khuyến học tỉnh Bình Thuận"
    )
    assert doc.enacting_authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"
    proposal = (
        "TỜ TRÌNH\nVề việc cho phép hợp nhất Đoàn Luật sư tỉnh Lâm Đồng, Bình Thuận, Đắk\n"
        "Nông (cũ) thành Đoàn Luật sư tỉnh Lâm Đồng và chỉ định Ban Chủ nhiệm,\n"
        "Chủ nhiệm, Hội đồng Khen thưởng, kỷ luật lâm thời\n"
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh\n"
        "1. Sở Tư pháp nhận được Đơn đề nghị hợp nhất của các Đoàn Luật sư (sau đây gọi\n"
        "tắt là các Đoàn Luật sư)./.\n"
    )
    doc = read(reader, head.replace("QĐ-UBND", "TTr-STP") + proposal + TAIL)
    assert doc.subject.endswith("Ban Chủ nhiệm, Chủ nhiệm, Hội đồng Khen thưởng, kỷ luật lâm thời")
    assert doc.addressees == ["Chủ tịch Ủy ban nhân dân tỉnh"]
    # In text with truly one paragraph per line (no sentence wrapped below), a line
    # between the subject and "Kính gửi" is a stray one, kept in the body and reported.
    stray = (
        "TỜ TRÌNH\nVề việc cho phép hợp nhất các Đoàn Luật sư\nBản gửi qua mạng\n"
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh\n1. Sở Tư pháp nhận được Đơn./.\n"
    )
    doc = read(reader, head.replace("QĐ-UBND", "TTr-STP") + stray + TAIL)
    assert doc.subject == "Về việc cho phép hợp nhất các Đoàn Luật sư"
    assert "BC501" in codes(doc)
    # With nothing of the heading below, the line under the subject is the body's.
    report = "BÁO CÁO\nKết quả năm 2022\nỦy ban nhân dân huyện báo cáo như sau\n1. Kết quả./.\n"
    doc = read(reader, head.replace("QĐ-UBND", "BC-UBND") + report + TAIL)
    assert doc.subject == "Kết quả năm 2022"


def test_letters_sent_with_the_document_are_its_appendices(reader: bcpipe.Pipeline) -> None:
    # 021: after the signature the PDF carries two more letters, each with its own header
    # (issuer and "Số:" beside the motto, a blank number, its own date and subject).
    letter = (
        "BỘ TƯ PHÁP\nSố:\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "/BTP-BTTP\n\nHà Nội, ngày\n\ntháng 7 năm 2025\n\nV/v đề nghị hướng dẫn hợp nhất\n"
        "{who} khi thực hiện hợp nhất\nđịa giới hành chính\n\nKính gửi: {to}\n"
        "Bộ Tư pháp đề nghị {to} quan tâm hướng dẫn.\nTrân trọng.\nNơi nhận:\n- Như trên;\n"
        "- Lưu: VT, Cục BTTP.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nMai Lương Khôi\n\n"
    )
    first = letter.format(who="Đoàn Luật sư", to="Liên đoàn Luật sư Việt Nam")
    second = letter.format(who="Hội Công chứng", to="Hiệp hội Công chứng viên Việt Nam")
    head = (
        "BỘ TƯ PHÁP\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 3917/BTP-BTTP\tHà Nội, ngày 01 tháng 7 năm 2025\nV/v hợp nhất tổ chức xã hội\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh\nBộ Tư pháp đề nghị quan tâm chỉ đạo thực hiện.\n"
    )
    tail = TAIL.replace(
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Bình", "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n"
    )
    doc = read(reader, head + tail + "\nMai Lương Khôi\n\n" + first + second)
    assert doc.signature.name == "Mai Lương Khôi" and doc.closing == []
    assert [a.title for a in doc.appendices] == [
        "V/v đề nghị hướng dẫn hợp nhất Đoàn Luật sư khi thực hiện hợp nhất địa giới hành chính",
        "V/v đề nghị hướng dẫn hợp nhất Hội Công chứng khi thực hiện hợp nhất địa giới hành chính",
    ]
    body = [b.text for b in doc.appendices[1].body]  # type: ignore[union-attr]
    assert body[:3] == [
        "Số:/BTP-BTTP",  # its own number and date, where they stood
        "Hà Nội, ngày tháng 7 năm 2025",
        "Kính gửi: Hiệp hội Công chứng viên Việt Nam",
    ]
    assert body[-3:] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Mai Lương Khôi"]
    # Told once: the repeated issuer and motto of both letters, skipped; no line unplaced.
    assert codes(doc).count("BC503") == 1 and "BC501" not in codes(doc)


def test_a_body_sentence_under_the_type_line_is_no_subject(reader: bcpipe.Pipeline) -> None:
    # 037: "GIẤY MỜI" then the body at once ("Thực hiện Chương trình …," / "Ủy ban nhân dân
    # tỉnh tổ chức …"): no subject line. A giấy mời may go without one (BC112 advises
    # it); a report may not.
    head = (
        "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 85/GM-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 19 tháng 01 năm 2026\n"
    )
    invitation = (
        "GIẤY MỜI\nThực hiện Chương trình công tác của Ủy ban nhân dân tỉnh tháng 01/2026,\n"
        "Ủy ban nhân dân tỉnh tổ chức Họp đánh giá công tác cải cách hành chính.\n"
        "1. Chủ trì: Phó Chủ tịch UBND tỉnh./.\n"
    )
    doc = read(reader, head + invitation + TAIL)
    assert doc.subject is None
    assert doc.basis[0].text.startswith("Thực hiện Chương trình công tác")
    assert "BC112" in reader.validate(doc).codes()
    again = reader.loads(reader.export(doc, "text"), kind="text")
    assert again.subject is None and again.basis == doc.basis  # the round trip
    for kind in ("xml", "json", "docx"):
        assert reader.loads(reader.export(doc, kind), kind=kind).subject is None, kind
    assert reader.export(doc, "pdf").startswith(b"%PDF")
    # Nor is a sentence of the body right under "GIẤY MỜI" its subject.
    plain = "GIẤY MỜI\nỦy ban nhân dân tỉnh tổ chức họp đánh giá công tác cải cách hành chính.\n"
    doc = read(reader, head + plain + "Thời gian: 8 giờ 00 ngày 20/01/2026./.\n" + TAIL)
    assert doc.subject is None and doc.body[0].text.startswith("Ủy ban nhân dân tỉnh")  # type: ignore[union-attr]
    report = (head + invitation).replace("GIẤY MỜI", "BÁO CÁO").replace("GM-", "BC-")
    with pytest.raises(bcpipe.InvalidDocumentError, match="subject"):
        read(reader, report + TAIL)
    # A subject that opens like a basis line and wraps after a comma is still the subject.
    plan = (
        "KẾ HOẠCH\nTriển khai Nghị quyết số 57-NQ/TW về phát triển khoa học, công nghệ,\n"
        "đổi mới sáng tạo và chuyển đổi số\nI. MỤC ĐÍCH\nThực hiện./.\n"
    )
    doc = read(reader, head.replace("GM-UBND", "KH-UBND") + plan + TAIL)
    assert doc.subject == (
        "Triển khai Nghị quyết số 57-NQ/TW về phát triển khoa học, công nghệ, "
        "đổi mới sáng tạo và chuyển đổi số"
    )


def test_a_pdfs_printed_lines_are_joined_into_their_paragraphs(reader: bcpipe.Pipeline) -> None:
    # pdftotext's text: one printed line per line, no blank line between paragraphs.
    # A line that ran to the margin goes on in the next, even where that one starts
    # with a capital (a name); a sentence that ended before a capital does not.
    text = (
        LETTER_HEAD
        + """Thực hiện Kế hoạch số 59/KH-UBND ngày 09/6/2022 của Ủy ban nhân dân tỉnh
Bình Định về chuyển đổi số giai đoạn 2022-2025, Ủy ban nhân dân huyện đề nghị
Thủ trưởng các cơ quan, đơn vị triển khai thực hiện các nội dung sau đây.
Các cơ quan, đơn vị báo cáo kết quả thực hiện về Phòng Văn hóa và Thông tin
trước ngày 30 tháng 11 năm 2023 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.
Ngoài ra, các xã, thị trấn chủ động rà soát hạ tầng và nhân lực tại cơ sở./.
"""
        + TAIL
    )
    doc = read(reader, text)
    paragraphs = [block.text for block in [*doc.basis, *doc.body] if block.kind == "paragraph"]  # type: ignore[union-attr]
    assert paragraphs == [
        "Thực hiện Kế hoạch số 59/KH-UBND ngày 09/6/2022 của Ủy ban nhân dân tỉnh Bình Định "
        "về chuyển đổi số giai đoạn 2022-2025, Ủy ban nhân dân huyện đề nghị Thủ trưởng các "
        "cơ quan, đơn vị triển khai thực hiện các nội dung sau đây.",
        "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Phòng Văn hóa và Thông tin trước "
        "ngày 30 tháng 11 năm 2023 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    ]
    assert doc.closing[0].text.startswith("Ngoài ra, các xã")
    assert doc.basis[0].citations[0].code == "59/KH-UBND"


def test_a_footnote_whose_mark_stands_alone_under_the_signature(reader: bcpipe.Pipeline) -> None:
    # pdftotext puts a page's note after the signature, its raised mark on a line alone.
    text = (
        """UBND HUYỆN TUY PHƯỚC
Số: 12/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuy Phước, ngày 10 tháng 3 năm 2023
BÁO CÁO
Kết quả chuyển đổi số năm 2023

Các cơ quan đã góp ý dự thảo6 và Ủy ban nhân dân huyện đã tiếp thu./.

"""
        + TAIL
        + """
6

Báo cáo của Phòng Văn hóa và Thông tin đã được lấy ý kiến
các cơ quan, đơn vị trên địa bàn huyện.
7
"""
    )
    doc = read(reader, text)
    assert [(n.label, n.text) for n in doc.footnotes] == [
        (
            "6",
            "Báo cáo của Phòng Văn hóa và Thông tin đã được lấy ý kiến các cơ quan, đơn vị "
            "trên địa bàn huyện.",
        )
    ]
    assert "BC501" not in codes(doc)
    # The note's mark is taken out of the words it stood after, and its place kept.
    (paragraph,) = doc.body
    words = "Các cơ quan đã góp ý dự thảo và Ủy ban nhân dân huyện đã tiếp thu./."
    assert paragraph.text == words  # type: ignore[union-attr]
    assert doc.footnotes[0].path == "body[0].text"
    assert words[: doc.footnotes[0].offset].endswith("dự thảo")
    # The "7" with no words after it is a page number, reported as such.
    assert "BC503" in codes(doc)


def test_a_number_wrapped_onto_a_line_of_its_own_is_the_sentences(
    reader: bcpipe.Pipeline,
) -> None:
    text = (
        """UBND HUYỆN TUY PHƯỚC
Số: 12/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuy Phước, ngày 10 tháng 3 năm 2023
BÁO CÁO
Kết quả sắp xếp đơn vị sự nghiệp năm 2023

1. Đơn vị sự nghiệp

Số lượng đơn vị sự nghiệp do Nhà nước bảo đảm chi thường xuyên là 65 đơn vị. Tổng số là
1.376.

2. Biên chế

Biên chế được giao đúng định mức.

3. Tài chính

Kinh phí được bảo đảm.

4. Kiến nghị

Đề nghị Ủy ban nhân dân tỉnh quan tâm./.
"""
        + TAIL
    )
    doc = read(reader, text)
    clause = doc.body[0]
    assert clause.children[0].text.endswith("Tổng số là 1.376.")  # type: ignore[union-attr]
    assert [b.number for b in doc.body] == ["1", "2", "3", "4"]  # type: ignore[union-attr]
    assert "BC501" not in codes(doc)


def test_a_line_broken_after_a_notations_hyphen_is_joined_without_a_space(
    reader: bcpipe.Pipeline,
) -> None:
    text = (
        """UBND HUYỆN TUY PHƯỚC
Số: 12/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuy Phước, ngày 10 tháng 3 năm 2023
BÁO CÁO
Kết quả chuyển đổi số năm 2023

Thực hiện Kế hoạch số 59/KH-
UBND ngày 09/6/2022 của Ủy ban nhân dân tỉnh về chuyển đổi số giai đoạn 2021-
2025, phát triển kinh tế -
xã hội của huyện, Ủy ban nhân dân huyện báo cáo như sau:

Các chỉ tiêu đều đạt./.
"""
        + TAIL
    )
    doc = read(reader, text)
    basis = doc.basis[0]
    assert basis.text == (
        "Thực hiện Kế hoạch số 59/KH-UBND ngày 09/6/2022 của Ủy ban nhân dân tỉnh về chuyển "
        "đổi số giai đoạn 2021-2025, phát triển kinh tế - xã hội của huyện, Ủy ban nhân dân "
        "huyện báo cáo như sau:"
    )
    assert [c.code for c in basis.citations] == ["59/KH-UBND"]


def test_a_basis_sentence_goes_on_past_a_short_line(reader: bcpipe.Pipeline) -> None:
    # 018, 019: a crawled letter's paragraphs open with a short line; the sentence goes on
    # in the next, which starts with a name ("Thực hiện Công văn số" / "6356/UBND-NNMT …",
    # "Thực hiện ý kiến của Ban Tổ chức" / "Trung ương tại …").
    text = (
        LETTER_HEAD
        + """Thực hiện ý kiến của Ban Tổ chức
Trung ương tại Văn bản số 9151-CV/BTCTW ngày 29/7/2025 về vị trí việc làm
(gửi kèm theo), Ủy ban nhân dân huyện đề nghị các cơ quan triển khai thực hiện.
Các cơ quan, đơn vị báo cáo kết quả về Phòng Văn hóa và Thông tin./.
"""
        + TAIL
    )
    doc = read(reader, text)
    assert [p.text for p in doc.basis] == [
        (
            "Thực hiện ý kiến của Ban Tổ chức Trung ương tại Văn bản số 9151-CV/BTCTW ngày "
            "29/7/2025 về vị trí việc làm (gửi kèm theo), Ủy ban nhân dân huyện đề nghị các cơ "
            "quan triển khai thực hiện."
        )
    ]
    assert doc.basis[0].citations[0].code == "9151-CV/BTCTW"


def test_a_title_alone_after_the_end_mark_is_an_unsigned_signature(
    reader: bcpipe.Pipeline,
) -> None:
    # 007 with its recipients left out: a draft ends "… ./." then the signer's title,
    # no name under it, no "Nơi nhận".
    text = """UBND HUYỆN TUY PHƯỚC
Số: /BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuy Phước, ngày tháng 3 năm 2023
BÁO CÁO
Kết quả chuyển đổi số năm 2023

Các cơ quan đã triển khai kế hoạch chuyển đổi số năm 2023 đúng tiến độ./.

CHỦ TỊCH



"""
    doc = read(reader, text)
    assert (doc.signature.position, doc.signature.name, doc.recipients) == ("CHỦ TỊCH", None, [])
    assert doc.body[0].text.startswith("Các cơ quan đã triển khai")  # type: ignore[union-attr]
    codes = reader.validate(doc).codes()
    assert "BC301" in codes and "BC128" not in codes  # no recipients; a draft may be unsigned
    # As bcpipe's text export writes it: the title, then "Nơi nhận" under it.
    sent = read(reader, text.rstrip() + "\n\nNơi nhận:\n- Lưu: VT, VX.\n")
    assert (sent.signature.position, sent.signature.name) == ("CHỦ TỊCH", None)
    assert [r.kind for r in sent.recipients] == ["archive"]


def test_a_number_is_a_page_number_by_its_place_not_only_its_form(
    reader: bcpipe.Pipeline,
) -> None:
    # 009: a Word table converted one cell per line, with no "STT" heading to rebuild it
    # from: its values ("29", "11") look like page numbers and were skipped, lost. A
    # page's number stands apart (blank lines around it) or counts on a page later.
    cells = (
        "Nội dung\nĐơn vị tính\nSố liệu\n"
        "Số văn bản chỉ đạo đã ban hành\nVăn bản\n29\n"
        "Số nhiệm vụ đã hoàn thành\nNhiệm vụ\n11\n"
    )
    words = "".join(
        f"Các cơ quan, đơn vị đã triển khai nhiệm vụ số {n} đúng kế hoạch và đúng tiến độ đề ra.\n"
        for n in range(20)
    )
    page_two, page_three = "\n\n2\n\n", "3\n"  # apart; counting on a page later
    text = HEAD + cells + words + page_two + words + page_three + words + "Thực hiện./.\n" + TAIL
    # The same with its page breaks kept: a page's number is at a page's edge.
    broken = text.replace(page_two, "\n\f2\n").replace(words + page_three, words + "\f3\n")
    # As pdftotext -nopgbrk prints them: a blank line above, words right below.
    counted = text.replace(page_two, "\n\n2\n").replace(words + page_three, words + "\n3\n")
    for source in (text, broken, counted):
        doc = read(reader, source)
        texts = [getattr(b, "text", None) for b in doc.body[0].children]  # type: ignore[union-attr]
        assert [t for t in texts if t in ("2", "3", "11", "29")] == ["29", "11"]
        assert doc.source is not None
        skipped = [f.message_en for f in doc.source.findings if f.code == "BC503"]
        assert len(skipped) == 1 and skipped[0].startswith("Skipped 2 line(s) of page numbers")


def test_a_day_stamped_apart_from_its_date_line_is_its_day(reader: bcpipe.Pipeline) -> None:
    # 002's signed PDF: the day "05" is stamped lower than "ngày tháng 11 năm 2025".
    text = LETTER_HEAD.replace(
        "Tuy Phước, ngày 10 tháng 3 năm 2023\n", "Tuy Phước, ngày tháng 3 năm 2023\n05\n"
    ).replace("Số: 12/", "Số: 181/")
    doc = read(reader, text + "Các cơ quan triển khai thực hiện./.\n" + TAIL)
    assert (doc.issue_date.day, doc.issue_date.month, doc.status.value) == (5, 3, "issued")
    assert "BC501" not in codes(doc)
