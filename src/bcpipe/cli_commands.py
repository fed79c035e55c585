"""The commands installed plugins add to ``bcpipe`` (hook ``bcpipe_commands``).

The command line asks the plugins of the ``bcpipe`` entry-point group for commands
before it builds its parser, so the parser knows them. A plugin whose hook fails, or
whose command is named as a built-in one, loses that command only: it is recorded as
a :class:`~bcpipe.plugins.PluginProblem` (reported as a BC902 warning) and every
other command works.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from bcpipe.commands import Command
from bcpipe.failures import problem_finding
from bcpipe.findings import Language
from bcpipe.plugins import PluginProblem, PluginRegistry

__all__ = ["PLUGIN_COMMAND_DEST", "PluginCommand", "PluginCommands"]

HOOK = "bcpipe_commands"
#: Where a plugin command's parser leaves its :class:`PluginCommand` in the parsed args.
PLUGIN_COMMAND_DEST = "bcpipe_plugin_command"


@dataclass(frozen=True, slots=True)
class PluginCommand:
    """A command and the plugin that contributed it (named when it fails)."""

    command: Command
    plugin: str


@dataclass(slots=True)
class PluginCommands:
    """The commands the plugins contribute, by name, and the contributions refused."""

    commands: dict[str, PluginCommand] = field(default_factory=dict)
    problems: list[PluginProblem] = field(default_factory=list)

    @classmethod
    def discover(
        cls,
        *,
        builtin: Collection[str],
        load_entrypoints: bool = True,
        disabled: Iterable[str] = (),
    ) -> PluginCommands:
        """The commands of the installed plugins, less ``disabled`` ones. Plugins that
        cannot be imported are left to the commands that build a pipeline to report."""
        registry = PluginRegistry(disabled=disabled)
        if load_entrypoints:
            registry.load_entrypoints()
        return cls.collect(registry, builtin)

    @classmethod
    def collect(cls, registry: PluginRegistry, builtin: Collection[str]) -> PluginCommands:
        """Ask each plugin of ``registry`` apart, so that one failing names its plugin.
        A later plugin's command replaces an earlier one of the same name, as with
        every other component."""
        found = cls()
        for impl in getattr(registry.manager.hook, HOOK).get_hookimpls():
            plugin = impl.plugin_name
            try:
                items = list(impl.function() or ())
                for item in items:
                    if not isinstance(item, Command):
                        raise TypeError(f"{HOOK} returned {item!r}, not a Command")
            except Exception as exc:
                found._problem(plugin, f"{type(exc).__name__}: {exc}")
                continue
            for item in items:
                if item.name in builtin:
                    found._problem(plugin, f"command {item.name!r} is a built-in command: refused")
                else:
                    found.commands[item.name] = PluginCommand(item, plugin)
        return found

    def add_to(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add a parser for each command; one whose ``configure`` fails is left out."""
        for name, entry in self.commands.items():
            help_text = entry.command.help
            parser = subparsers.add_parser(name, help=help_text, description=help_text)
            try:
                entry.command.configure(parser)
            except Exception as exc:
                _remove_parser(subparsers, name)
                self._problem(entry.plugin, f"command {name!r}: {type(exc).__name__}: {exc}")
                continue
            parser.set_defaults(**{PLUGIN_COMMAND_DEST: entry})

    def report(self, err: TextIO, language: Language) -> None:
        """Write each problem as ``bcpipe export`` writes a plugin failure."""
        for problem in self.problems:
            finding = problem_finding(problem, language)
            err.write(f"bcpipe: warning: {finding.code} {finding.message}\n")

    def _problem(self, plugin: str, message: str) -> None:
        self.problems.append(PluginProblem(plugin, "components", f"{HOOK}: {message}"))


def _remove_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str
) -> None:
    # argparse cannot take a subparser back; a half-configured one would be offered in
    # --help and completion and fail when run. Its two records are undone here.
    subparsers._name_parser_map.pop(name, None)
    subparsers._choices_actions = [a for a in subparsers._choices_actions if a.dest != name]
