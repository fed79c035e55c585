"""Commands plugins add to the command line (hook ``bcpipe_commands``): run, refused,
and never breaking the built-in commands."""

from __future__ import annotations

import ast
import io
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_YAML

import bcpipe
from bcpipe.cli import build_parser, discover_commands, main
from bcpipe.completion import completion_script

Install = Callable[[str, str], None]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def install(tmp_path: Path) -> Iterator[Install]:
    """Install a plugin module the way pip does: its code and a .dist-info naming it
    in the ``bcpipe`` entry-point group."""
    site = tmp_path / "site"
    site.mkdir()
    modules: list[str] = []

    def installed(name: str, source: str) -> None:
        module = f"bcpipe_cmdtest_{name}"
        (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        dist = site / f"{module}-1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n", encoding="utf-8"
        )
        (dist / "entry_points.txt").write_text(f"[bcpipe]\n{name} = {module}\n", encoding="utf-8")
        modules.append(module)

    sys.path.insert(0, str(site))
    try:
        yield installed
    finally:
        sys.path.remove(str(site))
        for module in modules:
            sys.modules.pop(module, None)


GREETING = """
    import bcpipe

    def _arguments(parser):
        parser.add_argument("name")
        parser.add_argument("--config")

    @bcpipe.command("greet", configure=_arguments)
    def greet(args, ctx):
        \"\"\"Greet someone in the words of the settings.\"\"\"
        words = ctx.settings.get("greet", {}).get("words", "xin chào")
        ctx.out.write(f"{words} {args.name}\\n")
        return 3

    @bcpipe.hookimpl
    def bcpipe_commands():
        return [greet]
"""


def test_a_third_party_command_runs_with_its_arguments_and_settings(
    install: Install, tmp_path: Path
) -> None:
    install("greeter", GREETING)
    config = tmp_path / "greet.toml"
    config.write_text('[greet]\nwords = "chào anh"\n', encoding="utf-8")
    code, out, err = run("greet", "Minh", "--config", str(config))
    assert (code, out, err) == (3, "chào anh Minh\n", "")
    # Offered where the built-in commands are: help and shell completion.
    parser = build_parser(discover_commands([]))
    assert "Greet someone in the words of the settings." in parser.format_help()
    fish = completion_script(parser, "fish")
    assert "-a greet -d 'Greet someone in the words of the settings.'" in fish


def test_disabling_the_plugin_takes_its_command_away(install: Install) -> None:
    install("greeter", GREETING)
    with pytest.raises(SystemExit) as exited:
        main(["greet", "Minh", "--disable", "greeter"], out=io.StringIO(), err=io.StringIO())
    assert exited.value.code == 2  # argparse: invalid choice
    assert "greet" not in discover_commands(["--no-entrypoints"]).commands


BROKEN_HOOK = """
    import bcpipe

    @bcpipe.hookimpl
    def bcpipe_commands():
        raise RuntimeError("no commands today")
"""

GARBAGE_HOOK = """
    import bcpipe

    @bcpipe.hookimpl
    def bcpipe_commands():
        return ["validate"]
"""


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (BROKEN_HOOK, "bcpipe_commands: RuntimeError: no commands today"),
        (GARBAGE_HOOK, "bcpipe_commands: TypeError: bcpipe_commands returned 'validate', not a"),
    ],
)
def test_a_failing_command_hook_does_not_break_validate(
    install: Install, source: str, said: str
) -> None:
    install("broken", source)
    install("greeter", GREETING)
    code, out, err = run("validate", str(SAMPLE_YAML), "--lang", "en")
    assert code == 0 and out.startswith(f"{SAMPLE_YAML}: draft, 0 error(s)")
    assert err.startswith(
        "bcpipe: warning: BC902 Plugin broken failed while contributing its components: " + said
    )
    assert run("greet", "Lan")[:2] == (3, "xin chào Lan\n")  # the other plugin's command
    # Disabled, the broken plugin is not asked, and says nothing.
    assert run("validate", str(SAMPLE_YAML), "--disable", "broken")[2] == ""


def test_a_command_named_as_a_built_in_one_is_refused(install: Install) -> None:
    install(
        "usurper",
        """
        import bcpipe

        @bcpipe.command("validate")
        def validate(args, ctx):
            ctx.out.write("not checked at all\\n")
            return 0

        @bcpipe.hookimpl
        def bcpipe_commands():
            return [validate]
        """,
    )
    code, out, err = run("validate", str(SAMPLE_YAML), "--lang", "en")
    assert code == 0 and "not checked" not in out and "warning BC305" in out
    assert err == (
        "bcpipe: warning: BC902 Plugin usurper failed while contributing its components: "
        "bcpipe_commands: command 'validate' is a built-in command: refused\n"
    )


def test_a_command_whose_arguments_or_run_fail_names_its_plugin(install: Install) -> None:
    install(
        "clumsy",
        """
        import bcpipe

        def _bad_arguments(parser):
            parser.add_argument("--x", nargs=0)  # argparse refuses nargs=0 here

        @bcpipe.command("unparsable", configure=_bad_arguments)
        def unparsable(args, ctx):
            return 0

        @bcpipe.command("crashing")
        def crashing(args, ctx):
            return 1 / 0

        @bcpipe.hookimpl
        def bcpipe_commands():
            return [unparsable, crashing]
        """,
    )
    code, _, err = run("crashing")
    assert code == 2
    assert "BC902 Plugin clumsy" in err and "command 'unparsable': ValueError" in err
    assert err.endswith(
        "bcpipe: command 'crashing' of plugin clumsy failed: ZeroDivisionError: division by zero\n"
    )
    assert "unparsable" not in build_parser(discover_commands([])).format_help()


def test_the_edxml_command_comes_through_the_hook() -> None:
    found = discover_commands([])
    assert found.commands["edxml"].plugin == "edxml" and found.problems == []
    assert "edxml" not in discover_commands(["--disable", "edxml"]).commands


def test_command_names_are_one_word() -> None:
    for name in ("", "-x", "two words"):
        with pytest.raises(ValueError, match="a command name is one word"):
            bcpipe.Command(name, lambda args, ctx: 0)


def test_the_core_does_not_import_the_bundled_plugins() -> None:
    # The core knows its plugins only through hooks; an import would make it depend on them.
    importing = []
    for path in sorted((ROOT / "src" / "bcpipe").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(name.split(".")[0] == "bcpipe_plugins" for name in names):
                importing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert importing == []
