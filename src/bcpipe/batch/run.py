"""``run_batch``: validate and export many documents, and report on every one."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from bcpipe import __version__
from bcpipe.batch.executors import Executor, LocalExecutor
from bcpipe.batch.fingerprint import plugin_set, plugin_set_fingerprint
from bcpipe.batch.html import write_html
from bcpipe.batch.inputs import BatchError, Input, discover, output_stems
from bcpipe.batch.options import PipelineOptions
from bcpipe.batch.page import PAGES
from bcpipe.batch.report import BatchReport, Totals, spooled, write_json
from bcpipe.batch.tasks import Record, Task
from bcpipe.errors import UnknownFormatError
from bcpipe.findings import Language
from bcpipe.pipeline import Pipeline

__all__ = ["Progress", "run_batch"]

#: Called after each document: ``(documents done, documents in all, its record)``.
Progress = Callable[[int, int, Record], None]

RECORDS = ".bcpipe/records"


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    formats: Sequence[str],
    outdir: str | os.PathLike[str],
    plugins: Iterable[str | ModuleType] = (),
    plugins_dir: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
    load_entrypoints: bool = True,
    disable: Iterable[str] = (),
    settings: Mapping[str, Any] | None = None,
    language: Language = "vi",
    ignore: Iterable[str] = (),
    debug: bool = False,
    kind: str | None = None,
    executor: Executor | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> BatchReport:
    """Validate every document of ``inputs`` and export it to each of ``formats``.

    ``inputs`` are files, folders (searched recursively for files a loader reads) and
    glob patterns; see :mod:`bcpipe.batch.inputs` for the order and the output names.
    The pipeline options are those of :class:`~bcpipe.Pipeline` (plugin modules given
    by name or as modules: workers import them). ``kind`` reads every input as that
    kind instead of by suffix. ``executor`` runs the documents: a
    :class:`~bcpipe.batch.LocalExecutor` (every core) by default. Documents whose
    outputs are current (same plugin set, newer than the input) are not redone unless
    ``force``: their records are those of the run that made the outputs, marked
    ``unchanged``.

    Writes the outputs, ``report.json`` and ``report.html`` into ``outdir``. A document
    that cannot be read or exported is reported, not raised; raises
    :class:`~bcpipe.errors.UnknownFormatError` for an unknown format or kind and
    :class:`~bcpipe.batch.BatchError` when there is no document to process.
    """
    started = time.perf_counter()
    options = PipelineOptions.of(
        plugins=plugins,
        plugins_dir=plugins_dir,
        load_entrypoints=load_entrypoints,
        disable=disable,
        settings=settings,
        language=language,
        ignore=ignore,
        debug=debug,
    )
    formats = list(dict.fromkeys([formats] if isinstance(formats, str) else formats))
    if not formats:
        raise BatchError("no output format given")
    pipeline = options.build()
    for fmt in formats:
        pipeline.exporter(fmt)
    if kind is not None and kind not in pipeline.load_kinds:
        raise UnknownFormatError("loader", kind, pipeline.load_kinds)
    out = Path(outdir).absolute()
    inputs = list(inputs)
    found, unmatched = discover(inputs, pipeline.load_suffixes, out)
    if not found:
        names = ", ".join(os.fspath(i) for i in inputs) or "(none given)"
        known = ", ".join(pipeline.load_suffixes)
        raise BatchError(f"no documents found in {names} (files ending in {known})")
    plugins_used = plugin_set(pipeline)
    fingerprint = plugin_set_fingerprint(pipeline, plugins_used, kind)
    extensions = _extensions(pipeline, formats)
    tasks = _tasks(found, out, extensions, kind, fingerprint, force, pipeline.language)

    executor = executor or LocalExecutor()
    totals = Totals()
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    # The records wait on disk for the reports, beside the outputs (where there is room
    # for them); an anonymous file leaves nothing behind, even if the batch is killed.
    with tempfile.TemporaryFile(dir=out) as spool:
        for done, found_record in enumerate(executor.run(options, tasks), 1):
            line, record = _printable(found_record)
            spool.write(line + b"\n")
            totals.add(record)
            if progress is not None:
                progress(done, len(found), record)
        if totals.documents != len(found):  # pragma: no cover - an executor's bug
            raise BatchError(f"the executor answered {totals.documents} of {len(found)} tasks")
        # The time to read, check and export every document (the reports take little).
        seconds = time.perf_counter() - started
        report = BatchReport(
            out,
            tuple(formats),
            totals,
            fingerprint,
            executor.describe(),
            seconds,
            tuple(unmatched),
        )
        write_json(report.json_path, _head(pipeline, report, plugins_used, kind), spooled(spool))
        write_html(report.html_path, report, spooled(spool), pipeline.language)
    return report


# What atomic_writer names its temporary files: "." + the file's name + "." + eight
# random characters (tempfile.mkstemp) + ".tmp".
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def remove_stale_temporaries(out: Path) -> int:
    """Remove the temporary files a killed batch left in ``out``; how many there were.

    A worker killed with ``kill -9`` cannot remove the file it was writing. Another
    batch writing into the same OUTDIR at the same time would lose its own: one batch
    per output folder at a time (docs/limits.md).
    """
    removed = 0
    for here, dirs, files in os.walk(out):  # links to folders are not followed
        for name in files:
            if _TEMPORARY.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(here, name))  # noqa: PTH108, PTH118
                    removed += 1
        dirs.sort()
    return removed


def _printable(record: Record) -> tuple[bytes, Record]:
    """The record as one line of UTF-8 JSON, and the record that line holds.

    A file name that is not UTF-8 reaches Python with lone surrogates in place of its
    bytes; no report can print those, so they become U+FFFD (the file is still read and
    its outputs written under its real name).
    """
    line = json.dumps(record, ensure_ascii=False)
    try:
        return line.encode("utf-8"), record
    except UnicodeEncodeError:
        try:  # one U+FFFD a byte, as the file manager shows it
            raw = line.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that stands for no byte
            raw = line.encode("utf-8", "surrogatepass")
        safe = raw.decode("utf-8", "replace")
        printable: Record = json.loads(safe)
        return safe.encode("utf-8"), printable


def _extensions(pipeline: Pipeline, formats: list[str]) -> dict[str, str]:
    """The file ending of each format; formats that share one are told apart by name."""
    ends = {fmt: pipeline.exporter(fmt).extension or f".{fmt}" for fmt in formats}
    shared = {end for end in ends.values() if list(ends.values()).count(end) > 1}
    return {fmt: f".{fmt}{end}" if end in shared else end for fmt, end in ends.items()}


def _tasks(
    found: list[Input],
    out: Path,
    extensions: dict[str, str],
    kind: str | None,
    fingerprint: str,
    force: bool,
    language: str,
) -> Iterator[Task]:
    """The tasks, made as the executor takes them."""
    run = uuid.uuid4().hex
    for item, stem in zip(found, output_stems(found), strict=True):
        yield Task(
            path=item.path,
            name=item.name,
            kind=kind,
            outdir=str(out),
            outputs=tuple((fmt, stem + end) for fmt, end in extensions.items()),
            record=f"{RECORDS}/{stem}.json",
            page=f"{PAGES}/{stem}.html",
            language=language,
            fingerprint=fingerprint,
            force=force,
            run=run,
        )


def _head(
    pipeline: Pipeline, report: BatchReport, plugins: list[dict[str, Any]], kind: str | None
) -> dict[str, Any]:
    return {
        "bcpipe": __version__,
        "formats": list(report.formats),
        "inputs_without_documents": list(report.unmatched),
        "kind": kind,
        "language": pipeline.language,
        "ignore": sorted(pipeline.ignore),
        "settings": dict(pipeline.settings),
        "plugins": {
            "fingerprint": report.fingerprint,
            "plugins": plugins,
            "problems": [
                {"plugin": p.plugin, "stage": p.stage, "message": p.message}
                for p in pipeline.problems
            ],
        },
        "totals": report.totals.to_dict(),
        "run": {
            "executor": report.executor,
            "seconds": round(report.seconds, 3),
            "documents_per_second": round(report.documents_per_second, 1),
        },
    }
