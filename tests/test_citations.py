"""Recognising citations in running text (bcpipe.citations)."""

from __future__ import annotations

import pytest

from bcpipe.citations import find_citations, find_mentions, parse_citation
from bcpipe.model import CalendarDate

BASIS = (
    "Thực hiện Công văn số 1440/STTTT-TTBCXB ngày 08/12/2022 của Sở Thông tin và Truyền thông "
    "tỉnh Bình Định về việc báo cáo kết quả công tác thông tin đối ngoại tỉnh Bình Định năm 2022, "
    "UBND huyện Tuy Phước báo cáo kết quả hoạt động thông tin đối ngoại năm 2022"
)


def test_the_sample_basis_citation() -> None:
    (citation,) = find_citations(BASIS)
    assert citation.type_name == "Công văn"
    assert (citation.number, citation.notation, citation.code) == (
        "1440",
        "STTTT-TTBCXB",
        "1440/STTTT-TTBCXB",
    )
    assert citation.date == CalendarDate(day=8, month=12, year=2022)
    assert citation.issuer == "Sở Thông tin và Truyền thông tỉnh Bình Định"
    assert (
        citation.subject == "báo cáo kết quả công tác thông tin đối ngoại tỉnh Bình Định năm 2022"
    )
    assert citation.text in BASIS and citation.text.endswith("năm 2022")


def test_two_citations_in_one_item_and_an_omitted_issuer() -> None:
    text = (
        "Căn cứ Kế hoạch số 20/KH-UBND ngày 23/02/2022 của UBND tỉnh Bình Định về việc ban hành "
        "Kế hoạch công tác thông tin đối ngoại tỉnh Bình Định năm 2022. UBND huyện Tuy Phước đã ban "
        "hành Kế hoạch số 59/KH-UBND ngày 09/6/2022 về công tác thông tin đối ngoại năm 2022."
    )
    first, second = find_citations(text)
    assert (first.code, first.issuer, first.date) == (
        "20/KH-UBND",
        "UBND tỉnh Bình Định",
        CalendarDate(day=23, month=2, year=2022),
    )
    assert (second.code, second.issuer, second.type_code) == ("59/KH-UBND", None, "KH")
    assert second.subject == "công tác thông tin đối ngoại năm 2022"


def test_legal_party_and_law_citations() -> None:
    text = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn "
        "thư; Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị; Luật Tổ chức chính quyền "
        "địa phương ngày 19 tháng 6 năm 2015;"
    )
    decree, party, law = find_citations(text)
    assert (decree.code, decree.year, decree.type_code) == ("30/2020/NĐ-CP", 2020, "NĐ")
    assert decree.date == CalendarDate(day=5, month=3, year=2020)
    assert (party.code, party.is_party, party.type_code) == ("35-NQ/TW", True, "NQ")
    assert (law.type_name, law.title, law.number) == (
        "Luật",
        "Tổ chức chính quyền địa phương",
        None,
    )


def test_a_citation_inside_another_ones_subject_is_found_too() -> None:
    text = (
        "Thực hiện Công văn số 12/UBND-VX ngày 03/3/2023 của UBND huyện về việc triển khai "
        "Kế hoạch số 20/KH-UBND ngày 23/02/2022 của UBND tỉnh."
    )
    assert [c.code for c in find_citations(text)] == ["12/UBND-VX", "20/KH-UBND"]


def test_mentions_include_unreadable_citations_but_not_ordinary_words() -> None:
    text = "Thực hiện Kế hoạch số 59/KH UBND; quyết định số lượng cán bộ; Công văn số: 7/UBND-VP."
    mentions = find_mentions(text)
    assert [m.type_name for m in mentions] == ["Kế hoạch", "Công văn"]
    assert [c.code for c in find_citations(text)] == ["7/UBND-VP"]


def test_forms_without_so_with_a_comma_and_van_ban_are_read() -> None:
    (decree,) = find_citations(
        "theo Nghị định 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư"
    )
    assert (decree.type_name, decree.code, decree.year, decree.issuer) == (
        "Nghị định", "30/2020/NĐ-CP", 2020, "Chính phủ",
    )  # fmt: skip
    (letter,) = find_citations(BASIS.replace("1440/STTTT-TTBCXB ngày", "1440/STTTT-TTBCXB, ngày"))
    assert letter.date == CalendarDate(day=8, month=12, year=2022)
    assert letter.issuer == "Sở Thông tin và Truyền thông tỉnh Bình Định"
    assert letter.subject and letter.subject.startswith("báo cáo kết quả")
    (generic,) = find_citations(BASIS.replace("Công văn số", "Văn bản số"))
    assert (generic.type_name, generic.code) == ("Văn bản", "1440/STTTT-TTBCXB")
    # Without "số", a number with a notation after a kind, nothing less.
    text = "Kế hoạch 59/KH-UBND; Kế hoạch 1/3 chỉ tiêu; kế hoạch 2023/ năm; Kế hoạch số 60/KH-UBND"
    assert [m.type_name for m in find_mentions(text)] == ["Kế hoạch", "Kế hoạch"]
    assert [c.code for c in find_citations(text)] == ["59/KH-UBND", "60/KH-UBND"]


