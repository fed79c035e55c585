"""The plugin system: the three ways to find plugins, isolation, and failing plugins."""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import bcpipe
from bcpipe import Check, Document, ExportContext, RuleContext, Severity, hookimpl
from bcpipe.citations import find_citations
from bcpipe.hookspecs import bcpipe_rules as rules_spec

SUBJECT_RULE = textwrap.dedent(
    '''
    """A local plugin: a rule and an exporter."""
    import bcpipe
    from bcpipe import Check, Severity, hookimpl

    __version__ = "1.2.3"

    SHORT = Check("XY001", Severity.WARNING, vi="Trích yếu quá ngắn", en="The subject is too short")

    @bcpipe.rule("xy-subject-length", SHORT)
    def subject_length(doc, ctx):
        if len(doc.subject.split()) < 20:
            yield SHORT.at(("subject",))

    @bcpipe.exporter("shout", media_type="text/plain", extension=".txt")
    def shout(doc, ctx):
        return doc.subject.upper().encode()

    @hookimpl
    def bcpipe_rules():
        return [subject_length]

    @hookimpl
    def bcpipe_exporters():
        return [shout]
    '''
)


@pytest.fixture
def plugins_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "xy_rules.py").write_text(SUBJECT_RULE, encoding="utf-8")
    return folder


def test_a_plugins_dir_adds_a_rule_and_an_exporter(
    plugins_dir: Path, minimal: dict[str, Any]
) -> None:
    pipeline = bcpipe.Pipeline(plugins_dir=plugins_dir)
    doc = bcpipe.load(minimal)
    result = pipeline.validate(doc)
    assert result.codes() == ["XY001"]
    assert result.findings[0].plugin == "xy_rules"
    assert result.findings[0].rule == "xy-subject-length"
    assert pipeline.export(doc, "shout") == doc.subject.upper().encode()
    info = {p.name: p for p in pipeline.plugins()}["xy_rules"]
    assert (info.source, info.version) == ("directory", "1.2.3")
    assert info.components == {"rules": ["xy-subject-length"], "exporters": ["shout"]}


def test_a_plugin_in_a_folder_imports_a_helper_beside_it(
    tmp_path: Path, minimal: dict[str, Any]
) -> None:
    # Two folders, each with its own _shared.py and rules.py: neither sees the other's.
    for name, code in (("a", "XY001"), ("b", "XY002")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "_shared.py").write_text(f"CODE = {code!r}\n")
        (folder / "rules.py").write_text(
            textwrap.dedent(
                """
                import bcpipe
                from ._shared import CODE

                CHECK = bcpipe.Check(CODE, bcpipe.Severity.INFO, vi="x", en="x")

                @bcpipe.rule("always-" + CODE, CHECK)
                def always(doc, ctx):
                    return [CHECK.at(())]

                @bcpipe.hookimpl
                def bcpipe_rules():
                    return [always]
                """
            )
        )
    doc = bcpipe.load(minimal)
    assert bcpipe.Pipeline(plugins_dir=tmp_path / "a").validate(doc).codes() == ["XY001"]
    assert bcpipe.Pipeline(plugins_dir=tmp_path / "b").validate(doc).codes() == ["XY002"]
    plugins = bcpipe.Pipeline(plugins_dir=tmp_path / "a").plugins()
    assert [p.name for p in plugins if p.source == "directory"] == ["rules"]  # not _shared


@pytest.fixture
def installed_package(tmp_path: Path) -> Iterator[Path]:
    """A small package installed the way pip installs one: code plus a .dist-info."""
    site = tmp_path / "site"
    (site / "bcpipe_agency").mkdir(parents=True)
    (site / "bcpipe_agency" / "__init__.py").write_text(SUBJECT_RULE, encoding="utf-8")
    dist = site / "bcpipe_agency-0.4.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: bcpipe-agency\nVersion: 0.4.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text("[bcpipe]\nagency = bcpipe_agency\n", encoding="utf-8")
    sys.path.insert(0, str(site))
    try:
        yield site
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("bcpipe_agency", None)


def test_an_installed_package_is_found_through_its_entry_point(
    installed_package: Path, minimal: dict[str, Any]
) -> None:
    pipeline = bcpipe.Pipeline()
    info = {p.name: p for p in pipeline.plugins()}["agency"]
    assert (info.source, info.version, info.distribution) == (
        "entrypoint",
        "0.4.0",
        "bcpipe-agency",
    )
    assert info.hooks == ["bcpipe_exporters", "bcpipe_rules"]
    assert pipeline.validate(bcpipe.load(minimal)).codes() == ["XY001"]
    assert "shout" in pipeline.export_formats
    # ...and can be switched off by name.
    assert "agency" not in {p.name for p in bcpipe.Pipeline(disable=["agency"]).plugins()}


