"""A worker process that ends with its parent (batch workers, the service's PDF pool)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import threading
import time

__all__ = ["die_with_parent"]

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


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
