"""Regression tests for issue 16: every hostile shape ends within seconds, clearly, and
corrupts nothing (limits, time budgets, plugins that hang, print or change the document)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import minimal_report
from hypothesis import given, settings
from hypothesis import strategies as st
from processes import alive

import bcpipe
from bcpipe import limits
from bcpipe.batch import LocalExecutor, run_batch
from bcpipe.limits import MAX_DEPTH, MAX_SOURCE_BYTES, MAX_TEXT, MAX_VALUES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"


def _alias_bomb(levels: int, indent: str) -> str:
    """YAML anchors, each naming the one before nine times: 9**levels values expanded."""
    lines = [f'{indent}a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"{indent}a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


# -- 1. alias bombs ----------------------------------------------------------------------


@pytest.mark.parametrize("levels", [8, 9])
def test_an_alias_bomb_in_extensions_is_refused_at_load(
    pipeline: bcpipe.Pipeline, levels: int
) -> None:
    text = (
        SAMPLE.read_text(encoding="utf-8") + "extensions:\n  bomb:\n" + _alias_bomb(levels, "    ")
    )
    assert len(text.encode()) < SAMPLE.stat().st_size + 1000  # a few hundred bytes added
    started = time.perf_counter()
    # Counted while the YAML is built (naming the line), else when the data is checked.
    with pytest.raises(bcpipe.BcpipeError, match=f"more than {MAX_VALUES:,} values"):
        pipeline.loads(text, kind="yaml", name="bomb.yaml")
    assert time.perf_counter() - started < 5  # no test asserts a speed; this is "ends"


def test_an_alias_bomb_in_the_body_names_its_line(pipeline: bcpipe.Pipeline) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    del data["body"]
    text = yaml.safe_dump(data, allow_unicode=True) + "body:\n"
    text += "  - kind: table\n    rows:\n" + _alias_bomb(8, "      - ").replace(": &", ": &")
    with pytest.raises(bcpipe.BcpipeError) as caught:
        pipeline.loads(text, kind="yaml", name="bomb.yaml")
    assert "bomb.yaml" in str(caught.value)


def test_a_shared_value_from_code_counts_once_per_use(minimal: dict[str, Any]) -> None:
    # The same list named many times, as YAML aliases give: refused, in linear time.
    shared: Any = ["x"] * 10
    for _ in range(7):
        shared = [shared] * 10
    with pytest.raises(bcpipe.InvalidDocumentError, match="values"):
        bcpipe.load({**minimal, "extensions": {"p": {"v": shared}}})


def test_a_value_containing_itself_is_refused(minimal: dict[str, Any]) -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(bcpipe.InvalidDocumentError, match=r"contains itself|nested"):
        bcpipe.load({**minimal, "extensions": {"p": {"v": loop}}})


def test_the_prepared_mark_walks_a_shared_container_once(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any]
) -> None:
    from bcpipe.prepared import _containers

    doc = pipeline.load(minimal)
    shared: Any = [1]
    for _ in range(40):  # 2**40 paths: a walk that follows each would never end
        shared = [shared, shared]
    doc.extensions["p"] = {"v": shared}
    found = _containers(doc)
    assert found is not None and len(found[0]) < 100


# -- 7, 8. foreign exceptions and one set of limits --------------------------------------


def test_a_huge_integer_is_a_bcpipe_error(minimal: dict[str, Any]) -> None:
    with pytest.raises(bcpipe.InvalidDocumentError, match="number too large"):
        bcpipe.load({**minimal, "subject": 10**5000})


def test_a_nul_in_a_file_name_is_a_source_error() -> None:
    with pytest.raises(bcpipe.SourceError, match="NUL"):
        bcpipe.Pipeline().load("a\x00b.yaml")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(bcpipe.SourceError, match="not a regular file"):
        bcpipe.Pipeline().load(fifo)


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: no 32 MiB written
        handle.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(bcpipe.SourceError, match="documents of at most"):
        bcpipe.Pipeline().load(big)


def test_a_body_too_deep_for_the_writers_is_refused_at_load(minimal: dict[str, Any]) -> None:
    block: dict[str, Any] = {"kind": "item", "marker": "-", "text": "a"}
    for _ in range(130):
        block = {"kind": "item", "marker": "-", "text": "a", "children": [block]}
    with pytest.raises(bcpipe.InvalidDocumentError, match=f"more than {MAX_DEPTH} levels"):
        bcpipe.load({**minimal, "body": [block]})


def test_a_document_number_the_text_reader_cannot_read_is_refused(
    minimal: dict[str, Any],
) -> None:
    with pytest.raises(bcpipe.InvalidDocumentError, match="number"):
        bcpipe.load({**minimal, "number": 10_000_000})


def test_a_text_over_the_limit_is_refused(minimal: dict[str, Any]) -> None:
    with pytest.raises(bcpipe.InvalidDocumentError, match="characters"):
        bcpipe.load({**minimal, "subject": "a" * (MAX_TEXT + 1)})


def test_a_control_character_no_format_can_hold_is_refused(minimal: dict[str, Any]) -> None:
    with pytest.raises(bcpipe.InvalidDocumentError, match=r"U\+001B"):
        bcpipe.load({**minimal, "subject": "Báo cáo \x1b]0;PWNED\x07"})


@pytest.mark.parametrize("fmt", ["json", "xml", "text"])
def test_a_document_at_the_limits_reads_back(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], fmt: str
) -> None:
    # The deepest body the limits allow, and the largest number: written and read back.
    block: dict[str, Any] = {"kind": "item", "marker": "-", "text": "a"}
    for _ in range(MAX_DEPTH // 2 - 3):
        block = {"kind": "item", "marker": "-", "text": "a", "children": [block]}
    data = {**minimal, "number": 999_999, "status": "issued"}
    if fmt != "text":  # the text format has no items nested under items to this depth
        data["body"] = [{"kind": "paragraph", "text": "Mở đầu."}, block]
    doc = pipeline.load(data)
    if fmt == "text":  # the text reader reads what it can; here: the largest number
        back = pipeline.loads(pipeline.export(doc, fmt), kind=fmt)
        assert back.number == 999_999
        return
    from bcpipe.testing import assert_round_trip

    assert_round_trip(pipeline, doc, fmt)


# -- 9. extensions are JSON data; unknown fields ----------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2022-05-01", "date"),
        (".nan", "finite"),
        ("!!binary aGVsbG8=", "bytes"),
    ],
)
def test_extensions_hold_json_data_only(pipeline: bcpipe.Pipeline, value: str, why: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + f"extensions:\n  p:\n    v: {value}\n"
    with pytest.raises(bcpipe.InvalidDocumentError, match=why) as caught:
        pipeline.loads(text, kind="yaml", name="ext.yaml")
    assert "JSON data only" in str(caught.value)


def test_an_extension_key_must_be_text(pipeline: bcpipe.Pipeline) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + "extensions:\n  p:\n    1: one\n"
    with pytest.raises(bcpipe.InvalidDocumentError, match="expected text, got 1"):
        pipeline.loads(text, kind="yaml", name="ext.yaml")


def test_extensions_survive_every_readable_format(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any]
) -> None:
    from bcpipe.testing import assert_round_trip

    ext = {"p": {"n": 1, "f": 1.5, "t": "văn bản", "l": [None, True, {"k": []}]}}
    doc = pipeline.load({**minimal, "extensions": ext})
    for fmt in ("json", "xml"):
        assert assert_round_trip(pipeline, doc, fmt).extensions == ext


def test_a_field_of_another_part_is_not_its_own_suggestion(minimal: dict[str, Any]) -> None:
    with pytest.raises(bcpipe.InvalidDocumentError) as caught:
        bcpipe.load({**minimal, "title": "x"})
    assert "did you mean 'title'" not in str(caught.value)
    assert "unknown field 'title'" in str(caught.value)


# -- 3, 5, 9. rules that hang, change the document, or exit -----------------------------

HANGS = """
import bcpipe
from bcpipe import Check, Severity

