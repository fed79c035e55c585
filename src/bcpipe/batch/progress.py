"""A one-line progress bar for a terminal (no dependency: a batch needs only this much).

Redrawn at most ten times a second, on the same line (carriage return), and wiped at
the end so that the summary starts on a clean line.
"""

from __future__ import annotations

import shutil
import time
from typing import TextIO

from bcpipe.batch.tasks import Record

__all__ = ["ProgressBar"]


class ProgressBar:
    """Call it with ``(done, total, record)`` after each document; :meth:`close` at the end."""

    def __init__(self, stream: TextIO, *, interval: float = 0.1) -> None:
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.failed = 0
        self.width = 0

    def __call__(self, done: int, total: int, record: Record) -> None:
        self.failed += record["outcome"] == "failed"
        now = time.monotonic()
        if done < total and now - self.drawn_at < self.interval:
            return
        self.drawn_at = now
        self.draw(done, total, now - self.started)

    def draw(self, done: int, total: int, elapsed: float) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        tail = f" {done}/{total} {rate:.1f} docs/s ETA {_clock(left)}"
        if self.failed:
            tail += f" failed {self.failed}"
        bar_width = max(10, min(40, columns - len(tail) - 8))
        filled = bar_width * done // total if total else bar_width
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}] {100 * done // max(total, 1):3d}%"
        line = (line + tail)[: columns - 1]
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()

    def close(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
