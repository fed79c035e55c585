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

FLOOR = 0.95  # recall of each recommended code on the broken copies

# -- precision -------------------------------------------------------------------------


def precision_rows() -> list[tuple[str, str, int, int, int]]:
    """(code, severity, findings, real, misreads) per code, from the golden files."""
    found: Counter[tuple[str, str]] = Counter()
    real: Counter[tuple[str, str]] = Counter()
    misread: Counter[tuple[str, str]] = Counter()
    for document in golden.documents():
        for finding in golden.read(golden.golden_path(document)).get("finding", []):
            if finding.get("cause") == "note":
                continue
            code = (finding["code"], finding["severity"])
            found[code] += 1
            real[code] += finding["real"] is True
            misread[code] += finding.get("cause") == "reader"
    return [(c, s, n, real[(c, s)], misread[(c, s)]) for (c, s), n in sorted(found.items())]


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
    r"^(?P<kt>\s*KT\.\s*(?P<head>[^\n]+))\n(?P<gap>(?:\s*\n)*)(?P<pos>\s*PHÓ\s+)", re.M
)
_CITED = re.compile(
    r"(?P<head>(?:Kế hoạch|Quyết định|Công văn|Thông báo|Chỉ thị|Nghị quyết|Nghị định"
    r"|Thông tư|Báo cáo|Tờ trình|Hướng dẫn) số \d+/(?:(?P<year>\d{4})/)?"
    r"(?P<code>[A-ZĐ]{2,4})(?P<rest>-[A-ZĐ][^\s,;]*) ngày )"
    r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
)
_KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:", re.M)
_AS_ABOVE = re.compile(r"^\s*[-–•]\s*Như\s+trên\s*[;,.]?\s*$\n?", re.M | re.I)
_OTHER_CODE = {"KH": "QĐ", "QĐ": "KH", "BC": "KH", "TB": "BC", "TTr": "BC", "CT": "KH"}


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
    return (
        text[: match.start("pos")]
        + match.group("pos").replace("PHÓ ", "")
        + text[match.end("pos") :]
    )


def _deputy_without_kt(text: str) -> str | None:
    match = _KT.search(text)
    if match is None:
        return None
    return text[: match.start("kt")] + text[match.end("kt") + 1 :]


def _date_in_citation(day: Callable[[re.Match[str]], str]) -> Break:
    def change(text: str) -> str | None:
        match = _CITED.search(text)
        if match is None:
            return None
        return text[: match.start("d")] + day(match) + text[match.end("y") :]

    return change


def _cited_type_code(text: str) -> str | None:
    for match in _CITED.finditer(text):
        other = _OTHER_CODE.get(match.group("code"))
        if other and match.group("year") is None:
            return text[: match.start("code")] + other + text[match.end("code") :]
    return None


def _year_mismatch(text: str) -> str | None:
    for match in _CITED.finditer(text):
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


BREAKERS = (
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
    """Per document, the codes of the findings its golden file says are misreads."""
    zones: dict[str, set[str]] = {}
    for document in golden.documents():
        data = golden.read(golden.golden_path(document))
        zones[document.name[:3]] = {
            f["code"] for f in data.get("finding", []) if f.get("cause") == "reader"
        }
    return zones


def recall_rows() -> Iterator[tuple[Breaker, str, int, int, list[str], int]]:
    """(breaker, rule set, copies, caught, documents missed, documents skipped because
    the reader misreads the part the change is in) per breaker."""
    default, strict = bcpipe.Pipeline(), bcpipe.Pipeline(select=["strict"])
    rule_sets = {check.code: check.rule_set for _, check in default.checks()}
    originals = {p.name[:3]: p.read_text(encoding="utf-8") for p in golden.documents()}
    misread = _misread_zones()
    for breaker in BREAKERS:
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
            if any(code.startswith(breaker.zone) for code in misread.get(name, ())):
                skipped += 1  # the reader misreads this part of the original: not a test
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
    print("| code | severity | findings | real | precision | false: misreads |")
    print("|---|---|---:|---:|---:|---:|")
    for code, severity, found, real, misread in precision_rows():
        print(f"| {code} | {severity} | {found} | {real} | {_percent(real, found)} | {misread} |")
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
