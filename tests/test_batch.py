"""Batch processing: inputs, outputs, reports, failures, re-runs, executors, the command."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEED_TEXT, minimal_report
from lxml import etree

import bcpipe
from bcpipe.batch import (
    BatchError,
    BatchReport,
    LocalExecutor,
    PipelineOptions,
    SerialExecutor,
    run_batch,
    summary_text,
)
from bcpipe.batch.inputs import Input, discover, output_stems
from bcpipe.batch.tasks import Task, process
from bcpipe.cli import main

ORGANS = {"UBND xã Phước Sơn": "000.00.00.X05", "UBND huyện Tuy Phước": "000.00.00.X00"}
SETTINGS = {"edxml": {"organs": ORGANS}}
FORMATS = ["pdf", "xml", "edxml", "text"]
EXTENSIONS = {"pdf": ".pdf", "xml": ".xml", "edxml": ".edxml", "text": ".txt"}
KT_SIGNED_BY_HEAD = {  # a "KT." block signed by the head: BC121, an error
    "authority": [{"prefix": "KT.", "title": "CHỦ TỊCH"}],
    "position": "CHỦ TỊCH",
    "name": "Lê Văn Hòa",
}
ARCHIVE_VT_ONLY = [  # "Lưu: VT." without the drafting unit: BC305, a warning
    {"name": "UBND huyện Tuy Phước"},
    {"kind": "archive", "holders": ["VT"]},
]


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def make_corpus(root: Path, count: int = 12) -> list[Path]:
    """``count`` reports in two district folders with the same file names in each.

    Every third has an error (BC121), every fourth a warning (BC305); the rest are clean.
    """
    paths = []
    for i in range(count):
        data = minimal_report(number=i + 1, subject=f"Kết quả công tác chuyển đổi số tháng {i + 1}")
        if i % 3 == 2:
            data["signature"] = KT_SIGNED_BY_HEAD
        elif i % 4 == 3:
            data["recipients"] = ARCHIVE_VT_ONLY
        folder = "huyen-a" if i % 2 == 0 else "huyen-b"
        paths.append(write_yaml(root / folder / f"xa-{i // 2:02d}.yaml", data))
    return paths


def expected_codes(path: Path) -> list[str]:
    """The codes of ``path`` validated by hand, as a batch without settings does."""
    return bcpipe.Pipeline().validate(bcpipe.load(path)).codes()


def report_json(outdir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    return data


def without_timings(report: dict[str, Any]) -> dict[str, Any]:
    report = dict(report)
    del report["run"]
    report["documents"] = [
        {k: v for k, v in d.items() if k != "seconds"} for d in report["documents"]
    ]
    return report


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def write_plugin(folder: Path, name: str, source: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Twelve reports below ``tmp_path/in``, with tmp_path as the working folder."""
    monkeypatch.chdir(tmp_path)
    return make_corpus(tmp_path / "in")


# -- outputs and reports ---------------------------------------------------------------


