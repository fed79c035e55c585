"""Executors: who processes a batch's tasks. Serial (this process) and local (a process pool).

An executor takes the tasks lazily and yields one record per task, in task order, with
a bounded number of tasks in flight: the batch never holds more than a few documents'
records, however many documents it has. Dask's executor is in
:mod:`bcpipe.batch.dask_executor`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Protocol

from bcpipe.batch.inputs import BatchError
from bcpipe.batch.options import PipelineOptions
from bcpipe.batch.tasks import Record, Task, failed_record
from bcpipe.batch.worker import WorkerPipeline, serve
from bcpipe.budget import Budgets

__all__ = ["Executor", "LocalExecutor", "SerialExecutor", "default_jobs"]


class Executor(Protocol):
    """Runs tasks somewhere; yields their records in task order."""

    def run(self, options: PipelineOptions, tasks: Iterable[Task]) -> Iterator[Record]:
        """One record per task, in order; takes tasks only as it has room for them."""
        ...

    def describe(self) -> str:
        """Where the last run ran ("local, 2 processes"), for the report."""
        ...


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class SerialExecutor:
    """Every task in this process, one after the other: for debugging and small runs.

    A plugin that kills its process kills the batch here; the local executor survives it.
    """

    def run(self, options: PipelineOptions, tasks: Iterable[Task]) -> Iterator[Record]:
        worker = WorkerPipeline(options.build())  # not cached: this process lives on
        for task in tasks:
            yield worker.process(task)

    def describe(self) -> str:
        return "serial, this process"


# Every worker died before it was ready this many times in a row: something in the
# plugins kills a process at start-up, and starting more would loop for ever.
_STARTUP_DEATHS = 3


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    assigned: deque[tuple[int, Task]] = field(default_factory=deque)
    # When it began the task at the head of ``assigned`` (monotonic), for the budget.
    since: float = 0.0


class LocalExecutor:
    """A pool of ``jobs`` worker processes on this machine (default: every core).

    Each worker builds its pipeline once, from the options, then takes tasks one by one
    (``prefetch`` at most queued per worker, so a slow document holds back little).
    A worker that dies (a plugin's segfault or ``os._exit``) fails the document it was
    processing; a new worker takes its place and the batch goes on.

    ``start_method`` is multiprocessing's: by default "forkserver" where there is one
    (workers start from a clean, single-threaded server that has imported bcpipe
    already: fast, and safe in a parent with threads), else "spawn". The fork server
    lives as long as this process, so its workers see the environment variables of the
    time it started: plugins get their settings through the options, not the environment.
    """

    def __init__(
        self, jobs: int | None = None, *, start_method: str | None = None, prefetch: int = 2
    ) -> None:
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.jobs = jobs or default_jobs()
        self.prefetch = max(1, prefetch)
        methods = multiprocessing.get_all_start_methods()
        self.start_method = start_method or ("forkserver" if "forkserver" in methods else "spawn")

    def describe(self) -> str:
        return f"local, {self.jobs} process{'es' * (self.jobs != 1)}"

    def run(self, options: PipelineOptions, tasks: Iterable[Task]) -> Iterator[Record]:
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            # Imported once in the server, inherited by every worker it forks.
            context.set_forkserver_preload(["bcpipe.batch.preload"])
        pool = _Pool(context, options, self.jobs, self.prefetch)
        finished = False
        try:
            yield from pool.run(tasks)
            finished = True
        finally:
            pool.close(graceful=finished)


class _Pool:
    def __init__(
        self, context: BaseContext, options: PipelineOptions, size: int, prefetch: int
    ) -> None:
        self.context = context
        self.options = options
        self.size = size
        self.prefetch = prefetch
        # Tasks between the next record to yield and the last task taken: bounds the
        # records waiting for a slow one before them.
        self.window = size * prefetch * 4
        self.workers: list[_Worker] = []
        self.startup_deaths = 0
        self.budget = Budgets.of(options.settings).document_seconds

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(  # type: ignore[attr-defined]
            target=serve, args=(theirs, self.options), name="bcpipe-batch", daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def _worker_with_room(self) -> _Worker | None:
        idle = [w for w in self.workers if not w.assigned]
        if idle:
            return idle[0]
        if len(self.workers) < self.size:
            return self._start()
        roomy = [w for w in self.workers if len(w.assigned) < self.prefetch]
        return min(roomy, key=lambda w: len(w.assigned)) if roomy else None

    def run(self, tasks: Iterable[Task]) -> Iterator[Record]:
        source = iter(tasks)
        waiting: deque[tuple[int, Task]] = deque()  # taken, not (or no longer) assigned
        done: dict[int, Record] = {}
        taken = emitted = 0
        exhausted = False
        while True:
            while waiting or (not exhausted and taken - emitted < self.window):
                if not waiting:
                    task = next(source, None)
                    if task is None:
                        exhausted = True
                        break
                    waiting.append((taken, task))
                    taken += 1
                worker = self._worker_with_room()
                if worker is None:
                    break
                item = waiting.popleft()
                try:
                    worker.conn.send(item)
                except OSError:  # it died since the last look; its task is not this one
                    waiting.appendleft(item)
                    self._bury(worker, done, waiting)
                    continue
                if not worker.assigned:
                    worker.since = time.monotonic()
                worker.assigned.append(item)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if exhausted and emitted == taken:
                return
            self._collect(done, waiting)

    def _collect(self, done: dict[int, Record], waiting: deque[tuple[int, Task]]) -> None:
        """Wait for answers or deaths, and take them in."""
        by_handle: dict[object, _Worker] = {}
        for worker in self.workers:
            by_handle[worker.conn] = worker
            by_handle[worker.process.sentinel] = worker
        dead: list[_Worker] = []
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        for handle in wait(handles, self._time_left()):
            worker = by_handle[handle]
            if handle is worker.conn:
                try:
                    self._receive(worker, done)
                    continue
                except (EOFError, OSError):
                    pass
            if worker not in dead:
                dead.append(worker)
        for worker in dead:
            self._bury(worker, done, waiting)
        self._stop_overdue(done, waiting)

    def _time_left(self) -> float | None:
        """Seconds until the first busy worker passes the document budget (None: no budget)."""
        busy = [w.since for w in self.workers if w.assigned and w.ready]
        if self.budget is None or not busy:
            return None
        return max(0.0, min(busy) + self.budget - time.monotonic())

    def _stop_overdue(self, done: dict[int, Record], waiting: deque[tuple[int, Task]]) -> None:
        """End the workers whose document ran over its budget: that document fails alone."""
        if self.budget is None:
            return
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.assigned and worker.ready and now - worker.since >= self.budget:
                worker.process.kill()
                reason = (
                    f"took longer than {self.budget:g} s (limits.document_seconds) and was stopped"
                )
                self._bury(worker, done, waiting, reason=reason)

    def _receive(self, worker: _Worker, done: dict[int, Record]) -> None:
        message = worker.conn.recv()
        if message == ("ready",):
            worker.ready = True
            self.startup_deaths = 0
            return
        if message[0] == "broken":
            raise BatchError(f"a batch worker cannot build its pipeline: {message[1]}")
        index, record = message
        expected, _ = worker.assigned.popleft()
        assert index == expected, (index, expected)  # answers come in the order sent
        done[index] = record
        worker.since = time.monotonic()  # it starts on the next one (if any) now

    def _bury(
        self,
        worker: _Worker,
        done: dict[int, Record],
        waiting: deque[tuple[int, Task]],
        *,
        reason: str | None = None,
    ) -> None:
        """A worker died: fail the task it was on, hand its queued tasks to others."""
        try:
            while worker.conn.poll():  # what it answered before dying still counts
                self._receive(worker, done)
        except (EOFError, OSError):
            pass
        worker.process.join(timeout=10)
        if worker.process.is_alive():  # pragma: no cover - it closed its end, yet lives
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        how = _death(worker.process.exitcode)
        if not worker.ready:
            self.startup_deaths += 1
            if self.startup_deaths >= _STARTUP_DEATHS:
                raise BatchError(
                    f"batch worker processes die while starting ({how}). A script that calls "
                    'run_batch must do so under `if __name__ == "__main__":`, since each worker '
                    "process imports the script; to see a worker's error here, run the batch "
                    "with executor=SerialExecutor() (bcpipe batch --executor serial)"
                )
        elif worker.assigned:
            index, task = worker.assigned.popleft()
            done[index] = failed_record(
                task,
                reason or f"the worker process died while processing this document ({how})",
            )
        waiting.extendleft(reversed(worker.assigned))

    def close(self, *, graceful: bool) -> None:
        for worker in self.workers:
            if graceful:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            else:
                worker.process.terminate()
        for worker in self.workers:
            worker.process.join(timeout=10)
            if worker.process.is_alive():  # pragma: no cover - a worker stuck in a plugin
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers.clear()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"
