"""The end of page one: signature block, "Nơi nhận", drafter's initials, contact footer.

The signature (right) and the recipients (left) are another two-column table, so
in extracted text they come in either order, on separate lines, or side by side on
one line. Each line is cut at column gaps (and where a recipient line runs into an
authority line or a title in capitals), and each piece is read on its own shape:
"Nơi nhận:", "- …;", "TM. …", a title in capitals, a person's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bcpipe.textutil import fold
from bcpipe_plugins.text.lines import (
    Line,
    columns,
    debris_kind,
    ends_sentence,
    is_caps,
    is_caps_word,
    worded,
)
from bcpipe_plugins.text.notes import Notes
from bcpipe_plugins.text.patterns import (
    ARCHIVE_COPIES,
    ARCHIVE_HEAD,
    AS_ARTICLE,
    AUTHORITY,
    CONTACT,
    DASHES,
    FOOTNOTE,
    NAME,
    RECIPIENTS,
    SLASHED_AUTHORITY,
    TYPIST,
)

__all__ = [
    "Tail",
    "is_name",
    "is_placeholder",
    "is_position",
    "is_tail_anchor",
    "parse_tail",
    "recipient_data",
]

Data = dict[str, Any]

_RUNS_INTO_AUTHORITY = re.compile(r"(?<=[;.:])\s{1,10}(?=(?:TM|KT|TL|TUQ|Q)\s{0,2}\.\s{0,3}\S)")
_BULLETS = "-–—•∙·+"
# A line that opens the tail starts with one of these, or has it after a column gap.
_TAIL_WORDS = ("Nơi", "NƠI", "nơi", "TM", "KT", "TL", "TUQ", "Q")
# Recipient lines some clerks write without the dash.
_UNDASHED = ("lưu", "như trên")
# Titles whose capitals the extraction lost ("Phó Chủ tịch"), by their folded start.
_TITLE_WORDS = (
    "phó ",
    "chủ tịch",
    "giám đốc",
    "trưởng ",
    "chánh ",
    "bộ trưởng",
    "thứ trưởng",
    "cục trưởng",
    "chi cục trưởng",
    "bí thư",
    "hiệu trưởng",
    "quyền ",
    "tổng giám đốc",
    "viện trưởng",
)


def is_tail_anchor(line: Line) -> bool:
    """The line holds "Nơi nhận:" or a signing authority ("TM. ỦY BAN NHÂN DÂN")."""
    raw = line.raw
    # Cheap tests first: the words open the line, or a second column may hold them.
    if raw.startswith(_TAIL_WORDS) or "\t" in raw or "   " in raw:
        return any(_opens_tail(piece) for piece in columns(raw))
    return False


def _opens_tail(piece: str) -> bool:
    return _heading(piece) is not None or _is_authority(piece) is not None


# Each pattern of a piece is tried only where the piece's first character lets it match
# (they all match from the start): most pieces are recipients and titles, let go at once.
_HEADING_START = frozenset("Nn")  # "Nơi nhận"
_AUTHORITY_START = frozenset("TKQ")  # "TM.", "KT.", "TL.", "TUQ.", "Q."
_CONTACT_START = frozenset("ĐđEeFfWwTtSs")  # "Địa chỉ", "Điện thoại", "Email", "Fax", …
_PLACEHOLDER_START = frozenset("([.ĐđKkCc")  # "(Đã ký)", "Ký tên", "Chữ ký", "[ký]"


def _heading(piece: str) -> re.Match[str] | None:
    """ "Nơi nhận:" (with the first recipient on its line, in ``rest``)."""
    return RECIPIENTS.fullmatch(piece) if piece[:1] in _HEADING_START else None


def _is_authority(piece: str) -> re.Match[str] | None:
    if piece[:1] not in _AUTHORITY_START:
        return None
    match = AUTHORITY.fullmatch(piece)
    return match if match is not None and match.group("title")[:1].isupper() else None


def _split_piece(piece: str) -> Iterator[str]:
    """Cut a piece where one column's words run into the other's."""
    heading = _heading(piece)
    if heading is not None and heading.group("rest"):
        yield piece[: heading.start("rest")].strip()
        yield from _split_piece(heading.group("rest").strip())
        return
    if piece[:1] in _BULLETS:
        parts = _RUNS_INTO_AUTHORITY.split(piece)
        if len(parts) > 1:
            for part in parts:
                yield from _split_piece(part.strip())
            return
        words = piece.split(" ")
        start = len(words)
        while start > 1 and is_caps_word(words[start - 1]) and not ends_sentence(words[start - 1]):
            start -= 1
        if start < len(words) and words[start - 1][-1:] in (";", "."):
            yield " ".join(words[:start])
            yield " ".join(words[start:])
            return
    yield piece


def is_placeholder(piece: str) -> bool:
    if piece[:1] not in _PLACEHOLDER_START:
        return False
    folded = fold(piece).strip("()[] .")
    if folded in ("đã ký", "ký", "ký tên", "chữ ký", "ký số", "đã ký số"):
        return True
    bracketed = piece[:1] in "([" and piece[-1:] in ")]"
    return bracketed and ("ký" in folded or "dấu" in folded)


#: Ranks of the armed forces and the police printed before a signer's name
#: ("Thiếu tướng Trương Minh Đương"): lower case in their second word.
_RANKS = tuple(
    f"{grade} {step} "
    for grade in ("Thiếu", "Trung", "Thượng", "Đại")
    for step in ("tướng", "tá", "úy", "uý")
)


def is_name(piece: str) -> bool:
    if piece.startswith(_RANKS):
        piece = piece.split(" ", 2)[2]
    if len(piece) > 60 or NAME.fullmatch(piece) is None:
        return False
    return all(word[:1].isupper() for word in piece.split(" ")) and not piece.isupper()


def is_title(piece: str) -> bool:
    folded = fold(piece)
    return len(piece) <= 80 and folded.startswith(_TITLE_WORDS)


def is_position(piece: str) -> bool:
    return piece.isupper() or is_title(piece)


def _note(text: str) -> tuple[str, str | None]:
    """ "CT và PCT UBND huyện (Đ/c Tân)" → ("CT và PCT UBND huyện", "Đ/c Tân")."""
    if not text.endswith(")"):
        return text, None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                name, note = text[:index].strip(), text[index + 1 : -1].strip()
                return (name, note or None) if name else (text, None)
    return text, None


def _top_level_split(text: str) -> list[str]:
    """``text`` split at the commas outside brackets: "VT, KT(Thủy, Nho)" → two; also
    at a full stop between two holders in capitals ("VT. NC" → two), which some clerks
    type for the comma. A full stop after the copies ("NN (03). Hg") or glued to the
    drafter's initials ("NC.Châu") does not part holders."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (char == "," or (char == "." and _parts_holders(text, index))):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _parts_holders(text: str, index: int) -> bool:
    """The full stop at ``index`` stands between a holder and the next, in capitals."""
    if not text[index - 1 : index].isalpha() or text[index + 1 : index + 2] != " ":
        return False
    after = text[index + 1 :].split(None, 1)
    return bool(after) and is_caps_word(after[0].split(".", 1)[0].rstrip(",;"))


