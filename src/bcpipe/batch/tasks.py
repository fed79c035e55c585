"""One document of a batch: the task a worker gets, and the record it sends back.

A worker reads the input, validates it, exports it to every asked format, writes the
outputs (atomically) and a small record of what it did; only the record travels back,
so the parent never holds a document or an output. The record of a document that went
through is also kept in ``OUTDIR/.bcpipe/records/`` for the next run: a document whose
record was made with the same plugin set, and whose outputs are all there and newer
than the input, is not redone: its kept record comes back, marked ``unchanged``. A
document that was read also gets its page (``OUTDIR/report/…html``: its findings beside
its text).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypedDict

from bcpipe.atomic import write_bytes_atomic
from bcpipe.batch.page import REPORT_HTML, document_page
from bcpipe.errors import BcpipeError
from bcpipe.pipeline import Pipeline

__all__ = ["Outcome", "Record", "Task", "Terminated", "failed_record", "process"]

Outcome = Literal["ok", "findings", "failed"]


class Record(TypedDict):
    """What became of one input (a line of ``report.json``).

    ``outcome``: ``ok`` (validated and exported, no error finding; warnings allowed),
    ``findings`` (exported, but with error findings), ``failed`` (could not be read or
    exported; ``error`` says why). ``unchanged``: the outputs were current, so the
    document was not redone; outcome and findings are those of the run that made them.
    ``outputs`` maps each format written to its path below OUTDIR; ``page`` is the
    document's page (findings beside its text) below OUTDIR, ``issuer`` its issuing
    body's name (both None for a document that could not be read).
    """

    input: str
    kind: str | None
    outcome: Outcome
    error: str | None
    findings: list[dict[str, Any]]
    outputs: dict[str, str]
    seconds: float
    unchanged: bool
    issuer: str | None
    page: str | None


@dataclass(frozen=True, slots=True)
class Task:
    """What a worker needs to process one input (small, and picklable)."""

    path: str  # absolute: a worker may run in another folder, or on another machine
    name: str  # as messages and the report name the input
    kind: str | None
    outdir: str  # absolute
    outputs: tuple[tuple[str, str], ...]  # (format, path below outdir, POSIX)
    record: str  # path below outdir of the record kept for re-runs
    fingerprint: str
    force: bool = False
    run: str = ""  # the batch run's id: a task run twice in one batch is not "unchanged"
    page: str = ""  # path below outdir of the document's page ("" for none)
    language: str = "vi"  # of the page's words


def failed_record(task: Task, error: str, seconds: float = 0.0) -> Record:
    return Record(
        input=task.name,
        kind=task.kind,
        outcome="failed",
        error=error,
        findings=[],
        outputs={},
        seconds=seconds,
        unchanged=False,
        issuer=None,
        page=None,
    )


def _target(task: Task, relative: str) -> Path:
    return Path(task.outdir, *relative.split("/"))


class OutsideError(OSError):
    """An output's folder leads out of OUTDIR through a symbolic link."""


def _write(task: Task, relative: str, data: bytes) -> None:
    """Write ``data`` to ``relative`` below OUTDIR, atomically, never through a link out.

    The file itself is replaced, not written through (a record or an output that is a
    symbolic link to a file elsewhere is replaced by a file); a folder on the way that
    is a link to a place outside OUTDIR is refused.
    """
    target = _target(task, relative)
    if not _inside(task, target):
        folder = os.path.realpath(target.parent)
        raise OutsideError(
            0, f"its folder is a symbolic link to {folder}, outside the output folder"
        )
    write_bytes_atomic(target, data)


def _inside(task: Task, target: Path) -> bool:
    """Whether ``target``'s folder, links resolved, is OUTDIR or below it."""
    outdir = os.path.realpath(task.outdir)
    folder = os.path.realpath(target.parent)
    return folder == outdir or folder.startswith(outdir.rstrip(os.sep) + os.sep)


def _current(task: Task) -> Record | None:
    """The kept record when every output is current, else None (the document is redone)."""
    try:
        kept = json.loads(_target(task, task.record).read_bytes())
        stat = Path(task.path).stat()
        input_time = stat.st_mtime_ns
        if kept.get("fingerprint") != task.fingerprint:
            return None
        if kept.get("input_stat") != [stat.st_size, input_time]:
            return None  # another file, even one older than the outputs (a restored copy)
        outputs = kept["outputs"]
        for fmt, relative in task.outputs:
            # As make does: an output as new as its input is current.
            if outputs.get(fmt) != relative:
                return None
            if _target(task, relative).stat().st_mtime_ns < input_time:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    # A Dask task may run twice (its result was lost with a worker): the second time it
    # finds its own record, which is this run's outcome, not an unchanged document.
    same_run = bool(task.run) and kept.get("run") == task.run
    page = kept.get("page")
    return Record(
        input=task.name,
        kind=kept.get("kind"),
        outcome=kept["outcome"],
        error=None,
        findings=list(kept.get("findings", [])),
        outputs={fmt: relative for fmt, relative in task.outputs},
        seconds=0.0,
        unchanged=not same_run,
        issuer=kept.get("issuer"),
        page=page if page and _target(task, page).is_file() else None,
    )


