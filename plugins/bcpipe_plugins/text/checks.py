"""What the text reader reports while reading (codes BC501-BC508).

Reading plain text means guessing at times; every guess and every line that fits
no component is reported with its line, so that nothing is dropped unseen. These
findings travel with the document (``doc.source.findings``) and ``bcpipe validate``
prints them with the rules' findings.
"""

from __future__ import annotations

from bcpipe import Check, Severity

__all__ = [
    "DEBRIS_SKIPPED",
    "ISSUER_FROM_SETTINGS",
    "ISSUER_GUESSED",
    "ISSUER_INFERRED",
    "LINES_JOINED",
    "NO_MOTTO",
    "READER_CHECKS",
    "SITE_SKIPPED",
    "TYPE_INFERRED",
    "UNPLACED_LINE",
]

UNPLACED_LINE = Check(
    "BC501",
    Severity.WARNING,
    vi='Dòng không khớp thành phần nào của văn bản ({zone}), được giữ lại thành đoạn văn: "{text}"',
    en="The line fits no component of the document ({zone_en}); it is kept as a paragraph: "
    '"{text}"',
)
LINES_JOINED = Check(
    "BC502",
    Severity.INFO,
    vi="Câu bị ngắt (ngắt trang) ở {previous} được nối lại với {joined}",
    en="A sentence broken at {previous_en} (page break) was joined with {joined_en}",
)
DEBRIS_SKIPPED = Check(
    "BC503",
    Severity.INFO,
    vi="Bỏ qua {count} dòng {what} ({lines})",
    en="Skipped {count} line(s) of {what_en} ({lines_en})",
)
NO_MOTTO = Check(
    "BC504",
    Severity.INFO,
    vi="Văn bản không có {missing}; dùng Quốc hiệu, Tiêu ngữ chuẩn",
    en="The text has no {missing_en}; the standard national motto is used",
)
ISSUER_INFERRED = Check(
    "BC505",
    Severity.INFO,
    vi='Văn bản không có tên cơ quan ban hành; đã suy ra "{name}" từ {evidence}',
    en='The text has no issuer lines; "{name}" was inferred from {evidence_en}',
)
ISSUER_FROM_SETTINGS = Check(
    "BC506",
    Severity.INFO,
    vi='Văn bản không có tên cơ quan ban hành; dùng "{name}" trong cấu hình [text]',
    en='The text has no issuer lines; "{name}" is taken from the [text] settings',
)
TYPE_INFERRED = Check(
    "BC507",
    Severity.INFO,
    vi='Văn bản không ghi tên loại; đã suy ra "{type}" từ ký hiệu {notation}',
    en='The text names no document type; "{type}" was inferred from the notation {notation}',
)
ISSUER_GUESSED = Check(
    "BC508",
    Severity.WARNING,
    vi='Văn bản không có tên cơ quan ban hành; tạm ghi "{name}" (từ {evidence}), cần kiểm tra '
    "lại hoặc khai báo [text] issuer",
    en='The text has no issuer lines; "{name}" (from {evidence_en}) is only a guess: check it '
    "or set [text] issuer",
)
SITE_SKIPPED = Check(
    "BC509",
    Severity.INFO,
    vi="Bỏ qua {count} dòng của trang web quanh văn bản (thực đơn, biểu ngữ; dòng {first}-{last})",
    en="Skipped {count} line(s) of the website around the document (menus, banners; lines "
    "{first}-{last})",
)

#: Every check the reader may report, for listings.
READER_CHECKS = (
    UNPLACED_LINE,
    LINES_JOINED,
    DEBRIS_SKIPPED,
    NO_MOTTO,
    ISSUER_INFERRED,
    ISSUER_FROM_SETTINGS,
    TYPE_INFERRED,
    ISSUER_GUESSED,
    SITE_SKIPPED,
)
