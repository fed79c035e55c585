"""A document's page in a batch report: its findings beside its text, lines highlighted.

One static page per document read (``OUTDIR/report/<its output stem>.html``), linked from
``report.html``. The text is the input as given (YAML, text, XML …): the lines findings
name are that file's lines. No script and no outside resource; every text is escaped.
Deterministic: the same input and findings give the same bytes.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["PAGES", "REPORT_HTML", "document_page"]

REPORT_HTML = "report.html"
PAGES = "report"  # the pages' folder below OUTDIR

_MAX_LINES = 20_000  # a page is for reading: past this, the findings still list every line
_RANK = {"error": 3, "warning": 2, "info": 1}

_WORDS = {
    "vi": {
        "back": "← Báo cáo chung",
        "findings": "Phát hiện",
        "none": "Không có phát hiện nào.",
        "text": "Nội dung tệp",
        "no text": "Tệp không phải văn bản thuần: không hiển thị được nội dung.",
        "cut": "… còn {n} dòng nữa không hiển thị.",
        "line": "dòng",
        "document": "(văn bản)",
        "error": "lỗi",
        "warning": "cảnh báo",
        "info": "thông tin",
    },
    "en": {
        "back": "← Batch report",
        "findings": "Findings",
        "none": "No findings.",
        "text": "The file",
        "no text": "Not a plain-text file: its content cannot be shown.",
        "cut": "… {n} more lines not shown.",
        "line": "line",
        "document": "(document)",
        "error": "error",
        "warning": "warning",
        "info": "info",
    },
}

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; word-break: break-all; }
.page { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr); gap: 1.5em; }
.findings { position: sticky; top: 0.5em; align-self: start; max-height: 95vh; overflow: auto; }
.findings ol { padding-left: 2.5em; margin: 0; }
.findings li { margin-bottom: 0.5em; }
table.text { border-collapse: collapse; font-size: 0.9em; line-height: 1.45; width: 100%; }
table.text td { padding: 0 0.5em; vertical-align: top; white-space: pre-wrap;
  word-break: break-word; }
table.text td.n { color: #999; text-align: right; user-select: none; width: 3.5em;
  white-space: nowrap; }
table.text td.n a { color: inherit; text-decoration: none; }
tr.error { background: #fdd; } tr.warning { background: #fed; } tr.info { background: #def; }
tr:target { outline: 2px solid #333; }
.error b { color: #a00; } .warning b { color: #a60; } .info b { color: #06a; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _lines(raw: bytes) -> list[str] | None:
    if b"\x00" in raw[:8192]:
        return None
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    # Composed letters: extracted text often carries decomposed ones ("ố" as o + two
    # marks), which monospace fonts draw with the marks beside the letter.
    return unicodedata.normalize("NFC", text).splitlines()


def document_page(
    name: str,
    raw: bytes,
    findings: Sequence[dict[str, Any]],
    *,
    language: str = "vi",
    report: str = REPORT_HTML,
) -> bytes:
    """The page of the document ``name`` (its bytes ``raw``) with its ``findings``
    (as in ``report.json``); ``report`` is the link back to ``report.html``."""
    words = _WORDS.get(language, _WORDS["vi"])
    lines = _lines(raw)
    marked: dict[int, str] = {}  # line -> the most serious severity found there
    for finding in findings:
        line = finding["location"].get("line")
        severity = finding["severity"]
        if isinstance(line, int) and _RANK.get(severity, 0) > _RANK.get(marked.get(line, ""), 0):
            marked[line] = severity
    out = [
        f'<!DOCTYPE html>\n<html lang="{_e(language)}">\n<head>\n<meta charset="utf-8"/>\n',
        f"<title>{_e(name)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        f'<p><a href="{_e(report)}">{_e(words["back"])}</a></p>\n<h1>{_e(name)}</h1>\n',
        '<div class="page">\n<div>\n',
        f"<h2>{_e(words['text'])}</h2>\n",
    ]
    if lines is None:
        out.append(f"<p>{_e(words['no text'])}</p>\n")
    else:
        out.append('<table class="text">\n')
        for number, line in enumerate(lines[:_MAX_LINES], 1):
            severity = marked.get(number)
            mark = f' class="{severity}"' if severity else ""
            out.append(
                f'<tr id="L{number}"{mark}><td class="n"><a href="#L{number}">{number}</a></td>'
                f"<td>{_e(line)}</td></tr>\n"
            )
        out.append("</table>\n")
        if len(lines) > _MAX_LINES:
            out.append(f"<p>{_e(words['cut'].format(n=len(lines) - _MAX_LINES))}</p>\n")
    out.append(f'</div>\n<div class="findings">\n<h2>{_e(words["findings"])}</h2>\n')
    if not findings:
        out.append(f"<p>{_e(words['none'])}</p>\n")
    else:
        out.append("<ol>\n")
        for finding in findings:
            location = finding["location"]
            where = _e(location.get("path") or words["document"])
            line = location.get("line")
            if isinstance(line, int):
                where += f' (<a href="#L{line}">{_e(words["line"])} {line}</a>)'
            severity = finding["severity"]
            out.append(
                f'<li class="{_e(severity)}"><b>{_e(finding["code"])}</b> '
                f"{_e(words.get(severity, severity))} · {where}: {_e(finding['message'])}</li>\n"
            )
        out.append("</ol>\n")
    out.append("</div>\n</div>\n</body>\n</html>\n")
    page = "".join(out)
    try:
        return page.encode("utf-8")
    except UnicodeEncodeError:
        # A file name that is not UTF-8 holds lone surrogates: U+FFFD, as report.html shows.
        return page.encode("utf-8", "replace").decode("utf-8").encode("utf-8")
