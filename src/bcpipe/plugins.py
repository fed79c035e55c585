"""Finding and registering plugins: entry points, a plugins folder, objects given in code.

Each :class:`~bcpipe.Pipeline` builds its own :class:`PluginRegistry` (and so its own
pluggy ``PluginManager``): two pipelines in one process never share plugins.
A plugin that cannot be imported or registered does not stop the others; it is
recorded as a :class:`PluginProblem` and reported as a finding.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import Distribution, EntryPoint, entry_points
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Literal

import pluggy

from bcpipe import hookspecs
from bcpipe.errors import PluginError

__all__ = ["ENTRY_POINT_GROUP", "PluginInfo", "PluginProblem", "PluginRegistry"]

ENTRY_POINT_GROUP = "bcpipe"
PluginSource = Literal["entrypoint", "directory", "code"]
_HOOK_NAMES = frozenset(name for name in vars(hookspecs) if name.startswith("bcpipe_"))


@dataclass(frozen=True, slots=True)
class PluginProblem:
    """A plugin that failed to load, register, or contribute its components."""

    plugin: str
    stage: Literal["load", "register", "components"]
    message: str


@dataclass(slots=True)
class PluginInfo:
    """What ``bcpipe plugins`` lists about one registered plugin."""

    name: str
    source: PluginSource
    module: str
    version: str | None = None
    distribution: str | None = None
    hooks: list[str] = field(default_factory=list)
    components: dict[str, list[str]] = field(default_factory=dict)
    # Reading a distribution's metadata parses its METADATA file (a few ms each, most
    # of a pipeline's construction): done only when the plugins are listed.
    dist: Distribution | None = field(default=None, repr=False, compare=False)

    def identified(self) -> PluginInfo:
        """This info with ``version`` and ``distribution`` read from its distribution."""
        if self.dist is not None:
            self.version = self.dist.version
            self.distribution = self.dist.metadata["Name"]
            self.dist = None
        return self

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "source": self.source,
            "module": self.module,
            "version": self.version,
            "distribution": self.distribution,
            "hooks": list(self.hooks),
            "components": {k: list(v) for k, v in self.components.items()},
        }


def _folder_package(folder: Path) -> str:
    """The package a plugins folder's files are loaded into (made once per folder).

    A package of its own per folder keeps two plugins called "rules.py" in different
    folders apart, and lets a plugin import a helper beside it (``from ._shared import
    x``; files starting with "_" are not plugins). Packages and modules go into
    sys.modules because dataclasses and pickling (for process pools) look them up there.
    """
    location = str(folder.resolve())
    name = f"bcpipe_local_{hashlib.sha1(location.encode()).hexdigest()[:10]}"
    if name not in sys.modules:
        spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
        spec.submodule_search_locations = [location]
        sys.modules[name] = importlib.util.module_from_spec(spec)
    return name


def _module_from_path(path: Path) -> ModuleType:
    name = f"{_folder_package(path.parent)}.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


class _Manager(pluggy.PluginManager):
    """pluggy's manager, with a quicker look at a module plugin's names.

    pluggy inspects every name of a plugin with ``inspect.getattr_static``; a plugin
    module's names are mostly its imports, and that inspection was most of a
    pipeline's construction. A module's attributes are its ``__dict__``, so the marker
    is read there; other plugins (classes, instances) go pluggy's way.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if isinstance(plugin, ModuleType):
            value = plugin.__dict__.get(name)
            if not callable(value) or isinstance(value, type):
                return None
            if isinstance(value, FunctionType):
                opts: pluggy.HookimplOpts | None = getattr(value, f"{self.project_name}_impl", None)
                return opts
        return super().parse_hookimpl_opts(plugin, name)


_PathKey = tuple[tuple[str, int], ...]

# What the last scan of installed distributions found, and for which sys.path.
# Scanning costs milliseconds per pipeline; the result is a fact about the
# installation, not state a pipeline could change.
_last_scan: tuple[_PathKey, tuple[EntryPoint, ...]] | None = None


def _bcpipe_entry_points() -> tuple[EntryPoint, ...]:
    """The ``bcpipe`` entry points, sorted by name (scanned again when sys.path changes)."""
    global _last_scan
    key = tuple((entry, _mtime(entry)) for entry in sys.path)
    if _last_scan is None or _last_scan[0] != key:
        found = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
        _last_scan = (key, tuple(found))
    return _last_scan[1]


def _mtime(path_entry: str) -> int:
    # Installing or removing a distribution adds or removes a folder in a sys.path
    # entry, which changes that entry's mtime: the scan is then made again.
    try:
        return Path(path_entry or ".").stat().st_mtime_ns
    except OSError:
        return -1


