"""Running a batch on a dask.distributed cluster (the optional extra ``bcpipe[dask]``).

The client sends chunks of tasks; each Dask worker process builds its pipeline once
(:func:`bcpipe.batch.worker.pipeline_for` caches it per process) and writes the outputs
itself, so the inputs and OUTDIR must be on a file system every worker sees at the same
path. Only records come back. A chunk whose worker died is split and its documents sent
again one by one, so that only the document that kills a worker is reported as failed.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from bcpipe.batch.inputs import BatchError
from bcpipe.batch.options import PipelineOptions
from bcpipe.batch.tasks import Record, Task, failed_record
from bcpipe.batch.worker import run_tasks

__all__ = ["DaskExecutor"]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise BatchError(
            "the dask executor needs dask.distributed: pip install 'bcpipe[dask]'"
        ) from None
    return distributed


class DaskExecutor:
    """Tasks on the Dask cluster at ``address`` (``"tcp://host:8786"``), or on ``client``.

    With neither, a local cluster of ``jobs`` single-threaded worker processes is
    started for the run and stopped after it. ``chunksize`` documents go in one Dask
    task (fewer round trips through the scheduler); at most ``window`` chunks are in
    flight (default: four per worker thread).
    """

    def __init__(
        self,
        address: str | None = None,
        *,
        client: Any = None,
        jobs: int | None = None,
        chunksize: int = 4,
        window: int | None = None,
    ) -> None:
        if chunksize < 1:
            raise ValueError(f"chunksize must be at least 1, not {chunksize}")
        self.address = address
        self.client = client
        self.jobs = jobs
        self.chunksize = chunksize
        self.window = window
        self._where = "dask"

    def describe(self) -> str:
        return self._where

    def run(self, options: PipelineOptions, tasks: Iterable[Task]) -> Iterator[Record]:
        distributed = _distributed()
        client, owned = self.client, None
        if client is None:
            if self.address:
                owned = client = distributed.Client(self.address)
            else:
                owned = distributed.LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, dashboard_address=None
                )
                client = distributed.Client(owned)
        try:
            threads = sum(client.nthreads().values()) or 1
            self._where = f"dask at {client.scheduler.address}, {threads} threads"
            yield from self._run(client, options, tasks, self.window or 4 * threads)
        finally:
            if owned is not None:
                if owned is not client:
                    client.close()
                owned.close()

    def _run(
        self, client: Any, options: PipelineOptions, tasks: Iterable[Task], window: int
    ) -> Iterator[Record]:
        chunks = _chunks(tasks, self.chunksize)
        pending: deque[tuple[list[Task], Any]] = deque()

        def submit(chunk: list[Task]) -> tuple[list[Task], Any]:
            return chunk, client.submit(run_tasks, options, chunk, pure=False)

        for chunk in itertools.islice(chunks, window):
            pending.append(submit(chunk))
        while pending:
            chunk, future = pending.popleft()
            try:
                records: list[Record] = future.result()
            except Exception as exc:
                if len(chunk) > 1:  # find the one document that fails, if it is one
                    pending.extendleft(reversed([submit([task]) for task in chunk]))
                    continue
                records = [failed_record(chunk[0], _message(exc))]
            finally:
                future.release()
            yield from records
            for chunk in itertools.islice(chunks, 1):
                pending.append(submit(chunk))


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    source = iter(tasks)
    while chunk := list(itertools.islice(source, size)):
        yield chunk


def _message(exc: BaseException) -> str:
    if type(exc).__name__ == "KilledWorker":
        return f"the Dask workers died while processing this document ({exc})"
    return f"the Dask task failed: {type(exc).__name__}: {exc}"