def test_building_a_pipeline_reads_no_distribution_metadata(
    installed_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Parsing METADATA files was most of a pipeline's construction: it waits until the
    # plugins are listed.
    read: list[str] = []
    original = importlib.metadata.PathDistribution.read_text

    def counting(self: importlib.metadata.PathDistribution, filename: str) -> str | None:
        read.append(filename)
        return original(self, filename)

    monkeypatch.setattr(importlib.metadata.PathDistribution, "read_text", counting)
    pipeline = bcpipe.Pipeline()
    assert "METADATA" not in read
    info = {p.name: p for p in pipeline.plugins()}["agency"]
    assert (info.version, info.distribution) == ("0.4.0", "bcpipe-agency")


def test_a_package_installed_while_running_is_found_by_the_next_pipeline(
    installed_package: Path, tmp_path: Path
) -> None:
    before = {p.name for p in bcpipe.Pipeline().plugins()}
    (installed_package / "bcpipe_later.py").write_text("", encoding="utf-8")
    dist = installed_package / "bcpipe_later-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bcpipe-later\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[bcpipe]\nlater = bcpipe_later\n")
    try:
        after = {p.name for p in bcpipe.Pipeline().plugins()}
    finally:
        sys.modules.pop("bcpipe_later", None)
    assert after - before == {"later"}


def test_bcpipe_load_reuses_one_pipeline_across_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    built: list[object] = []
    original = bcpipe.Pipeline.__init__

    def counting(self: bcpipe.Pipeline, **options: Any) -> None:
        built.append(self)
        original(self, **options)

    monkeypatch.setattr(bcpipe.Pipeline, "__init__", counting)
    sample = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
    for _ in range(3):
        assert bcpipe.load(sample).type == "bao_cao"
    assert len(built) <= 1  # none when an earlier test already built the default
    default_built = len(built)
    bcpipe.load(sample, language="en")  # options: a pipeline of their own
    assert len(built) == default_built + 1


class Crashing:
    """A plugin whose rule raises."""

    __name__ = "crashing"

    @hookimpl
    def bcpipe_rules(self) -> list[bcpipe.Rule]:
        def boom(doc: Document, ctx: RuleContext) -> Iterator[bcpipe.Finding]:
            raise RuntimeError("division by zero in the agency's rule")
            yield  # pragma: no cover

        return [bcpipe.Rule("boom", (), boom)]


def test_a_rule_that_raises_becomes_a_finding_and_the_others_still_run(
    minimal: dict[str, Any],
) -> None:
    minimal["number"] = None  # a real defect the built-in rules must still find
    result = bcpipe.Pipeline(plugins=[Crashing()]).validate(bcpipe.load(minimal))
    assert set(result.codes()) == {"BC900", "BC106"}
    (crash,) = result.by_code()["BC900"]
    assert crash.plugin == "crashing" and crash.rule == "boom"
    assert "division by zero in the agency's rule" in crash.message_en
    assert crash.severity is Severity.ERROR


def test_a_hook_that_raises_becomes_a_finding(minimal: dict[str, Any]) -> None:
    class BadHook:
        __name__ = "bad-hook"

        @hookimpl
        def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
            raise ValueError("config missing")

    pipeline = bcpipe.Pipeline(plugins=[BadHook()])
    assert pipeline.problems[0].plugin == "bad-hook"
    (finding,) = pipeline.validate(bcpipe.load(minimal)).findings
    assert (finding.code, finding.plugin) == ("BC902", "bad-hook")
    assert "config missing" in finding.message_en
    assert "text" in pipeline.export_formats  # the other plugins are unaffected


def test_a_plugin_that_cannot_be_imported_is_reported(
    tmp_path: Path, minimal: dict[str, Any]
) -> None:
    (tmp_path / "broken.py").write_text("import not_a_module_anywhere\n", encoding="utf-8")
    (tmp_path / "_private.py").write_text(
        "raise SystemExit('must not be imported')\n", encoding="utf-8"
    )
    result = bcpipe.Pipeline(plugins_dir=tmp_path).validate(bcpipe.load(minimal))
    (finding,) = result.findings
    assert finding.code == "BC901" and "not_a_module_anywhere" in finding.message_en