SLOW = Check("XY001", Severity.INFO, vi="x", en="x")


@bcpipe.rule("xy-hang", SLOW)
def hang(doc, ctx):
    import time

    end = time.monotonic() + 120  # "never", for a test: a broken budget fails, not hangs
    while time.monotonic() < end:
        try:
            pass
        except Exception:  # a rule that swallows what it can: still stopped
            pass
    yield


@bcpipe.hookimpl
def bcpipe_rules():
    return [hang]
"""


def _plugin(tmp_path: Path, name: str, source: str) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return folder


def test_a_rule_that_never_returns_is_stopped_and_named(
    tmp_path: Path, minimal: dict[str, Any]
) -> None:
    pipeline = bcpipe.Pipeline(
        plugins_dir=_plugin(tmp_path, "hangs", HANGS), settings={"limits": {"rule_seconds": 0.5}}
    )
    started = time.perf_counter()
    result = pipeline.validate(minimal)
    assert time.perf_counter() - started < 10
    (stopped,) = [f for f in result.findings if f.code == "BC904"]
    assert stopped.plugin == "hangs" and "0.5" in stopped.message
    assert "BC904" not in bcpipe.Pipeline().validate(minimal).codes()  # other rules ran
    assert {"XY001", "BC904"} & set(result.codes()) == {"BC904"}


def test_each_rule_has_its_own_budget_and_the_handler_is_given_back(
    tmp_path: Path, minimal: dict[str, Any]
) -> None:
    # One handler serves a whole validation; each rule arms its own timer: a second rule
    # that hangs is stopped too, the rules after them run, and SIGALRM is as it was.
    # A rule that validates again inside (its own pipeline, its own timer) first: the
    # inner run sets no budget while its rule's runs, and leaves the handler in place.
    source = HANGS.replace("return [hang]", "return [nested, hang, hang_again]") + (
        "\n\nhang_again = bcpipe.rule('hang_again')(hang.check)\n\n\n"
        "@bcpipe.rule('nested')\ndef nested(doc, ctx):\n"
        "    bcpipe.Pipeline(load_entrypoints=False).validate(doc)\n    yield from ()\n"
    )
    pipeline = bcpipe.Pipeline(
        plugins_dir=_plugin(tmp_path, "hangs", source), settings={"limits": {"rule_seconds": 0.3}}
    )
    before = signal.getsignal(signal.SIGALRM)
    result = pipeline.validate(minimal)
    assert sorted(f.rule for f in result.findings if f.code == "BC904") == ["hang_again", "xy-hang"]
    plain = bcpipe.Pipeline().validate(minimal).codes()
    assert [c for c in result.codes() if c != "BC904"] == plain
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_budgets_are_checked_settings() -> None:
    with pytest.raises(ValueError, match=r"limits\.rule_seconds"):
        bcpipe.Pipeline(settings={"limits": {"rule_seconds": "fast"}})


CHANGES = """
import bcpipe
from bcpipe import Check, Severity

