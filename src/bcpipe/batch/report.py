"""What a batch did: running totals, ``report.json``, and the summary printed at the end.

The records of a batch go to a spool file as they arrive; the reports are written from
it at the end, one record at a time, so a batch of a million documents needs no more
memory for its report than a batch of ten. Everything in the reports is deterministic
except the ``run`` section (executor, time, throughput) and each record's ``seconds``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bcpipe.atomic import atomic_writer
from bcpipe.batch.page import REPORT_HTML
from bcpipe.batch.tasks import Record
from bcpipe.findings import Severity

__all__ = ["BatchReport", "CodeCount", "Totals", "summary_text", "write_json"]

REPORT_JSON = "report.json"
OUTCOMES = ("ok", "findings", "failed")
_ISSUERS_KEPT = 10_000  # distinct issuing bodies counted; the rest as one (memory stays flat)
UNKNOWN_ISSUER = "?"
_FAILURES_KEPT = 50  # the summary names this many failed documents; report.json names all
_MESSAGE_LINES = 3  # and shows this many lines of a long message after its first


@dataclass(slots=True)
class CodeCount:
    """How often one finding code was reported, and in how many documents."""

    code: str
    severity: str
    findings: int = 0
    documents: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "findings": self.findings, "documents": self.documents}


@dataclass(slots=True)
class Totals:
    """Counts over the records seen so far (constant memory: no record is kept)."""

    documents: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    with_errors: int = 0
    unchanged: int = 0  # not redone: outcome and findings of the run that made the outputs
    unchanged_with_errors: int = 0  # of with_errors
    outputs: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    by_code: dict[str, CodeCount] = field(default_factory=dict)
    by_issuer: dict[str, int] = field(default_factory=dict)  # findings by issuing body
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, record: Record) -> None:
        self.documents += 1
        self.outcomes[record["outcome"]] += 1
        if record["outcome"] == "failed" and len(self.failures) < _FAILURES_KEPT:
            self.failures.append((record["input"], record["error"] or ""))
        unchanged = bool(record.get("unchanged"))
        self.unchanged += unchanged
        if not unchanged:
            self.outputs += len(record["outputs"])
        if record["findings"]:
            issuer = record.get("issuer") or UNKNOWN_ISSUER
            if issuer not in self.by_issuer and len(self.by_issuer) >= _ISSUERS_KEPT:
                issuer = UNKNOWN_ISSUER
            self.by_issuer[issuer] = self.by_issuer.get(issuer, 0) + len(record["findings"])
        codes = set()
        errors = False
        for finding in record["findings"]:
            code, severity = finding["code"], finding["severity"]
            self.by_severity[severity] = self.by_severity.get(severity, 0) + 1
            count = self.by_code.setdefault(code, CodeCount(code, severity))
            count.findings += 1
            if code not in codes:
                codes.add(code)
                count.documents += 1
            errors = errors or severity == Severity.ERROR.value
        self.with_errors += errors
        self.unchanged_with_errors += errors and unchanged

    def codes(self) -> list[CodeCount]:
        """The codes found, most serious first, then by code."""
        rank = {s.value: s.rank for s in Severity}
        return sorted(self.by_code.values(), key=lambda c: (-rank.get(c.severity, -1), c.code))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            **self.outcomes,
            "unchanged": self.unchanged,
            "with_errors": self.with_errors,
            "outputs_written": self.outputs,
            "by_severity": dict(self.by_severity),
            "by_code": {c.code: c.to_dict() for c in self.codes()},
            "by_issuer": dict(self.issuers()),
        }

    def issuers(self) -> list[tuple[str, int]]:
        """Issuing bodies with their findings, most first, then by name."""
        return sorted(self.by_issuer.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What :func:`bcpipe.batch.run_batch` returns: totals, and where the reports are.

    Every document's record is in :attr:`json_path` (``report.json``); :meth:`records`
    reads them back.
    """

    outdir: Path
    formats: tuple[str, ...]
    totals: Totals
    fingerprint: str
    executor: str
    seconds: float
    unmatched: tuple[str, ...] = ()  # folders and patterns that gave no document

    @property
    def documents(self) -> int:
        return self.totals.documents

    @property
    def failed(self) -> int:
        return self.totals.outcomes["failed"]

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0: every document went through without an error finding; 1: some have error
        findings (unchanged ones included: their errors are still there); 2: some failed."""
        if self.failed:
            return 2
        return 1 if self.totals.with_errors else 0

    @property
    def json_path(self) -> Path:
        return self.outdir / REPORT_JSON

    @property
    def html_path(self) -> Path:
        return self.outdir / REPORT_HTML

    def records(self) -> list[Record]:
        """Every document's record, read back from ``report.json``."""
        data = json.loads(self.json_path.read_bytes())
        documents: list[Record] = data["documents"]
        return documents


