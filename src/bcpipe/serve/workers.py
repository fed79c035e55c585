"""Bounded work: threads for most documents, processes for PDF, a queue that says no.

Each request's job runs in a pool: a thread pool sharing the service's pipeline, or, for
PDF work (reportlab holds the interpreter for the whole page layout), a process pool
whose processes each build the same pipeline. At most ``workers + pdf_workers + queue``
jobs are in the service at once; one more is answered 503 at once, with Retry-After,
rather than queued without end. A job over ``timeout`` is answered 503; it goes on in
its worker (threads cannot be stopped) and is counted until it ends, so a stream of
huge documents fills the service's slots, not its memory.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from bcpipe.pipeline import Pipeline
from bcpipe.serve.config import ServeConfig
from bcpipe.serve.jobs import Exported, Failure, Job, init_process, run_job
from bcpipe.serve.problems import ProblemError

__all__ = ["Workers"]


class Workers:
    """The service's pipeline and the pools its jobs run in."""

    def __init__(self, options: Mapping[str, Any], config: ServeConfig) -> None:
        self.options = dict(options)
        self.config = config
        self.pipeline = Pipeline(**self.options)
        self._threads = ThreadPoolExecutor(config.workers, thread_name_prefix="bcpipe-serve")
        self._processes: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._in_service = 0
        self._capacity = config.workers + config.pdf_workers + config.queue

    @property
    def in_service(self) -> int:
        """Jobs accepted and not yet ended (running or waiting for a worker)."""
        return self._in_service

    def _pool_for(self, job: Job) -> Executor:
        if job.kind not in self.config.pdf_kinds and job.fmt not in self.config.pdf_formats:
            return self._threads
        with self._lock:
            if self._processes is None:
                # spawn, not fork: the service has threads, and a forked child of a
                # threaded process may inherit a held lock.
                self._processes = ProcessPoolExecutor(
                    self.config.pdf_workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=init_process,
                    initargs=(self.options,),
                )
            return self._processes

    def _submit(self, job: Job) -> Future[dict[str, Any] | Exported | Failure]:
        pool = self._pool_for(job)
        with self._lock:
            if self._in_service >= self._capacity:
                raise ProblemError(
                    "busy",
                    f"the service is working on {self._in_service} documents, as many as it "
                    "takes at once; try again in a moment",
                    headers={"Retry-After": "1"},
                )
            self._in_service += 1
        try:
            if pool is self._threads:
                future = pool.submit(run_job, job, self.pipeline)
            else:
                future = pool.submit(run_job, job)
        except BaseException:
            self._ended(None)
            raise
        future.add_done_callback(self._ended)
        return future

    def _ended(self, _future: object) -> None:
        with self._lock:
            self._in_service -= 1

    async def run(self, job: Job) -> dict[str, Any] | Exported:
        """The job's answer; :class:`ProblemError` for a library error, a full service or a
        job over its time."""
        try:
            future = self._submit(job)
        except BrokenProcessPool:
            self._reset_processes()
            raise ProblemError(
                "busy", "a PDF worker stopped; try again", headers={"Retry-After": "1"}
            ) from None
        try:
            result = await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self.config.timeout
            )
        except TimeoutError:
            raise ProblemError(
                "timeout",
                f"the document took more than {self.config.timeout:g} s to process; it may be "
                "too large for this service",
                headers={"Retry-After": "5"},
            ) from None
        except BrokenProcessPool:
            self._reset_processes()
            raise ProblemError(
                "busy", "a PDF worker stopped on this document", headers={"Retry-After": "1"}
            ) from None
        if isinstance(result, Failure):
            raise ProblemError(result.kind, result.detail, **result.extra)
        return result

    def _reset_processes(self) -> None:
        with self._lock:
            broken, self._processes = self._processes, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._reset_processes()
