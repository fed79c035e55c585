"""Precision and recall of the rules on the real corpus (not a timed benchmark).

Precision per code: of the findings the default rules give on tests/corpus/docs, how
many are real defects of the original, as the reviewed golden files mark them
(tests/corpus/golden; notes on the reading, which claim no defect, are counted apart).

Recall per code: each corpus document the reader reads is copied and broken in one
way, as a clerk gets it wrong (the archive line dropped, the notation's type code
changed, a KT. block signed by the head, an impossible or later date in a citation,
the addressee missing from the recipients, …); a copy counts as caught when the code
its defect should raise is reported on it, and not on the original. Codes of the
strict set are checked with ``select=["strict"]``.

    .venv/bin/python benchmarks/precision.py            # both tables, as Markdown
    .venv/bin/python benchmarks/precision.py --check    # exit 1 below 95% recall
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import golden  # noqa: E402  (tests/golden.py: the corpus and its golden files)

import bcpipe  # noqa: E402
from bcpipe.source import format_path  # noqa: E402

FLOOR = 0.95  # recall of each recommended code on the broken copies

# -- precision -------------------------------------------------------------------------


def precision_rows() -> list[tuple[str, str, int, int, Counter[str]]]:
    """(code, severity, findings, real, false ones by cause) per code, from the golden
    files; notes on the reading (which claim no defect) left out."""
    found: Counter[tuple[str, str]] = Counter()
    real: Counter[tuple[str, str]] = Counter()
    causes: dict[tuple[str, str], Counter[str]] = {}
    for document in golden.documents():
        for finding in golden.read(golden.golden_path(document)).get("finding", []):
            if finding.get("cause") == "note":
                continue
            code = (finding["code"], finding["severity"])
            found[code] += 1
            real[code] += finding["real"] is True
            if finding["real"] is False:
                causes.setdefault(code, Counter())[finding["cause"]] += 1
    return [
        (c, s, n, real[(c, s)], causes.get((c, s), Counter()))
        for (c, s), n in sorted(found.items())
    ]


def per_document() -> tuple[int, int, int, int, int]:
    """(documents read, errors, warnings, false errors, false warnings) on the corpus."""
    read = errors = warnings = false_errors = false_warnings = 0
    for document in golden.documents():
        data = golden.read(golden.golden_path(document))
        if data.get("refused"):
            continue
        read += 1
        for finding in data.get("finding", []):
            if finding["severity"] == "error":
                errors += 1
                false_errors += finding["real"] is False
            elif finding["severity"] == "warning":
                warnings += 1
                false_warnings += finding["real"] is False
    return read, errors, warnings, false_errors, false_warnings


# -- breaking copies -------------------------------------------------------------------

Break = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Breaker:
    code: str
    what: str
    change: Break

    @property
    def zone(self) -> str:
        """The codes of the part of the document the change is in (BC12: the
        signature, BC2: citations, BC3: the recipients)."""
        return self.code[:4] if self.code.startswith("BC1") else self.code[:3]


_ARCHIVE = re.compile(r"^(?P<dash>\s*[-–•]?\s*)Lưu\s*:?\s*(?P<holders>VT\b[^\n]*)$", re.M)
_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\s*:?", re.M)
_NOTATION = re.compile(r"^(?P<head>\s*Số\s*:\s*\d+\s*/\s*)(?P<code>[A-ZĐ]{2,4})(?=-)", re.M)
_KT = re.compile(
    r"^(?P<kt>\s*KT\.\s*(?P<head>[^\n]+))\n(?P<gap>(?:\s*\n)*)(?P<pos>\s*(?:PHÓ|THỨ)\s+)",
    re.M,
)
_CITED = re.compile(
    r"(?P<head>(?:Kế hoạch|Quyết định|Công văn|Thông báo|Chỉ thị|Nghị quyết|Nghị định"
    r"|Thông tư|Báo cáo|Tờ trình|Hướng dẫn) số \d+/(?:(?P<year>\d{4})/)?"
    r"(?P<code>[A-ZĐ]{2,4})(?P<rest>-[A-ZĐ][^\s,;]*) ngày )"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)"
)
_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:", re.M)
_AS_ABOVE = re.compile(r"^\s*[-–•]\s*Như\s+trên\s*[;,.]?\s*$\n?", re.M | re.I)
_OTHER_CODE = {"KH": "QĐ", "QĐ": "KH", "BC": "KH", "TB": "BC", "TTr": "BC", "CT": "KH"}


_READER = bcpipe.Pipeline(load_entrypoints=True)


def _offset_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """Where the line the reader reads as ``path`` starts, or None."""
    try:
        document = _READER.loads(text.encode("utf-8"), kind="text")
    except bcpipe.BcpipeError:
        return None
    if document.source is None:
        return None
    line = document.source.lines.get(format_path(path))
    if line is None:
        return None
    return sum(len(row) + 1 for row in text.split("\n")[: line - 1])


def _after_the_header(text: str) -> int:
    """Where the document's basis (or body) starts: citations in the subject are the
    subject's, which no citation rule reads."""
    for path in (("basis", 0), ("body", 0)):
        offset = _offset_of(text, path)
        if offset is not None:
            return offset
    return 0