C = Check("XY002", Severity.INFO, vi="x", en="x")


@bcpipe.rule("xy-change", C)
def change(doc, ctx):
    doc.{edit}
    return []


@bcpipe.hookimpl
def bcpipe_rules():
    return [change]
"""


@pytest.mark.parametrize(
    "edit", ["subject = 'Trích yếu khác'", "addressees.append('Ai đó')", "body.clear()"]
)
def test_a_rule_that_changes_the_document_is_reported(
    tmp_path: Path, minimal: dict[str, Any], edit: str
) -> None:
    pipeline = bcpipe.Pipeline(
        plugins_dir=_plugin(tmp_path, "changes", CHANGES.replace("{edit}", edit))
    )
    result = pipeline.validate(minimal)
    (changed,) = [f for f in result.findings if f.code == "BC905"]
    assert changed.plugin == "changes" and not result.ok


def test_a_rule_that_reads_only_is_not_reported(
    pipeline: bcpipe.Pipeline, sample_data: dict[str, Any]
) -> None:
    assert "BC905" not in pipeline.validate(sample_data).codes()


EXITS = """
import sys
import bcpipe
from bcpipe import Check, Severity

C = Check("XY003", Severity.INFO, vi="x", en="x")


@bcpipe.rule("xy-exit", C)
def leave(doc, ctx):
    sys.exit(4)


