"""A document the pipeline prepared is not prepared again, unless it changed since."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bcpipe
from bcpipe import Document, TransformContext, hookimpl
from bcpipe.model import Citation, Item, NamedRecipient, Paragraph

CITED = "Kế hoạch số 7/KH-UBND ngày 02/3/2023 của UBND huyện"
CITING = f"Thực hiện {CITED} về chuyển đổi số."
# Pipelines are built once: building one discovers the plugins.
FRESH = bcpipe.Pipeline()


class Counting:
    """A plugin whose transform counts its runs (and changes nothing)."""

    __name__ = "counting"

    def __init__(self, fail: bool = False) -> None:
        self.runs = 0
        self.fail = fail

    @hookimpl
    def bcpipe_transforms(self) -> list[bcpipe.Transform]:
        def count(doc: Document, ctx: TransformContext) -> None:
            self.runs += 1
            if self.fail:
                raise RuntimeError("broken")

        return [bcpipe.Transform("count", count, priority=900)]


@pytest.fixture
def counting() -> Counting:
    return Counting()


@pytest.fixture
def pipeline(counting: Counting) -> bcpipe.Pipeline:
    return bcpipe.Pipeline(plugins=[counting])


@pytest.fixture
def prepared(pipeline: bcpipe.Pipeline, minimal: dict[str, Any], counting: Counting) -> Document:
    document = pipeline.validate(minimal).document
    assert counting.runs == 1
    return document


def citations(document: Document) -> list[str]:
    from bcpipe.walk import iter_text_blocks

    return [c.text for _, block in iter_text_blocks(document) for c in block.citations]


def test_validate_then_export_prepares_once(
    pipeline: bcpipe.Pipeline, prepared: Document, counting: Counting
) -> None:
    for fmt in ("text", "xml", "json", "pdf"):
        pipeline.export(prepared, fmt)
    pipeline.validate(prepared)
    assert pipeline.prepare(prepared) is prepared
    assert counting.runs == 1


def test_exports_are_the_same_with_or_without_the_mark(
    pipeline: bcpipe.Pipeline, prepared: Document, minimal: dict[str, Any]
) -> None:
    for fmt in ("text", "xml", "json"):
        assert pipeline.export(prepared, fmt) == FRESH.export(bcpipe.load(minimal), fmt)


def test_the_input_of_validate_is_not_marked_as_prepared(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], counting: Counting
) -> None:
    loaded = bcpipe.load(minimal)  # its basis cites a document: preparing changes it
    pipeline.validate(loaded)
    pipeline.validate(loaded)
    assert counting.runs == 2
    assert citations(loaded) == []


def test_another_pipeline_prepares_it_again(prepared: Document) -> None:
    other = Counting()
    bcpipe.Pipeline(plugins=[other]).export(prepared, "text")
    assert other.runs == 1


# -- changes after preparing: each makes the pipeline prepare again --------------------


def _assign_deep(doc: Document) -> None:
    item = doc.body[0].children[0]
    assert isinstance(item, Item)
    item.text = CITING


def _append_block(doc: Document) -> None:
    doc.body[1].children.append(Paragraph(text=CITING))


def _first_child(doc: Document) -> None:
    item = doc.body[0].children[0]
    assert isinstance(item, Item) and not item.children
    item.children.append(Item(text=CITING, marker="+"))


def _replace_block(doc: Document) -> None:
    doc.body[2].children[0] = Paragraph(text=CITING)


def _insert_closing(doc: Document) -> None:
    doc.closing.insert(0, Paragraph(text=CITING))


def _assign_list(doc: Document) -> None:
    doc.basis = [Paragraph(text=CITING)]


def _citation_removed(doc: Document) -> None:
    doc.basis[0].citations.clear()


CHANGES: dict[str, Callable[[Document], None]] = {
    "a field deep in the body is assigned": _assign_deep,
    "a block is appended to a section": _append_block,
    "a first child is appended to an item (an empty list)": _first_child,
    "a block is replaced in its list": _replace_block,
    "a paragraph is inserted in the closing": _insert_closing,
    "a list field is assigned": _assign_list,
    "a citation list is emptied in place": _citation_removed,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=list(CHANGES))
def test_a_changed_document_is_prepared_again(
    pipeline: bcpipe.Pipeline, prepared: Document, counting: Counting, change: Any
) -> None:
    change(prepared)
    again = pipeline.prepare(prepared)
    assert counting.runs == 2
    assert again == FRESH.prepare(Document.model_validate(prepared.model_dump()))
    if change is not _citation_removed:
        assert CITED in " ".join(citations(again))
    else:
        assert citations(again)[0].startswith("Công văn số 210/UBND-VX")


def test_changes_to_extensions_are_seen(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], counting: Counting
) -> None:
    doc = pipeline.validate({**minimal, "extensions": {"x": {"tags": ["a"]}}}).document
    pipeline.export(doc, "text")
    assert counting.runs == 1
    doc.extensions["x"]["tags"].append("b")
    pipeline.export(doc, "text")
    assert counting.runs == 2
    doc.extensions["x"]["new"] = 1
    pipeline.export(doc, "text")
    assert counting.runs == 3
    empty = pipeline.validate(minimal).document
    pipeline.export(empty, "text")
    assert counting.runs == 4
    empty.extensions["x"] = {}  # an empty dict filled in place
    pipeline.export(empty, "text")
    assert counting.runs == 5


def test_a_recipient_appended_in_place_is_seen(
    pipeline: bcpipe.Pipeline, prepared: Document, counting: Counting
) -> None:
    prepared.recipients.append(NamedRecipient(name="Phòng Văn hóa"))
    pipeline.export(prepared, "text")
    assert counting.runs == 2


def test_an_edit_elsewhere_only_costs_a_preparation(
    pipeline: bcpipe.Pipeline, prepared: Document, counting: Counting
) -> None:
    unrelated = Citation(text="x", type_name="Kế hoạch")
    unrelated.subject = "về việc khác"  # any assignment, in any model, is counted
    assert pipeline.prepare(prepared) is prepared
    assert counting.runs == 2


def test_copies_are_not_marked(
    pipeline: bcpipe.Pipeline, prepared: Document, counting: Counting
) -> None:
    changed = prepared.model_copy(update={"closing": [Paragraph(text=CITING + "./.")]})
    assert CITED in " ".join(citations(pipeline.prepare(changed)))
    assert counting.runs == 2
    for duplicate in (copy.copy(prepared), copy.deepcopy(prepared), prepared.model_copy()):
        pipeline.prepare(duplicate)
    assert counting.runs == 5


def test_a_pickled_document_carries_no_mark(prepared: Document) -> None:
    restored = pickle.loads(pickle.dumps(prepared))
    assert restored == prepared
    assert restored._prepared is None


def test_a_failed_transform_is_run_again(minimal: dict[str, Any]) -> None:
    failing = Counting(fail=True)
    pipeline = bcpipe.Pipeline(plugins=[failing])
    result = pipeline.validate(minimal)
    assert "BC903" in result.codes()
    assert "BC903" in pipeline.validate(result.document).codes()
    assert failing.runs == 2


def test_a_document_holding_what_cannot_be_watched_is_always_prepared(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], counting: Counting
) -> None:
    # Extensions hold JSON data only when loaded; code may still put a set there.
    doc = pipeline.load(minimal)
    doc.extensions["x"] = {"tags": {"a", "b"}}
    doc = pipeline.validate(doc).document
    pipeline.export(doc, "text")
    assert counting.runs == 2


# -- any sequence of edits: the pipeline's answer is a fresh pipeline's ----------------


def _pop_child(doc: Document) -> None:
    for block in doc.body:
        if block.kind != "table" and block.children:
            block.children.pop()
            return


EDITS: list[Callable[[Document], None]] = [
    _append_block,
    lambda doc: doc.closing[-1].citations.append(
        Citation(text=doc.closing[-1].text.split()[0], type_name="Kế hoạch")
    ),
    _insert_closing,
    _assign_list,
    lambda doc: doc.body.reverse(),
    lambda doc: doc.extensions.setdefault("x", {}).setdefault("y", []).append(1),
    _pop_child,
    lambda doc: doc.addressees.append("UBND huyện Tuy Phước"),
    lambda doc: setattr(doc.signature, "name", "Trần Văn Bình"),
    lambda doc: doc.closing.extend([Paragraph(text=CITING)]),
    lambda doc: doc.closing.__setitem__(slice(0, 1), [Paragraph(text=CITING + "./.")]),
    lambda doc: doc.recipients.sort(key=lambda r: str(r.kind)),
]


MARKING = bcpipe.Pipeline()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, len(EDITS) - 1), max_size=4), st.integers(0, 2))
def test_edits_between_exports_never_give_stale_results(edits: list[int], exports: int) -> None:
    from conftest import minimal_report

    doc = MARKING.validate(minimal_report()).document
    for index in edits:
        for _ in range(exports):
            MARKING.export(doc, "xml")
        EDITS[index](doc)
        fresh = FRESH.prepare(Document.model_validate(doc.model_dump()))
        assert MARKING.prepare(doc) == fresh
        assert MARKING.export(doc, "xml") == FRESH.export(fresh, "xml")


def test_a_list_in_a_subclass_of_a_field_s_model_is_watched(
    pipeline: bcpipe.Pipeline, prepared: Document, counting: Counting
) -> None:
    from pydantic import Field

    from bcpipe.model import IssueDate

    class Tagged(IssueDate):
        tags: list[str] = Field(default_factory=list)

    prepared.issue_date = Tagged(day=5, month=3, year=2023, tags=["a"])
    pipeline.prepare(prepared)
    pipeline.prepare(prepared)
    assert counting.runs == 2
    assert isinstance(prepared.issue_date, Tagged)
    prepared.issue_date.tags.append("b")  # in place, under a field declared as IssueDate
    pipeline.prepare(prepared)
    assert counting.runs == 3
