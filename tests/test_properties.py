"""Properties of generated documents (bcpipe.testing), over many examples each.

Valid documents pass every rule; each broken document breaks its rule and no other;
every exporter accepts every valid document; the JSON Schema accepts every exported
document and rejects corrupted ones; every format that has a reader reads back what
its exporter wrote. New exporters and readers (pdf, xml, edxml, text) are covered as
soon as they are installed: the tests iterate over what the pipeline has.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bcpipe
from bcpipe.failures import COMPONENTS_FAILED, PLUGIN_NOT_LOADED, RULE_FAILED, TRANSFORM_FAILED
from bcpipe.model import (
    Appendix,
    Archive,
    AsAbove,
    AuthorityLine,
    CalendarDate,
    Citation,
    Clause,
    Document,
    IssueDate,
    Issuer,
    Item,
    Marks,
    NamedRecipient,
    NationalMotto,
    Paragraph,
    Part,
    Point,
    Section,
    SignatureBlock,
    Table,
)
from bcpipe.names import body_words
from bcpipe.schema import document_schema
from bcpipe.testing import (
    BREAKABLE_RULES,
    UNBREAKABLE_RULES,
    assert_round_trip,
    body_names,
    broken_documents,
    documents,
    round_trip_formats,
)

# -- the rules -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline(every_rule: bcpipe.Pipeline) -> bcpipe.Pipeline:
    """These tests check each rule's own defects: every code is reported, not only the
    recommended set."""
    return every_rule


@given(documents())
def test_every_generated_document_passes_every_rule(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    # Not even a warning or an info: documents() never makes a draft that looks issued.
    assert pipeline.validate(doc).codes() == []


@settings(max_examples=5)
@pytest.mark.parametrize("rule", BREAKABLE_RULES)
@given(data=st.data())
def test_each_broken_document_breaks_its_rule_and_no_other(
    pipeline: bcpipe.Pipeline, rule: str, data: st.DataObject
) -> None:
    doc = data.draw(broken_documents(rule=rule))
    assert pipeline.validate(doc).codes() == [rule]


def test_every_rule_code_is_breakable_or_said_not_to_be(pipeline: bcpipe.Pipeline) -> None:
    declared = {check.code for rule in pipeline.rules for check in rule.checks}
    # edXML agency codes, and a profile part the settings require: matters of the settings
    settings_only = {"BC601", "BC602", "BC408"}
    assert set(BREAKABLE_RULES) == declared - settings_only
    pipeline_failures = (RULE_FAILED, PLUGIN_NOT_LOADED, COMPONENTS_FAILED, TRANSFORM_FAILED)
    expected = {check.code for check in pipeline_failures} | settings_only
    assert set(UNBREAKABLE_RULES) == expected


# -- the exporters --------------------------------------------------------------------


def organ_ids() -> dict[str, str]:
    """An OrganId-shaped code for every body the strategies name (one per body, however
    it is spelt): what an edXML exporter needs in its settings to name the parties."""
    codes: dict[tuple[str, ...], str] = {}
    ids = {}
    for name in body_names():
        n = len(codes)
        ids[name] = codes.setdefault(body_words(name), f"000.00.{n // 100:02d}.H{n % 100:02d}")
    return ids


@pytest.fixture(scope="session")
def exporting() -> bcpipe.Pipeline:
    """The default pipeline, with the settings exporters may need (edXML's agency codes)."""
    return bcpipe.Pipeline(settings={"edxml": {"organs": organ_ids()}})


# Formats that, by design, send documents to other bodies and so refuse drafts and state
# secrets, with an ExportError saying why (edXML; not installed on every branch).
REFUSE_UNSENDABLE = frozenset({"edxml"})


@given(documents(recipients=st.integers(1, 4)))
def test_every_exporter_accepts_every_valid_document(
    exporting: bcpipe.Pipeline, doc: Document
) -> None:
    formats = exporting.export_formats
    assert {"text", "json"} <= set(formats)
    unsendable = doc.is_draft or doc.marks.confidentiality is not None
    for fmt in formats:
        if fmt in REFUSE_UNSENDABLE and unsendable:
            with pytest.raises(bcpipe.ExportError):
                exporting.export(doc, fmt)
            continue
        data = exporting.export(doc, fmt)
        assert data, fmt
        assert exporting.export(doc, fmt) == data, f"{fmt} export is not deterministic"


# -- the JSON Schema ------------------------------------------------------------------


# Built once (compiling the schema is the expensive part); a module constant, not a
# fixture, so that Hypothesis does not print the whole schema with each failing example.
VALIDATOR = jsonschema.Draft202012Validator(document_schema())


@given(documents())
def test_the_schema_accepts_every_exported_document(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    data = json.loads(pipeline.export(doc, "json"))
    assert [error.message for error in VALIDATOR.iter_errors(data)] == []


Path = tuple[str | int, ...]
_BY_KIND = {
    "part": Part,
    "section": Section,
    "clause": Clause,
    "point": Point,
    "item": Item,
    "paragraph": Paragraph,
    "table": Table,
    "recipient": NamedRecipient,
    "as_above": AsAbove,
    "archive": Archive,
}
_BY_FIELD = {
    "issuer": Issuer,
    "signature": SignatureBlock,
    "authority": AuthorityLine,
    "citations": Citation,
    "appendices": Appendix,
    "date": CalendarDate,
    "issue_date": IssueDate,
    "marks": Marks,
    "motto": NationalMotto,
    "basis": Paragraph,
    "closing": Paragraph,
}


def _nodes(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value of the JSON document with its path, except plugin data (extensions
    hold anything)."""
    yield path, value
    if path == ("extensions",):
        return
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _nodes(child, (*path, index))


def _model_of(path: Path, node: dict[str, Any]) -> type[Any]:
    if not path:
        return Document
    if node.get("kind") in _BY_KIND:
        return _BY_KIND[node["kind"]]
    field = next(p for p in reversed(path) if isinstance(p, str))
    return _BY_FIELD[field]


def _at(data: Any, path: Path) -> Any:
    for key in path:
        data = data[key]
    return data


_WRONG = {str: {"unexpected": 1}, int: "12", type(None): [1], dict: "text", list: {"a": 1}}
_UNKNOWN_KINDS = ("tieu_muc", "Article", "Paragraph", "bullet", "note", "")


def corrupt(
    draw: Callable[[st.SearchStrategy[Any]], Any], data: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """A copy of ``data`` with one defect: a value of the wrong type, an unknown block or
    recipient kind, or a required field removed."""
    corrupted = json.loads(json.dumps(data))
    nodes = [
        (p, v) for p, v in _nodes(corrupted) if (p and p[0] != "extensions") or p == ("extensions",)
    ]
    how = draw(st.sampled_from(("wrong type", "unknown kind", "missing field")))
    if how == "unknown kind":
        kinded = [v for _, v in nodes if isinstance(v, dict) and "kind" in v]
        node = draw(st.sampled_from(kinded))
        node["kind"] = draw(st.sampled_from(_UNKNOWN_KINDS))
        return f"kind {node['kind']!r}", corrupted
    if how == "missing field":
        objects = [
            (p, v)
            for p, v in [((), corrupted), *nodes]
            if isinstance(v, dict) and p != ("extensions",)
        ]
        required = [
            (p, name)
            for p, v in objects
            for name, info in _model_of(p, v).model_fields.items()
            if info.is_required()
        ]
        path, name = draw(st.sampled_from(required))
        del _at(corrupted, path)[name]
        return f"no {name} at {path}", corrupted
    path, value = draw(st.sampled_from([(p, v) for p, v in nodes if p]))
    _at(corrupted, path[:-1])[path[-1]] = _WRONG[type(value)]
    return f"{type(value).__name__} replaced at {path}", corrupted


@given(documents(), st.data())
def test_the_schema_rejects_corrupted_documents(
    pipeline: bcpipe.Pipeline, doc: Document, data: st.DataObject
) -> None:
    exported = json.loads(pipeline.export(doc, "json"))
    what, corrupted = corrupt(data.draw, exported)
    assert list(VALIDATOR.iter_errors(corrupted)), what


# -- round trips ----------------------------------------------------------------------


def test_the_built_in_formats_that_read_back_are_round_tripped(pipeline: bcpipe.Pipeline) -> None:
    # yaml and toml are read but not written; a plugin adding a reader joins the list.
    assert {"json", "text", "xml"} <= set(round_trip_formats(pipeline))
    assert "yaml" not in round_trip_formats(pipeline)


@given(documents())
def test_every_readable_format_reads_back_what_was_written(
    pipeline: bcpipe.Pipeline, doc: Document
) -> None:
    for fmt in round_trip_formats(pipeline):
        assert_round_trip(pipeline, doc, fmt)


class Lossy:
    """A format whose reader loses the subject: the round-trip check must notice."""

    __name__ = "lossy"

    @bcpipe.hookimpl
    def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
        return [bcpipe.Exporter("lossy", lambda doc, ctx: doc.model_dump_json().encode())]

    @bcpipe.hookimpl
    def bcpipe_loaders(self) -> list[bcpipe.Loader]:
        def load(data: bytes, ctx: bcpipe.LoadContext) -> Document:
            return ctx.document(json.loads(data) | {"subject": "Một trích yếu khác"})

        return [bcpipe.Loader("lossy", (".lossy",), load)]


@settings(max_examples=5)
@given(documents())
def test_a_format_that_loses_words_fails_the_round_trip(doc: Document) -> None:
    pipeline = bcpipe.Pipeline(plugins=[Lossy()])
    assert "lossy" in round_trip_formats(pipeline)
    with pytest.raises(AssertionError, match=r"subject: .* became 'Một trích yếu khác'"):
        assert_round_trip(pipeline, doc, "lossy")
