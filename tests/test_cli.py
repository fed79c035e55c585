"""The command line: output, exit codes, and never a traceback for bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SAMPLE_YAML

from bcpipe.cli import main
from bcpipe.schema import document_schema_json


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_validate_the_sample(tmp_path: Path) -> None:
    code, out, err = run("validate", str(SAMPLE_YAML))
    assert code == 0, err
    assert out.splitlines()[0] == f"{SAMPLE_YAML}: draft, 0 error(s), 1 warning(s), 0 info"
    assert "warning BC305 recipients[4].holders (line " in out


def test_validate_json_output_and_exit_codes(tmp_path: Path, minimal: dict[str, Any]) -> None:
    good = write_yaml(tmp_path / "good.yaml", minimal)
    minimal["number"] = None
    bad = write_yaml(tmp_path / "bad.yaml", minimal)
    code, out, _ = run("validate", "--format", "json", "--lang", "en", str(good), str(bad))
    assert code == 1
    report = json.loads(out)
    assert [f["file"] for f in report["files"]] == [str(good), str(bad)]
    assert report["files"][0]["findings"] == [] and report["files"][0]["ok"] is True
    (finding,) = report["files"][1]["findings"]
    assert {k: finding[k] for k in ("code", "severity", "message")} == {
        "code": "BC106",
        "severity": "error",
        "message": "An issued document must have a number",
    }
    assert finding["location"]["path"] == "number"
    assert isinstance(finding["location"]["line"], int)


def test_an_unreadable_file_does_not_stop_the_others(
    tmp_path: Path, minimal: dict[str, Any]
) -> None:
    good = write_yaml(tmp_path / "good.yaml", minimal)
    broken = tmp_path / "broken.yaml"
    broken.write_text("type: [", encoding="utf-8")
    code, out, err = run("validate", str(broken), str(tmp_path / "missing.json"), str(good))
    assert code == 2
    assert f"{good}: issued, 0 error(s)" in out
    assert f"{broken}:2:1: invalid YAML" in err and "missing.json: file not found" in err
    assert "Traceback" not in err


def test_ignore_codes_on_the_command_line() -> None:
    code, out, _ = run("validate", "--ignore", "BC305", str(SAMPLE_YAML))
    assert code == 0 and "0 warning(s)" in out


def test_export_text_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "out" / "bao-cao.txt"
    code, _, err = run("export", str(SAMPLE_YAML), "--to", "text", "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n")
    assert [p.name for p in target.parent.iterdir()] == ["bao-cao.txt"]  # no temp file left
    code, out, _ = run("export", str(SAMPLE_YAML), "--to", "text")
    assert code == 0 and out == text


def test_export_to_an_unknown_format_or_from_a_bad_file(tmp_path: Path) -> None:
    code, _, err = run("export", str(SAMPLE_YAML), "--to", "odt", "-o", str(tmp_path / "x"))
    assert code == 2 and "no exporter for 'odt' (available: " in err
    assert not (tmp_path / "x").exists()
    code, _, err = run("export", str(tmp_path / "nope.yaml"), "--to", "text")
    assert code == 2 and err.strip().endswith("nope.yaml: file not found")


def test_plugins_lists_versions_hooks_and_components() -> None:
    code, out, _ = run("plugins", "--format", "json")
    assert code == 0
    plugins = {p["name"]: p for p in json.loads(out)["plugins"]}
    assert {
        "structured",
        "text",
        "json",
        "citations",
        "header",
        "signature",
        "recipients",
        "sections",
    } <= set(plugins)
    citations = plugins["citations"]
    assert citations["version"] and citations["distribution"] == "bcpipe"
    assert citations["hooks"] == ["bcpipe_rules", "bcpipe_transforms"]
    assert citations["components"] == {
        "rules": ["citations"],
        "transforms": ["recognise-citations"],
    }
    code, out, _ = run("plugins")
    assert "text 0.1.0 (entrypoint: bcpipe)" in out and "  exporters: text" in out


def test_plugins_dir_and_disable_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "local.py").write_text("raise ImportError('no such thing')\n", encoding="utf-8")
    code, out, _ = run("plugins", "--plugins-dir", str(tmp_path), "--disable", "sections")
    assert code == 0
    assert "! local: load failed: cannot import" in out
    assert "sections 0.1.0" not in out


def test_rules_lists_every_code() -> None:
    code, out, _ = run("rules", "--format", "json")
    rows = json.loads(out)["rules"]
    codes = [r["code"] for r in rows]
    assert codes == sorted(codes) and {"BC101", "BC203", "BC302", "BC401"} <= set(codes)
    assert {"BC900", "BC901", "BC902", "BC903"} <= set(codes)  # the pipeline's own
    code, out, _ = run("rules", "--lang", "en")
    assert code == 0 and "BC302   recommended  error    recipients" in out
    assert "BC206 - strict       warning  citations" in out  # not selected by default


def test_schema_command_prints_the_committed_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0 and out == document_schema_json()


def test_a_bad_config_file_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "bcpipe.toml"
    config.write_text("[sections\n", encoding="utf-8")
    code, _, err = run("validate", "--config", str(config), str(SAMPLE_YAML))
    assert code == 2 and "cannot read config" in err and "Traceback" not in err


def test_the_console_script_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("bcpipe")
    result = subprocess.run(
        [str(script), "validate", "--lang", "en", str(SAMPLE_YAML)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "BC305" in result.stdout and "drafting unit" in result.stdout
    module = subprocess.run(
        [sys.executable, "-m", "bcpipe", "export", str(SAMPLE_YAML), "--to", "json"],
        capture_output=True,
        check=False,
    )
    assert module.returncode == 0 and json.loads(module.stdout)["place"] == "Tuy Phước"


@pytest.mark.parametrize("argv", [["validate"], ["export", "x.yaml"], ["frobnicate"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(*argv)
    assert info.value.code == 2


def test_rules_lists_the_codes_loaders_declare() -> None:
    code, out, _ = run("rules", "--format", "json")
    rows = {r["code"]: r for r in json.loads(out)["rules"]}
    assert code == 0 and rows["BC501"]["rule"] == "text loader"


def test_a_string_with_lone_surrogates_is_a_source_error() -> None:
    import bcpipe

    with pytest.raises(bcpipe.SourceError, match="not UTF-8"):
        bcpipe.Pipeline().loads("type: bao_cao\nplace: \ud800\n", kind="yaml")


def test_an_output_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("export", str(SAMPLE_YAML), "--to", "text", "-o", str(tmp_path))
    assert code == 2 and err == f"bcpipe: {tmp_path}: cannot write the output: Is a directory\n"
    assert list(tmp_path.iterdir()) == []  # no temporary file left
    code, _, err = run("export", str(SAMPLE_YAML), "--to", "text", "-o", "/proc/none/x.txt")
    assert code == 2 and "cannot write the output" in err and "internal error" not in err


def test_export_says_which_plugins_failed(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import no_such_module\n", encoding="utf-8")
    target = tmp_path / "out.txt"
    argv = ["--plugins-dir", str(tmp_path), "--lang", "en"]
    code, _, err = run("export", str(SAMPLE_YAML), "--to", "text", "-o", str(target), *argv)
    assert code == 0 and target.exists()  # the document is still exported …
    assert err.startswith("bcpipe: warning: BC901 Plugin broken could not be loaded")  # … said
    code, _, err = run("export", str(SAMPLE_YAML), "--to", "upper", *argv)
    assert code == 2 and "plugin broken failed: cannot import" in err
    assert "no exporter for 'upper'" in err


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    # stdout a pipe whose reader has gone: the first write fails (EPIPE), as it does
    # when `| head` has read enough.
    code = (
        "import os, sys\n"
        "read, write = os.pipe(); os.close(read); os.dup2(write, 1)\n"
        "from bcpipe.cli import main\n"
        "sys.exit(main(['rules', '--format', 'json']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert (result.returncode, result.stderr) == (0, b"")


def test_a_folder_or_a_self_referencing_yaml_is_named_plainly(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path))
    assert code == 2 and "is a directory, not a document file" in err
    looped = tmp_path / "loop.yaml"
    looped.write_text("a: &a [*a]\n", encoding="utf-8")
    code, _, err = run("validate", str(looped))
    assert code == 2 and "nested too deeply" in err and "RecursionError" not in err


def test_misspelt_options_are_said_not_ignored(tmp_path: Path) -> None:
    sample = str(SAMPLE_YAML)
    code, _, err = run("validate", sample, "--ignore", "BC305,BC999", "--disable", "sectons")
    assert code == 0
    assert "--ignore BC999: no loaded rule reports this code" in err and "BC305:" not in err
    assert "--disable sectons: no plugin has this name" in err
    argv = ["--to", "text", "-o", str(tmp_path / "o"), "--ignore", "BC999", "-q"]
    code, _, err = run("batch", sample, *argv)
    assert code == 0 and "--ignore BC999: no loaded rule reports this code" in err
    code, out, err = run("validate", sample, "--plugins-dir", str(tmp_path / "nowhere"))
    assert code == 2 and out == "" and err.endswith("nowhere: no such folder\n")
