"""The commands plugins add to the ``bcpipe`` command line (hook ``bcpipe_commands``).

A :class:`Command` is a name under ``bcpipe``, a function adding its arguments to an
argparse parser, and a function running it. The decorator :func:`command` builds one::

    def _arguments(parser):
        parser.add_argument("name")

    @bcpipe.command("hello", configure=_arguments)
    def hello(args, ctx):
        \"\"\"Greet someone.\"\"\"
        ctx.out.write(f"xin chào {args.name}\\n")
        return 0
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

__all__ = ["Command", "CommandContext", "command"]


@dataclass(frozen=True, slots=True)
class CommandContext:
    """Given to a command when it runs: where to write, what ``-`` reads, settings.

    ``settings`` is the TOML file of the command's ``--config FILE`` when the command
    defines that option (dest ``config``), else ``./bcpipe.toml`` when there is one.
    """

    out: TextIO
    err: TextIO
    stdin: BinaryIO
    settings: Mapping[str, Any]


ConfigureFunc = Callable[[argparse.ArgumentParser], None]
RunFunc = Callable[[argparse.Namespace, CommandContext], int]


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command that takes no arguments adds none."""


@dataclass(frozen=True, slots=True)
class Command:
    """A subcommand ``bcpipe NAME``: ``configure(parser)`` adds its arguments,
    ``run(args, ctx)`` runs it and returns the exit code (0 success, 2 failure).

    ``run`` reports a bad input by raising :class:`bcpipe.BcpipeError`: the command
    line prints its message and exits with 2, as the built-in commands do.
    """

    name: str
    run: RunFunc
    configure: ConfigureFunc = _no_arguments
    help: str = ""

    def __post_init__(self) -> None:
        # argparse would take "-x" or "a b" as a command name and never match it.
        if not self.name or self.name.startswith("-") or self.name.split() != [self.name]:
            raise ValueError(f"a command name is one word not starting with '-', not {self.name!r}")
        if not callable(self.run) or not callable(self.configure):
            raise TypeError(f"command {self.name!r}: run and configure must be callables")


def command(
    name: str, *, configure: ConfigureFunc = _no_arguments, help: str | None = None
) -> Callable[[RunFunc], Command]:
    """Make a :class:`Command` of a function ``(args, ctx) -> int``; ``help`` defaults
    to the first line of its docstring."""

    def wrap(func: RunFunc) -> Command:
        shown = help if help is not None else (func.__doc__ or "").strip().split("\n")[0]
        return Command(name, func, configure, shown)

    return wrap
