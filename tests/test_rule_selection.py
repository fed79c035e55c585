"""Rule sets and selection, as linters have them: select, extend-select, ignore,
severity overrides and per-type overrides, in the API, bcpipe.toml and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_YAML, minimal_report
from test_cli import run, write_yaml

import bcpipe
from bcpipe.findings import RULE_SETS
from bcpipe.selection import RuleSelection, RuleSelectionError


def _no_end_mark() -> dict[str, Any]:
    """A report without "./." at the end (BC404, strict set) and no other defect."""
    data = minimal_report()
    data["closing"][-1]["text"] = data["closing"][-1]["text"].rstrip("./")
    return data


def _codes(pipeline: bcpipe.Pipeline, data: dict[str, Any]) -> list[str]:
    return pipeline.validate(bcpipe.load(data)).codes()


def test_every_built_in_check_is_in_a_rule_set() -> None:
    checks = bcpipe.Pipeline().checks()
    assert {check.rule_set for _, check in checks} == set(RULE_SETS)
    with pytest.raises(ValueError, match="rule set 'loose' of XY001"):
        bcpipe.Check("XY001", bcpipe.Severity.INFO, vi="x", en="x", rule_set="loose")


def test_the_default_is_the_recommended_set() -> None:
    data = _no_end_mark()
    assert _codes(bcpipe.Pipeline(), data) == []
    assert _codes(bcpipe.Pipeline(select=["strict"]), data) == ["BC404"]
    assert _codes(bcpipe.Pipeline(extend_select=["BC404"]), data) == ["BC404"]
    assert _codes(bcpipe.Pipeline(extend_select=["BC4"]), data) == ["BC404"]  # a prefix
    assert _codes(bcpipe.Pipeline(select=["all"], ignore=["BC404"]), data) == []


def test_strict_holds_the_recommended_set_and_style_does_not() -> None:
    data = minimal_report(number=None)  # BC106, recommended
    assert _codes(bcpipe.Pipeline(select=["strict"]), data) == ["BC106"]
    assert _codes(bcpipe.Pipeline(select=["style"]), data) == []


def test_the_old_ignore_argument_still_drops_codes() -> None:
    data = minimal_report(number=None)
    assert _codes(bcpipe.Pipeline(ignore=["BC106"]), data) == []
    assert _codes(bcpipe.Pipeline(ignore=["BC1"]), data) == []


def test_severity_overrides_per_code_and_per_type() -> None:
    data = minimal_report(number=None)
    (finding,) = bcpipe.Pipeline(severity={"BC106": "warning"}).validate(bcpipe.load(data)).findings
    assert finding.severity is bcpipe.Severity.WARNING
    settings = {
        "rules": {
            "extend-select": ["BC404"],
            "per-type": {"bao_cao": {"ignore": ["BC404"], "severity": {"BC106": "info"}}},
        }
    }
    pipeline = bcpipe.Pipeline(settings=settings)
    broken = _no_end_mark()
    broken["number"] = None
    result = pipeline.validate(bcpipe.load(broken))
    assert [(f.code, f.severity.value) for f in result.findings] == [("BC106", "info")]
    letter = dict(broken, type="to_trinh", notation="TTr-UBND")
    assert sorted(_codes(pipeline, letter)) == ["BC106", "BC404"]  # the top level's
    # A type may select again what the top level ignores.
    again = {"ignore": ["BC404"], "per-type": {"bao_cao": {"extend-select": ["BC404"]}}}
    assert "BC404" in _codes(bcpipe.Pipeline(settings={"rules": again}), _no_end_mark())


def test_selection_errors_name_what_is_wrong() -> None:
    with pytest.raises(RuleSelectionError, match="'BC999' is neither a rule set"):
        bcpipe.Pipeline(select=["BC999"])
    with pytest.raises(
        RuleSelectionError, match=r"rules\.severity\.BC106: unknown severity 'fatal'"
    ):
        bcpipe.Pipeline(settings={"rules": {"severity": {"BC106": "fatal"}}})
    with pytest.raises(RuleSelectionError, match="unknown document type 'memo'"):
        RuleSelection.from_settings({"per-type": {"memo": {}}})
    with pytest.raises(RuleSelectionError, match="unknown key 'selekt'"):
        RuleSelection.from_settings({"selekt": ["all"]})
    assert issubclass(RuleSelectionError, bcpipe.BcpipeError)


def test_select_strict_offers_every_check_but_style() -> None:
    pipeline = bcpipe.Pipeline(select=["strict"])
    for _, check in pipeline.checks():
        selected = pipeline.selected(check.code)
        assert (selected is not None) == (check.rule_set != "style"), check.code


def test_command_line_selection(tmp_path: Path) -> None:
    file = str(write_yaml(tmp_path / "r.yaml", _no_end_mark()))
    assert "0 warning(s)" in run("validate", file)[1]
    assert "warning BC404" in run("validate", "--select", "strict", file)[1]
    assert "warning BC404" in run("validate", "--extend-select", "BC404", file)[1]
    assert "info BC404" in run("validate", "--select", "all", "--severity", "BC404=info", file)[1]
    code, _, err = run("validate", "--select", "nonsense", file)
    assert code == 2 and "'nonsense' is neither a rule set" in err
    code, _, err = run("validate", "--severity", "BC404", file)
    assert code == 2 and "--severity BC404: expected CODE=LEVEL" in err


def test_bcpipe_toml_rules_table_and_the_command_line_on_top(tmp_path: Path) -> None:
    file = str(write_yaml(tmp_path / "r.yaml", _no_end_mark()))
    config = tmp_path / "bcpipe.toml"
    config.write_text('[rules]\nextend-select = ["BC404"]\n', encoding="utf-8")
    assert "warning BC404" in run("validate", "--config", str(config), file)[1]
    out = run("validate", "--config", str(config), "--ignore", "BC404", file)[1]
    assert "0 warning(s)" in out
    here = Path.cwd()
    os.chdir(tmp_path)  # ./bcpipe.toml is read without --config
    try:
        assert "warning BC404" in run("validate", file)[1]
    finally:
        os.chdir(here)


def test_rules_command_shows_sets_and_the_selection() -> None:
    code, out, _ = run(
        "rules", "--format", "json", "--select", "strict", "--severity", "BC206=info"
    )
    rows = {row["code"]: row for row in json.loads(out)["rules"]}
    assert code == 0
    assert rows["BC206"]["set"] == "strict" and rows["BC206"]["selected"]
    assert rows["BC206"]["severity"] == "warning" and rows["BC206"]["reported_as"] == "info"
    assert rows["BC402"]["set"] == "style" and not rows["BC402"]["selected"]


def test_batch_workers_get_the_selection(tmp_path: Path) -> None:
    sample = str(SAMPLE_YAML)
    argv = ["--to", "text", "-o", str(tmp_path / "out"), "-q", "--executor", "serial"]
    code, out, _ = run("batch", sample, *argv)
    assert code == 0 and "0 error, 1 warning" in out  # BC305, recommended
    code, out, _ = run("batch", sample, *argv, "--force", "--select", "style")
    assert code == 0 and "0 error, 0 warning" in out
    code, _, err = run("batch", sample, *argv, "--select", "nonsense")
    assert code == 2 and "'nonsense' is neither a rule set" in err
