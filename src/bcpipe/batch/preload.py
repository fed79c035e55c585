"""Imported once by the local pool's fork server, so that its workers start fast.

Importing bcpipe and the installed plugin modules is most of a worker's start-up; done
here, in the server, every worker forked from it inherits them. A plugin module that
fails to import is left alone: the worker's own pipeline reports it as usual.
"""

from __future__ import annotations

import contextlib
import importlib
from importlib.metadata import entry_points

import bcpipe.batch.worker  # noqa: F401  (the workers' entry point)
from bcpipe.plugins import ENTRY_POINT_GROUP

for _entry in entry_points(group=ENTRY_POINT_GROUP):
    with contextlib.suppress(Exception):
        importlib.import_module(_entry.module)
