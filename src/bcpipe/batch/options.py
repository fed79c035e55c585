"""How a batch worker builds its pipeline: plain, picklable options, never a Pipeline.

A :class:`~bcpipe.Pipeline` holds plugin modules and compiled objects that cannot be
sent to another process (or machine). Workers get these options instead and build
their own pipeline once (see :mod:`bcpipe.batch.worker`).
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from bcpipe.findings import Language
from bcpipe.pipeline import Pipeline

__all__ = ["PipelineOptions"]


@dataclass(frozen=True, slots=True)
class PipelineOptions:
    """The arguments of :class:`~bcpipe.Pipeline`, in a form that pickles.

    ``plugins`` are importable module names (``"my_plugins.subject"``), each imported
    and registered like ``Pipeline(plugins=[module])``. ``settings`` is the table of
    plugin settings (as read from ``--config``).
    """

    plugins: tuple[str, ...] = ()
    plugins_dir: tuple[str, ...] = ()
    load_entrypoints: bool = True
    disable: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    language: Language = "vi"
    ignore: tuple[str, ...] = ()
    debug: bool = False

    @classmethod
    def of(
        cls,
        *,
        plugins: Iterable[str | ModuleType] = (),
        plugins_dir: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = None,
        load_entrypoints: bool = True,
        disable: Iterable[str] = (),
        settings: Mapping[str, Any] | None = None,
        language: Language = "vi",
        ignore: Iterable[str] = (),
        debug: bool = False,
    ) -> PipelineOptions:
        """Options from the arguments :class:`~bcpipe.Pipeline` takes.

        Plugin modules may be given as modules or names; any other plugin object cannot
        reach a worker process and is refused with a :class:`TypeError`.
        """
        if plugins_dir is None:
            dirs: tuple[str, ...] = ()
        elif isinstance(plugins_dir, str | os.PathLike):
            dirs = (os.fspath(plugins_dir),)
        else:
            dirs = tuple(os.fspath(d) for d in plugins_dir)
        if language not in ("vi", "en"):
            raise ValueError(f"language must be 'vi' or 'en', not {language!r}")
        return cls(
            plugins=tuple(_module_name(p) for p in plugins),
            # Workers may run in another folder (a Dask worker does): absolute paths.
            plugins_dir=tuple(str(Path(d).absolute()) for d in dirs),
            load_entrypoints=load_entrypoints,
            disable=tuple(disable),
            settings=dict(settings or {}),
            language=language,
            ignore=tuple(ignore),
            debug=debug,
        )

    def build(self) -> Pipeline:
        """A new pipeline with these options (imports the plugin modules)."""
        return Pipeline(
            plugins=[importlib.import_module(name) for name in self.plugins],
            plugins_dir=list(self.plugins_dir) or None,
            load_entrypoints=self.load_entrypoints,
            disable=self.disable,
            settings=self.settings,
            language=self.language,
            ignore=self.ignore,
            debug=self.debug,
        )

    @property
    def key(self) -> str:
        """A canonical text of the options: equal options, equal keys (a cache key)."""
        return json.dumps(
            {
                "plugins": self.plugins,
                "plugins_dir": self.plugins_dir,
                "load_entrypoints": self.load_entrypoints,
                "disable": sorted(self.disable),
                "settings": self.settings,
                "language": self.language,
                "ignore": sorted(self.ignore),
                "debug": self.debug,
            },
            sort_keys=True,
            ensure_ascii=False,
            default=str,  # TOML dates and times
        )


def _module_name(plugin: str | ModuleType) -> str:
    if isinstance(plugin, str):
        return plugin
    if isinstance(plugin, ModuleType) and plugin.__name__ != "__main__":
        return plugin.__name__
    raise TypeError(
        f"batch workers build their own pipeline and cannot receive the plugin {plugin!r}: "
        "give plugins as importable module names, or use plugins_dir"
    )
