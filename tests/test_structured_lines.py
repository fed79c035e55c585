"""JSON and TOML inputs name lines, as YAML does; a wrong month points at its own line."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from conftest import SAMPLE_YAML, minimal_report

import bcpipe

PIPELINE = bcpipe.Pipeline()


def test_an_unknown_field_in_json_names_its_line(tmp_path: Path) -> None:
    data = minimal_report()
    data["subjct"] = data.pop("subject")
    text = json.dumps(data, ensure_ascii=False, indent=2)
    expected = 1 + text.splitlines().index(next(x for x in text.splitlines() if '"subjct"' in x))
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(bcpipe.InvalidDocumentError) as error:
        PIPELINE.load(path)
    lines = {p.path: p.line for p in error.value.problems}
    assert lines["subjct"] == expected
    assert f"line {expected}, subjct:" in str(error.value)


def test_findings_of_a_json_document_name_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "sample.json"
    path.write_bytes(PIPELINE.export(PIPELINE.load(SAMPLE_YAML), "json"))
    (finding,) = PIPELINE.validate(PIPELINE.load(path)).findings
    line = path.read_text(encoding="utf-8").splitlines()[finding.location.line - 1]
    assert finding.code == "BC305" and '"holders": [' in line


def _value(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # strings and numbers: TOML reads JSON's


def as_toml(data: dict[str, object]) -> str:
    """A report as a clerk writes TOML: keys, then [tables] and [[arrays of tables]]."""
    out = [f"{k} = {_value(v)}" for k, v in data.items() if not isinstance(v, dict | list)]
    for key, value in data.items():
        if isinstance(value, dict):
            out += [f"\n[{key}]", *(f"{k} = {_value(v)}" for k, v in value.items())]
        elif isinstance(value, list):
            for item in value:
                out += [f"\n[[{key}]]", *(f"{k} = {_value(v)}" for k, v in item.items())]
    return "\n".join(out) + "\n"


def test_a_misplaced_month_points_at_the_month_line(tmp_path: Path) -> None:
    data = minimal_report(status="draft")
    del data["number"]  # a draft's; TOML has no null
    data["issue_date"] = {"year": 2023, "month": 13}
    text = as_toml(data)
    month = 1 + text.splitlines().index("month = 13")
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    assert tomllib.loads(text) == data
    result = PIPELINE.validate(PIPELINE.load(path))
    (finding,) = [f for f in result.findings if f.code == "BC105"]
    assert str(finding.location) == f"issue_date.month (line {month})"


def test_a_wrong_toml_value_names_its_line(tmp_path: Path) -> None:
    data = minimal_report()
    data["issue_date"] = {"day": 5, "month": 3, "year": "hai nghìn"}
    text = as_toml(data)
    year = 1 + text.splitlines().index('year = "hai nghìn"')
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(bcpipe.InvalidDocumentError) as error:
        PIPELINE.load(path)
    assert f"line {year}, issue_date.year: expected a whole number" in str(error.value)


def test_a_toml_list_item_names_its_own_line(tmp_path: Path) -> None:
    data = minimal_report()
    path = tmp_path / "r.toml"
    path.write_text(as_toml(data).replace('"VT", "VP"', '"VP"'), encoding="utf-8")
    findings = PIPELINE.validate(PIPELINE.load(path)).findings
    (no_vt,) = [f for f in findings if f.code == "BC304"]
    line = path.read_text(encoding="utf-8").splitlines()[no_vt.location.line - 1]
    assert line.startswith("holders = ")