def test_misspelt_and_unmarked_hooks_are_refused_with_a_hint() -> None:
    class Typo:
        __name__ = "typo"

        @hookimpl
        def bcpipe_rule(self) -> list[bcpipe.Rule]:
            return []

    class Unmarked:
        __name__ = "unmarked"

        def bcpipe_rules(self) -> list[bcpipe.Rule]:
            return []

    pipeline = bcpipe.Pipeline(plugins=[Typo(), Unmarked()], load_entrypoints=False)
    messages = {p.plugin: p.message for p in pipeline.problems}
    assert messages["typo"] == "bcpipe_rule is not a bcpipe hook (did you mean bcpipe_rules?)"
    assert messages["unmarked"] == "bcpipe_rules is not marked with @bcpipe.hookimpl"
    with pytest.raises(bcpipe.PluginError, match="did you mean bcpipe_rules"):
        bcpipe.Pipeline(plugins=[Typo()], load_entrypoints=False, strict=True)


def test_a_hook_returning_the_wrong_thing_is_reported() -> None:
    class Wrong:
        __name__ = "wrong"

        @hookimpl
        def bcpipe_rules(self) -> list[str]:
            return ["not a rule"]

    (problem,) = bcpipe.Pipeline(plugins=[Wrong()], load_entrypoints=False).problems
    assert "returned 'not a rule', not a Rule" in problem.message


def test_a_failing_transform_is_skipped_and_reported(minimal: dict[str, Any]) -> None:
    class BadTransform:
        __name__ = "bad-transform"

        @hookimpl
        def bcpipe_transforms(self) -> list[bcpipe.Transform]:
            def fail(doc: Document, ctx: bcpipe.TransformContext) -> Document:
                raise KeyError("x")

            return [bcpipe.Transform("fail", fail, priority=10)]

    pipeline = bcpipe.Pipeline(plugins=[BadTransform()])
    result = pipeline.validate(bcpipe.load(minimal))
    assert result.codes() == ["BC903"]
    # the citations transform still ran after the failed one
    assert result.document.basis[0].citations[0].code == "210/UBND-VX"
    # What an export without validation meets: the same failure, and no rule runs.
    prepared = pipeline.prepare_checked(bcpipe.load(minimal | {"recipients": []}))
    assert prepared.codes() == ["BC903"]  # not BC301, the rule for the missing recipients


def test_two_pipelines_in_one_process_do_not_interfere(
    plugins_dir: Path, minimal: dict[str, Any]
) -> None:
    with_plugin = bcpipe.Pipeline(plugins_dir=plugins_dir)
    without = bcpipe.Pipeline()
    doc = bcpipe.load(minimal)
    assert with_plugin.validate(doc).codes() == ["XY001"]
    assert without.validate(doc).codes() == []
    assert "shout" in with_plugin.export_formats and "shout" not in without.export_formats
    only_mine = bcpipe.Pipeline(plugins_dir=plugins_dir, load_entrypoints=False)
    assert only_mine.export_formats == ["shout"]


def test_a_plugin_given_in_code_overrides_a_built_in_exporter(minimal: dict[str, Any]) -> None:
    class Mine:
        __name__ = "mine"

        @hookimpl
        def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
            return [bcpipe.Exporter("text", lambda doc, ctx: b"mine")]

    assert bcpipe.Pipeline(plugins=[Mine()]).export(bcpipe.load(minimal), "text") == b"mine"


def test_hooks_receive_settings_and_exporters_can_reuse_others(minimal: dict[str, Any]) -> None:
    seen: dict[str, Any] = {}

    class Envelope:
        __name__ = "envelope"

        @hookimpl
        def bcpipe_exporters(self, settings: Any) -> list[bcpipe.Exporter]:
            seen.update(settings)

            def wrap(doc: Document, ctx: ExportContext) -> bytes:
                return b"<" + ctx.export(doc, "text")[:8] + b">"

            return [bcpipe.Exporter("envelope", wrap)]

    pipeline = bcpipe.Pipeline(plugins=[Envelope()], settings={"envelope": {"x": 1}})
    assert seen == {"envelope": {"x": 1}}
    doc = bcpipe.load(minimal)
    assert pipeline.export(doc, "envelope") == b"<" + pipeline.export(doc, "text")[:8] + b">"
    assert pipeline.export(doc, "envelope").startswith("<CỘNG".encode())


