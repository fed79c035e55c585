"""The worker side of a batch: one pipeline per process, built once, reused for every task.

:func:`pipeline_for` keeps the pipeline (plugins imported, fonts registered on first
use) per set of options for the life of the process, so a process pool's worker and a
Dask worker both pay for it once. :func:`serve` is the loop of a local pool worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from bcpipe.batch.fingerprint import plugin_set, plugin_set_fingerprint
from bcpipe.batch.options import PipelineOptions
from bcpipe.batch.tasks import Record, Task, Terminated, process
from bcpipe.pipeline import Pipeline

__all__ = [
    "WorkerPipeline",
    "die_with_parent",
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


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

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


def die_with_parent() -> None:
    """End this process when its parent ends, even by ``kill -9``, even in a plugin's loop.

    A worker stuck in a plugin never reads the pipe that would tell it the parent is
    gone. On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG; the
    parent of a forkserver's worker is the fork server, which ends with the batch); a
    watching thread covers the rest (it sees the process re-parented).
    """
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the kernel was told
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="bcpipe-parent-watch", daemon=True).start()


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