@bcpipe.hookimpl
def bcpipe_rules():
    return [leave]
"""


def test_sys_exit_in_a_rule_is_a_rule_failure_and_validate_goes_on(
    tmp_path: Path, sample_data: dict[str, Any]
) -> None:
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(sample_data, allow_unicode=True))
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(sample_data, allow_unicode=True))
    plugins = _plugin(tmp_path, "exits", EXITS)
    run = subprocess.run(
        [sys.executable, "-m", "bcpipe", "validate", "--plugins-dir", str(plugins),
         str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert run.stdout.count("BC900") == 2 and "SystemExit: 4" in run.stdout


# -- 3. batch: a document over budget fails alone; workers die with their parent ---------


def test_a_document_over_its_budget_fails_alone(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b", "c"):
        data = minimal_report(subject=f"Báo cáo {name}")
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    slow = HANGS.replace(
        "while time.monotonic() < end:",
        "while doc.subject == 'Báo cáo b' and time.monotonic() < end:",
    )
    report = run_batch(
        ["in"], formats=["text"], outdir=tmp_path / "out",
        plugins_dir=_plugin(tmp_path, "hangs", slow),
        settings={"limits": {"rule_seconds": 0, "document_seconds": 2}},
        executor=LocalExecutor(2),
    )  # fmt: skip
    outcomes = {r["input"]: (r["outcome"], r["error"]) for r in report.records()}
    assert outcomes["in/b.yaml"][0] == "failed"
    assert "limits.document_seconds" in str(outcomes["in/b.yaml"][1])
    assert outcomes["in/a.yaml"][0] != "failed" and outcomes["in/c.yaml"][0] != "failed"
    assert (tmp_path / "out" / "a.txt").exists() and not (tmp_path / "out" / "b.txt").exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_batch_workers_die_with_their_parent(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    data = minimal_report()
    (tmp_path / "in" / "a.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    pids = tmp_path / "pids"
    source = HANGS.replace(
        "    while time.monotonic() < end:",
        f"    import os\n    open({str(pids)!r}, 'a').write(f'{{os.getpid()}}\\n')\n"
        "    while time.monotonic() < end:",
    )
    plugins = _plugin(tmp_path, "hangs", source)
    parent = subprocess.Popen(
        [sys.executable, "-m", "bcpipe", "batch", "in", "-o", "out", "--to", "text",
         "--plugins-dir", str(plugins), "--jobs", "1", "--quiet"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
        worker = int(pids.read_text().split()[0])
        assert alive(worker)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(worker)
    finally:
        parent.kill()
        parent.wait()
        for pid in pids.read_text().split() if pids.exists() else []:
            if alive(int(pid)):
                os.kill(int(pid), signal.SIGKILL)


def test_the_new_failure_codes_are_listed(pipeline: bcpipe.Pipeline) -> None:
    assert {"BC904", "BC905"} <= {check.code for _, check in pipeline.checks()}


# -- 4. a plugin's print() never reaches the command's stdout ---------------------------

PRINTS = """
import os
import bcpipe
from bcpipe import Check, Severity

print("plugin imported PRINTED")
C = Check("XY004", Severity.INFO, vi="x", en="x")


@bcpipe.rule("xy-print", C)
def noisy(doc, ctx):
    print("a rule prints PRINTED")
    os.write(1, b"PRINTED to fd 1\\n")
    return []


@bcpipe.exporter("noisy", extension=".txt")
def noisy_export(doc, ctx):
    print("an exporter prints PRINTED")
    return b"clean"


@bcpipe.hookimpl
def bcpipe_rules():
    print("hook prints PRINTED")
    return [noisy]


@bcpipe.hookimpl
def bcpipe_exporters():
    return [noisy_export]
