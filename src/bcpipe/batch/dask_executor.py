"""Running a batch on a dask.distributed cluster (the optional extra ``bcpipe[dask]``).

The client sends chunks of tasks; each Dask worker process builds its pipeline once
(:func:`bcpipe.batch.worker.pipeline_for` caches it per process) and writes the outputs
itself, so the inputs and OUTDIR must be on a file system every worker sees at the same
path. Only records come back. After a worker died, the documents of the tasks it took
down are run again one at a time, alone on the cluster, so that only a document that
kills a worker by itself is reported as failed.
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
                # ":0": any free port. None means distributed's default, 8787, which a
                # second batch on the same machine finds taken, and then fails to start.
                owned = distributed.LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, dashboard_address=":0"
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

        def refill() -> None:
            room = window - len(pending)
            pending.extend(submit(chunk) for chunk in itertools.islice(chunks, max(room, 0)))

        refill()
        while pending:
            future = pending[0][1]
            try:
                records: list[Record] = future.result()
            except Exception:
                yield from self._isolate(client, options, pending)
            else:
                pending.popleft()
                future.release()
                yield from records
            refill()

    def _isolate(
        self, client: Any, options: PipelineOptions, pending: deque[tuple[list[Task], Any]]
    ) -> Iterator[Record]:
        """A task failed (its worker died): find the documents that kill workers.

        A dying worker takes down every task it held, innocent ones too. So: let what is
        in flight finish, then run each document of every failed task alone, one at a
        time, with nothing else on the cluster: only a document that kills its worker
        on its own is reported as failed. Slow, and only after a worker died.
        """
        distributed = _distributed()
        distributed.wait([future for _, future in pending])
        while pending:
            chunk, future = pending.popleft()
            if future.status == "finished":
                yield from future.result()
                future.release()
                continue
            future.release()
            for task in chunk:
                alone = client.submit(run_tasks, options, [task], pure=False)
                try:
                    yield from alone.result()
                except Exception as exc:
                    yield failed_record(task, _message(exc))
                finally:
                    alone.release()


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    source = iter(tasks)
    while chunk := list(itertools.islice(source, size)):
        yield chunk


def _message(exc: BaseException) -> str:
    if type(exc).__name__ == "KilledWorker":
        return f"the Dask workers died while processing this document ({exc})"
    return f"the Dask task failed: {type(exc).__name__}: {exc}"
