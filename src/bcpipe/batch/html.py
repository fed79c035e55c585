"""``report.html``: one static page a clerk can open, one row per document.

No external resources: styles and the small filter script are inline, and the page
reads without the script (every row shown). The filter shows the documents with one
finding code, or one outcome. All text is HTML-escaped. Written row by row from the
spool, like ``report.json``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

from bcpipe.atomic import atomic_writer
from bcpipe.batch.report import OUTCOMES, Totals
from bcpipe.batch.tasks import Record

__all__ = ["write_html"]

_OUTCOME_LABELS = {
    "ok": "ok",
    "findings": "errors found",
    "failed": "failed",
    "skipped": "skipped (up to date)",
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; }
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
.skipped td.outcome { background: #eee; }
pre { white-space: pre-wrap; margin: 0; }
.filters { margin: 1em 0; }
"""

# No "<" or "&" in the script: the page stays well-formed XML as well as HTML.
_SCRIPT = """
function applyFilter() {
  var code = document.getElementById("code").value;
  var outcome = document.getElementById("outcome").value;
  var rows = document.querySelectorAll("tbody tr");
  var shown = 0;
  rows.forEach(function (row) {
    var show = (code === "" || row.dataset.codes.split(" ").indexOf(code) !== -1)
      ? (outcome === "" || row.dataset.outcome === outcome) : false;
    row.hidden = !show;
    if (show) { shown += 1; }
  });
  document.getElementById("shown").textContent = shown;
}
document.getElementById("code").addEventListener("change", applyFilter);
document.getElementById("outcome").addEventListener("change", applyFilter);
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def write_html(
    path: Path,
    *,
    title: str,
    facts: list[tuple[str, str]],
    totals: Totals,
    records: Iterable[Record],
) -> None:
    """Write the page: ``facts`` (label, value) above the table, then a row per record."""
    with atomic_writer(path) as out:

        def put(text: str) -> None:
            out.write(text.encode("utf-8"))

        put('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8"/>\n')
        put(f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n")
        put(f'<h1>{_e(title)}</h1>\n<table class="facts">\n')
        for label, value in facts:
            put(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>\n")
        put("</table>\n")
        _filters(put, totals)
        put(
            '<table id="documents">\n<thead><tr><th>#</th><th>document</th><th>outcome</th>'
            "<th>findings</th><th>outputs</th></tr></thead>\n<tbody>\n"
        )
        for number, record in enumerate(records, 1):
            put(_row(number, record))
        put(f"</tbody>\n</table>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")


def _filters(put: Callable[[str], None], totals: Totals) -> None:
    put('<div class="filters">\n<label>finding code <select id="code">\n')
    put('<option value="">all codes</option>\n')
    for count in totals.codes():
        label = f"{count.code} ({count.severity}, {count.documents} documents)"
        put(f'<option value="{_e(count.code)}">{_e(label)}</option>\n')
    put('</select></label>\n<label>outcome <select id="outcome">\n')
    put('<option value="">all outcomes</option>\n')
    for outcome in OUTCOMES:
        label = f"{_OUTCOME_LABELS[outcome]} ({totals.outcomes[outcome]})"
        put(f'<option value="{outcome}">{_e(label)}</option>\n')
    put(
        f'</select></label>\n<span><span id="shown">{totals.documents}</span> of '
        f"{totals.documents} documents shown</span>\n</div>\n"
    )


def _row(number: int, record: Record) -> str:
    outcome = record["outcome"]
    codes = " ".join(sorted({f["code"] for f in record["findings"]}))
    items = []
    if record["error"]:
        items.append(f'<li class="error"><pre>{_e(record["error"])}</pre></li>')
    for finding in record["findings"]:
        where = finding["location"]["path"] or "(document)"
        line = finding["location"]["line"]
        if line is not None:
            where += f" (line {line})"
        items.append(
            f'<li class="{_e(finding["severity"])}"><b>{_e(finding["code"])}</b> '
            f"{_e(finding['severity'])} · {_e(where)}: {_e(finding['message'])}</li>"
        )
    findings = f"<ul>{''.join(items)}</ul>" if items else ""
    links = " ".join(
        f'<a href="{_e(quote(relative))}">{_e(fmt)}</a>'
        for fmt, relative in record["outputs"].items()
    )
    return (
        f'<tr class="{outcome}" data-outcome="{outcome}" data-codes="{_e(codes)}">'
        f'<td class="n">{number}</td><td>{_e(record["input"])}</td>'
        f'<td class="outcome">{_e(_OUTCOME_LABELS[outcome])}</td>'
        f"<td>{findings}</td><td>{links}</td></tr>\n"
    )
