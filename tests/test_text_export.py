"""The text exporter: reading order, every sentence of the original, determinism."""

from __future__ import annotations

from typing import Any

from conftest import SAMPLE_YAML, SEED_TEXT

import bcpipe
from bcpipe.textutil import normalise_space


def _export(pipeline: bcpipe.Pipeline, source: Any) -> str:
    return pipeline.export(source, "text").decode("utf-8")


def test_every_line_of_the_original_is_in_the_export(pipeline: bcpipe.Pipeline) -> None:
    exported = normalise_space(_export(pipeline, SAMPLE_YAML))
    seed_lines = [
        normalise_space(line) for line in SEED_TEXT.read_text(encoding="utf-8").splitlines()
    ]
    missing = [line for line in seed_lines if line and line not in exported]
    assert missing == []
    # the sentences a page break split are whole again
    assert "quảng bá hình ảnh Tuy Phước đến bạn bè thế giới" in exported
    assert "thực hiện tốt các chính sách hoạt động đối ngoại" in exported


def test_components_come_in_the_decrees_reading_order(pipeline: bcpipe.Pipeline) -> None:
    text = _export(pipeline, SAMPLE_YAML)
    order = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC",
        "Số:     /BC-UBND",
        "Tuy Phước, ngày     tháng     năm 2023",
        "BÁO CÁO\nKết quả hoạt động thông tin đối ngoại năm 2022",
        "Thực hiện Công văn số 1440",
        "I. KẾT QUẢ THỰC HIỆN",
        "III. ĐỀ XUẤT, KIẾN NGHỊ",
        "Trên đây là báo cáo",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Hùng Tân",
        "Nơi nhận:\n- Sở Thông tin và Truyền thông;",
        "- Lưu: VT.\n",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert text.endswith("- Lưu: VT.\n")


def test_the_same_document_gives_the_same_bytes(pipeline: bcpipe.Pipeline) -> None:
    first = pipeline.export(SAMPLE_YAML, "text")
    assert bcpipe.Pipeline().export(SAMPLE_YAML, "text") == first


def test_optional_components_are_printed(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any]
) -> None:
    minimal.update(
        addressees=["UBND huyện Tuy Phước"],
        marks={"urgency": "KHẨN", "confidentiality": "MẬT", "typist": "VP", "copies": 5},
        contact="Địa chỉ: thôn Phước Sơn; ĐT: 0256 3833 111",
        appendices=[
            {
                "number": "I",
                "title": "SỐ LIỆU HỒ SƠ SỐ HÓA",
                "body": [{"kind": "table", "rows": [["Loại", "Số lượng"], ["Hộ tịch", "1.200"]]}],
            }
        ],
    )
    text = _export(pipeline, bcpipe.load(minimal))
    for part in (
        "UBND HUYỆN TUY PHƯỚC\nỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN",
        "Số: 12/BC-UBND\nPhước Sơn, ngày 05 tháng 3 năm 2023",
        "MẬT\nKHẨN",
        "Kính gửi: UBND huyện Tuy Phước.",
        "VP.(5)",
        "Phụ lục I\nSỐ LIỆU HỒ SƠ SỐ HÓA",
        "| Hộ tịch | 1.200 |",
    ):
        assert part in text, part


def test_roman_numerals_of_parts_sections_chapters_and_word_lists() -> None:
    # One writer of Roman numerals for the numbering rule, .docx lists and the strategies.
    from bcpipe.textutil import roman

    cases = {1: "I", 4: "IV", 9: "IX", 14: "XIV", 40: "XL", 90: "XC", 1994: "MCMXCIV"}
    assert {n: roman(n) for n in cases} == cases
