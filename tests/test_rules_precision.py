"""Precision on real documents: each false finding pattern seen in the corpus, named,
with the true finding it must not hide (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import minimal_report

import bcpipe

Data = dict[str, Any]
DEFAULT = bcpipe.Pipeline()
STRICT = bcpipe.Pipeline(select=["strict"])


def _codes(data: Data, pipeline: bcpipe.Pipeline = DEFAULT) -> list[str]:
    return pipeline.validate(bcpipe.load(data)).codes()


def _with_basis(text: str, **changes: Any) -> Data:
    data = minimal_report(**changes)
    data["basis"] = [{"text": text}]
    return data


def _letter(**changes: Any) -> Data:
    """A công văn to a ministry's department ("Kính gửi"), recipients "Như trên"."""
    data = minimal_report(type="cong_van", notation="UBND-VP", **changes)
    data["subject"] = "V/v báo cáo công tác chuyển đổi số"
    data["addressees"] = ["Cục Kiểm soát thủ tục hành chính"]
    data["closing"] = [{"text": "Trân trọng./."}]
    data["recipients"] = [{"kind": "as_above"}, {"kind": "archive", "holders": ["VT", "VP"]}]
    data["body"] = [{"kind": "paragraph", "text": "UBND xã báo cáo như sau."}]
    data["basis"] = []
    return data


# -- recipients ----------------------------------------------------------------------


def test_nhu_tren_counts_the_kinh_gui_bodies_as_recipients() -> None:
    data = _letter()
    data["closing"] = [{"text": "Kính gửi Cục Kiểm soát thủ tục hành chính xem xét./."}]
    assert _codes(data) == []
    data["recipients"] = data["recipients"][1:]  # no "Như trên": the Cục gets no copy
    assert {"BC306", "BC311"} <= set(_codes(data))


def test_nhu_tren_answers_a_requester_named_in_kinh_gui() -> None:
    data = _letter()
    data["addressees"] = ["UBND huyện Tuy Phước"]
    data["basis"] = [
        {"text": "Thực hiện Công văn số 210/UBND-VX ngày 15/02/2023 của UBND huyện Tuy Phước."}
    ]
    assert _codes(data) == []


@pytest.mark.parametrize(
    "basis",
    [
        "Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ về việc "
        "phê duyệt Đề án 06, UBND xã báo cáo như sau:",
        "Thực hiện Chỉ thị số 24/CT-TTg ngày 13/9/2025 của Thủ tướng Chính phủ, UBND xã "
        "báo cáo như sau:",
        "Thực hiện Công điện số 131/CĐ-TTg ngày 11 tháng 12 năm 2024 của Thủ tướng Chính phủ, "
        "UBND xã báo cáo như sau:",
        "Thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị, UBND xã báo cáo:",
        "Theo Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ, UBND xã báo cáo:",
    ],
)
def test_implementing_a_legal_document_is_not_a_request_from_its_issuer(basis: str) -> None:
    assert "BC307" not in _codes(_with_basis(basis))


def test_a_letter_asking_for_the_document_still_needs_its_issuer_among_recipients() -> None:
    basis = "Thực hiện Công văn số 45/STC-NS ngày 01/02/2023 của Sở Tài chính, UBND xã báo cáo:"
    assert _codes(_with_basis(basis)) == ["BC307"]


def test_a_ministrys_request_may_be_answered_to_its_department() -> None:
    data = _letter()
    data["basis"] = [{"text": "Thực hiện Công văn số 123/BNV-CCHC ngày 01/02/2023 của Bộ Nội vụ."}]
    assert _codes(data) == []
    data["addressees"] = []  # an unaddressed answer that none of the ministry receives
    data["recipients"] = data["recipients"][1:]
    assert _codes(data) == ["BC307"]


def test_carrying_a_request_out_by_writing_to_others_is_not_answering_it() -> None:
    # 018: a department passes the city's letter on to the schools ("Kính gửi" them);
    # the city asked the schools to act, not for a copy of this letter.
    data = _letter()
    data["addressees"] = ["UBND các xã, phường", "Các đơn vị, cơ sở giáo dục trực thuộc"]
    data["basis"] = [
        {"text": "Thực hiện Công văn số 6356/UBND-NNMT ngày 01/12/2025 của UBND Thành phố."}
    ]
    assert "BC307" not in _codes(data)
    # A reply is an answer, whoever else it is addressed to.
    data["basis"] = [
        {"text": "Phúc đáp Công văn số 6356/UBND-NNMT ngày 01/12/2025 của UBND Thành phố."}
    ]
    assert "BC307" in _codes(data)
    # A report "Kính gửi" someone else still answers the body that asked for it.
    report = _with_basis(
        "Thực hiện Công văn số 45/STC-NS ngày 01/02/2023 của Sở Tài chính, UBND xã báo cáo:"
    )
    report["addressees"] = ["UBND huyện Tuy Phước"]
    assert "BC307" in _codes(report)