def test_every_document_is_exported_to_every_format(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(
        ["in"], formats=FORMATS, outdir=out, settings=SETTINGS, executor=LocalExecutor(2)
    )
    assert report.documents == 12 and report.failed == 0
    assert report.exit_code == 1  # four documents have BC121
    pipeline = bcpipe.Pipeline(settings=SETTINGS)
    for path in corpus:
        # Same stem in two folders: the outputs mirror the folders, nothing collides.
        relative = path.relative_to(tmp_path / "in").with_suffix("")
        doc = pipeline.load(path)
        for fmt in FORMATS:
            written = (out / relative).with_suffix(EXTENSIONS[fmt]).read_bytes()
            assert written == pipeline.export(doc, fmt), (path, fmt)
    names = files_under(out)
    assert not [n for n in names if n.endswith(".tmp")]  # atomic writes leave no temp file
    assert "report.json" in names and "report.html" in names
    assert len([n for n in names if n.startswith("huyen-")]) == 12 * 4


def test_report_json_names_every_input_its_outcome_findings_and_outputs(
    corpus: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = run_batch(["in"], formats=["text", "xml"], outdir=out, executor=LocalExecutor(2))
    data = report_json(out)
    documents = data["documents"]
    # Deterministic order: the folder's files sorted by path.
    assert [d["input"] for d in documents] == sorted(str(p.relative_to(tmp_path)) for p in corpus)
    for record in documents:
        path = tmp_path / record["input"]
        codes = expected_codes(path)
        assert [f["code"] for f in record["findings"]] == codes
        assert record["outcome"] == ("findings" if "BC121" in codes else "ok")
        assert record["kind"] == "yaml" and record["error"] is None
        stem = str(path.relative_to(tmp_path / "in").with_suffix(""))
        assert record["outputs"] == {"text": f"{stem}.txt", "xml": f"{stem}.xml"}
        for finding in record["findings"]:
            assert set(finding) >= {"code", "severity", "message", "location"}
            assert finding["location"]["source"] == record["input"]
            assert isinstance(finding["location"]["line"], int)
    totals = data["totals"]
    assert totals["documents"] == 12 and totals["ok"] == 8 and totals["findings"] == 4
    assert totals["failed"] == 0 and totals["unchanged"] == 0
    assert totals["by_code"] == {
        "BC121": {"severity": "error", "findings": 4, "documents": 4},
        "BC305": {"severity": "warning", "findings": 2, "documents": 2},
    }
    assert totals["by_severity"] == {"error": 4, "warning": 2, "info": 0}
    assert totals["outputs_written"] == 24
    names = [p["name"] for p in data["plugins"]["plugins"]]
    assert {"citations", "pdf", "structured", "text", "xml"} <= set(names)
    assert data["plugins"]["fingerprint"] == report.fingerprint
    assert data["formats"] == ["text", "xml"]
    assert data["run"]["executor"] == "local, 2 processes"
    assert report.records() == documents


def test_report_html_is_one_well_formed_page_with_a_row_per_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_corpus(tmp_path / "in", 6)
    # A file name and a subject full of markup must come out as text.
    nasty = minimal_report(signature=KT_SIGNED_BY_HEAD, subject='Báo cáo <b>đậm</b> & "rõ"')
    write_yaml(tmp_path / "in" / "a&b <i>.yaml", nasty)
    (tmp_path / "in" / "hỏng.yaml").write_text("type: [", encoding="utf-8")
    run_batch(["in"], formats=["text"], outdir=tmp_path / "out", executor=SerialExecutor())
    page = (tmp_path / "out" / "report.html").read_bytes()
    assert b"<link" not in page and b"src=" not in page and b"http" not in page  # self-contained
    root = etree.fromstring(page)  # well-formed (as XML, so as HTML too)
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))  # each id once
    rows = root.findall(".//tbody/tr")
    data = report_json(tmp_path / "out")
    assert len(rows) == len(data["documents"]) == 8
    for row, record in zip(rows, data["documents"], strict=True):
        cells = row.findall("td")
        assert "".join(cells[1].itertext()) == record["input"]
        assert row.get("data-outcome") == record["outcome"]
        assert row.get("data-codes") == " ".join(sorted({f["code"] for f in record["findings"]}))
    text = "".join(root.itertext())
    assert "in/a&b <i>.yaml" in text and "<i>" not in page.decode()
    assert "hỏng.yaml:2:1: invalid YAML" in text
    codes = [o.get("value") for o in root.findall(".//select[@id='code']/option")]
    assert codes == ["", "BC121", "BC305"]
    outcomes = [o.get("value") for o in root.findall(".//select[@id='outcome']/option")]
    assert outcomes == ["", "ok", "findings", "failed"]
    script = root.find(".//script")
    assert script is not None and "applyFilter" in (script.text or "")
    links = [a.get("href") for a in root.findall(".//tbody//a")]
    assert "a%26b%20%3Ci%3E.txt" in links
    # In the batch's language: Vietnamese for the clerk by default, or English.
    assert root.get("lang") == "vi" and "Đang hiện 8 / 8 văn bản" in text
    assert "BC121 lỗi · signature.position (dòng " in text
    run_batch(
        ["in"], formats=["text"], outdir=tmp_path / "en", language="en", executor=SerialExecutor()
    )
    english = etree.fromstring((tmp_path / "en" / "report.html").read_bytes())
    assert english.get("lang") == "en" and "8 of 8 documents shown" in "".join(english.itertext())


def test_the_html_report_is_deterministic_but_for_the_timings(
    corpus: list[Path], tmp_path: Path
) -> None:
    pages = []
    for name in ("one", "two"):
        run_batch(["in"], formats=["text"], outdir=tmp_path / name, executor=SerialExecutor())
        page = (tmp_path / name / "report.html").read_text(encoding="utf-8")
        pages.append([line for line in page.splitlines() if 'id="fact-run"' not in line])
    assert pages[0] == pages[1]
    assert len(pages[0]) == len(page.splitlines()) - 1