def _drop_archive(text: str) -> str | None:
    return _ARCHIVE.sub("", text, count=1) if _ARCHIVE.search(text) else None


def _archive_first(text: str) -> str | None:
    match, start = _ARCHIVE.search(text), _RECIPIENTS.search(text)
    if match is None or start is None or match.start() < start.end():
        return None
    line = match.group(0)
    rest = text[: match.start()] + text[match.end() :]
    return rest[: start.end()] + "\n" + line.strip() + rest[start.end() :]


def _archive_without_vt(text: str) -> str | None:
    match = _ARCHIVE.search(text)
    holders = match.group("holders").split(",", 1) if match else []
    if match is None or len(holders) < 2 or not holders[1].strip(" .;"):
        return None
    swapped = f"{holders[1].strip(' .;')}, VT."
    return text[: match.start("holders")] + swapped + text[match.end("holders") :]


def _archive_twice(text: str) -> str | None:
    match = _ARCHIVE.search(text)
    if match is None:
        return None
    return text[: match.end()] + "\n- Lưu: VT, VP." + text[match.end() :]


def _no_recipients(text: str) -> str | None:
    start, archive = _RECIPIENTS.search(text), _ARCHIVE.search(text)
    if start is None or archive is None or archive.start() < start.start():
        return None
    return text[: start.start()] + text[archive.end() :]


def _notation_of_another_type(text: str) -> str | None:
    match = _NOTATION.search(text)
    if match is None or match.group("code") not in _OTHER_CODE:
        return None
    other = _OTHER_CODE[match.group("code")]
    return text[: match.start("code")] + other + text[match.end("code") :]


def _notation_without_hyphen(text: str) -> str | None:
    match = _NOTATION.search(text)
    if match is None:
        return None
    return text[: match.end("code")] + text[match.end("code") + 1 :]


def _kt_signed_by_the_head(text: str) -> str | None:
    match = _KT.search(text)
    if match is None:
        return None
    # The head's own title in the deputy's place: "KT. BỘ TRƯỞNG / BỘ TRƯỞNG".
    line_end = text.find("\n", match.start("pos"))
    return text[: match.start("pos")] + match.group("head").strip() + text[line_end:]


def _deputy_without_kt(text: str) -> str | None:
    match = _KT.search(text)
    if match is None:
        return None
    return text[: match.start("kt")] + text[match.end("kt") + 1 :]


def _date_in_citation(day: Callable[[re.Match[str]], str]) -> Break:
    def change(text: str) -> str | None:
        match = _CITED.search(text, _after_the_header(text))
        if match is None:
            return None
        return text[: match.start("d")] + day(match) + text[match.end("y") :]

    return change


def _cited_type_code(text: str) -> str | None:
    for match in _CITED.finditer(text, _after_the_header(text)):
        other = _OTHER_CODE.get(match.group("code"))
        if other and match.group("year") is None:
            return text[: match.start("code")] + other + text[match.end("code") :]
    return None


