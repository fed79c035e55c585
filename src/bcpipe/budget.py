"""Time budgets: how long a rule may run before it is stopped, and how long a document may take.

A rule that never returns would hang ``validate`` and every batch worker. Inside a
process, a rule is stopped by ``SIGALRM``: :func:`time_limit` arms a timer and the
handler raises :class:`OverBudget` in the rule's code. That works in the main thread
of a process (a CLI command, a batch worker) for code running Python bytecode; in
another thread, or while another timer is armed, no limit is set (a batch's parent
still stops a document over its budget by ending its worker: see
:mod:`bcpipe.batch.executors`).

The budgets are settings (``[limits]`` in the settings file; docs/limits.md)::

    [limits]
    rule_seconds = 10       # one rule on one document
    document_seconds = 120  # one document in a batch: read, checked and exported
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Budgets", "OverBudget", "time_limit"]

DEFAULT_RULE_SECONDS = 10.0
DEFAULT_DOCUMENT_SECONDS = 120.0


class OverBudget(BaseException):
    """Raised in code that ran over its budget.

    A BaseException, as KeyboardInterrupt is, so that a plugin's ``except Exception``
    does not swallow it and run on.
    """


@dataclass(frozen=True, slots=True)
class Budgets:
    """The time budgets of a pipeline's settings (None: no limit)."""

    rule_seconds: float | None = DEFAULT_RULE_SECONDS
    document_seconds: float | None = DEFAULT_DOCUMENT_SECONDS

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> Budgets:
        """The budgets of ``settings["limits"]``; a value of 0 means no limit."""
        table = settings.get("limits") or {}
        if not isinstance(table, Mapping):
            raise ValueError("the [limits] settings must be a table")
        return cls(
            _seconds(table, "rule_seconds", DEFAULT_RULE_SECONDS),
            _seconds(table, "document_seconds", DEFAULT_DOCUMENT_SECONDS),
        )


def _seconds(table: Mapping[str, Any], key: str, default: float) -> float | None:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"limits.{key} must be a number of seconds (0: no limit), not {value!r}")
    return float(value) or None


def _stop(signum: int, frame: object) -> None:
    raise OverBudget


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[bool]:
    """Raise :class:`OverBudget` in this block after ``seconds``; yields whether a limit is set.

    No limit outside the main thread, where ``SIGALRM`` is missing, or while another
    handler or timer of ``SIGALRM`` is in place (the caller's own alarm is left alone).
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None, _stop)
        or signal.getitimer(signal.ITIMER_REAL)[0]
    ):
        yield False
        return
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
