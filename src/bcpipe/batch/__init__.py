"""Batch processing: validate and export many documents on every core, or on a cluster.

    from bcpipe.batch import run_batch

    report = run_batch(["reports/"], formats=["pdf", "edxml"], outdir="out")
    print(report.documents, report.failed, report.exit_code)

Modules: :mod:`.inputs` (which files, output names), :mod:`.options` (how workers build
their pipeline), :mod:`.tasks` (one document's work and record), :mod:`.worker`
(the per-process pipeline), :mod:`.executors` (serial, local process pool),
:mod:`.dask_executor` (dask.distributed), :mod:`.report` and :mod:`.html` (the reports),
:mod:`.progress` (the terminal bar), :mod:`.run` (:func:`run_batch`).
"""

from __future__ import annotations

from bcpipe.batch.dask_executor import DaskExecutor
from bcpipe.batch.executors import Executor, LocalExecutor, SerialExecutor, default_jobs
from bcpipe.batch.inputs import BatchError
from bcpipe.batch.options import PipelineOptions
from bcpipe.batch.progress import ProgressBar
from bcpipe.batch.report import BatchReport, summary_text
from bcpipe.batch.run import Progress, run_batch
from bcpipe.batch.tasks import Record

__all__ = [
    "BatchError",
    "BatchReport",
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "PipelineOptions",
    "Progress",
    "ProgressBar",
    "Record",
    "SerialExecutor",
    "default_jobs",
    "run_batch",
    "summary_text",
]