def archive_data(text: str) -> Data | None:
    """The archive line in each spelling agencies use ("Lưu: VT, TCCB (2)", "Lưu VT",
    "Lưu: VT, KT(Thủy, Nho)", "Lưu: VT, NC.Châu") as model data; None if it is none."""
    head = ARCHIVE_HEAD.match(text)
    if head is None:
        return None
    holders = _top_level_split(text[head.end() :])
    copies: int | None = None
    if holders:
        counted = ARCHIVE_COPIES.search(holders[-1])
        if counted is not None:
            copies = int(counted.group("copies"))
            last = (holders[-1][: counted.start()] + holders[-1][counted.end() :]).strip()
            holders[-1:] = [last] if last else []
    if not holders or (copies is not None and copies < 1):
        return None
    data: Data = {"kind": "archive", "holders": holders}
    if copies is not None:
        data["copies"] = copies
    return data


def recipient_data(words: str) -> Data | None:
    """One recipient line ("- Lưu: VT, TCCB (2).") as model data; None if it has no words."""
    text = words.strip().lstrip(_BULLETS).strip().rstrip(";.,").strip()
    if not text:
        return None
    folded = fold(text)
    if folded == "như trên" or folded.startswith("như trên "):
        return {"kind": "as_above"}
    archive = archive_data(text)
    if archive is not None:
        return archive
    article = AS_ARTICLE.fullmatch(text)
    if article is not None:  # "Như Điều 3", "Như Điều 3 (t/h)"
        data: Data = {"kind": "as_article", "article": int(article.group("article"))}
        if article.group("note"):
            data["note"] = article.group("note")
        return data
    name, note = _note(text)
    name = name.rstrip(";,. ")  # "Bộ Xây dựng; (để b/c)": the note after the semicolon
    return {"name": name, "note": note} if note else {"name": name}