# -- sections ------------------------------------------------------------------------


def test_a_missing_profile_part_is_advice_not_an_error() -> None:
    data = minimal_report()
    data["body"] = [data["body"][0], data["body"][2]]  # "1. Kết quả … 3. Đề xuất"
    data["body"][1]["number"] = "II"
    findings = DEFAULT.validate(bcpipe.load(data)).findings
    assert [(f.code, f.severity.value) for f in findings] == [("BC401", "info")]
    assert DEFAULT.validate(bcpipe.load(data)).ok


# -- citations -----------------------------------------------------------------------


def test_first_citation_details_are_opt_in() -> None:
    data = _with_basis("Thực hiện Kế hoạch số 59/KH-UBND của UBND huyện Tuy Phước, UBND xã:")
    assert _codes(data) == []
    assert sorted(_codes(data, STRICT)) == ["BC205", "BC206"]


@pytest.mark.parametrize(
    ("words", "number", "notation"),
    [
        ("Nghị quyết số 66.4/2022/NQ-CP ngày 13/11/2022 của Chính phủ", "66.4", "NQ-CP"),
        ("Kế hoạch số 05a/KH-UBND ngày 01/02/2023 của UBND huyện", "05a", "KH-UBND"),
        ("Nghị quyết số 202/2022/QH15 ngày 12/6/2022 của Quốc hội", "202", "QH15"),
        ("Chỉ thị số 11-CT/TU ngày 05/3/2022 của Ban Thường vụ Tỉnh ủy", "11", "CT/TU"),
    ],
)
def test_citation_shapes_agencies_use_are_read(words: str, number: str, notation: str) -> None:
    data = _with_basis(f"Căn cứ {words} về việc chuyển đổi số; UBND xã báo cáo như sau:")
    result = STRICT.validate(bcpipe.load(data))
    (citation,) = result.document.basis[0].citations
    assert (citation.number, citation.notation) == (number, notation)
    assert result.codes() == []


def test_a_law_of_the_national_assembly_has_no_type_code() -> None:
    data = _with_basis("Căn cứ Luật số 69/2022/QH15 ngày 19/02/2022 về việc tổ chức; báo cáo:")
    assert _codes(data, STRICT) == []


def test_a_standard_is_not_a_misread_citation() -> None:
    data = _with_basis(
        "Căn cứ QCVN 01:2019/BCT về an toàn sản xuất và Thông tư số 01/2019/TT-BCT ngày "
        "11/01/2019 của Bộ Công Thương về việc ban hành quy chuẩn; UBND xã báo cáo:"
    )
    assert _codes(data, STRICT) == []


def test_a_date_in_the_sentence_after_a_comma_is_not_the_citations() -> None:
    data = _with_basis(
        "Thực hiện Kế hoạch số 59/KH-UBND ngày 09/02/2023 của UBND huyện Tuy Phước về việc "
        "chuyển đổi số, ngày 20/02/2023 UBND xã đã triển khai; nay báo cáo như sau:"
    )
    assert _codes(data, STRICT) == []


def test_the_issuer_ends_where_the_next_citation_begins() -> None:
    data = _with_basis(
        "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2022 của Ban Thường vụ Huyện ủy và Kế hoạch "
        "số 24/KH-UBND ngày 14/8/2022 của UBND huyện thực hiện Nghị quyết số 66-NQ/TW ngày "
        "30/4/2022 của Bộ Chính trị về việc cải cách; UBND xã báo cáo như sau:"
    )
    citations = DEFAULT.validate(bcpipe.load(data)).document.basis[0].citations
    assert [c.issuer for c in citations] == ["Ban Thường vụ Huyện ủy", "UBND huyện", "Bộ Chính trị"]