class PluginRegistry:
    """The plugins of one pipeline, in registration order, with their problems."""

    def __init__(self, *, strict: bool = False, disabled: Iterable[str] = ()) -> None:
        self.manager = _Manager(hookspecs.PROJECT)
        self.manager.add_hookspecs(hookspecs)
        self.strict = strict
        self.disabled = frozenset(disabled)
        self.infos: dict[str, PluginInfo] = {}
        self.problems: list[PluginProblem] = []
        # Said, not failed: a plugin found twice (installed, and in a plugins folder).
        self.notices: list[str] = []
        self._identities: dict[object, str] = {}  # what makes two plugins one: see _identity

    # -- sources ---------------------------------------------------------------

    def load_entrypoints(self) -> None:
        """Register every plugin of the ``bcpipe`` entry-point group, sorted by name."""
        seen: set[str] = set()
        for ep in _bcpipe_entry_points():
            if ep.name in seen or ep.name in self.disabled:
                continue
            seen.add(ep.name)
            self._load_entrypoint(ep)

    def _load_entrypoint(self, ep: EntryPoint) -> None:
        try:
            plugin = ep.load()
        except Exception as exc:
            self._problem(ep.name, "load", f"cannot import {ep.value}: {type(exc).__name__}: {exc}")
            return
        name = self.register(plugin, name=ep.name, source="entrypoint")
        if name is not None:
            self.infos[name].dist = ep.dist

    def load_directory(self, directory: str | os.PathLike[str]) -> None:
        """Register each ``*.py`` file of ``directory`` (sorted; ``_``-files skipped)."""
        folder = Path(directory)
        if not folder.is_dir():
            self._problem(str(folder), "load", "plugins directory does not exist")
            return
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_") or path.stem in self.disabled:
                continue
            try:
                module = _module_from_path(path)
            except Exception as exc:
                self._problem(
                    path.stem, "load", f"cannot import {path}: {type(exc).__name__}: {exc}"
                )
                continue
            self.register(module, name=path.stem, source="directory", version=_version_of(module))

    def register(
        self,
        plugin: object,
        *,
        name: str | None = None,
        source: PluginSource = "code",
        version: str | None = None,
        distribution: str | None = None,
    ) -> str | None:
        """Register one plugin object; returns its name, or None if it was refused."""
        name = name or _name_of(plugin)
        if name in self.disabled:
            return None
        identities = _identities(plugin)
        again = next((self._identities[i] for i in identities if i in self._identities), None)
        if again is not None:
            # Registered twice, its rules would report every finding twice.
            self.notices.append(
                f"plugin {name!r} is plugin {again!r} again (the same module or source "
                f"file): registered once, as {again!r}"
            )
            return None
        if name in self.infos:
            self._problem(name, "register", "a plugin of this name is already registered")
            return None
        unknown = _unknown_hooks(plugin)
        if unknown:
            self._problem(name, "register", unknown)
            return None
        try:
            self.manager.register(plugin, name=name)
        except Exception as exc:
            # pluggy explains over several lines; a finding's message is one
            self._problem(name, "register", f"{type(exc).__name__}: {' '.join(str(exc).split())}")
            return None
        self._identities.update(dict.fromkeys(identities, name))
        hooks = sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())
        module = getattr(plugin, "__name__", None) or type(plugin).__module__
        self.infos[name] = PluginInfo(
            name=name,
            source=source,
            module=module,
            version=version if version is not None else _version_of(plugin),
            distribution=distribution,
            hooks=hooks,
        )
        return name

    # -- queries ---------------------------------------------------------------

    def plugin(self, name: str) -> object | None:
        return self.manager.get_plugin(name)

    def names(self) -> Sequence[str]:
        return list(self.infos)

    def _problem(
        self, plugin: str, stage: Literal["load", "register", "components"], message: str
    ) -> None:
        if self.strict:
            raise PluginError(plugin, message)
        self.problems.append(PluginProblem(plugin, stage, message))


def _identities(plugin: object) -> list[object]:
    """What makes two plugins the same: the object itself, and for a module its source
    file, by path and by content (a copy installed into site-packages is still it)."""
    found: list[object] = [("object", id(plugin))]
    file = getattr(plugin, "__file__", None) if isinstance(plugin, ModuleType) else None
    if isinstance(file, str):
        # absolute(), not resolve(): no system call, since construction is meant to be cheap
        # (a copy, or a link, is still caught by its content below).
        path = Path(file).absolute()
        if path.name == "__init__.py":  # a package: its folder's files make it
            return [*found, ("file", str(path))]
        try:
            content = path.read_bytes()
        except OSError:
            content = None
        found.append(("file", str(path)))
        if content is not None:
            found.append(("content", hashlib.sha256(content).hexdigest()))
    return found


def _name_of(plugin: object) -> str:
    name = getattr(plugin, "__name__", None)
    if isinstance(name, str):
        return name
    return f"{type(plugin).__module__}.{type(plugin).__qualname__}"


def _version_of(plugin: object) -> str | None:
    version = getattr(plugin, "__version__", None)
    return version if isinstance(version, str) else None


def _unknown_hooks(plugin: object) -> str | None:
    """A message naming misspelt or unmarked hook functions, else None.

    pluggy silently ignores an unmarked function and accepts a marked one with a
    misspelt name until the hook is called; both are plugin-author mistakes worth a
    clear message at registration.
    """
    marker = f"{hookspecs.PROJECT}_impl"
    problems = []
    for attr in dir(plugin):
        value = getattr(plugin, attr, None)
        if not callable(value):
            continue
        options = getattr(value, marker, None)
        marked = options is not None
        spec_name = (options or {}).get("specname") or attr
        if marked and spec_name not in _HOOK_NAMES:
            close = difflib.get_close_matches(attr, _HOOK_NAMES, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            problems.append(f"{attr} is not a bcpipe hook{hint}")
        elif not marked and attr in _HOOK_NAMES:
            problems.append(f"{attr} is not marked with @bcpipe.hookimpl")
    return "; ".join(problems) or None