@dataclass(slots=True)
class Tail:
    """What the end of the first page says."""

    authority: list[tuple[str, str, int]] = field(default_factory=list)
    titles: list[tuple[str, int]] = field(default_factory=list)  # lines in capitals
    name: tuple[str, int] | None = None
    heading_line: int | None = None
    recipients: list[tuple[str, int]] = field(default_factory=list)
    typist: str | None = None
    copies: int | None = None
    typist_line: int | None = None
    contact: list[tuple[str, int]] = field(default_factory=list)
    footnotes: list[list[Any]] = field(default_factory=list)  # [label, text, line]
    unplaced: list[tuple[str, int]] = field(default_factory=list)

    @property
    def first_line(self) -> int | None:
        lines = [line for _, _, line in self.authority] + [line for _, line in self.titles]
        if self.name:
            lines.append(self.name[1])
        return min(lines) if lines else None

    def signature(self) -> tuple[Data, dict[tuple[Any, ...], int]]:
        """The signature block as data, with the line of each of its parts."""
        data: Data = {}
        lines: dict[tuple[Any, ...], int] = {}
        if self.authority:
            data["authority"] = [{"prefix": f"{p}.", "title": t} for p, t, _ in self.authority]
            for index, (_, _, line) in enumerate(self.authority):
                lines[("authority", index)] = line
        titles = list(self.titles)
        name = self.name
        if name is None and len(titles) >= 2 and not is_title(titles[-1][0]):
            name = titles.pop()  # a name typed in capitals, under the title
        if titles:
            data["position"] = " ".join(text for text, _ in titles)
            lines[("position",)] = titles[0][1]
        if name is not None:
            data["name"] = name[0]
            lines[("name",)] = name[1]
        return data, lines


