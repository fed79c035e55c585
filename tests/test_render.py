"""The wording every exporter shares (bcpipe.render)."""

from __future__ import annotations

from typing import Any

import pytest

import bcpipe
from bcpipe import render
from bcpipe.model import IssueDate


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        (8, 12, 2022, "ngày 08 tháng 12 năm 2022"),
        (23, 2, 2022, "ngày 23 tháng 02 năm 2022"),
        (9, 6, 2022, "ngày 09 tháng 6 năm 2022"),
        (5, 1, 2020, "ngày 05 tháng 01 năm 2020"),
        (29, 6, 2019, "ngày 29 tháng 6 năm 2019"),
    ],
)
def test_dates_take_leading_zeros_only_where_the_decree_says(
    day: int, month: int, year: int, expected: str
) -> None:
    assert render.date_phrase(IssueDate(day=day, month=month, year=year)) == expected


def test_a_draft_leaves_blanks_for_the_clerk(sample: dict[str, Any]) -> None:
    doc = bcpipe.load(sample)
    assert render.number_line(doc) == "Số:     /BC-UBND"
    assert render.place_date_line(doc) == "Tuy Phước, ngày     tháng     năm 2023"
    assert render.number_line(doc, blank="...") == "Số:.../BC-UBND"


def test_issued_number_below_ten_takes_a_zero(minimal: dict[str, Any]) -> None:
    minimal["number"] = 5
    doc = bcpipe.load(minimal)
    assert render.number_line(doc) == "Số: 05/BC-UBND"
    assert doc.code == "05/BC-UBND"


def test_recipient_lines_end_with_the_archive_line(sample: dict[str, Any]) -> None:
    lines = render.recipient_lines(bcpipe.load(sample))
    assert lines[0] == "Nơi nhận:"
    assert lines[2] == "- CT và PCT UBND huyện (*Đ/c Tân*);"
    assert lines[-1] == "- Lưu: VT."


def test_archive_line_with_unit_and_copies(minimal: dict[str, Any]) -> None:
    minimal["recipients"][-1] = {"kind": "archive", "holders": ["VT", "HC"], "copies": 2}
    assert render.recipient_lines(bcpipe.load(minimal))[-1] == "- Lưu: VT, HC (2)."


def test_official_letter_has_no_type_line_and_a_v_v_subject(minimal: dict[str, Any]) -> None:
    minimal.update(type="cong_van", notation="UBND-VX", subject="báo cáo chuyển đổi số")
    doc = bcpipe.load(minimal)
    assert render.type_line(doc) is None
    assert render.subject_line(doc) == "V/v báo cáo chuyển đổi số"


def test_addressee_lines(minimal: dict[str, Any]) -> None:
    minimal["addressees"] = ["Sở Tài chính"]
    assert render.addressee_lines(bcpipe.load(minimal)) == ["Kính gửi: Sở Tài chính."]
    minimal["addressees"] = ["Sở Tài chính", "Sở Nội vụ"]
    assert render.addressee_lines(bcpipe.load(minimal)) == [
        "Kính gửi:",
        "- Sở Tài chính;",
        "- Sở Nội vụ.",
    ]


def test_typist_line() -> None:
    from bcpipe.model import Marks

    assert render.typist_line(Marks(typist="PL", copies=300)) == "PL.(300)"
    assert render.typist_line(Marks()) is None
