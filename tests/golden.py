"""Golden files of the corpus: the findings the default rules give on each real document,
each marked by a reviewer as a real defect of the original or not, with a reason.

``tests/corpus/golden/NNN.toml`` holds, for ``tests/corpus/docs/NNN-….txt``::

    document = "NNN-….txt"
    refused = "…"              # only when the reader refuses the document

    [[finding]]
    code = "BC302"
    severity = "error"
    line = 454
    message = "The recipients lack the archive line …"
    real = false               # a real defect of the original?
    cause = "reader"           # for a false finding: "reader" (a misread), "text" (the
                               # text differs from the original), "note", or "rule"
    reason = "archive line 'Lưu: VT, CCHC&VTLT(Tín).' not read (reader issue #11)"

``python tests/golden.py`` (``make golden``) rewrites them from what the rules give
now, keeping the marks of the findings that stay; new findings get ``real = "?"`` for
the reviewer to decide. The diff is read, never accepted blindly.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bcpipe
from bcpipe.atomic import write_bytes_atomic

CORPUS = Path(__file__).resolve().parent / "corpus"
DOCS = CORPUS / "docs"
GOLDEN = CORPUS / "golden"
UNREVIEWED = "?"


@dataclass(frozen=True, slots=True)
class Observed:
    """What the default rules say of one document: findings, or the reader's refusal."""

    document: str
    findings: tuple[dict[str, Any], ...] = ()
    refused: str | None = None


def documents() -> list[Path]:
    return sorted(DOCS.glob("*.txt"))


def golden_path(document: Path) -> Path:
    return GOLDEN / f"{document.name[:3]}.toml"


def observe(pipeline: bcpipe.Pipeline, document: Path) -> Observed:
    name = f"tests/corpus/docs/{document.name}"
    try:
        result = pipeline.validate(pipeline.load(document, name=name))
    except bcpipe.BcpipeError as exc:
        return Observed(document.name, refused=str(exc))
    findings = tuple(
        {
            "code": f.code,
            "severity": f.severity.value,
            "line": f.location.line,
            "message": f.message_en,
        }
        for f in sorted(result.findings, key=lambda f: (f.location.line or 0, f.code))
    )
    return Observed(document.name, findings)


def key(finding: dict[str, Any]) -> tuple[Any, ...]:
    """What a golden finding must agree on with an observed one."""
    return (finding["code"], finding["severity"], finding.get("line"), finding["message"])


def read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open("rb") as file:
        return tomllib.load(file)


def _string(value: str) -> str:
    # A JSON string is a TOML basic string (same escapes, \\uXXXX for control characters).
    return json.dumps(value, ensure_ascii=False)


def _marks(old: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    for finding in old.get("finding", []):
        yield key(finding), finding


def render(observed: Observed, old: dict[str, Any]) -> str:
    """The golden file for ``observed``, with the marks of ``old`` kept for the findings
    that stay (matched exactly, else by code and message: a line may move)."""
    exact = dict(_marks(old))
    loose = {(k[0], k[3]): mark for k, mark in _marks(old)}
    out = [
        f"# Findings of the default rules on docs/{observed.document}, reviewed:",
        "# real = a real defect of the original; cause (when not real) = reader, text, note, rule.",
        f"document = {_string(observed.document)}",
    ]
    if observed.refused is not None:
        out.append(f"refused = {_string(observed.refused)}")
    for finding in observed.findings:
        mark = exact.get(key(finding)) or loose.get((finding["code"], finding["message"]), {})
        out += ["", "[[finding]]"]
        out.append(f"code = {_string(finding['code'])}")
        out.append(f"severity = {_string(finding['severity'])}")
        if finding["line"] is not None:
            out.append(f"line = {finding['line']}")
        out.append(f"message = {_string(finding['message'])}")
        real = mark.get("real", UNREVIEWED)
        shown = "true" if real is True else "false" if real is False else _string(UNREVIEWED)
        out.append(f"real = {shown}")
        if real is False:
            out.append(f"cause = {_string(mark.get('cause', UNREVIEWED))}")
        out.append(f"reason = {_string(mark.get('reason', ''))}")
    return "\n".join(out) + "\n"


def write_all() -> int:
    """Rewrite every golden file; the number of findings left to review."""
    GOLDEN.mkdir(exist_ok=True)
    pipeline = bcpipe.Pipeline()
    unreviewed = 0
    for document in documents():
        path = golden_path(document)
        text = render(observe(pipeline, document), read(path))
        unreviewed += text.count(f"real = {_string(UNREVIEWED)}")
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_bytes_atomic(path, text.encode("utf-8"))
    return unreviewed


if __name__ == "__main__":
    left = write_all()
    print(f'golden files written in {GOLDEN}; {left} finding(s) to review (real = "?")')
    sys.exit(0)