@pytest.mark.parametrize(
    "words",
    [
        "Quy định số 178-QĐ/TW ngày 27/6/2022 của Bộ Chính trị về kiểm soát quyền lực",
        "Kế hoạch số 107/KHPH-CA-GD ngày 20/3/2022 của Công an tỉnh về phối hợp",
    ],
)
def test_party_and_joint_codes_match_their_kind(words: str) -> None:
    assert "BC203" not in _codes(_with_basis(f"Căn cứ {words}; UBND xã báo cáo như sau:"))


def test_a_citation_mistyped_as_another_kind_is_still_reported() -> None:
    basis = "Căn cứ Công văn số 545/HD-BTV ngày 29/7/2022 của Ban Thường vụ về việc hợp nhất;"
    assert _codes(_with_basis(basis)) == ["BC203"]


# -- header and signature ------------------------------------------------------------


def test_old_tone_placement_in_the_motto_is_no_defect() -> None:
    data = minimal_report()
    data["motto"] = {"country": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"}
    assert _codes(data) == []
    data["motto"] = {"country": "Cộng hòa xã hội chủ nghĩa Việt Nam"}  # not in capitals
    assert _codes(data) == ["BC111"]


def test_uy_ban_spelt_the_old_way_is_a_collective_body() -> None:
    data = minimal_report()
    data["issuer"]["name"] = "UỶ BAN NHÂN DÂN XÃ PHƯỚC SƠN"
    data["signature"]["authority"] = [{"prefix": "TM.", "title": "UỶ BAN NHÂN DÂN"}]
    assert _codes(data, STRICT) == []


def test_a_normative_documents_notation_carries_its_year() -> None:
    data = minimal_report(type="nghi_quyet", notation="2025/NQ-HĐND")
    data["issue_date"] = {"day": 5, "month": 3, "year": 2025}
    assert "BC103" not in _codes(data)
    assert "BC103" in _codes(minimal_report(notation="2025/BCUBND"))


def test_the_clerical_office_with_its_bodys_code_is_vt() -> None:
    data = minimal_report()
    data["recipients"][-1]["holders"] = ["VTUB", "NC"]
    assert _codes(data) == []
    data["recipients"][-1]["holders"] = ["NC", "VT"]
    assert _codes(data) == ["BC304"]


def test_a_bracketed_unit_in_the_notation_is_how_police_write_it() -> None:
    data = minimal_report(type="to_trinh", notation="TTr-CAT(PC04)")
    assert "BC103" not in _codes(data)


def test_a_five_digit_year_is_no_date_of_the_first_four() -> None:
    data = _with_basis(
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/20210 của Chính phủ về việc ban;"
    )
    codes = _codes(data)
    assert "BC209" in codes and "BC210" not in codes


def test_kt_before_a_bodys_name_is_reported_whatever_the_body() -> None:
    data = minimal_report()
    data["signature"] = {
        "authority": [{"prefix": "KT.", "title": "SỞ NỘI VỤ"}],
        "position": "PHÓ GIÁM ĐỐC",
        "name": "Trần Hữu Tuấn",
    }
    assert "BC120" in _codes(data)
    data["signature"]["authority"] = [{"prefix": "KT.", "title": "BỘ TRƯỞNG"}]
    data["signature"]["position"] = "THỨ TRƯỞNG"
    assert "BC120" not in _codes(data)


def test_a_letters_first_paragraph_says_what_it_answers() -> None:
    data = _letter()
    data["body"] = [
        {
            "kind": "paragraph",
            "text": "Phúc đáp Công văn số 45/STC-NS ngày 01/02/2023 của Sở Tài chính, "
            "UBND xã có ý kiến như sau:",
        }
    ]
    assert _codes(data) == ["BC307"]


def test_a_footnotes_unreadable_citation_is_said_where_it_stands() -> None:
    # 001's note 2 cites "Nghị quyết số 57/NQ/TW" (for 57-NQ/TW): said, in the note.
    data = minimal_report()
    data["footnotes"] = [
        {
            "label": "1",
            "text": "Thực hiện Nghị quyết số 57/NQ/TW, ngày 22/12/2024 của Bộ Chính trị.",
        },
        {"label": "2", "text": "Kế hoạch số 59/KH-UBND ngày 09/6/2022 của UBND tỉnh."},
    ]
    findings = DEFAULT.validate(bcpipe.load(data)).findings
    unreadable = [f for f in findings if f.code == "BC201"]
    assert [f.location.path for f in unreadable] == [("footnotes", 0, "text")]
    assert "57/NQ/TW" in unreadable[0].message_en