"""


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--to", "json", str(SAMPLE)],
        ["export", "--to", "pdf", str(SAMPLE)],
        ["export", "--to", "noisy", str(SAMPLE)],
        ["validate", "--format", "json", str(SAMPLE)],
        ["plugins", "--format", "json"],
    ],
)
def test_what_a_plugin_prints_goes_to_stderr(tmp_path: Path, command: list[str]) -> None:
    plugins = _plugin(tmp_path, "prints", PRINTS)
    run = subprocess.run(
        [sys.executable, "-m", "bcpipe", *command, "--plugins-dir", str(plugins)],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr
    assert b"PRINTED" not in run.stdout
    assert b"plugin imported PRINTED" in run.stderr
    if "pdf" in command:
        assert run.stdout.startswith(b"%PDF")
    elif "noisy" in command:
        assert run.stdout == b"clean"
    else:
        json.loads(run.stdout)


# -- 2. PDF layout in time proportional to the document ---------------------------------


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_long_paragraph_is_laid_out_in_chunks_and_loses_no_word(
    pipeline: bcpipe.Pipeline,
) -> None:
    from bcpipe_plugins.pdf.story import CHUNK, LONG_PARAGRAPH

    words = [f"từ{i}" for i in range(3 * LONG_PARAGRAPH // 5)]
    doc = pipeline.load(minimal_report(body=[{"kind": "paragraph", "text": " ".join(words)}]))
    assert len(doc.body[0].text) > LONG_PARAGRAPH > CHUNK  # type: ignore[union-attr]
    printed = _pdf_text(pipeline.export(doc, "pdf")).split()
    assert [w for w in printed if w.startswith("từ")] == words


def test_the_issue_shapes_export_to_pdf(pipeline: bcpipe.Pipeline) -> None:
    # Half a megabyte in one paragraph (43 s before), 8,000 recipients (7.9 s before).
    text = ("Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư, " * 9000)[:500_000]
    recipients = [{"name": f"UBND xã số {i}"} for i in range(8000)]
    for data in (minimal_report(body=[{"kind": "paragraph", "text": text}]),
                 minimal_report(recipients=recipients)):  # fmt: skip
        assert pipeline.export(pipeline.load(data), "pdf").startswith(b"%PDF")


def test_a_document_too_large_for_a_pdf_is_refused_naming_the_limit(
    pipeline: bcpipe.Pipeline,
) -> None:
    paragraphs = [{"kind": "paragraph", "text": f"Đoạn {i}."} for i in range(20_001)]
    doc = pipeline.load(minimal_report(body=paragraphs))
    with pytest.raises(bcpipe.ExportError, match="at most 20,000"):
        pipeline.export(doc, "pdf")


def test_a_long_table_is_laid_out_as_tables_of_bounded_rows(pipeline: bcpipe.Pipeline) -> None:
    from bcpipe_plugins.pdf.layout import layout_for
    from bcpipe_plugins.pdf.settings import PdfSettings
    from bcpipe_plugins.pdf.story import TABLE_ROWS, StoryBuilder

    rows = [["Số", "Tên"], *([str(i), f"Đơn vị {i}"] for i in range(2 * TABLE_ROWS + 1))]
    doc = pipeline.load(minimal_report(body=[{"kind": "table", "rows": rows, "header_rows": 1}]))
    builder = StoryBuilder(layout_for(PdfSettings()))
    tables = builder.table(doc.body[0])  # type: ignore[arg-type]
    assert len(tables) == 3
    assert all(t._cellvalues[0][0].frags[0].text == "Số" for t, _ in tables)
    printed = _pdf_text(pipeline.export(doc, "pdf"))
    assert f"Đơn vị {2 * TABLE_ROWS}" in printed


def test_a_very_long_name_is_wrapped_greedily() -> None:
    from bcpipe_plugins.pdf.balance import BALANCED_WORDS, balanced_lines

    words = " ".join(["ỦY BAN"] * (BALANCED_WORDS * 10))
    lines = balanced_lines(words, len, 40)
    assert " ".join(lines) == words and all(len(line) <= 40 for line in lines)


# -- 6. batch output safety --------------------------------------------------------------


def _batch_inputs(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = minimal_report(subject=f"Báo cáo {path.stem}")
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_symlinked_folder_in_outdir_receives_nothing(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    _batch_inputs(tmp_path / "in", "sub/a.yaml", "b.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").symlink_to(elsewhere)
    report = run_batch(["in"], formats=["text"], outdir="out", executor=LocalExecutor(1))
    outcomes = {r["input"]: r for r in report.records()}
    assert outcomes["in/sub/a.yaml"]["outcome"] == "failed"
    assert "outside the output folder" in str(outcomes["in/sub/a.yaml"]["error"])
    assert outcomes["in/b.yaml"]["outcome"] == "ok"
    assert list(elsewhere.iterdir()) == []


def test_a_record_symlinked_elsewhere_is_replaced_not_written_through(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    _batch_inputs(tmp_path / "in", "a.yaml")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    records = tmp_path / "out" / ".bcpipe" / "records"
    records.mkdir(parents=True)
    (records / "a.json").symlink_to(victim)
    (tmp_path / "out" / "a.txt").symlink_to(victim)
    run_batch(["in"], formats=["text"], outdir="out", executor=LocalExecutor(1))
    assert victim.read_text() == "keep me"
    assert not (records / "a.json").is_symlink()
    assert json.loads((records / "a.json").read_text())["outcome"] == "ok"
    assert not (tmp_path / "out" / "a.txt").is_symlink()


def test_dot_dot_after_a_link_is_resolved_as_the_kernel_does(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    _batch_inputs(tmp_path / "in", "x.yaml")
    _batch_inputs(tmp_path / "far", "x.yaml", "deep/inner.yaml")
    (tmp_path / "in" / "link").symlink_to(tmp_path / "far" / "deep")
    # The kernel reads far/x.yaml for in/link/../x.yaml; os.path.abspath says in/x.yaml.
    report = run_batch(
        ["in/link/../x.yaml"], formats=["text"], outdir="out", executor=LocalExecutor(1)
    )
    (record,) = report.records()
    assert record["outcome"] == "ok"
    text = (tmp_path / "out" / "x.txt").read_text(encoding="utf-8")
    assert "Báo cáo x" in text
    from bcpipe.batch.inputs import discover

    (found,), _ = discover(["in/link/../x.yaml"], {".yaml"}, tmp_path / "out")
    assert found.path == str(tmp_path / "far" / "x.yaml")


def test_an_input_under_a_records_folder_does_not_collide_with_a_record(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    _batch_inputs(tmp_path / "in", "a.yaml", ".bcpipe/records/a.yaml")
    report = run_batch(
        ["in/a.yaml", "in/.bcpipe/records/a.yaml"], formats=["json"], outdir="out",
        executor=LocalExecutor(1),
    )  # fmt: skip
    assert [r["outcome"] for r in report.records()] == ["ok", "ok"]
    outputs = [r["outputs"]["json"] for r in report.records()]
    assert outputs == ["a.json", "_.bcpipe/records/a.json"]
    record = json.loads((tmp_path / "out" / ".bcpipe" / "records" / "a.json").read_text())
    assert record["input"] == "in/a.yaml"  # the record, not the other input's JSON export


def test_temporaries_left_by_a_killed_batch_are_removed(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    _batch_inputs(tmp_path / "in", "a.yaml")
    (tmp_path / "out" / "sub").mkdir(parents=True)
    stale = [
        tmp_path / "out" / ".a.txt.k2j4_x9q.tmp",
        tmp_path / "out" / "sub" / ".b.pdf.abcdefgh.tmp",
    ]
    for path in stale:
        path.write_bytes(b"half")
    mine = tmp_path / "out" / "notes.tmp"
    mine.write_text("not ours")
    run_batch(["in"], formats=["text"], outdir="out", executor=LocalExecutor(1))
    assert not any(path.exists() for path in stale) and mine.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_an_input_folder_is_skipped(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    _batch_inputs(tmp_path / "in", "a.yaml")
    os.mkfifo(tmp_path / "in" / "pipe.yaml")
    report = run_batch(["in"], formats=["text"], outdir="out", executor=LocalExecutor(1))
    assert [r["input"] for r in report.records()] == ["in/a.yaml"]
    named = run_batch(["in/pipe.yaml"], formats=["text"], outdir="out2", executor=LocalExecutor(1))
    (record,) = named.records()
    assert record["outcome"] == "failed" and "not a regular file" in str(record["error"])


# -- 9. control characters are shown escaped in human output ----------------------------


def test_terminal_controls_in_names_are_escaped(tmp_path: Path) -> None:
    name = tmp_path / "a\x1b]0;PWNED\x07.yaml"
    name.write_text("type: [", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "bcpipe", "validate", str(name)],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2
    assert b"\x1b" not in run.stderr + run.stdout and b"\x07" not in run.stderr
    assert b"a\\x1b]0;PWNED\\x07.yaml" in run.stderr


def test_printable_keeps_vietnamese_and_escapes_controls() -> None:
    from bcpipe.terminal import printable

    assert printable("Ủy ban nhân dân\ttỉnh\n") == "Ủy ban nhân dân\ttỉnh\n"
    assert printable("\x1b[2J\x9b\u202eabc") == "\\x1b[2J\\x9b\\u202eabc"


TRANSFORM_HANGS = """
import bcpipe