def spooled(spool: IO[bytes]) -> Iterator[Record]:
    """The records written to ``spool`` (one JSON object a line), from the start."""
    spool.seek(0)
    for line in spool:
        record: Record = json.loads(line)
        yield record


def write_json(path: Path, head: Mapping[str, Any], records: Iterable[Record]) -> None:
    """``report.json``: ``head``'s fields, then ``documents``, one record a line."""
    with atomic_writer(path) as out:
        text = json.dumps(dict(head), ensure_ascii=False, indent=2, default=str)
        out.write(text[: text.rindex("}")].rstrip().encode("utf-8"))
        out.write(b',\n  "documents": [')
        separator = b"\n    "
        for record in records:
            out.write(separator + json.dumps(record, ensure_ascii=False).encode("utf-8"))
            separator = b",\n    "
        out.write(b"\n  ]\n}\n")


def summary_text(report: BatchReport) -> str:
    """The lines printed at the end of ``bcpipe batch``."""
    totals = report.totals
    outcomes = totals.outcomes
    counts = (
        f"  ok {outcomes['ok']}, with error findings {outcomes['findings']}, "
        f"failed {outcomes['failed']}"
    )
    if totals.unchanged:
        counts += (
            f" ({totals.unchanged} unchanged since the last run, "
            f"{totals.unchanged_with_errors} of them with error findings)"
        )
    lines = [
        f"{totals.documents} document{'s' * (totals.documents != 1)} in "
        f"{report.seconds:.2f} s ({report.documents_per_second:.1f} documents/s; "
        f"{report.executor})",
        counts,
        "  findings: " + ", ".join(f"{n} {s}" for s, n in totals.by_severity.items()),
    ]
    for count in totals.codes():
        lines.append(
            f"    {count.code:<7} {count.severity:<7} {count.findings} in "
            f"{count.documents} document{'s' * (count.documents != 1)}"
        )
    for arg in report.unmatched:
        lines.append(f"  no documents in: {arg}")
    if totals.failures:
        lines.append("  failed:")
        for name, error in totals.failures:
            first, *rest = error.splitlines() or [""]
            # Most errors name their file ("a.yaml: not a valid document"): not twice.
            named = first.startswith(f"{name}:")
            lines.append(f"    {first}" if named else f"    {name}: {first}")
            lines.extend(f"      {line.strip()}" for line in rest[:_MESSAGE_LINES])
            if len(rest) > _MESSAGE_LINES:
                lines.append(f"      … {len(rest) - _MESSAGE_LINES} more lines in {REPORT_JSON}")
        more = totals.outcomes["failed"] - len(totals.failures)
        if more:
            lines.append(f"    … and {more} more (see {REPORT_JSON})")
    lines.append(
        f"  outputs: {totals.outputs} written to {report.outdir} ({', '.join(report.formats)})"
    )
    lines.append(f"  report: {report.json_path}, {report.html_path}")
    return "\n".join(lines) + "\n"