def test_plain_text_documents_go_through_the_batch_like_any_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_TEXT, tmp_path / "in" / "seed.txt")
    write_yaml(tmp_path / "in" / "minimal.yaml", minimal_report())
    report = run_batch(["in"], formats=["xml", "text"], outdir="out", executor=SerialExecutor())
    minimal, seed = report.records()  # sorted by name
    assert (seed["input"], seed["kind"], minimal["kind"]) == ("in/seed.txt", "text", "yaml")
    assert [f["code"] for f in seed["findings"]] == expected_codes(tmp_path / "in" / "seed.txt")
    assert {f["code"] for f in seed["findings"]} >= {"BC504", "BC505"}  # the reader's own
    assert seed["outputs"] == {"xml": "seed.xml", "text": "seed.txt"}
    pipeline = bcpipe.Pipeline()
    assert (tmp_path / "out" / "seed.xml").read_bytes() == pipeline.export(SEED_TEXT, "xml")
    # The text outputs are .txt files the text loader reads: never taken as inputs again.
    again = run_batch(["in"], formats=["xml", "text"], outdir="out", executor=SerialExecutor())
    assert [r["unchanged"] for r in again.records()] == [True, True]


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_a_file_name_that_is_not_utf8_is_read_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    name = os.fsdecode(b"b\xe1o c\xe1o.yaml")  # Latin-1 "báo cáo": lone surrogates here
    write_yaml(tmp_path / "in" / name, minimal_report())
    write_yaml(tmp_path / "in" / "other.yaml", minimal_report())
    report = run_batch(["in"], formats=["text"], outdir="out", executor=SerialExecutor())
    assert (report.documents, report.failed) == (2, 0)
    odd, _ = report.records()
    assert odd["input"] == "in/b\ufffdo c\ufffdo.yaml" and odd["outcome"] == "ok"
    assert (tmp_path / "out" / os.fsdecode(b"b\xe1o c\xe1o.txt")).is_file()
    assert "in/b\ufffdo c\ufffdo.yaml" in report.html_path.read_text(encoding="utf-8")
    again = run_batch(["in"], formats=["text"], outdir="out", executor=SerialExecutor())
    assert [r["unchanged"] for r in again.records()] == [True, True]


def _export_slowly(source: str, outdir: str, started: Any) -> None:
    """In a worker-like process: process one task whose exporter writes, then hangs."""
    import time

    from bcpipe.atomic import atomic_writer
    from bcpipe.batch.worker import WorkerPipeline, exit_on_terminate

    class Slow:
        __name__ = "slow"

        @bcpipe.hookimpl
        def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
            def hang(doc: bcpipe.Document, ctx: Any) -> bytes:
                with atomic_writer(Path(outdir, "side.pdf")) as handle:
                    handle.write(b"half of a PDF")
                    started.set()
                    time.sleep(60)
                return b""

            return [bcpipe.Exporter("slow", hang, extension=".pdf")]

    exit_on_terminate()
    worker = WorkerPipeline(bcpipe.Pipeline(plugins=[Slow()]))
    task = Task(
        path=source, name="a.yaml", kind=None, outdir=outdir, outputs=(("slow", "a.pdf"),),
        record=".bcpipe/records/a.json", fingerprint=worker.fingerprint(None), force=True,
    )  # fmt: skip
    worker.process(task)  # a record, were the process not stopped


def test_a_worker_stopped_while_exporting_ends_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    # ^C stops the pool with SIGTERM: the worker must end (not report the document as
    # failed and wait for more), and an output being written must not stay half-done.
    import multiprocessing

    source = write_yaml(tmp_path / "a.yaml", minimal_report())
    outdir = tmp_path / "out"
    outdir.mkdir()
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    process = context.Process(target=_export_slowly, args=(str(source), str(outdir), started))
    process.start()
    assert started.wait(60)
    process.terminate()
    process.join(60)
    assert process.exitcode == 128 + 15  # ended by the signal, through every finally
    assert list(outdir.iterdir()) == []


# -- failures --------------------------------------------------------------------------

CRASHING = """
import bcpipe
from bcpipe import Check, Severity

NEVER = Check("XC001", Severity.INFO, vi="không bao giờ", en="never")


@bcpipe.rule("crashy-rule", NEVER)
def crashy_rule(doc, ctx):
    if "RULE" in doc.subject:
        raise RuntimeError("the rule fell over")
    return []


@bcpipe.exporter("crashy", extension=".crash")
def crashy(doc, ctx):
    if "EXPORT" in doc.subject:
        raise ValueError("the exporter fell over")
    return doc.subject.encode("utf-8")


@bcpipe.hookimpl
def bcpipe_rules():
    return [crashy_rule]


@bcpipe.hookimpl
def bcpipe_exporters():
    return [crashy]
"""


def test_unreadable_files_and_crashing_plugins_are_reported_and_the_rest_goes_on(
    corpus: list[Path], tmp_path: Path
) -> None:
    plugins = write_plugin(tmp_path / "plugins", "crashy", CRASHING)
    write_yaml(tmp_path / "in" / "rule.yaml", minimal_report(subject="Báo cáo RULE quý I"))
    write_yaml(tmp_path / "in" / "export.yaml", minimal_report(subject="Báo cáo EXPORT quý I"))
    (tmp_path / "in" / "broken.yaml").write_text("type: [", encoding="utf-8")
    (tmp_path / "in" / "binary.json").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "in" / "notes.md").write_text("not a document", encoding="utf-8")  # not taken
    out = tmp_path / "out"
    report = run_batch(
        ["in", "in/notes.md", "missing.yaml"],
        formats=["text", "crashy"],
        outdir=out,
        plugins_dir=plugins,
        executor=LocalExecutor(2),
    )
    records = {r["input"]: r for r in report.records()}
    assert len(records) == 12 + 4 + 2
    assert "binary file" in records["in/binary.json"]["error"]
    assert "in/broken.yaml:2:1: invalid YAML" in records["in/broken.yaml"]["error"]
    assert records["missing.yaml"]["error"] == "missing.yaml: file not found"
    assert "unknown file kind '.md'" in records["in/notes.md"]["error"]
    failed = records["in/export.yaml"]
    assert failed["outcome"] == "failed" and failed["outputs"] == {"text": "in/export.txt"}
    assert failed["error"] == (
        "export to 'crashy' failed in plugin crashy: ValueError: the exporter fell over"
    )
    assert not (out / "in" / "export.crash").exists()
    crashed_rule = records["in/rule.yaml"]
    assert crashed_rule["outcome"] == "findings"
    (finding,) = crashed_rule["findings"]
    assert finding["code"] == "BC900" and "the rule fell over" in finding["message"]
    good = [r for name, r in records.items() if name.startswith("in/huyen-")]
    assert all(r["outcome"] in ("ok", "findings") and len(r["outputs"]) == 2 for r in good)
    assert report.failed == 5 and report.exit_code == 2
    assert (
        (out / "in" / "huyen-a" / "xa-00.crash").read_text(encoding="utf-8").startswith("Kết quả")
    )