@pytest.mark.parametrize(
    "after",
    [" hướng dẫn thể thức", " và Kế hoạch số 5/KH-UBND", " quy định", ";", ".", "",
     " và các văn bản hướng dẫn", " (bản sao) của UBND tỉnh", " Về việc x", " v/v x",
     " ban hành Quy chế làm việc"],
)  # fmt: skip
def test_a_date_after_a_comma_is_the_citations_when_the_citation_goes_on(after: str) -> None:
    found = find_citations(f"Căn cứ Thông tư số 01/2011/TT-BNV, ngày 19/01/2011{after}")
    assert found[0].date == CalendarDate(day=19, month=1, year=2011)


@pytest.mark.parametrize(
    "after",
    [" UBND huyện đã họp", " – UBND huyện đã họp", " - UBND xã đã họp", ": UBND xã đã họp",
     " (thứ Ba) UBND xã đã họp", " và tiếp đó", " ban hành kế hoạch"],
)  # fmt: skip
def test_a_sentences_own_date_after_a_comma_is_not_the_citations(after: str) -> None:
    (letter,) = find_citations(f"Theo Công văn số 1440/STTTT-TTBCXB, ngày 20/12/2022{after}")
    assert letter.date is None


def test_van_ban_without_so_or_with_a_party_number_is_read() -> None:
    texts = [
        "Thực hiện Văn bản 59/UBND-VP ngày 01/6/2022 của UBND tỉnh về việc x.",
        "theo Văn bản số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị",
        "Văn bản số 15-CTr/TU ngày 01/02/2023",
        "Văn bản số 12-QĐi/TW",
    ]
    codes = ["59/UBND-VP", "35-NQ/TW", "15-CTr/TU", "12-QĐi/TW"]
    assert [c.code for t in texts for c in find_citations(t)] == codes
    # A mistyped one is still a mention, for the rule to report.
    for mistyped in ("Văn bản số 59 /UBND-VP", "Văn bản số 59A/UBND-VP"):
        assert [m.type_name for m in find_mentions(mistyped)] == ["Văn bản"]
    # Ordinary words are not ("văn bản số" is also "digital documents").
    for words in (
        "có 1.100 văn bản số 2023-Năm nay",
        "văn bản số 12 -Đến nay",
        "tổng cộng có văn bản 2022/QĐ được xử lý",
        "Văn bản 5/UBND ngày 15/02/2023",
    ):
        assert find_mentions(words) == [], words


def test_parse_citation_reads_exactly_one() -> None:
    parsed = parse_citation("Kế hoạch số 59/KH-UBND ngày 09/6/2022")
    assert parsed is not None and parsed.date == CalendarDate(day=9, month=6, year=2022)
    assert parse_citation("Kế hoạch số 59/KH-UBND và hơn nữa, nhiều chữ") is None


def test_impossible_dates_are_kept_for_the_rules() -> None:
    (citation,) = find_citations("theo Kế hoạch số 5/KH-UBND ngày 31/02/2022 của UBND tỉnh.")
    assert citation.date == CalendarDate(day=31, month=2, year=2022)
    assert citation.date.to_date() is None


def test_recognition_is_linear_on_hostile_input() -> None:
    # Patterns that backtrack would take minutes here; bounded ones take well under a second.
    hostile = ("Kế hoạch số 1/KH-" + "A-" * 30 + " ngày 1/1/2022 của " + "x " * 200) * 300
    assert find_citations(hostile) == []  # a notation of 31 groups is no notation
    assert len(find_mentions(hostile)) == 300
    long_issuer = "Kế hoạch số 1/KH-UBND ngày 1/1/2022 của " + "x " * 100_000
    (citation,) = find_citations(long_issuer)
    assert citation.issuer is None  # an "issuer" of 100,000 words is not read as one


def test_a_citation_already_known_is_given_back_unbuilt() -> None:
    (found,) = find_citations(BASIS)
    (again,) = find_citations(BASIS, known=[found])
    assert again is found
    assert parse_citation(found.text, like=found) is found
    law = "theo Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015."
    (by_name,) = find_citations(law)
    assert find_citations(law, known=[by_name])[0] is by_name


def test_a_known_citation_that_says_otherwise_than_its_words_is_read_anew() -> None:
    (found,) = find_citations(BASIS)
    for change in (
        {"issuer": "UBND tỉnh"},
        {"subject": None},
        {"date": CalendarDate(day=9, month=12, year=2022)},
        {"number": "1441"},
        {"title": "Công văn"},
    ):
        other = found.model_copy(update=change)
        (again,) = find_citations(BASIS, known=[other])
        assert again is not other and again == found
        parsed = parse_citation(found.text, like=other)
        assert parsed is not other and parsed == found


def test_a_known_citation_does_not_hide_words_that_cannot_be_read() -> None:
    # Day 0: the words cannot make a citation; a citation given with other data does
    # not stop the reader from saying so (as before it was given).
    text = "theo Kế hoạch số 5/KH-UBND ngày 0/02/2022 của UBND tỉnh."
    given = parse_citation("Kế hoạch số 5/KH-UBND ngày 1/02/2022 của UBND tỉnh")
    assert given is not None
    known = given.model_copy(update={"text": "Kế hoạch số 5/KH-UBND ngày 0/02/2022 của UBND tỉnh"})
    with pytest.raises(ValueError):
        find_citations(text, known=[known])
    with pytest.raises(ValueError):
        parse_citation(known.text, like=known)
