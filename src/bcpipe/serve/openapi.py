"""The API's OpenAPI 3.1 description, as served at /v1/openapi.json and committed in
``schemas/openapi.json`` (a test fails when the two differ, or when a route is missing)."""

from __future__ import annotations

import json
from typing import Any

from bcpipe import __version__
from bcpipe.serve.intake import MEDIA_SUFFIXES
from bcpipe.serve.problems import MEDIA_TYPE, PROBLEM_TYPES

__all__ = ["openapi", "openapi_json"]

_DOCUMENT_BODY = {
    "required": True,
    "description": "The document itself, as the body (not a form). Its kind comes from the "
    "'from' parameter, else the content type, else the suffix of 'filename'. Which kinds "
    "this service reads: GET /v1/formats.",
    "content": {
        media: {"schema": {"type": "string", "format": "binary"}} for media in MEDIA_SUFFIXES
    }
    | {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
}
_DOCUMENT_PARAMS: list[dict[str, Any]] = [
    {
        "name": "from",
        "in": "query",
        "description": "the loader to read the body with (yaml, json, text, xml, …), as "
        "`bcpipe validate --from`",
        "schema": {"type": "string"},
    },
    {
        "name": "filename",
        "in": "query",
        "description": "the document's file name: how messages name it, its suffix picks the "
        "loader when the content type does not, and the download is named after it",
        "schema": {"type": "string"},
    },
    {
        "name": "lang",
        "in": "query",
        "description": "language of each finding's `message` (both are always given)",
        "schema": {"type": "string", "enum": ["vi", "en"]},
    },
    {
        "name": "ignore",
        "in": "query",
        "description": "finding codes to drop, comma-separated (as `--ignore`)",
        "schema": {"type": "string"},
    },
]


def _problems(*kinds: str) -> dict[str, Any]:
    """The error responses of an operation, one per status, listing its problem types."""
    by_status: dict[int, list[str]] = {}
    for kind in (*kinds, "internal"):
        by_status.setdefault(PROBLEM_TYPES[kind][0], []).append(kind)
    return {
        str(status): {
            "description": "; ".join(
                PROBLEM_TYPES[k][1] + f" (urn:bcpipe:problem:{k})" for k in ks
            ),
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status, ks in sorted(by_status.items())
    }


_BODY_PROBLEMS = (
    "unreadable-document",
    "invalid-document",
    "unknown-kind",
    "unsupported-media-type",
    "bad-parameter",
    "empty-body",
    "too-large",
    "body-timeout",
    "busy",
)


def _json_ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "200": {"description": description, "content": {"application/json": {"schema": schema}}}
    }


def _get(summary: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"summary": summary, "responses": _json_ok(summary, schema) | _problems()}}


_OBJECT = {"type": "object"}