def test_the_summary_counts_a_failed_document_with_error_findings_as_failed(
    tmp_path: Path,
) -> None:
    plugins = write_plugin(tmp_path / "plugins", "crashy", CRASHING)
    data = minimal_report()
    data["recipients"], data["subject"] = [], "EXPORT fails, and no recipients (BC301)"
    write_yaml(tmp_path / "in" / "a.yaml", data)
    report = run_batch(
        [tmp_path / "in"], formats=["crashy"], outdir=tmp_path / "out",
        plugins_dir=plugins, executor=SerialExecutor(),
    )  # fmt: skip
    (record,) = report.records()
    assert record["outcome"] == "failed" and [f["code"] for f in record["findings"]] == ["BC301"]
    counts = summary_text(report).splitlines()[1]
    assert counts == "  ok 0, with error findings 0, failed 1"


KILLER = """
import os
import bcpipe
from bcpipe import Check, Severity

NEVER = Check("XK001", Severity.INFO, vi="không bao giờ", en="never")


@bcpipe.rule("killer", NEVER)
def killer(doc, ctx):
    if "CRASH" in doc.subject:
        os._exit(3)  # as a segfault in a C extension would: no exception, no cleanup
    return []


@bcpipe.hookimpl
def bcpipe_rules():
    return [killer]
"""


def test_a_worker_that_dies_fails_its_document_and_the_batch_goes_on(
    corpus: list[Path], tmp_path: Path
) -> None:
    plugins = write_plugin(tmp_path / "plugins", "killer", KILLER)
    write_yaml(tmp_path / "in" / "huyen-a" / "xa-02.yaml", minimal_report(subject="Báo cáo CRASH"))
    report = run_batch(
        ["in"], formats=["text"], outdir=tmp_path / "out", plugins_dir=plugins,
        executor=LocalExecutor(2),
    )  # fmt: skip
    records = report.records()
    assert len(records) == 12
    (dead,) = [r for r in records if r["outcome"] == "failed"]
    assert dead["input"] == "in/huyen-a/xa-02.yaml"
    assert dead["error"] == "the worker process died while processing this document (exit code 3)"
    assert all(len(r["outputs"]) == 1 for r in records if r is not dead)
    assert report.exit_code == 2


STARTUP_KILLER = """
import os

if os.getpid() != {parent}:
    os._exit(4)  # only in the workers: they die before they can take a document
"""


def test_workers_that_die_while_starting_stop_the_batch_with_a_message(
    corpus: list[Path], tmp_path: Path
) -> None:
    plugins = write_plugin(
        tmp_path / "plugins", "startup", STARTUP_KILLER.format(parent=os.getpid())
    )
    with pytest.raises(BatchError, match=r"worker processes die while starting \(exit code 4\)"):
        run_batch(
            ["in"], formats=["text"], outdir=tmp_path / "out", plugins_dir=plugins,
            executor=LocalExecutor(2),
        )  # fmt: skip


