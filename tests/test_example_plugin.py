"""The worked example for plugin authors (examples/plugin-tttt) works: its own tests run
here, and its package declares the entry point bcpipe finds it by."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT, minimal_report

import bcpipe

EXAMPLE = ROOT / "examples" / "plugin-tttt"
# The example is not installed in bcpipe's environment: import it from its folder.
sys.path.insert(0, str(EXAMPLE / "src"))
import bcpipe_tttt  # noqa: E402


def _example_tests() -> ModuleType:
    path = EXAMPLE / "tests" / "test_tttt.py"
    spec = importlib.util.spec_from_file_location("bcpipe_tttt_example_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# pytest collects the example's test functions from this module's namespace, so the
# example's own suite runs as part of bcpipe's.
_TESTS = {name: f for name, f in vars(_example_tests()).items() if name.startswith("test_")}
globals().update(_TESTS)


def test_the_example_has_tests_and_they_are_collected_here() -> None:
    assert len(_TESTS) >= 5
    assert all(globals()[name] is test for name, test in _TESTS.items())


def test_the_pyproject_declares_the_entry_point() -> None:
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["bcpipe"] == {"tttt": "bcpipe_tttt"}
    assert any(dep.startswith("bcpipe") for dep in project["dependencies"])
    assert "bcpipe[testing]>=0.1" in project["optional-dependencies"]["test"]
    # The entry point names the module this suite imports.
    assert Path(bcpipe_tttt.__file__).resolve() == EXAMPLE / "src" / "bcpipe_tttt" / "__init__.py"
    assert bcpipe_tttt.__version__ == project["version"]


@pytest.fixture
def installed_example(tmp_path: Path) -> Iterator[None]:
    """The example installed as pip would: a .dist-info whose entry points are the
    pyproject's (the module itself is already importable from its folder)."""
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dist = tmp_path / f"bcpipe_tttt-{project['version']}.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    lines = [f"{name} = {target}" for name, target in project["entry-points"]["bcpipe"].items()]
    (dist / "entry_points.txt").write_text("[bcpipe]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield
    finally:
        sys.path.remove(str(tmp_path))


def test_installed_the_rule_is_found_through_the_entry_point(installed_example: None) -> None:
    pipeline = bcpipe.Pipeline()
    info = {p.name: p for p in pipeline.plugins()}["tttt"]
    assert (info.source, info.distribution) == ("entrypoint", "bcpipe-tttt")
    assert info.components == {"rules": ["tttt-request-number"]}
    report = minimal_report(
        closing=[{"text": "Kính báo cáo Sở Thông tin và Truyền thông biết, tổng hợp./."}],
        recipients=[
            {"name": "UBND huyện Tuy Phước"},
            {"name": "Sở Thông tin và Truyền thông"},
            {"kind": "archive", "holders": ["VT", "VP"]},
        ],
    )
    assert pipeline.validate(bcpipe.load(report)).codes() == ["TT001"]
