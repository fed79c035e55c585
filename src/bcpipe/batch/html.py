"""``report.html``: one static page a clerk can open, one row per document.

No external resources: styles and the small filter script are inline, and the page
reads without the script (every row shown). Two charts (inline SVG) show where to look:
findings by code and by issuing body. The filter shows the documents with one finding
code, or one outcome; ``report.html#BC121`` or ``report.html#failed`` opens it filtered.
Each document's name links to its page (its findings beside its text); a document not
redone since the last run keeps that run's outcome, marked "unchanged". All text is
HTML-escaped. The words of the page are in the batch's language
(Vietnamese by default). Written row by row from the spool, like ``report.json``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

from bcpipe.atomic import atomic_writer
from bcpipe.batch.report import OUTCOMES, BatchReport
from bcpipe.batch.tasks import Record
from bcpipe.findings import Language

__all__ = ["write_html"]

_WORDS: dict[Language, dict[str, str]] = {
    "vi": {
        "title": "bcpipe batch: {n} văn bản",
        "documents": "Số văn bản",
        "outcomes": "Kết quả",
        "findings": "Phát hiện",
        "formats": "Định dạng xuất",
        "plugin set": "Bộ plugin",
        "run": "Lần chạy",
        "document": "Văn bản",
        "outcome": "Kết quả",
        "outputs": "Tệp xuất",
        "finding code": "Mã phát hiện",
        "all codes": "Tất cả các mã",
        "all outcomes": "Tất cả kết quả",
        "shown": "Đang hiện {shown} / {n} văn bản",
        "in documents": "{n} văn bản",
        "ok": "đạt",
        "findings outcome": "có lỗi",
        "failed": "không xử lý được",
        "unchanged": "không đổi từ lần chạy trước",
        "by code": "Phát hiện theo mã",
        "by issuer": "Phát hiện theo cơ quan ban hành",
        "more": "… và {n} mục khác",
        "error": "lỗi",
        "warning": "cảnh báo",
        "info": "thông tin",
        "line": "dòng",
        "per second": "văn bản/giây",
        "(document)": "(văn bản)",
    },
    "en": {
        "title": "bcpipe batch: {n} document{s}",
        "documents": "Documents",
        "outcomes": "Outcomes",
        "findings": "Findings",
        "formats": "Formats",
        "plugin set": "Plugin set",
        "run": "Run",
        "document": "Document",
        "outcome": "Outcome",
        "outputs": "Outputs",
        "finding code": "Finding code",
        "all codes": "All codes",
        "all outcomes": "All outcomes",
        "shown": "{shown} of {n} document{s} shown",
        "in documents": "{n} document{s}",
        "ok": "ok",
        "findings outcome": "errors found",
        "failed": "failed",
        "unchanged": "unchanged since the last run",
        "by code": "Findings by code",
        "by issuer": "Findings by issuing body",
        "more": "… and {n} more",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "line": "line",
        "per second": "documents/s",
        "(document)": "(document)",
    },
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; }
#documents { width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td.n { text-align: right; color: #666; }
ul { margin: 0; padding-left: 1.2em; }
.error { color: #a00; }
.warning { color: #a60; }
.info { color: #06a; }
.failed td.outcome { background: #fdd; }
.findings td.outcome { background: #fed; }
.ok td.outcome { background: #dfd; }
.unchanged-mark { display: block; font-size: 0.8em; color: #666; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; margin: 1em 0; }
.charts h2 { font-size: 1.05em; margin: 0 0 0.3em 0; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
svg .bar-error { fill: #c33; } svg .bar-warning { fill: #d90; } svg .bar-info { fill: #38c; }
svg .bar-body { fill: #678; }
td.outcome { white-space: nowrap; }
pre { white-space: pre-wrap; margin: 0; }
.filters { margin: 1em 0; }
.filters label { margin-right: 1em; }
"""