def test_a_plugin_module_the_workers_cannot_import_is_a_clear_error(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("bcpipe_test_plugin_of_this_process_only")
    monkeypatch.setitem(sys.modules, module.__name__, module)  # importable here, not there
    message = (
        r"a batch worker cannot build its pipeline: ModuleNotFoundError: "
        r"No module named 'bcpipe_test_plugin_of_this_process_only'"
    )
    with pytest.raises(BatchError, match=message):
        run_batch(
            ["in"], formats=["text"], outdir=tmp_path / "out", plugins=[module],
            executor=LocalExecutor(1),
        )  # fmt: skip
    with pytest.raises(TypeError, match="give plugins as importable module names"):
        run_batch(["in"], formats=["text"], outdir=tmp_path / "out", plugins=[object()])


def test_a_worker_with_another_plugin_set_refuses_the_document(
    corpus: list[Path], tmp_path: Path
) -> None:
    pipeline = bcpipe.Pipeline()
    task = Task(
        path=str(corpus[0]), name="in/x.yaml", kind=None, outdir=str(tmp_path / "out"),
        outputs=(("text", "x.txt"),), record=".bcpipe/records/x.json", fingerprint="abc",
    )  # fmt: skip
    record = process(pipeline, task, "def")
    assert record["outcome"] == "failed" and "plugin set differs" in (record["error"] or "")
    assert not (tmp_path / "out").exists()


def test_an_output_that_cannot_be_written_fails_its_document(
    corpus: list[Path], tmp_path: Path
) -> None:
    (tmp_path / "out" / "huyen-a" / "xa-00.txt").mkdir(parents=True)  # a folder in the way
    report = run_batch(["in"], formats=["xml", "text"], outdir="out", executor=SerialExecutor())
    records = {r["input"]: r for r in report.records()}
    blocked = records["in/huyen-a/xa-00.yaml"]
    assert blocked["outcome"] == "failed" and blocked["outputs"] == {"xml": "huyen-a/xa-00.xml"}
    assert blocked["error"] == "huyen-a/xa-00.txt: cannot be written: Is a directory"
    assert report.failed == 1 and report.documents == 12
    assert not list((tmp_path / "out").rglob("*.tmp"))
    # Its page is gone with its record, and report.html does not link to it.
    assert blocked["page"] is None
    report_html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    pages = [r["page"] for r in records.values() if r["page"]]
    assert pages and all((tmp_path / "out" / page).is_file() for page in pages)
    assert "xa-00.html" not in report_html.split("huyen-a/xa-00.yaml")[1][:400]


# -- re-runs ---------------------------------------------------------------------------


def mtimes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for p in folder.rglob("huyen-*/*")
        if p.is_file()
    }


def outcomes(report: BatchReport) -> dict[str, str]:
    """Each document's outcome, or "unchanged" when it was not redone."""
    return {r["input"]: "unchanged" if r["unchanged"] else r["outcome"] for r in report.records()}


