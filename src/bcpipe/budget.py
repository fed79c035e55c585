"""Time budgets: how long a rule may run before it is stopped, and how long a document may take.

A rule that never returns would hang ``validate`` and every batch worker. Inside a
process, a rule is stopped by ``SIGALRM``: :class:`RuleTimer` arms a timer and the
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

import signal
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Budgets", "OverBudget", "RuleTimer"]

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


def _can_time(seconds: float | None) -> bool:
    """Whether a SIGALRM timer may be set here: not outside the main thread, where
    ``SIGALRM`` is missing, or while another handler or timer of ``SIGALRM`` is in
    place (the caller's own alarm is left alone; a validation run inside a rule sets
    no budget of its own, its rule's runs)."""
    if not seconds or not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    handler = signal.getsignal(signal.SIGALRM)
    ours = isinstance(getattr(handler, "__self__", None), RuleTimer)
    return (ours or handler in (signal.SIG_DFL, signal.SIG_IGN, None)) and not (
        signal.getitimer(signal.ITIMER_REAL)[0]
    )


class RuleTimer:
    """The budget of each rule (or transform) of one run: one handler for all of them.

    Setting a handler costs more than the small rules it guards, so a run sets it once
    (``with RuleTimer(seconds) as timer``) and each rule only arms and disarms the timer
    (``timer.arm()`` … ``timer.disarm()``); the handler raises :class:`OverBudget` in
    the rule's code, and only there: an alarm late for a rule that just returned is
    let go. Where no timer may be set (see :func:`_can_time`), there is no limit and
    arming does nothing.
    """

    __slots__ = ("_armed", "_previous", "active", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds or 0.0
        self.active = False
        self._armed = False
        self._previous: Any = None

    def __enter__(self) -> RuleTimer:
        if _can_time(self.seconds):
            self._previous = signal.signal(signal.SIGALRM, self._expire)
            self.active = True
        return self

    def _expire(self, signum: int, frame: object) -> None:
        if self._armed:
            raise OverBudget

    def __exit__(self, *exc: object) -> None:
        if self.active:
            self.active = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def arm(self) -> None:
        """Start the budget of the next rule."""
        if self.active:
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def disarm(self) -> None:
        """End it (the rule returned, or raised)."""
        if self.active:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self._armed = False