def test_an_exporter_that_raises_gives_an_export_error_naming_the_plugin(
    minimal: dict[str, Any],
) -> None:
    class Broken:
        __name__ = "broken-exporter"

        @hookimpl
        def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
            def fail(doc: Document, ctx: ExportContext) -> bytes:
                raise OSError("disk full")

            return [bcpipe.Exporter("broken", fail), bcpipe.Exporter("stringy", lambda d, c: "x")]  # type: ignore[arg-type,return-value]

    pipeline = bcpipe.Pipeline(plugins=[Broken()])
    with pytest.raises(bcpipe.ExportError, match="plugin broken-exporter: OSError: disk full"):
        pipeline.export(bcpipe.load(minimal), "broken")
    with pytest.raises(bcpipe.ExportError, match="returned str, not bytes"):
        pipeline.export(bcpipe.load(minimal), "stringy")
    with pytest.raises(bcpipe.UnknownFormatError, match=r"available: .*text"):
        pipeline.export(bcpipe.load(minimal), "odt")


def test_debug_mode_lets_plugin_errors_through(minimal: dict[str, Any]) -> None:
    with pytest.raises(RuntimeError, match="division by zero"):
        bcpipe.Pipeline(plugins=[Crashing()], debug=True).validate(bcpipe.load(minimal))


def test_every_hook_is_documented_for_plugin_authors() -> None:
    import bcpipe.hookspecs as specs

    hooks = [name for name in vars(specs) if name.startswith("bcpipe_")]
    assert sorted(hooks) == [
        "bcpipe_commands",
        "bcpipe_exporters",
        "bcpipe_loaders",
        "bcpipe_rules",
        "bcpipe_transforms",
    ]
    for name in hooks:
        doc = getattr(specs, name).__doc__ or ""
        assert len(doc) > 200, name
    assert rules_spec.__doc__ and "BC900" in rules_spec.__doc__


def test_check_codes_must_be_well_formed() -> None:
    with pytest.raises(ValueError, match="not of the form"):
        Check("bad code", Severity.ERROR, vi="x", en="x")


def test_findings_are_credited_to_their_rule_and_placed_on_lines(minimal: dict[str, Any]) -> None:
    from dataclasses import dataclass

    check = Check("XY002", Severity.INFO, vi="Ghi chú", en="A note")

    @dataclass(frozen=True, slots=True)
    class Noted(bcpipe.Finding):
        extra: str = "kept"

    class Notes:
        __name__ = "notes"

        @hookimpl
        def bcpipe_rules(self) -> list[bcpipe.Rule]:
            def note(doc: Document, ctx: RuleContext) -> list[bcpipe.Finding]:
                plain = check.at(("subject",))
                return [plain, Noted(**{f: getattr(plain, f) for f in plain.__slots__})]

            return [bcpipe.Rule("xy-note", (check,), note)]

    text = bcpipe.Pipeline().export(minimal, "text")
    result = bcpipe.Pipeline(plugins=[Notes()], language="en").validate(
        bcpipe.Pipeline().loads(text, kind="text", name="doc.txt")
    )
    plain, noted = [f for f in result.findings if f.code == "XY002"]
    assert type(plain) is bcpipe.Finding and isinstance(noted, Noted) and noted.extra == "kept"
    for finding in (plain, noted):
        assert (finding.plugin, finding.rule, finding.language) == ("notes", "xy-note", "en")
        assert finding.location.source == "doc.txt" and finding.location.line is not None
        assert finding.message == "A note"


def test_a_hook_with_a_wrong_argument_is_one_line_naming_it(tmp_path: Path) -> None:
    (tmp_path / "typo.py").write_text(
        "import bcpipe\n\n@bcpipe.hookimpl\ndef bcpipe_rules(config):\n    return []\n"
    )
    pipeline = bcpipe.Pipeline(plugins_dir=tmp_path, language="en")
    (problem,) = pipeline.problems
    assert problem.plugin == "typo" and "\n" not in problem.message
    assert "{'config'} are declared in the hookimpl" in problem.message


def test_recognised_citations_keep_the_order_of_their_first_words(
    minimal: dict[str, Any],
) -> None:
    plan = "Kế hoạch số 59/KH-UBND"
    decision = "Quyết định số 12/QĐ-UBND ngày 01/02/2022 của UBND tỉnh về việc x"
    text = f"Thực hiện {plan}; căn cứ {decision}; và lại theo {plan}."
    (given,) = find_citations(plan)
    doc = bcpipe.load(minimal | {"basis": [{"text": text, "citations": [given.model_dump()]}]})
    prepared = bcpipe.Pipeline().prepare(doc)
    assert [c.text for c in prepared.basis[0].citations] == [plan, decision]