@bcpipe.transform("xy-hang", priority=100)
def hang(doc, ctx):
    import time

    end = time.monotonic() + 120  # "never", for a test: a broken budget fails, not hangs
    while time.monotonic() < end:
        pass


@bcpipe.hookimpl
def bcpipe_transforms():
    return [hang]
"""


def test_a_transform_that_never_returns_is_stopped(tmp_path: Path, minimal: dict[str, Any]) -> None:
    pipeline = bcpipe.Pipeline(
        plugins_dir=_plugin(tmp_path, "thangs", TRANSFORM_HANGS),
        settings={"limits": {"rule_seconds": 0.5}},
    )
    result = pipeline.validate(minimal)
    (stopped,) = [f for f in result.findings if f.code == "BC903"]
    assert stopped.plugin == "thangs" and "budget of 0.5 s" in stopped.message


def test_an_export_bcpipe_could_not_read_back_is_refused(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], monkeypatch: Any
) -> None:
    import bcpipe.pipeline

    doc = pipeline.load(minimal)
    size = len(pipeline.export(doc, "xml"))
    monkeypatch.setattr(bcpipe.pipeline, "MAX_SOURCE_BYTES", size - 1)
    with pytest.raises(bcpipe.ExportError, match="bcpipe reads documents of at most"):
        pipeline.export(doc, "xml")
    # A format bcpipe has no reader for is not bound by what it reads.
    unread = bcpipe.Pipeline(plugins=[_Unread()])
    assert len(unread.export(doc, "unread")) == size


class _Unread:
    """A plugin whose exporter writes a format that no loader reads."""

    __name__ = "unread"

    @bcpipe.hookimpl
    def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
        @bcpipe.exporter("unread", media_type="application/octet-stream", extension=".bin")
        def unread(document: bcpipe.Document, ctx: bcpipe.ExportContext) -> bytes:
            import bcpipe.pipeline

            return b"x" * (bcpipe.pipeline.MAX_SOURCE_BYTES + 1)  # over the limit, patched

        return [unread]


_DATA = st.recursive(
    st.text(alphabet=st.sampled_from("ab \x01\ud800"), max_size=6)
    | st.integers(min_value=-(2**60), max_value=2**60),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="ab\x02", max_size=2), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_DATA)
@settings(max_examples=300, deadline=None)
def test_the_fast_screen_refuses_what_the_exact_walk_refuses(data: Any) -> None:
    # Small limits, so that random data passes them as often as not.
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (("MAX_VALUES", 12), ("MAX_DEPTH", 3), ("MAX_TOTAL_TEXT", 10)):
            patch.setattr(limits, name, value)
        passes_screen = not isinstance(data, dict | list) or limits._Screen().within(data, 0)
        try:
            if isinstance(data, dict | list):
                limits._Measure().walk(data, 0)
            passes_walk = True
        except limits._RefusedError:
            passes_walk = False
    assert passes_screen == passes_walk
