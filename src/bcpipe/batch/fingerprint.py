"""The fingerprint of a plugin set: what a re-run compares to decide an output is current.

Two pipelines with the same fingerprint make the same outputs and findings from the same
input: the same plugins (names, versions, where they come from; for a plugin loaded from
a file, the file's content too, since such plugins rarely carry a version), the same
settings, language, ignored codes and input kind.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from bcpipe import __version__
from bcpipe.pipeline import Pipeline

__all__ = ["plugin_set", "plugin_set_fingerprint"]


def plugin_set(pipeline: Pipeline) -> list[dict[str, Any]]:
    """The registered plugins as the report lists them: name, version, source, and origin."""
    rows = []
    for info in pipeline.plugins():
        row: dict[str, Any] = {
            "name": info.name,
            "version": info.version,
            "source": info.source,
            "origin": info.distribution or info.module,
        }
        if info.source == "directory":
            row["sha256"] = _file_digest(info.module)
        rows.append(row)
    return rows


def plugin_set_fingerprint(
    pipeline: Pipeline, plugins: list[dict[str, Any]], kind: str | None
) -> str:
    """A short hex digest of everything that shapes a document's outputs and findings."""
    data = {
        "bcpipe": __version__,
        "plugins": plugins,
        "problems": [[p.plugin, p.stage, p.message] for p in pipeline.problems],
        "settings": pipeline.settings,
        "language": pipeline.language,
        "ignore": sorted(pipeline.ignore),
        "kind": kind,
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _file_digest(module_name: str) -> str | None:
    module = sys.modules.get(module_name)
    file = getattr(module, "__file__", None)
    if not file:
        return None
    try:
        return hashlib.sha256(Path(file).read_bytes()).hexdigest()[:16]
    except OSError:
        return None