def _year_mismatch(text: str) -> str | None:
    for match in _CITED.finditer(text, _after_the_header(text)):
        if match.group("year"):
            year = int(match.group("year")) - 1
            return text[: match.start("y")] + str(year) + text[match.end("y") :]
    return None


def _addressee_not_recipient(text: str) -> str | None:
    if not _KINH_GUI.search(text) or not _AS_ABOVE.search(text):
        return None
    return _AS_ABOVE.sub("", text, count=1)


def _as_above_without_addressees(text: str) -> str | None:
    start = _RECIPIENTS.search(text)
    if start is None or _KINH_GUI.search(text) or _AS_ABOVE.search(text):
        return None
    return text[: start.end()] + "\n- Như trên;" + text[start.end() :]


_PLACE_DATE = re.compile(
    r"(?P<head>,\s*ngày\s+)(?P<d>\d{1,2})(?P<mid>\s+tháng\s+)(?P<m>\d{1,2})(?=\s+năm\s+\d{4})"
)
_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM")
_CLOSING_END = re.compile(r"\./\.[ \t]*$", re.M)


def _impossible_issue_date(text: str) -> str | None:
    match = _PLACE_DATE.search(text)
    if match is None:
        return None
    return text[: match.start("d")] + "31" + match.group("mid") + "02" + text[match.end("m") :]


