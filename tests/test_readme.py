"""The README's examples run, and its claims about the sample hold."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
EXAMPLE_PLUGIN = ROOT / "examples" / "plugin-tttt"


def test_the_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(PYTHON_BLOCKS) >= 4
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(EXAMPLE_PLUGIN / "src"))  # `import bcpipe_tttt`
    namespace: dict[str, object] = {}
    for block in PYTHON_BLOCKS:
        # A pseudo file name: tools that read source by file name must not read README.md
        # itself, whose line numbers are not the block's.
        exec(compile(block, "<README.md example>", "exec"), namespace)
    # The tests the README shows are run too (each draws many documents).
    tests: list[Callable[[], None]] = [
        f for name, f in namespace.items() if name.startswith("test_") and callable(f)
    ]
    assert len(tests) >= 4
    for test in tests:
        test()


def test_the_plugin_shown_is_the_example_plugin() -> None:
    source = (EXAMPLE_PLUGIN / "src" / "bcpipe_tttt" / "__init__.py").read_text(encoding="utf-8")
    (shown,) = [block for block in PYTHON_BLOCKS if "def bcpipe_rules(settings" in block]
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
