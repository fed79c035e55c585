"""The committed JSON Schema is the model's, and it describes real documents."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SAMPLE_YAML

import bcpipe
from bcpipe.schema import document_schema, document_schema_json

COMMITTED = ROOT / "schemas" / "document.schema.json"


def test_the_committed_schema_is_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == document_schema_json(), (
        "schemas/document.schema.json is stale: run `make schemas`"
    )


def test_the_schema_accepts_exported_documents(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any]
) -> None:
    validator = jsonschema.Draft202012Validator(document_schema())
    for source in (SAMPLE_YAML, minimal):
        data = json.loads(pipeline.export(source, "json"))
        assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("type",), "bao_cao_x"),
        (("number",), -1),
        (("signature",), None),
        (("body", 0, "kind"), "tieu_muc"),
    ],
)
def test_the_schema_rejects_corrupted_documents(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], path: tuple[Any, ...], value: Any
) -> None:
    data = json.loads(pipeline.export(minimal, "json"))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(jsonschema.Draft202012Validator(document_schema()).iter_errors(data))


def test_the_schema_requires_a_subject_where_the_model_does(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any]
) -> None:
    validator = jsonschema.Draft202012Validator(document_schema())
    data = json.loads(pipeline.export(minimal, "json"))
    data["subject"] = None
    assert list(validator.iter_errors(data))  # a báo cáo needs one
    data.update(type="giay_moi", notation="GM-UBND")
    assert list(validator.iter_errors(data)) == []  # a giấy mời may go without
    assert bcpipe.load(data).subject is None  # as the model says
