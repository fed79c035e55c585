"""The README's and the documentation's examples run, and their claims hold."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
EXAMPLE_PLUGIN = ROOT / "examples" / "plugin-tttt"


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M)


def run_blocks(page: Path) -> dict[str, object]:
    """Run a page's Python blocks in order in one namespace, as a script would."""
    # "__main__": an example that guards its work (run_batch) runs as pasted into a script.
    namespace: dict[str, object] = {"__name__": "__main__"}
    for number, block in enumerate(python_blocks(page), 1):
        # A pseudo file name: tools that read source by file name must not read the page
        # itself, whose line numbers are not the block's.
        exec(compile(block, f"<{page.name} example {number}>", "exec"), namespace)
    return namespace


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(EXAMPLE_PLUGIN / "src"))  # `import bcpipe_tttt`


def test_the_readme_stays_a_front_door() -> None:
    assert len(README.encode("utf-8")) < 15_000
    assert len(python_blocks(ROOT / "README.md")) >= 2


@pytest.mark.parametrize(
    "page", [p for p in PAGES if python_blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_the_python_examples_run(page: Path, at_root: None) -> None:
    namespace = run_blocks(page)
    # The tests a page shows are run too (each draws many documents).
    tests: list[Callable[[], None]] = [
        f for name, f in namespace.items() if name.startswith("test_") and callable(f)
    ]
    for test in tests:
        test()


def test_the_testing_page_runs_the_plugins_tests(at_root: None) -> None:
    namespace = run_blocks(ROOT / "docs" / "testing.md")
    assert len([name for name in namespace if name.startswith("test_")]) >= 4


def test_the_plugin_shown_is_the_example_plugin() -> None:
    source = (EXAMPLE_PLUGIN / "src" / "bcpipe_tttt" / "__init__.py").read_text(encoding="utf-8")
    (shown,) = [
        block
        for block in python_blocks(ROOT / "docs" / "testing.md")
        if "def bcpipe_rules(settings" in block
    ]
    assert source.endswith(shown)


def test_the_shown_validate_output_is_what_bcpipe_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bcpipe.cli import main

    shown = re.search(r"\$ \.venv/bin/bcpipe validate (\S+)\n(.*?)```", README, flags=re.S)
    assert shown is not None
    monkeypatch.chdir(ROOT)
    assert main(["validate", shown.group(1)]) == 0
    assert capsys.readouterr().out == shown.group(2)


def test_every_relative_link_of_the_readme_resolves() -> None:
    targets = re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", README)
    assert "docs/cli.md" in targets
    assert [t for t in targets if not (ROOT / t).exists()] == []


def test_the_documentation_builds_without_warnings(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr
    assert (tmp_path / "cli" / "index.html").exists()