class Terminated(SystemExit):
    """SIGTERM in a worker (see :func:`bcpipe.batch.worker.exit_on_terminate`): unlike a
    plugin's own ``sys.exit()``, it is not a failure of the document but the end."""


def process(pipeline: Pipeline, task: Task, fingerprint: str) -> Record:
    """Process one task with ``pipeline`` (whose plugin set has ``fingerprint``).

    Never raises for a bad document or a crashing plugin: the record says what failed.
    """
    started = time.perf_counter()
    try:
        record = _process(pipeline, task, fingerprint)
    except Terminated:  # the pool is stopping: this worker goes, the document with it
        raise
    except (Exception, SystemExit) as exc:  # a plugin's bug, or its sys.exit()
        message = f"internal error: {type(exc).__name__}: {exc}"
        if pipeline.debug:
            message += "\n" + traceback.format_exc()
        record = failed_record(task, message)
    record["seconds"] = round(time.perf_counter() - started, 6)
    return record


def _process(pipeline: Pipeline, task: Task, fingerprint: str) -> Record:
    if fingerprint != task.fingerprint:
        return failed_record(
            task,
            "this worker's plugin set differs from the one the batch was started with "
            f"(fingerprint {fingerprint}, expected {task.fingerprint}): install the same "
            "plugins and settings on every worker",
        )
    if not task.force:
        kept = _current(task)
        if kept is not None:
            return kept
    try:
        # Before reading: a file changed while it is processed must not look current.
        stat = Path(task.path).stat()
        input_stat = [stat.st_size, stat.st_mtime_ns]
    except OSError:
        input_stat = None  # reading it fails below, with the reason
    try:
        document = pipeline.load(task.path, kind=task.kind, name=task.name)
        result = pipeline.validate(document)
    except BcpipeError as exc:
        _forget(task, [fmt for fmt, _ in task.outputs])
        return failed_record(task, str(exc))
    findings = [finding.to_dict() for finding in result.findings]
    outputs: dict[str, str] = {}
    errors: list[str] = []
    cache: dict[str, bytes] = {}  # edXML attaches the PDF: render it once
    for fmt, relative in task.outputs:
        try:
            data = pipeline.export(result.document, fmt, cache=cache)
            _write(task, relative, data)
        except BcpipeError as exc:
            errors.append(str(exc))
        except OSError as exc:
            errors.append(f"{relative}: cannot be written: {exc.strerror or exc}")
        else:
            outputs[fmt] = relative
            continue
        _forget(task, [fmt])
    kind = document.source.kind if document.source else task.kind
    record = Record(
        input=task.name,
        kind=kind,
        outcome="ok" if result.ok else "findings",
        error=None,
        findings=findings,
        outputs=outputs,
        seconds=0.0,
        unchanged=False,
        issuer=document.issuer.name,
        page=_write_page(task, findings),
    )
    if errors:
        _forget(task, [])  # the record, and the page with it: a failed document has none
        record["outcome"], record["error"], record["page"] = "failed", "; ".join(errors), None
        return record
    keep = json.dumps(  # ASCII: a file name that is not UTF-8 comes back as it was
        {**record, "fingerprint": fingerprint, "input_stat": input_stat, "run": task.run}
    )
    # Atomic as the outputs (a record symlinked elsewhere is replaced, not written
    # through); a record that cannot be written only costs the next run a redo.
    with contextlib.suppress(OSError):
        _write(task, task.record, keep.encode("ascii"))
    return record


def _write_page(task: Task, findings: list[dict[str, Any]]) -> str | None:
    """Write the document's page; its path below outdir, or None when it has none."""
    if not task.page:
        return None
    try:
        raw = Path(task.path).read_bytes()
    except OSError:
        raw = b""  # read a moment ago: the page shows the findings without the text
    depth = task.page.count("/")
    data = document_page(
        task.name, raw, findings, language=task.language, report="../" * depth + REPORT_HTML
    )
    try:
        _write(task, task.page, data)  # as the outputs: never through a link out of OUTDIR
    except OSError:
        return None  # the page is a convenience: the outputs and the record still count
    return task.page


def _forget(task: Task, formats: list[str]) -> None:
    """Remove the record and the stale outputs of ``formats`` of a document that failed.

    An output left from an earlier run of a document that now fails would be taken for
    the current one; a missing file is not.
    """
    stale = dict(task.outputs)
    page = [task.page] if task.page else []
    for relative in [task.record, *page, *(stale[fmt] for fmt in formats)]:
        target = _target(task, relative)
        if not _inside(task, target):  # never remove a file outside OUTDIR through a link
            continue
        with contextlib.suppress(OSError):  # missing, or not a file: nothing to forget
            target.unlink()
