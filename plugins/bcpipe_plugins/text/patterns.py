"""The patterns that recognise each component in a line, compiled once.

Every pattern is linear in the length of the line: repetitions are bounded, no
quantified group contains another quantifier over the same characters, and
alternatives start differently. A megabyte of hostile text is therefore read in
time proportional to its size (see the robustness tests and the benchmark).
"""

from __future__ import annotations

import re

from bcpipe.doctypes import DocumentType
from bcpipe.textutil import fold

__all__ = [
    "ADDRESSEE",
    "APPENDIX",
    "ARCHIVE_COPIES",
    "ARCHIVE_HEAD",
    "ARTICLE",
    "ARTICLE_PARTS",
    "AS_ARTICLE",
    "AUTHORITY",
    "BASIS_OPENER",
    "CABLE_HEADING",
    "CHAPTER",
    "CLAUSE",
    "CLOSING_OPENER",
    "CONTACT",
    "DASHES",
    "DIVISION",
    "ENACTING_WORDS",
    "FOOTNOTE",
    "HEADER_ANCHOR",
    "ITEM",
    "MARKS",
    "MOTTO_LINE",
    "NAME",
    "PART",
    "PART_ORDINALS",
    "POINT",
    "RECIPIENTS",
    "SECTION",
    "SEPARATOR_CELL",
    "SLASHED_AUTHORITY",
    "TAGLINE_LINE",
    "TYPE_NAMES",
    "TYPIST",
    "type_of_line",
]

# "Cộng hòa" is also written with the old tone placement, "Cộng hoà".
MOTTO = r"(?i:cộng\s{1,5}h(?:òa|oà)\s{1,5}xã\s{1,5}hội\s{1,5}chủ\s{1,5}nghĩa\s{1,5}việt\s{1,5}nam)"
TAGLINE = r"(?i:độc\s{1,5}lập\s{0,5}[-–—]\s{0,5}tự\s{1,5}do\s{0,5}[-–—]\s{0,5}hạnh\s{1,5}phúc)"
# What a clerk leaves where the number, the day or the month will go.
_BLANK = r"[\s.…_]"
_NUMBER = (
    rf"(?<!\w)(?:Số|SỐ)(?:\s{{0,3}}:)?{_BLANK}{{0,40}}(?:(?P<num>\d{{1,6}}){_BLANK}{{0,10}})?"
    r"/\s{0,3}(?P<notation>[^\s/]{1,40}(?:/[^\s/]{1,40})?)"
)
_DATE = (
    rf"(?<!\w)(?i:ngày){_BLANK}{{0,40}}(?:(?P<day>\d{{1,2}}){_BLANK}{{0,40}})?"
    rf"(?i:tháng){_BLANK}{{0,40}}(?:(?P<month>\d{{1,2}}){_BLANK}{{0,40}})?"
    rf"(?i:năm)(?:{_BLANK}{{0,40}}(?P<year>\d{{4}}))?"
)
_SHORT_DATE = r"(?<!\w)(?i:ngày)\s{0,5}(?P<sday>\d{1,2})/(?P<smonth>\d{1,2})/(?P<syear>\d{4})"

#: A footnote's line: "[1] …", "[i] …" (a crawled page), or "1 …" under the signature
#: (a PDF's page-bottom note: the mark, a space, the note). After a bracketed mark the
#: note may open with a number ("[13] 08 chi cục …"); after a bare one it may not ("1 2").
FOOTNOTE = re.compile(
    r"\[(?P<bracket>\d{1,3}|[ivxlc]{1,6}|\*{1,3})\]\s{0,3}(?P<bracketed>\S.{3,})"
    r"|(?P<bare>\d{1,2})\s{1,3}(?P<text>[^\s\d].{3,})"
)

#: A line that is the motto, or the tagline, alone.
MOTTO_LINE = re.compile(rf"\s*{MOTTO}\s*")
TAGLINE_LINE = re.compile(rf"\s*{TAGLINE}\s*")

#: The header's anchors, found anywhere in a line (header blocks run together).
HEADER_ANCHOR = re.compile(
    rf"(?P<motto>{MOTTO})|(?P<tagline>{TAGLINE})|(?P<number>{_NUMBER})"
    rf"|(?P<date>{_DATE})|(?P<sdate>{_SHORT_DATE})|(?P<vv>(?<!\w)[Vv]/[Vv](?![\w/]))"
)

