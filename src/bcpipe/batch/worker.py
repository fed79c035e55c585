"""The worker side of a batch: one pipeline per process, built once, reused for every task.

:func:`pipeline_for` keeps the pipeline (plugins imported, fonts registered on first
use) per set of options for the life of the process, so a process pool's worker and a
Dask worker both pay for it once. :func:`serve` is the loop of a local pool worker.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from bcpipe.batch.fingerprint import plugin_set, plugin_set_fingerprint
from bcpipe.batch.options import PipelineOptions
from bcpipe.batch.tasks import Record, Task, Terminated, process
from bcpipe.lifeline import die_with_parent
from bcpipe.pipeline import Pipeline

__all__ = [
    "WorkerPipeline",
    "exit_on_terminate",
    "pipeline_for",
    "run_tasks",
    "serve",
]


@dataclass(slots=True)
class WorkerPipeline:
    """A worker's pipeline, and the fingerprint of its plugin set for each input kind."""

    pipeline: Pipeline
    fingerprints: dict[str | None, str] = field(default_factory=dict)

    def fingerprint(self, kind: str | None) -> str:
        found = self.fingerprints.get(kind)
        if found is None:
            plugins = plugin_set(self.pipeline)
            found = self.fingerprints[kind] = plugin_set_fingerprint(self.pipeline, plugins, kind)
        return found

    def process(self, task: Task) -> Record:
        return process(self.pipeline, task, self.fingerprint(task.kind))


_pipelines: dict[str, WorkerPipeline] = {}
_lock = threading.Lock()  # a Dask worker may run tasks on several threads


def pipeline_for(options: PipelineOptions) -> WorkerPipeline:
    """This process's pipeline for ``options``, built on first use."""
    key = options.key
    found = _pipelines.get(key)
    if found is None:
        with _lock:
            found = _pipelines.get(key)
            if found is None:
                found = _pipelines[key] = WorkerPipeline(options.build())
    return found


def run_tasks(options: PipelineOptions, tasks: Sequence[Task]) -> list[Record]:
    """Process ``tasks`` in this process (what a Dask worker runs for a chunk)."""
    worker = pipeline_for(options)
    return [worker.process(task) for task in tasks]


def exit_on_terminate() -> None:
    """Make SIGTERM (the parent stopping its pool on ^C) unwind this process.

    Python's default for SIGTERM ends the process on the spot; as an exception, it lets
    every ``finally`` run, so that an output being written removes its temporary file
    instead of leaving it in the output folder.
    """

    def stop(signum: int, frame: object) -> None:
        raise Terminated(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def serve(conn: Connection, options: PipelineOptions) -> None:
    """A local pool worker: build the pipeline, say so, then answer tasks until told to stop.

    Messages in: ``(index, task)``, or None to stop. Out: ``("ready",)`` once (or
    ``("broken", message)`` if the pipeline cannot be built), then ``(index, record)``
    for each task, in the order received.
    """
    # ^C goes to the whole process group: the parent alone decides what to do with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_on_terminate()
    die_with_parent()
    try:
        worker = pipeline_for(options)
    except Exception as exc:  # e.g. a plugin module the parent imports and this one cannot
        conn.send(("broken", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        index, task = message
        conn.send((index, worker.process(task)))
