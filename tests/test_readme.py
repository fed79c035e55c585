"""The README's examples run, and its claims about the sample hold."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert len(blocks) >= 2
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)


def test_the_shown_validate_output_is_what_bcpipe_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bcpipe.cli import main

    shown = re.search(r"\$ \.venv/bin/bcpipe validate (\S+)\n(.*?)```", README, flags=re.S)
    assert shown is not None
    monkeypatch.chdir(ROOT)
    assert main(["validate", shown.group(1)]) == 0
    assert capsys.readouterr().out == shown.group(2)