class _TailReader:
    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.tail = Tail()
        self.in_recipients = False
        #: A number alone on its line under the signer's name: a footnote's mark if
        #: words follow ("6" / "Báo cáo của Sở …", a PDF's note), else a page number.
        self.mark: tuple[str, int] | None = None

    def debris(self, kind: str, number: int, lines: Sequence[Line]) -> None:
        self.finish()
        if kind == "page number":
            text = next((line.text for line in lines if line.number == number), "")
            if self.held_mark(text, number):
                return
        self.notes.debris(kind, number)

    def held_mark(self, text: str, line: int) -> bool:
        """A number alone under the signer's name is held: a note's mark if words follow
        (see :meth:`piece`), else a page number (see :meth:`finish`)."""
        if self.tail.name is None or not text.isdigit() or len(text) > _MARK_DIGITS:
            return False
        self.mark = (text, line)
        return True

    def finish(self) -> None:
        """A mark held and not followed by words was a page number after all."""
        if self.mark is not None:
            self.notes.debris("page number", self.mark[1])
            self.mark = None

    def piece(self, piece: str, line: int) -> None:
        tail = self.tail
        if self.mark is not None:
            label, at = self.mark
            self.mark = None
            if piece[:1].isalpha() and _heading(piece) is None and _is_authority(piece) is None:
                tail.footnotes.append([label, piece, at])
                return
            self.notes.debris("page number", at)
        if self.held_mark(piece, line):  # one .pages kept as words: a mark too
            return
        heading = _heading(piece)
        if heading is not None:
            tail.heading_line = tail.heading_line or line
            self.in_recipients = True
            return
        authority = _is_authority(piece)
        if authority is not None:
            tail.authority.append((authority.group("prefix"), authority.group("title"), line))
            return
        if is_placeholder(piece):
            self.notes.debris("placeholder", line)
            return
        debris = debris_kind(piece)
        if debris is not None:
            self.notes.debris(debris, line)
            return
        if self.footnote(piece, line):
            return
        if piece[:1] in _CONTACT_START and CONTACT.match(piece):
            tail.contact.append((piece, line))
            return
        if self.sub_entry(piece):
            return
        if piece[:1] in _BULLETS:
            if piece.translate(DASHES).strip("-+ ") == "":
                self.notes.debris("empty entry", line)
            else:
                tail.recipients.append((piece, line))
            return
        if self.recipient_goes_on(piece):
            words, first = tail.recipients[-1]
            tail.recipients[-1] = (f"{words} {piece}", first)
            return
        if self.in_recipients and (
            piece.endswith(";") or fold(piece).startswith(("lưu", "như trên"))
        ):
            tail.recipients.append((piece, line))
            return
        if tail.name is not None and self.typist(piece, line):
            return
        # "VA" under a title with no name (a draft left unsigned): the drafter's initials,
        # one word without a space, not a name typed in capitals.
        if tail.name is None and (tail.titles or tail.authority) and self.typist(piece, line):
            return
        if tail.name is None and is_name(piece):
            tail.name = (piece, line)
            return
        if tail.name is None and is_position(piece):
            tail.titles.append((piece, line))
            return
        if self.typist(piece, line):
            return
        if tail.footnotes:  # the note above goes on
            tail.footnotes[-1][1] += " " + piece
            return
        tail.unplaced.append((piece, line))

    def footnote(self, piece: str, line: int) -> bool:
        """A footnote's first line ("[1] …" anywhere; "1 …" under the signer's name)."""
        first = piece[:1]
        match = FOOTNOTE.fullmatch(piece) if first == "[" or first.isdigit() else None
        if match is None or (match.group("bracket") is None and self.tail.name is None):
            return False
        label = match.group("bracket") or match.group("bare")
        self.tail.footnotes.append([label, match.group("bracketed") or match.group("text"), line])
        return True

    def recipient_goes_on(self, piece: str) -> bool:
        """``piece`` finishes the recipient above: a line wrapped without a bullet
        ("- Các sở: Nông nghiệp và Môi trường," / "Tài chính, Công Thương;")."""
        recipients = self.tail.recipients
        if not recipients:
            return False
        above = recipients[-1][0]
        if above.endswith((",", "&", " và", " -")):
            return not fold(piece).startswith("lưu")
        if ends_sentence(above):
            return False
        if piece.startswith("(") and TYPIST.fullmatch(piece) is None:
            return True  # "(để cập nhật số liệu);": the entry's note, wrapped
        # "- Các cơ quan của QH: …, Ủy ban" / "Văn hóa và Xã hội;": the entry's end, with
        # its semicolon (a title in capitals or a name has none).
        return piece[:1].islower() or (piece.endswith(";") and not is_caps(piece))

    def sub_entry(self, piece: str) -> bool:
        """``piece`` ("+ LĐVP, TPKTTH;") is an entry of the group above ("- Văn phòng
        UBND tỉnh:"): it is joined to it, the archive line excepted."""
        recipients = self.tail.recipients
        if not recipients or piece[:1] != "+" or not recipients[-1][0].endswith(":"):
            return False
        words = piece[1:].strip()
        if fold(words).startswith("lưu"):
            return False
        above, first = recipients[-1]
        recipients[-1] = (f"{above} {words}", first)
        return True

    def typist(self, piece: str, line: int) -> bool:
        match = TYPIST.fullmatch(piece)
        if match is None or (match.group("typist") is None and match.group("copies") is None):
            return False
        copies = match.group("copies")
        if copies is not None and int(copies) < 1:
            return False
        self.tail.typist = match.group("typist")
        self.tail.copies = int(copies) if copies else None
        self.tail.typist_line = line
        return True


#: The digits of a footnote's mark standing alone on its line.
_MARK_DIGITS = 2


def parse_tail(lines: Sequence[Line], notes: Notes) -> Tail:
    """Read the signature block and its neighbours from ``lines``."""
    reader = _TailReader(notes)

    def on_debris(kind: str, number: int) -> None:
        reader.debris(kind, number, lines)

    for _, line in worded(lines, on_debris):
        # (``raw`` is ``text`` itself when the line had no tab or run of spaces: one column.)
        pieces = [line.text] if line.raw is line.text else columns(line.raw)
        for piece in pieces:
            for part in _split_piece(" ".join(piece.split())):
                if part:
                    if part[1:2] == "/":  # "T/M", "K/T": read as "TM.", "KT."
                        part = SLASHED_AUTHORITY.sub(r"\1\2. ", part)
                    reader.piece(part, line.number)
    reader.finish()
    return reader.tail