def openapi() -> dict[str, Any]:
    finding = {"$ref": "#/components/schemas/Finding"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "bcpipe",
            "version": __version__,
            "description": "Vietnamese administrative documents (Decree 30/2020/NĐ-CP): read, "
            "check and export. Errors are application/problem+json (RFC 9457) whose "
            "detail is the message the bcpipe command prints.",
        },
        "paths": {
            "/v1/validate": {
                "post": {
                    "summary": "Check a document; the findings as `bcpipe validate --format json`",
                    "parameters": _DOCUMENT_PARAMS,
                    "requestBody": _DOCUMENT_BODY,
                    "responses": _json_ok(
                        "the report, with one file",
                        {
                            "type": "object",
                            "required": ["files"],
                            "properties": {
                                "files": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Report"},
                                }
                            },
                        },
                    )
                    | _problems(*_BODY_PROBLEMS, "timeout"),
                }
            },
            "/v1/read": {
                "post": {
                    "summary": "Read a document into the model (as /v1/schema describes it)",
                    "parameters": _DOCUMENT_PARAMS,
                    "requestBody": _DOCUMENT_BODY,
                    "responses": _json_ok(
                        "the document, and what reading it noticed",
                        {
                            "type": "object",
                            "required": ["file", "kind", "document", "findings"],
                            "properties": {
                                "file": {"type": "string"},
                                "kind": {"type": "string"},
                                "document": _OBJECT,
                                "findings": {"type": "array", "items": finding},
                            },
                        },
                    )
                    | _problems(*_BODY_PROBLEMS, "timeout"),
                }
            },
            "/v1/export/{format}": {
                "post": {
                    "summary": "Export a document; the bytes, with a file name",
                    "parameters": [
                        {
                            "name": "format",
                            "in": "path",
                            "required": True,
                            "description": "an export format (GET /v1/formats)",
                            "schema": {"type": "string"},
                        },
                        *_DOCUMENT_PARAMS,
                    ],
                    "requestBody": _DOCUMENT_BODY,
                    "responses": {
                        "200": {
                            "description": "the exported file (Content-Disposition names it; "
                            "X-Bcpipe-Findings lists, as JSON, the codes of what reading and "
                            "preparing the document noticed)",
                            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
                        }
                    }
                    | _problems(*_BODY_PROBLEMS, "unknown-format", "export-failed", "timeout"),
                }
            },
            "/v1/rules": _get(
                "The finding codes, as `bcpipe rules --format json`",
                {"type": "object", "properties": {"rules": {"type": "array", "items": _OBJECT}}},
            ),
            "/v1/plugins": _get(
                "The plugins, as `bcpipe plugins --format json`",
                {
                    "type": "object",
                    "properties": {
                        "plugins": {"type": "array", "items": _OBJECT},
                        "problems": {"type": "array", "items": _OBJECT},
                    },
                },
            ),
            "/v1/formats": _get("What this service reads and exports", _OBJECT),
            "/v1/schema": _get("The document model's JSON Schema", _OBJECT),
            "/v1/openapi.json": _get("This description", _OBJECT),
            "/healthz": _get(
                "Liveness",
                {
                    "type": "object",
                    "properties": {
                        "status": {"const": "ok"},
                        "version": {"type": "string"},
                        "in_service": {"type": "integer"},
                    },
                },
            ),
            "/": {
                "get": {
                    "summary": "The checking page",
                    "responses": {"200": {"description": "HTML", "content": {"text/html": {}}}},
                }
            },
            "/page/{name}": {
                "get": {
                    "summary": "The page's stylesheet and script",
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": "the file"}} | _problems("not-found"),
                }
            },
        },
        "components": {
            "schemas": {
                "Problem": {
                    "type": "object",
                    "required": ["type", "title", "status", "detail"],
                    "properties": {
                        "type": {
                            "type": "string",
                            "enum": [f"urn:bcpipe:problem:{k}" for k in PROBLEM_TYPES],
                        },
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string", "description": "the CLI's message"},
                        "instance": {"type": "string"},
                        "source": {"type": "string"},
                        "line": {"type": "integer", "description": "line of the file"},
                        "column": {"type": "integer"},
                        "problems": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "path": {"type": "string"},
                                    "message": {"type": "string"},
                                    "line": {"type": ["integer", "null"]},
                                },
                            },
                        },
                    },
                },
                "Finding": {
                    "type": "object",
                    "required": [
                        "code",
                        "severity",
                        "message",
                        "message_vi",
                        "message_en",
                        "location",
                    ],
                    "properties": {
                        "code": {"type": "string"},
                        "severity": {"enum": ["error", "warning", "info"]},
                        "message": {"type": "string"},
                        "message_vi": {"type": "string"},
                        "message_en": {"type": "string"},
                        "location": {
                            "type": "object",
                            "properties": {
                                "path": {"type": "string"},
                                "line": {"type": ["integer", "null"]},
                                "source": {"type": ["string", "null"]},
                            },
                        },
                        "plugin": {"type": ["string", "null"]},
                        "rule": {"type": ["string", "null"]},
                    },
                },
                "Report": {
                    "type": "object",
                    "required": ["file", "status", "ok", "counts", "findings"],
                    "properties": {
                        "file": {"type": "string"},
                        "status": {"type": "string"},
                        "ok": {"type": "boolean"},
                        "counts": {
                            "type": "object",
                            "additionalProperties": {"type": "integer"},
                        },
                        "findings": {"type": "array", "items": finding},
                    },
                },
            }
        },
    }


def openapi_json() -> str:
    """The description as the committed file holds it: sorted keys, UTF-8, final newline."""
    return json.dumps(openapi(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