def _misspelt_motto(text: str) -> str | None:
    match = _MOTTO.search(text)
    if match is None:
        return None
    line_end = text.find("\n", match.end())
    tagline = re.compile(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc")
    found = tagline.search(text, match.end(), line_end + 400)
    if found is None:
        return None
    return text[: found.start()] + "Độc lập - Tự do - Hạnh Phúc" + text[found.end() :]


def _citation_without_hyphen(text: str) -> str | None:
    match = _CITED.search(text, _after_the_header(text))
    if match is None:
        return None
    return text[: match.end("code")] + text[match.end("code") + 1 :]


def _unreadable_citation_date(text: str) -> str | None:
    match = _CITED.search(text, _after_the_header(text))
    if match is None:
        return None
    return text[: match.start("y")] + match.group("y")[2:] + text[match.end("y") :]


def _cited_twice_with_two_dates(text: str) -> str | None:
    match = _CITED.search(text, _after_the_header(text))
    if match is None:
        return None
    day = int(match.group("d")) % 27 + 1
    again = f" (xem {match.group('head')}{day:02d}/{match.group('m')}/{match.group('y')})"
    return text[: match.end()] + again + text[match.end() :]


def _kt_before_a_body(text: str) -> str | None:
    match = _KT.search(text)
    if match is None or match.group("head").strip() not in _BODY_OF:
        return None
    body = _BODY_OF[match.group("head").strip()]
    return text[: match.start("head")] + body + text[match.end("head") :]


def _tm_before_a_person(text: str) -> str | None:
    match = _KT.search(text)
    if match is None:
        return None
    return (
        text[: match.start("kt")]
        + match.group("kt").replace("KT.", "TM.", 1)
        + text[match.end("kt") :]
    )


def _not_a_deputy_of_the_head(text: str) -> str | None:
    match = _KT.search(text)
    head = match.group("head").strip() if match else ""
    if match is None or head not in _OTHER_DEPUTY:
        return None
    line_end = text.find("\n", match.start("pos"))
    return text[: match.start("pos")] + _OTHER_DEPUTY[head] + text[line_end:]


def _drafting_unit_dropped(text: str) -> str | None:
    match = _ARCHIVE.search(text)
    if match is None or not re.match(r"VT\s*,\s*\S", match.group("holders")):
        return None
    return text[: match.start("holders")] + "VT." + text[match.end("holders") :]


def _closing_to_a_stranger(text: str) -> str | None:
    start = _RECIPIENTS.search(text)
    if start is None:
        return None
    ends = [m for m in _CLOSING_END.finditer(text, 0, start.start())]
    if not ends:
        return None
    end = ends[-1]
    closing = "\nKính báo cáo Bộ Ngoại giao xem xét, chỉ đạo./."
    return text[: end.start()] + "." + closing + text[end.end() :]


def _request_of_a_stranger(text: str) -> str | None:
    # Where the reader finds the basis (or a letter's first paragraph): the request
    # goes first there, a paragraph of its own.
    start = _offset_of(text, ("basis", 0)) or _offset_of(text, ("body", 0))
    if start is None:
        return None
    # A reply: a letter that writes to others may carry a request out without answering it.
    request = (
        "Phúc đáp Công văn số 45/BNG-VP ngày 02/01/2014 của Bộ Ngoại giao về việc "
        "báo cáo, cung cấp thông tin;\n"
    )
    indent = len(text[start:]) - len(text[start:].lstrip(" \t*"))
    return text[: start + indent] + request + text[start + indent :]


def _citation_without_date(text: str) -> str | None:
    match = _CITED.search(text, _after_the_header(text))
    if match is None:
        return None
    return text[: match.end("rest")] + text[match.end("y") :]


def _no_end_mark(text: str) -> str | None:
    start = _RECIPIENTS.search(text)
    ends = list(_CLOSING_END.finditer(text, 0, start.start())) if start else []
    if not ends:
        return None
    return text[: ends[-1].start()] + "." + text[ends[-1].end() :]


_BODY_OF = {"CHỦ TỊCH": "ỦY BAN NHÂN DÂN", "GIÁM ĐỐC": "SỞ NỘI VỤ", "BỘ TRƯỞNG": "BỘ TƯ PHÁP"}
_OTHER_DEPUTY = {
    "CHỦ TỊCH": "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC": "PHÓ CHỦ TỊCH",
    "BỘ TRƯỞNG": "PHÓ CHỦ TỊCH",
}

BREAKERS = (
    Breaker("BC105", "an impossible issue date", _impossible_issue_date),
    Breaker("BC111", "the motto's tagline misspelt (Hạnh Phúc)", _misspelt_motto),
    Breaker("BC120", '"KT." before the body\'s name', _kt_before_a_body),
    Breaker("BC122", '"TM." before a person\'s title', _tm_before_a_person),
    Breaker("BC127", "a deputy of another head", _not_a_deputy_of_the_head),
    Breaker("BC201", "a cited notation without its hyphen", _citation_without_hyphen),
    Breaker("BC208", "a citation repeated with another date", _cited_twice_with_two_dates),
    Breaker("BC209", "a citation's year in two digits", _unreadable_citation_date),
    Breaker("BC305", "the drafting unit dropped from the archive line", _drafting_unit_dropped),
    Breaker(
        "BC306", "the closing addresses a body not among the recipients", _closing_to_a_stranger
    ),
    Breaker("BC307", "a letter's request answered without its issuer", _request_of_a_stranger),
    Breaker("BC101", "the notation's type code changed", _notation_of_another_type),
    Breaker("BC103", "the notation's hyphen dropped", _notation_without_hyphen),
    Breaker("BC121", "a KT. block signed by the head", _kt_signed_by_the_head),
    Breaker("BC126", "a deputy signs without KT.", _deputy_without_kt),
    Breaker(
        "BC202",
        "an impossible date in a citation",
        _date_in_citation(lambda m: f"31/02/{m.group('y')}"),
    ),
    Breaker(
        "BC204",
        "a citation dated after the document",
        _date_in_citation(lambda m: f"{m.group('d')}/{m.group('m')}/2099"),
    ),
    Breaker("BC203", "a citation's type code changed", _cited_type_code),
    Breaker("BC210", "a legal code's year unlike its date", _year_mismatch),
    Breaker("BC301", "the recipients dropped", _no_recipients),
    Breaker("BC205", "a first citation without its date", _citation_without_date),
    Breaker("BC404", 'the text without its "./."', _no_end_mark),
    Breaker("BC302", "the archive line dropped", _drop_archive),
    Breaker("BC303", "the archive line put first", _archive_first),
    Breaker("BC304", "VT not first in the archive line", _archive_without_vt),
    Breaker("BC309", '"Như trên" without Kính gửi', _as_above_without_addressees),
    Breaker("BC310", "a second archive line", _archive_twice),
    Breaker("BC311", "the addressee missing from the recipients", _addressee_not_recipient),
)


def _codes(pipeline: bcpipe.Pipeline, text: str, name: str) -> set[str] | None:
    try:
        document = pipeline.loads(text.encode("utf-8"), kind="text", name=name)
    except bcpipe.BcpipeError:
        return None
    return set(pipeline.validate(document).codes())


def _misread_zones() -> dict[str, set[str]]:
    """Per document, the codes of the findings its golden file says are misreads (or
    faults of the text extracted from the original)."""
    zones: dict[str, set[str]] = {}
    for document in golden.documents():
        data = golden.read(golden.golden_path(document))
        zones[document.name[:3]] = {
            f["code"] for f in data.get("finding", []) if f.get("cause") in ("reader", "text")
        }
    return zones


def recall_rows() -> Iterator[tuple[Breaker, str, int, int, list[str], int]]:
    """(breaker, rule set, copies, caught, documents missed, documents skipped because
    the reader misreads the part the change is in) per breaker."""
    default, strict = bcpipe.Pipeline(), bcpipe.Pipeline(select=["strict"])
    rule_sets = {check.code: check.rule_set for _, check in default.checks()}
    originals = {p.name[:3]: p.read_text(encoding="utf-8") for p in golden.documents()}
    misread = _misread_zones()
    for breaker in sorted(BREAKERS, key=lambda b: b.code):
        rule_set = rule_sets[breaker.code]
        pipeline = default if rule_set == "recommended" else strict
        copies = caught = skipped = 0
        missed = []
        for name, text in originals.items():
            before = _codes(pipeline, text, name)
            broken = breaker.change(text)
            # A copy counts where the original reads and does not already have the code.
            if before is None or broken is None or breaker.code in before:
                continue
            # The reader misreads this part of the original, or (recipients) there is
            # no list to check against: the copy tests nothing.
            if (breaker.zone == "BC3" and "BC301" in before) or any(
                code.startswith(breaker.zone) for code in misread.get(name, ())
            ):
                skipped += 1
                continue
            copies += 1
            after = _codes(pipeline, broken, name)
            if after is not None and breaker.code in after:
                caught += 1
            else:
                missed.append(name)
        yield breaker, rule_set, copies, caught, missed, skipped


# -- report ----------------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help=f"exit 1 below {FLOOR:.0%} recall")
    args = parser.parse_args()
    read, errors, warnings, false_errors, false_warnings = per_document()
    print(f"Corpus: {len(golden.documents())} documents, {read} read by the reader.\n")
    print(
        f"Default rules: {errors} errors ({false_errors} false), {warnings} warnings "
        f"({false_warnings} false): {warnings / max(read, 1):.2f} warnings per document read, "
        f"{false_warnings / max(read, 1):.2f} false.\n"
    )
    print("| code | severity | findings | real | precision | false: reader | text | rule |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for code, severity, found, real, false in precision_rows():
        print(
            f"| {code} | {severity} | {found} | {real} | {_percent(real, found)} "
            f"| {false['reader']} | {false['text']} | {false['rule']} |"
        )
    print("\n| code | set | defect | copies | caught | recall | missed in | skipped |")
    print("|---|---|---|---:|---:|---:|---|---:|")
    failing = []
    for breaker, rule_set, copies, caught, missed, skipped in recall_rows():
        recall = _percent(caught, copies)
        print(
            f"| {breaker.code} | {rule_set} | {breaker.what} | {copies} | {caught} | {recall} "
            f"| {', '.join(missed) or '-'} | {skipped} |"
        )
        if rule_set == "recommended" and copies and caught / copies < FLOOR:
            failing.append(breaker.code)
    if failing:
        print(f"\nrecall below {FLOOR:.0%}: {', '.join(failing)}")
    return 1 if args.check and failing else 0


if __name__ == "__main__":
    sys.exit(main())
