"""A plugin found twice (installed, and in a plugins folder) runs once, and it is said."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, minimal_report

import bcpipe
from bcpipe.cli import main

TTTT = ROOT / "examples" / "plugin-tttt" / "src" / "bcpipe_tttt"

SHORT_SUBJECT = """
import bcpipe
from bcpipe import Check, Severity

SHORT = Check("XY001", Severity.WARNING, vi="Trích yếu quá ngắn", en="The subject is too short")


@bcpipe.rule("xy-subject-length", SHORT)
def subject_length(doc, ctx):
    if len(doc.subject.split()) < 40:
        yield SHORT.at(("subject",))


@bcpipe.hookimpl
def bcpipe_rules():
    return [subject_length]
"""


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "one", tmp_path / "two"
    for folder in (first, second):
        folder.mkdir()
        (folder / "subject.py").write_text(SHORT_SUBJECT, encoding="utf-8")
    return first, second


def test_the_same_module_given_twice_gives_one_set_of_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(TTTT.parent))
    import bcpipe_tttt

    once = bcpipe.Pipeline(plugins=[bcpipe_tttt], load_entrypoints=False)
    twice = bcpipe.Pipeline(plugins=[bcpipe_tttt, bcpipe_tttt], load_entrypoints=False)
    assert once.notices == []
    assert twice.notices == [
        "plugin 'bcpipe_tttt' is plugin 'bcpipe_tttt' again (the same module or source "
        "file): registered once, as 'bcpipe_tttt'"
    ]
    assert twice.problems == []  # a notice, not a failure (no BC901)
    doc = bcpipe.load(minimal_report())
    assert twice.validate(doc).codes() == once.validate(doc).codes()


def test_a_plugin_installed_and_in_a_plugins_folder_runs_once(
    two_folders: tuple[Path, Path],
) -> None:
    first, second = two_folders
    doc = bcpipe.load(minimal_report())
    one = bcpipe.Pipeline(plugins_dir=[first], load_entrypoints=False).validate(doc)
    # The same file by another path, and a copy of it elsewhere (as pip copies a package).
    pipeline = bcpipe.Pipeline(plugins_dir=[first, first, second], load_entrypoints=False)
    assert pipeline.validate(doc).codes().count("XY001") == 1 == one.codes().count("XY001")
    assert len(pipeline.notices) == 2


def test_the_command_line_says_so(two_folders: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_folders
    report = tmp_path / "r.json"
    report.write_text(bcpipe.load(minimal_report()).model_dump_json(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    argv = ["validate", str(report), "--plugins-dir", str(first), "--plugins-dir", str(second)]
    assert main(argv, out=out, err=err) == 0
    assert out.getvalue().count("XY001") == 1
    assert "bcpipe: note: plugin 'subject' is plugin 'subject' again" in err.getvalue()
    shutil.rmtree(second)
