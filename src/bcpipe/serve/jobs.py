"""The work one request asks for, done where a worker runs it (a thread or a process).

Everything here takes and returns plain data, so that a job crosses into a worker
process and its answer (or its problem) comes back by pickling. A library error becomes
a :class:`Failure` in the worker: bcpipe's exceptions do not survive pickling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from bcpipe.errors import BcpipeError
from bcpipe.findings import Finding, Language, ValidationResult
from bcpipe.lifeline import die_with_parent
from bcpipe.pipeline import Pipeline
from bcpipe.serve.problems import problem_of

__all__ = ["Exported", "Failure", "Job", "init_process", "run_job"]

Action = Literal["validate", "read", "export"]


@dataclass(frozen=True, slots=True)
class Job:
    action: Action
    data: bytes
    kind: str
    name: str
    language: Language = "vi"
    ignore: frozenset[str] = frozenset()
    fmt: str = ""


@dataclass(frozen=True, slots=True)
class Exported:
    data: bytes
    findings: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Failure:
    """A library error, as the problem it becomes (see :mod:`bcpipe.serve.problems`)."""

    kind: str
    detail: str
    extra: dict[str, Any]


_process_pipeline: Pipeline | None = None


def init_process(options: Mapping[str, Any]) -> None:
    """A worker process's own pipeline, with the options of the service's.

    The worker ends with the service: stopped by a signal, the service cannot always
    join its pool, and a spawned worker never sees the pipe close (it holds both ends).
    """
    global _process_pipeline
    die_with_parent()
    _process_pipeline = Pipeline(**options)


def run_job(job: Job, pipeline: Pipeline | None = None) -> dict[str, Any] | Exported | Failure:
    """Do ``job`` with ``pipeline`` (in a worker process: the process's own)."""
    pipeline = pipeline or _process_pipeline
    if pipeline is None:  # pragma: no cover - a pool always runs init_process first
        raise RuntimeError("run_job in a process without init_process")
    try:
        document = pipeline.loads(job.data, kind=job.kind, name=job.name)
        if job.action == "validate":
            result = pipeline.validate(document)
            kept = ValidationResult(result.document, _kept(result.findings, job))
            return {"file": job.name, **kept.to_dict()}
        prepared = pipeline.read(document)
        findings = [f.to_dict() for f in _kept(prepared.findings, job)]
        if job.action == "read":
            return {
                "file": job.name,
                "kind": job.kind,
                "document": prepared.document.model_dump(mode="json"),
                "findings": findings,
            }
        return Exported(pipeline.export(prepared.document, job.fmt), findings)
    except BcpipeError as exc:
        problem = problem_of(exc)
        return Failure(problem.kind, problem.detail, problem.extra)


def _kept(findings: list[Finding], job: Job) -> list[Finding]:
    """The findings the request did not ignore, in its language."""
    return [replace(f, language=job.language) for f in findings if f.code not in job.ignore]