def test_a_rerun_skips_current_documents_and_redoes_changed_ones(
    corpus: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"

    def batch(**options: Any) -> BatchReport:
        # Workers skip (or not) the same way on any executor: the serial one is quickest.
        options = {"formats": ["text", "pdf"], **options}
        return run_batch(["in"], outdir=out, executor=SerialExecutor(), **options)

    first = run_batch(["in"], formats=["text", "pdf"], outdir=out, executor=LocalExecutor(2))
    before = mtimes(out)
    second = batch()
    assert set(outcomes(second).values()) == {"unchanged"}
    assert mtimes(out) == before  # nothing rewritten
    # The report keeps the outcome and findings of the run that made the outputs, and the
    # exit code.
    assert [r["findings"] for r in second.records()] == [r["findings"] for r in first.records()]
    assert [r["outcome"] for r in second.records()] == [r["outcome"] for r in first.records()]
    assert second.exit_code == first.exit_code == 1
    assert second.totals.to_dict()["by_code"] == first.totals.to_dict()["by_code"]

    changed = corpus[5]
    made = (out / "huyen-b" / "xa-02.txt").stat().st_mtime_ns
    os.utime(changed, ns=(made + 1_000_000, made + 1_000_000))  # edited after the export
    (out / "huyen-a" / "xa-01.pdf").unlink()  # an output lost
    restored = corpus[7]  # an older copy put back: older than the outputs, still redone
    write_yaml(restored, minimal_report(subject="Bản cũ"))
    os.utime(restored, (1_600_000_000, 1_600_000_000))
    third = batch()
    redone = {name for name, outcome in outcomes(third).items() if outcome != "unchanged"}
    assert redone == {
        str(changed.relative_to(tmp_path)),
        str(restored.relative_to(tmp_path)),
        "in/huyen-a/xa-01.yaml",
    }
    assert (out / "huyen-a" / "xa-01.pdf").exists()

    assert set(outcomes(batch(force=True)).values()) == {"ok", "findings"}
    # Another plugin set (a plugin disabled, a language) makes other outputs: redone.
    assert "unchanged" not in outcomes(batch(disable=["citations"])).values()
    assert "unchanged" not in outcomes(batch(disable=["citations"], language="en")).values()
    assert set(outcomes(batch(disable=["citations"], language="en")).values()) == {"unchanged"}
    # A format not made before: redone.
    more = batch(formats=["text", "xml"], disable=["citations"])
    assert "unchanged" not in outcomes(more).values()


def test_a_changed_plugin_file_redoes_the_documents(corpus: list[Path], tmp_path: Path) -> None:
    plugins = write_plugin(tmp_path / "plugins", "crashy", CRASHING)
    options: dict[str, Any] = {
        "formats": ["crashy"], "outdir": tmp_path / "out", "plugins_dir": plugins,
        "executor": LocalExecutor(2),
    }  # fmt: skip
    run_batch(["in"], **options)
    assert set(outcomes(run_batch(["in"], **options)).values()) == {"unchanged"}
    write_plugin(plugins, "crashy", CRASHING.replace("the exporter fell over", "oops"))
    assert set(outcomes(run_batch(["in"], **options)).values()) == {"ok", "findings"}


def test_a_document_that_now_fails_loses_its_stale_outputs(
    corpus: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_batch(["in"], formats=["text"], outdir=out, executor=SerialExecutor())
    stale = out / "huyen-a" / "xa-00.txt"
    assert stale.exists()
    corpus[0].write_text("type: [", encoding="utf-8")
    report = run_batch(["in"], formats=["text"], outdir=out, executor=SerialExecutor())
    assert outcomes(report)["in/huyen-a/xa-00.yaml"] == "failed"
    assert not stale.exists()
    again = run_batch(["in"], formats=["text"], outdir=out, executor=SerialExecutor())
    assert outcomes(again)["in/huyen-a/xa-00.yaml"] == "failed"  # redone: no record


# -- inputs ----------------------------------------------------------------------------


def test_inputs_are_files_folders_and_globs_in_a_stable_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ["b/2.yaml", "b/1.json", "b/sub/3.yml", "b/.hidden/4.yaml", "b/.5.yaml",
                 "b/notes.txt", "c/6.yaml", "out/7.yaml", "b/out/8.yaml"]:  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    suffixes = [".yaml", ".yml", ".json"]
    found, empty = discover(["c/6.yaml", "b", "c/*.yaml", "d/*.yaml"], suffixes, tmp_path / "out")
    assert [i.name for i in found] == [
        "c/6.yaml", "b/1.json", "b/2.yaml", "b/out/8.yaml", "b/sub/3.yml",
    ]  # fmt: skip
    assert empty == ["c/*.yaml", "d/*.yaml"]  # the pattern's one file was taken already
    assert found[0].path == str(tmp_path / "c" / "6.yaml")
    recursive, _ = discover(["**/*.yaml"], suffixes, tmp_path / "out")
    assert [i.name for i in recursive] == ["b/2.yaml", "b/out/8.yaml", "c/6.yaml"]
    # The output folder is never searched, wherever it is.
    inside, _ = discover(["b"], suffixes, tmp_path / "b" / "out")
    assert "b/out/8.yaml" not in [i.name for i in inside]
    with pytest.raises(BatchError, match="b/sub: this input folder is inside the output"):
        discover(["b/sub"], suffixes, tmp_path / "b")
    with pytest.raises(BatchError, match=r"c/6\.yaml: this input is inside the output folder"):
        discover(["c/6.yaml"], suffixes, tmp_path / "c")


def test_output_names_mirror_folders_and_never_collide() -> None:
    inputs = [
        Input(f"/data/{name}", name)
        for name in ["a/x.yaml", "b/x.yaml", "a/y.yaml", "a/y.json", "report.yaml", "a/report.yaml"]
    ]
    assert output_stems(inputs) == ["a/x", "b/x", "a/y.yaml", "a/y.json", "report.yaml", "a/report"]
    assert output_stems([Input("/data/a/x.yaml", "x.yaml")]) == ["x"]


def test_no_documents_or_an_unknown_format_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match=r"no documents found in .*empty"):
        run_batch([tmp_path / "empty"], formats=["text"], outdir=tmp_path / "out")
    with pytest.raises(bcpipe.UnknownFormatError, match="no exporter for 'odt'"):
        run_batch([tmp_path / "empty"], formats=["text", "odt"], outdir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


# -- executors -------------------------------------------------------------------------


def test_the_local_pool_takes_tasks_only_as_it_has_room(corpus: list[Path], tmp_path: Path) -> None:
    """Memory stays flat: tasks are drawn lazily, a bounded number ahead of the records."""
    taken = 0

    def tasks() -> Iterator[Task]:
        nonlocal taken
        for i in range(200):
            taken += 1
            yield Task(
                path=str(corpus[i % len(corpus)]), name=f"doc-{i}", kind=None,
                outdir=str(tmp_path / "out"), outputs=(), record=f"r/{i}.json", fingerprint="x",
            )  # fmt: skip

    executor = LocalExecutor(1, prefetch=2)
    records = executor.run(PipelineOptions(), tasks())
    first = next(records)
    assert first["input"] == "doc-0"
    assert taken <= 1 * 2 * 4 + 1  # the window: workers x prefetch x 4
    rest = list(records)
    assert taken == 200 and [r["input"] for r in rest] == [f"doc-{i}" for i in range(1, 200)]


def test_serial_local_and_dask_executors_give_the_same_report(
    corpus: list[Path], tmp_path: Path
) -> None:
    import dask
    from distributed import Client, LocalCluster

    from bcpipe.batch import DaskExecutor

    def batch(name: str, executor: Any) -> dict[str, Any]:
        run_batch(
            ["in"], formats=["pdf", "edxml", "text"], outdir=tmp_path / name,
            settings=SETTINGS, executor=executor,
        )  # fmt: skip
        return report_json(tmp_path / name)

    local = batch("local", LocalExecutor(2))
    serial = batch("serial", SerialExecutor())
    # A task whose worker died fails at once (no retry on other workers): quicker here.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        on_dask = batch("dask", DaskExecutor(client=client, chunksize=3))
        # A document that kills its Dask worker fails alone: its chunk is split and retried.
        plugins = write_plugin(tmp_path / "plugins", "killer", KILLER)
        write_yaml(tmp_path / "in" / "huyen-a" / "xa-02.yaml", minimal_report(subject="CRASH"))
        killed = run_batch(
            ["in"], formats=["text"], outdir=tmp_path / "killed", plugins_dir=plugins,
            executor=DaskExecutor(client=client, chunksize=4),
        )  # fmt: skip
    (dead,) = [r for r in killed.records() if r["outcome"] == "failed"]
    assert dead["input"] == "in/huyen-a/xa-02.yaml"
    assert dead["error"].startswith("the Dask workers died while processing this document")
    assert killed.documents == 12 and killed.exit_code == 2
    dask_report = on_dask
    assert dask_report["run"]["executor"].startswith("dask at tcp://")
    assert without_timings(dask_report) == without_timings(local) == without_timings(serial)
    assert files_under(tmp_path / "dask") == files_under(tmp_path / "local")
    for name in files_under(tmp_path / "local"):
        if name.startswith("huyen-"):
            assert (tmp_path / "dask" / name).read_bytes() == (
                tmp_path / "local" / name
            ).read_bytes()


# -- the command -----------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(*argv: str, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err if err is not None else io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_batch_command_exit_codes_and_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make_corpus(tmp_path / "in", 12)
    clean = tmp_path / "in" / "huyen-a" / "xa-00.yaml"
    code, out, err = cli("batch", str(clean), "--to", "text,pdf", "-o", "one", "--jobs", "1")
    assert code == 0, err
    assert out.startswith("1 document in ") and "documents/s; local, 1 process)" in out
    assert "ok 1, with error findings 0, failed 0\n" in out
    assert sorted(p.name for p in Path("one").iterdir()) == [
        ".bcpipe",
        "report",  # the document's page
        "report.html",
        "report.json",
        "xa-00.pdf",
        "xa-00.txt",
    ]

    code, out, err = cli("batch", "in", "--to", "text", "--to", "xml", "-o", "all", "--lang", "en")
    assert code == 1, err
    assert "12 documents in " in out and "ok 8, with error findings 4, failed 0" in out
    assert "  findings: 4 error, 2 warning, 0 info\n" in out
    assert "    BC121   error   4 in 4 documents\n" in out
    assert "    BC305   warning 2 in 2 documents\n" in out
    assert f"report: {tmp_path / 'all' / 'report.json'}, " in out
    records = {r["input"]: r for r in report_json(tmp_path / "all")["documents"]}
    (finding,) = records["in/huyen-a/xa-01.yaml"]["findings"]
    assert (
        finding["message"]
        == 'A "KT. CHỦ TỊCH" block must be signed by a deputy, but the signer is "CHỦ TỊCH"'
    )

    assert err == ""  # no progress bar when stderr is not a terminal

    code, out, _ = cli("batch", "in", "--to", "text,xml", "-o", "all", "--lang", "en")
    assert code == 1
    assert (
        "ok 8, with error findings 4, failed 0 (12 unchanged since the last run, 4 of them with error findings)"
        in out
    )

    (tmp_path / "in" / "broken.yaml").write_text("type: [", encoding="utf-8")
    code, out, _ = cli("batch", "in", "--to", "text", "-o", "all", "--ignore", "BC121")
    assert code == 2
    assert "ok 12, with error findings 0, failed 1\n" in out
    assert "  failed:\n    in/broken.yaml:2:1: invalid YAML" in out  # the name once


def test_the_progress_bar_shows_on_a_terminal_only(corpus: list[Path], tmp_path: Path) -> None:
    code, _, err = cli("batch", "in", "--to", "text", "-o", "a", err=Terminal())
    assert code == 1
    assert "\r[" in err and "12/12" in err and "100%" in err and "docs/s" in err
    assert err.endswith("\r")  # wiped before the summary
    code, _, err = cli("batch", "in", "--to", "text", "-o", "b", "--quiet", err=Terminal())
    assert code == 1 and err == ""


def test_batch_command_errors_exit_2_without_a_traceback(
    corpus: list[Path], tmp_path: Path
) -> None:
    code, _, err = cli("batch", "in", "--to", "odt", "-o", "out")
    assert code == 2 and "no exporter for 'odt'" in err
    code, _, err = cli("batch", "nowhere/*.yaml", "--to", "text", "-o", "out")
    assert code == 2 and "bcpipe: no documents found in nowhere/*.yaml" in err
    code, _, err = cli("batch", "in", "--to", "text", "-o", "out", "--scheduler", "tcp://x:1",
                       "--executor", "local")  # fmt: skip
    assert code == 2 and "--scheduler needs --executor dask" in err
    code, _, err = cli("batch", "in", "--to", "text", "-o", "in")
    assert code == 2 and "in: this input folder is inside the output folder" in err
    with pytest.raises(SystemExit) as info:
        cli("batch", "in", "--to", "text", "-o", "out", "--jobs", "0")
    assert info.value.code == 2


def test_an_output_folder_inside_the_inputs_is_not_read_back(
    corpus: list[Path], tmp_path: Path
) -> None:
    # XML outputs are files the XML loader reads: a second run must not take them.
    for _ in range(2):
        code, out, err = cli("batch", "in", "--to", "xml", "-o", "in/out", "-j", "1")
        assert code == 1, err
        assert out.startswith("12 documents in ")
    assert "(12 unchanged since the last run" in out
    assert len(list((tmp_path / "in" / "out").rglob("*.xml"))) == 12


UNGUARDED_SCRIPT = """
from bcpipe.batch import LocalExecutor, run_batch

run_batch([{input!r}], formats=["text"], outdir={outdir!r}, executor=LocalExecutor(jobs=2))
"""


def test_a_script_without_the_main_guard_is_told_to_add_it(tmp_path: Path) -> None:
    # The newcomer's mistake: run_batch at the top of a script, which each worker imports.
    import subprocess

    script = tmp_path / "batch.py"
    sample = str(SEED_TEXT.with_suffix(".yaml"))
    script.write_text(
        UNGUARDED_SCRIPT.format(input=sample, outdir=str(tmp_path / "out")), encoding="utf-8"
    )
    ran = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.returncode != 0
    assert "BatchError: batch worker processes die while starting" in ran.stderr
    assert 'under `if __name__ == "__main__":`' in ran.stderr


def test_a_rerun_keeps_each_documents_last_outcome_marked_unchanged(
    corpus: list[Path], tmp_path: Path
) -> None:
    first = run_batch(["in"], formats=["text"], outdir=tmp_path / "out", executor=SerialExecutor())
    before = first.records()  # report.json is rewritten by the next run
    again = run_batch(["in"], formats=["text"], outdir=tmp_path / "out", executor=SerialExecutor())
    after = again.records()
    assert [r["outcome"] for r in after] == [r["outcome"] for r in before]
    assert {r["outcome"] for r in after} == {"ok", "findings"}
    assert [r["unchanged"] for r in before] == [False] * 12
    assert [r["unchanged"] for r in after] == [True] * 12
    assert again.totals.to_dict()["unchanged"] == 12
    page = etree.fromstring(again.html_path.read_bytes())
    rows = page.findall(".//tbody/tr")
    assert [row.get("data-outcome") for row in rows] == [r["outcome"] for r in before]
    marks = page.findall(".//tbody//span[@class='unchanged-mark']")
    assert len(marks) == 12 and marks[0].text == "không đổi từ lần chạy trước"


def test_the_report_charts_findings_by_code_and_by_issuing_body(
    corpus: list[Path], tmp_path: Path
) -> None:
    report = run_batch(["in"], formats=["text"], outdir=tmp_path / "out", executor=SerialExecutor())
    assert report.totals.to_dict()["by_issuer"] == {"ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN": 6}
    raw = report.html_path.read_bytes()
    assert b"<script src" not in raw and b"http" not in raw  # inline, nothing from outside
    page = etree.fromstring(raw)
    by_code, by_issuer = page.findall(".//div[@class='charts']/figure")
    bars = {
        "".join(g.find("title").itertext()): g.find("rect").get("class") for g in by_code.iter("g")
    }
    assert bars == {"BC121: 4": "bar-error", "BC305: 2": "bar-warning"}
    (body,) = by_issuer.iter("g")
    assert body.find("title").text == "ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN: 6"
    widths = [int(g.find("rect").get("width")) for g in by_code.iter("g")]
    assert widths == [300, 150]  # to scale


def test_each_document_has_a_page_with_its_findings_beside_its_lines(
    corpus: list[Path], tmp_path: Path
) -> None:
    report = run_batch(["in"], formats=["text"], outdir=tmp_path / "out", executor=SerialExecutor())
    record = next(r for r in report.records() if r["input"] == "in/huyen-a/xa-01.yaml")
    assert record["page"] == "report/huyen-a/xa-01.html"
    (finding,) = record["findings"]
    line = finding["location"]["line"]
    page = etree.fromstring((tmp_path / "out" / record["page"]).read_bytes())
    back = page.find(".//p/a")
    assert back.get("href") == "../../report.html"
    source = (tmp_path / "in" / "huyen-a" / "xa-01.yaml").read_text(encoding="utf-8")
    rows = page.findall(".//table[@class='text']/tr")
    assert ["".join(r.findall("td")[1].itertext()) for r in rows] == source.splitlines()
    highlighted = [r.get("id") for r in rows if r.get("class")]
    assert highlighted == [f"L{line}"] and rows[line - 1].get("class") == "error"
    (item,) = page.findall(".//div[@class='findings']/ol/li")
    assert item.find("b").text == "BC121" and item.find("a").get("href") == f"#L{line}"
    # The report links each name to its page.
    index = etree.fromstring(report.html_path.read_bytes())
    assert "report/huyen-a/xa-01.html" in [a.get("href") for a in index.iter("a")]
