"""The document model's JSON Schema, as committed in ``schemas/document.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from bcpipe.doctypes import DocumentType
from bcpipe.model import Document

__all__ = ["SCHEMA_ID", "document_schema", "document_schema_json"]

SCHEMA_ID = "https://bcpipe.example/schemas/document.schema.json"


def document_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`~bcpipe.Document`."""
    schema = Document.model_json_schema()
    # What the model's validator says of the subject: required but for the "giấy" kinds.
    required = sorted(kind.value for kind in DocumentType if not kind.subject_optional)
    subject_given = {
        "if": {"properties": {"type": {"enum": required}}},
        "then": {"required": ["subject"], "properties": {"subject": {"type": "string"}}},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "allOf": [subject_given],
    }


def document_schema_json() -> str:
    """The schema as the committed file holds it: sorted keys, UTF-8, final newline."""
    return json.dumps(document_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