# No "<" or "&" in the script: the page stays well-formed XML as well as HTML.
_SCRIPT = """
var codeSelect = document.getElementById("code");
var outcomeSelect = document.getElementById("outcome");
function applyFilter() {
  var code = codeSelect.value;
  var outcome = outcomeSelect.value;
  var shown = 0;
  document.querySelectorAll("#documents tbody tr").forEach(function (row) {
    var show = (code === "" || row.dataset.codes.split(" ").indexOf(code) !== -1)
      ? (outcome === "" || row.dataset.outcome === outcome) : false;
    row.hidden = !show;
    if (show) { shown += 1; }
  });
  document.getElementById("shown").textContent = shown;
}
codeSelect.addEventListener("change", applyFilter);
outcomeSelect.addEventListener("change", applyFilter);
var wanted = decodeURIComponent(location.hash.slice(1));
[codeSelect, outcomeSelect].forEach(function (select) {
  Array.prototype.forEach.call(select.options, function (option) {
    if (wanted !== "" ? option.value === wanted : false) { select.value = wanted; }
  });
});
applyFilter();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _s(count: int) -> str:
    """The English plural's "s" ("1 document", "2 documents"); Vietnamese has none."""
    return "" if count == 1 else "s"


def write_html(
    path: Path, report: BatchReport, records: Iterable[Record], language: Language = "vi"
) -> None:
    """Write the page for ``report``: facts, filters, then a row per record."""
    words = _WORDS[language]
    totals = report.totals
    title = words["title"].format(n=totals.documents, s=_s(totals.documents))
    facts = [
        ("documents", str(totals.documents)),
        ("outcomes", ", ".join(f"{_outcome(o, words)} {totals.outcomes[o]}" for o in OUTCOMES)),
        ("findings", ", ".join(f"{n} {words[s]}" for s, n in totals.by_severity.items())),
        ("formats", ", ".join(report.formats)),
        ("plugin set", report.fingerprint),
        (
            "run",
            f"{report.executor}; {report.seconds:.2f} s, "
            f"{report.documents_per_second:.1f} {words['per second']}",
        ),
    ]
    with atomic_writer(path) as out:

        def put(text: str) -> None:
            out.write(text.encode("utf-8"))

        put(f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8"/>\n')
        put(f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n")
        put(f'<h1>{_e(title)}</h1>\n<table class="facts">\n')
        for label, value in facts:  # "run" (the timings) is the one row that varies
            put(f'<tr id="fact-{label.replace(" ", "-")}"><th>{_e(words[label])}</th>')
            put(f"<td>{_e(value)}</td></tr>\n")
        put("</table>\n")
        _charts(put, report, words)
        _filters(put, report, words)
        put(
            f'<table id="documents">\n<thead><tr><th>#</th><th>{_e(words["document"])}</th>'
            f"<th>{_e(words['outcome'])}</th><th>{_e(words['findings'])}</th>"
            f"<th>{_e(words['outputs'])}</th></tr></thead>\n<tbody>\n"
        )
        for number, record in enumerate(records, 1):
            put(_row(number, record, words))
        put(f"</tbody>\n</table>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")


_BARS = 15  # bars per chart: the rest are counted in one line below it
_LABEL_WIDTH, _BAR_WIDTH, _ROW = 300, 300, 22


def _chart(title: str, rows: list[tuple[str, int, str]], words: dict[str, str]) -> str:
    """A horizontal bar chart (inline SVG) of ``rows``: (label, count, bar class)."""
    shown = rows[:_BARS]
    most = max((count for _, count, _ in shown), default=1) or 1
    height = _ROW * len(shown) + 4
    width = _LABEL_WIDTH + _BAR_WIDTH + 60
    parts = [
        f"<figure><h2>{_e(title)}</h2>\n<svg "
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(title)}">\n'
    ]
    for index, (label, count, css) in enumerate(shown):
        y = index * _ROW + 2
        length = max(1, round(_BAR_WIDTH * count / most))
        short = label if len(label) <= 44 else label[:43] + "…"
        parts.append(
            f"<g><title>{_e(label)}: {count}</title>"
            f'<text x="{_LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{_e(short)}</text>'
            f'<rect class="{css}" x="{_LABEL_WIDTH}" y="{y + 3}" width="{length}" '
            f'height="{_ROW - 6}"/>'
            f'<text x="{_LABEL_WIDTH + length + 5}" y="{y + 15}">{count}</text></g>\n'
        )
    parts.append("</svg>\n")
    if len(rows) > _BARS:
        parts.append(f"<figcaption>{_e(words['more'].format(n=len(rows) - _BARS))}</figcaption>\n")
    parts.append("</figure>\n")
    return "".join(parts)


def _charts(put: Callable[[str], None], report: BatchReport, words: dict[str, str]) -> None:
    totals = report.totals
    if not totals.by_code:
        return
    codes = [(c.code, c.findings, f"bar-{c.severity}") for c in totals.codes()]
    bodies = [(name, count, "bar-body") for name, count in totals.issuers()]
    put('<div class="charts">\n')
    put(_chart(words["by code"], codes, words))
    put(_chart(words["by issuer"], bodies, words))
    put("</div>\n")


def _outcome(outcome: str, words: dict[str, str]) -> str:
    return words["findings outcome" if outcome == "findings" else outcome]


def _filters(put: Callable[[str], None], report: BatchReport, words: dict[str, str]) -> None:
    totals = report.totals
    put(f'<div class="filters">\n<label>{_e(words["finding code"])} <select id="code">\n')
    put(f'<option value="">{_e(words["all codes"])}</option>\n')
    for count in totals.codes():
        label = (
            f"{count.code} ({words.get(count.severity, count.severity)}, "
            f"{words['in documents'].format(n=count.documents, s=_s(count.documents))})"
        )
        put(f'<option value="{_e(count.code)}">{_e(label)}</option>\n')
    put(f'</select></label>\n<label>{_e(words["outcome"])} <select id="outcome">\n')
    put(f'<option value="">{_e(words["all outcomes"])}</option>\n')
    for outcome in OUTCOMES:
        label = f"{_outcome(outcome, words)} ({totals.outcomes[outcome]})"
        put(f'<option value="{outcome}">{_e(label)}</option>\n')
    shown = _e(words["shown"]).format(
        shown=f'<span id="shown">{totals.documents}</span>',
        n=totals.documents,
        s=_s(totals.documents),
    )
    put(f"</select></label>\n<span>{shown}</span>\n</div>\n")


def _row(number: int, record: Record, words: dict[str, str]) -> str:
    outcome = record["outcome"]
    codes = " ".join(sorted({f["code"] for f in record["findings"]}))
    items = []
    if record["error"]:
        # Most errors start with the file's name, which the row shows already.
        error = record["error"].removeprefix(f"{record['input']}: ")
        items.append(f'<li class="error"><pre>{_e(error)}</pre></li>')
    for finding in record["findings"]:
        where = finding["location"]["path"] or words["(document)"]
        line = finding["location"]["line"]
        if line is not None:
            where += f" ({words['line']} {line})"
        severity = finding["severity"]
        items.append(
            f'<li class="{_e(severity)}"><b>{_e(finding["code"])}</b> '
            f"{_e(words.get(severity, severity))} · {_e(where)}: {_e(finding['message'])}</li>"
        )
    findings = f"<ul>{''.join(items)}</ul>" if items else ""
    links = " ".join(
        f'<a href="{_e(quote(relative))}">{_e(fmt)}</a>'
        for fmt, relative in record["outputs"].items()
    )
    name = _e(record["input"])
    page = record.get("page")
    if page:
        name = f'<a href="{_e(quote(page))}">{name}</a>'
    unchanged = ""
    if record.get("unchanged"):
        unchanged = f'<span class="unchanged-mark">{_e(words["unchanged"])}</span>'
    return (
        f'<tr class="{outcome}" data-outcome="{outcome}" data-codes="{_e(codes)}">'
        f'<td class="n">{number}</td><td>{name}</td>'
        f'<td class="outcome">{_e(_outcome(outcome, words))}{unchanged}</td>'
        f"<td>{findings}</td><td>{links}</td></tr>\n"
    )