#: Optional marks of the header (ô 10a, 10b, 11) and the draft mark, by folded text.
MARKS: dict[str, tuple[str, str]] = {
    fold(text): (field, text)
    for field, texts in (
        ("confidentiality", ("MẬT", "TỐI MẬT", "TUYỆT MẬT")),
        ("urgency", ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC")),
        ("circulation", ("XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ")),
        ("draft", ("DỰ THẢO", "(DỰ THẢO)", "BẢN DỰ THẢO")),
    )
    for text in texts
}

_TYPES = {fold(t.name_vi): t for t in DocumentType}
#: The type names, folded, longest first (a longer name wins: "quyết định" before "quy…").
TYPE_NAMES = tuple(sorted(_TYPES, key=len, reverse=True))


def type_of_line(text: str) -> DocumentType | None:
    """The document type when the line is exactly its name ("BÁO CÁO"), else None."""
    if len(text) > 30:
        return None
    return _TYPES.get(fold(text))


ADDRESSEE = re.compile(r"(?i:kính\s{1,3}gửi)\s{0,3}:?\s{0,5}(?P<rest>.*)")
#: A công điện's heading of its addressees, where other documents write "Kính gửi": who
#: sends it, in capitals, then "điện:" ("VĂN PHÒNG CHÍNH PHỦ điện:", "CHỦ TỊCH ỦY BAN NHÂN
#: DÂN TỈNH điện:"), or "Điện:" alone; the addressees follow ("- Các Bộ: …;").
CABLE_HEADING = re.compile(
    r"(?:(?P<sender>\S[^:]{0,200}?)\s{1,3})?(?i:điện)\s{0,3}:\s{0,5}(?P<rest>.*)"
)
BASIS_OPENER = re.compile(
    r"(?:Căn\s{1,3}cứ|Thực\s{1,3}hiện|Triển\s{1,3}khai|Phúc\s{1,3}đáp|Xét|Trên\s{1,3}cơ\s{1,3}sở"
    r"|Theo\s{1,3}(?:đề\s{1,3}nghị|chỉ\s{1,3}đạo|yêu\s{1,3}cầu|tờ\s{1,3}trình"
    # "Theo Công văn số …": a request named by its kind and number.
    r"|(?:Công\s{1,3}văn|Kế\s{1,3}hoạch|Quyết\s{1,3}định|Thông\s{1,3}báo|Chỉ\s{1,3}thị"
    r"|Công\s{1,3}điện|Hướng\s{1,3}dẫn)\s{1,3}số))(?!\w)"
)
CLOSING_OPENER = re.compile(
    r"(?:Trên\s{1,3}đây|Kính\s{1,3}(?:báo\s{1,3}cáo|trình|đề\s{1,3}nghị|mong)|Trân\s{1,3}trọng"
    r"|Rất\s{1,3}mong)(?!\w)"
)

# Body markers, matched at the start of a line (white space already collapsed).
PART = re.compile(
    r"(?i:phần)\s{1,3}(?:(?P<number>[IVXL]{1,7}|\d{1,3})"
    r"|(?i:thứ)\s{1,3}(?P<ordinal>(?i:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)))"
    r"(?:\s{0,3}[.:\-–—]|(?=\s)|$)\s{0,3}(?P<rest>.*)"
)
#: "Phần thứ nhất" … "Phần thứ mười": the part's number as a Roman numeral.
PART_ORDINALS = {
    word: roman
    for word, roman in zip(
        ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"),
        ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"),
        strict=True,
    )
}
SECTION = re.compile(r"(?=[IVX])(?P<number>X{0,3}(?:IX|IV|V?I{0,3}))\.\s{0,5}(?P<rest>(?!\d).*)")
CLAUSE = re.compile(
    r"(?P<number>\d{1,3}(?:\.\d{1,3}){0,4})\.\s{0,5}(?P<rest>(?![\d.]).*)"
    r"|(?P<bare>\d{1,3}(?:\.\d{1,2}){1,4})\s{1,5}(?P<bare_rest>(?![\d.]).+)"
)
POINT = re.compile(r"(?P<letter>[a-zđ]{1,2})\)\s{0,5}(?P<rest>.*)")
ITEM = re.compile(r"(?P<marker>[-+–—•∙·])\s{0,5}(?P<rest>.*)")
ARTICLE = re.compile(r"(?i:điều)\s{1,3}\d{1,3}[a-zđ]?\s{0,3}[.:]")
#: An article's line, its parts: "Điều 5. Kinh phí hoạt động", "Điều 1. Phê duyệt …".
ARTICLE_PARTS = re.compile(r"(?i:điều)\s{1,3}(?P<number>\d{1,4})\s{0,3}[.:]\s{0,3}(?P<rest>.*)")
#: "Như Điều 3" in "Nơi nhận" (with a note in brackets: "Như Điều 3 (t/h)").
AS_ARTICLE = re.compile(
    r"(?i:như)\s{1,3}(?i:điều)\s{1,3}(?P<article>\d{1,4})(?:\s{0,3}\((?P<note>[^()]{1,80})\))?"
)
#: The enacting word of a decision, a resolution, a directive, alone above the articles.
ENACTING_WORDS = frozenset(fold(w) for w in ("QUYẾT ĐỊNH", "QUYẾT NGHỊ", "CHỈ THỊ", "BAN HÀNH"))
#: "Chương I" (a regulation's chapter) and "Mục 1" (a chapter's section), with any title.
CHAPTER = re.compile(
    r"(?:Chương|CHƯƠNG)\s{1,3}(?P<number>[IVXLC]{1,7})(?![\w])\s{0,3}[.:\-–—]?\s{0,3}(?P<rest>.*)"
)
DIVISION = re.compile(
    r"(?:Mục|MỤC)\s{1,3}(?P<number>\d{1,3})(?![\w.])\s{0,3}[.:\-–—]?\s{0,3}(?P<rest>.*)"
)
#: A cell of a table's separator row: "---", ":---:".
SEPARATOR_CELL = re.compile(r":?-{3,}:?")
DASHES = str.maketrans({"–": "-", "—": "-", "•": "-", "∙": "-", "·": "-"})

# The signature block, the recipients and the footer.
AUTHORITY = re.compile(r"(?P<prefix>TM|KT|TL|TUQ|Q)\s{0,2}\.\s{0,3}(?P<title>\S.*)")
RECIPIENTS = re.compile(r"(?i:nơi\s{1,3}nhận)\s{0,3}(?::\s{0,5}|$)(?P<rest>.*)")
#: The archive line's head: "Lưu:", "Lưu :" or "Lưu" before a holder in capitals ("Lưu VT").
ARCHIVE_HEAD = re.compile(r"(?i:lưu)(?:\s{0,3}:\s{0,3}|\s{1,3}(?=[A-ZĐ]))")
#: The count of filed copies in the archive line's last holder: "TCCB (2)", "NN (03). Hg".
ARCHIVE_COPIES = re.compile(r"\s{0,3}\((?P<copies>\d{1,4})\)")
#: An authority written with a slash: "T/M ỦY BAN NHÂN DÂN", "K/T CHỦ TỊCH" (read as "TM.").
SLASHED_AUTHORITY = re.compile(r"^(T|K)/(M|T|L)\.?\s{0,3}(?=\S)")
NAME = re.compile(r"[^\W\d_][\w'’.\-]{0,20}(?: [^\W\d_][\w'’.\-]{0,20}){1,6}")
TYPIST = re.compile(
    r"(?P<typist>[A-ZĐ]{1,10}(?:\.[A-ZĐ]{1,10}){0,2})?\.?\s{0,2}(?:\((?P<copies>\d{1,6})\))?"
)
CONTACT = re.compile(
    r"(?i:địa\s{1,3}chỉ|điện\s{1,3}thoại|đt|e-?mail|fax|website|trang\s{1,3}thông\s{1,3}tin)"
    r"\s{0,3}:"
    # "Số điện thoại liên hệ …: 0902231985" under the signature (a công điện's contact).
    r"|(?i:số\s{1,3}điện\s{1,3}thoại)(?=[^:]{0,80}:)"
)
APPENDIX = re.compile(
    r"(?i:phụ\s{1,3}lục)(?:\s{1,3}(?i:số\s{1,3})?(?P<number>[IVXL]{1,7}|\d{1,3})(?![\w]))?"
    r"\s{0,3}(?:[.:\-–—]\s{0,3})?(?P<title>.*)"
)
