"""Which files a batch reads, in which order, and where each one's outputs go.

Inputs are files, folders (searched recursively for files whose suffix a loader claims)
and glob patterns (``reports/**/*.yaml``), taken in the order given; a folder's files
and a pattern's matches are sorted. A file named directly is always taken (if no
loader claims it, it is reported as failed); hidden files and folders, and the output
folder, are never searched (and no input may be inside the output folder, where its
outputs could overwrite it). A file reached twice is taken once.

Outputs mirror the inputs' paths below their deepest common folder:
``huyen-a/xa-1.yaml`` and ``huyen-b/xa-1.yaml`` become ``OUTDIR/huyen-a/xa-1.pdf`` and
``OUTDIR/huyen-b/xa-1.pdf``. Two inputs of one folder with one stem (``a.yaml`` and
``a.json``), and an input called ``report`` at the top (whose outputs would clash
with the batch's own ``report.json`` and ``report.html``), keep their suffix:
``a.yaml.pdf``, ``a.json.pdf``.
"""

from __future__ import annotations

import glob
import os
import stat
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from bcpipe.errors import BatchError

__all__ = ["BatchError", "Input", "discover", "output_stems"]

RESERVED_STEMS = frozenset({"report"})
#: The batch's own folder in OUTDIR (records of earlier runs): an input whose outputs
#: would go there has them in ``_.bcpipe/`` instead.
RESERVED_FOLDER = ".bcpipe"


@dataclass(frozen=True, slots=True)
class Input:
    """One file of a batch: its absolute path, and its name as messages show it."""

    path: str
    name: str


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)  # noqa: PTH116 - paths are kept as str
    except (OSError, ValueError):
        return False


def _absolute(name: str) -> str:
    """``name`` made absolute as the kernel resolves it.

    ``os.path.abspath`` drops ``link/..`` as text, which names another file when
    ``link`` is a symbolic link to a folder elsewhere; the folder is resolved instead
    (the file itself, if a link, is kept: its outputs take its name).
    """
    absolute = os.path.abspath(name)  # noqa: PTH100
    if ".." not in PurePath(name).parts:
        return absolute
    folder, base = os.path.split(os.path.join(os.getcwd(), name))  # noqa: PTH109, PTH118
    return os.path.join(os.path.realpath(folder), base)  # noqa: PTH118


def _has_magic(pattern: str) -> bool:
    return any(char in pattern for char in "*?[")


class _Finder:
    # Paths are kept as strings: a batch of a million files holds a million of them.
    def __init__(self, suffixes: Collection[str], outdir: Path) -> None:
        self.suffixes = frozenset(s.lower() for s in suffixes)
        self.outdir = str(outdir.resolve())
        self.seen: set[str] = set()
        self.found: list[Input] = []

    def _in_outdir(self, real: str) -> bool:
        return real == self.outdir or real.startswith(self.outdir.rstrip(os.sep) + os.sep)

    def add(self, name: str, *, claimed_only: bool) -> None:
        real = os.path.realpath(name)
        if claimed_only and (
            os.path.splitext(name)[1].lower() not in self.suffixes  # noqa: PTH122
            or self._in_outdir(real)
            or not _regular(real)  # a FIFO named *.yaml would block the batch
        ):
            return
        if self._in_outdir(real):  # named directly: its outputs could overwrite it
            raise BatchError(
                f"{name}: this input is inside the output folder {self.outdir}; "
                "choose an output folder outside the inputs"
            )
        if real not in self.seen:
            self.seen.add(real)
            self.found.append(Input(_absolute(name), name))

    def walk(self, folder: str) -> None:
        if self._in_outdir(os.path.realpath(folder)):
            raise BatchError(
                f"{folder}: this input folder is inside the output folder {self.outdir}; "
                "choose an output folder outside the inputs"
            )
        for here, dirs, files in os.walk(folder):
            # Sorted, and pruned in place, so os.walk descends in a stable order and
            # never into hidden folders or the output folder.
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and not self._in_outdir(os.path.realpath(os.path.join(here, d)))  # noqa: PTH118
            )
            for file in sorted(files):
                if not file.startswith("."):
                    self.add(os.path.join(here, file), claimed_only=True)  # noqa: PTH118


def discover(
    inputs: Iterable[str | os.PathLike[str]], suffixes: Collection[str], outdir: Path
) -> tuple[list[Input], list[str]]:
    """The files to process, and the inputs (folders, patterns) that gave none."""
    finder = _Finder(suffixes, outdir)
    empty: list[str] = []
    for item in inputs:
        arg = os.fspath(item)
        before = len(finder.found)
        if Path(arg).is_dir():
            finder.walk(arg)
        elif Path(arg).is_file() or not _has_magic(arg):
            finder.add(arg, claimed_only=False)  # a missing file is reported as failed
        else:
            # pathlib's glob takes no absolute pattern; glob.glob takes both.
            for match in sorted(glob.glob(arg, recursive=True)):  # noqa: PTH207
                if Path(match).is_dir():
                    finder.walk(match)
                else:
                    finder.add(match, claimed_only=True)
        if len(finder.found) == before:
            empty.append(arg)
    return finder.found, empty


def output_stems(inputs: Sequence[Input]) -> list[str]:
    """Each input's output path below OUTDIR without the format's extension (POSIX form)."""
    if not inputs:
        return []
    folders = [os.path.dirname(item.path) for item in inputs]  # noqa: PTH120
    base = os.path.commonpath(folders)
    places: list[tuple[str, str, str]] = []  # (folder below base, POSIX; name; stem)
    for folder, item in zip(folders, inputs, strict=True):
        relative = PurePath(folder).relative_to(base).as_posix()
        name = os.path.basename(item.path)  # noqa: PTH119
        places.append(("" if relative == "." else relative, name, os.path.splitext(name)[0]))  # noqa: PTH122
    del folders
    plain = Counter((folder, stem) for folder, _, stem in places)
    stems: list[str] = []
    used: set[str] = set()
    for folder, name, stem in places:
        if plain[folder, stem] > 1 or (not folder and stem.lower() in RESERVED_STEMS):
            stem = name
        path = f"{folder}/{stem}" if folder else stem
        if path.split("/", 1)[0] == RESERVED_FOLDER:  # beside the records: kept apart
            path = f"_{path}"
        candidate, number = path, 1
        while candidate in used:  # "a.yaml" next to "a.yaml.json": rare, still distinct
            number += 1
            candidate = f"{path}~{number}"
        used.add(candidate)
        stems.append(candidate)
    return stems
