"""The ASGI application: the /v1 API, the checking page at /, and problem+json errors."""

from __future__ import annotations

import contextlib
import json
import logging
import unicodedata
from collections.abc import AsyncIterator, Mapping
from importlib.resources import files
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bcpipe import __version__
from bcpipe.errors import UnknownFormatError
from bcpipe.findings import Language
from bcpipe.schema import document_schema
from bcpipe.serve.config import ServeConfig
from bcpipe.serve.intake import MEDIA_SUFFIXES, document_kind, media_type, read_body
from bcpipe.serve.jobs import Action, Exported, Job
from bcpipe.serve.openapi import openapi
from bcpipe.serve.problems import ProblemError, problem_of, problem_response
from bcpipe.serve.workers import Workers

__all__ = ["create_app"]

log = logging.getLogger("bcpipe.serve")

# The page's own files, served from the package: agencies' networks are closed, so the
# page loads nothing from elsewhere (the CSP says so to the browser too).
_PAGE_FILES = {
    "index.html": "text/html; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
    "page.js": "text/javascript; charset=utf-8",
}
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _ascii(name: str) -> str:
    """A file name for the clients that do not read filename*: the letters without their
    marks ("phước" → "phuoc"), anything else not ASCII or a quote made "_"."""
    bare = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in bare)


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers={"X-Content-Type-Options": "nosniff"})


def create_app(
    pipeline_options: Mapping[str, Any] | None = None, config: ServeConfig | None = None
) -> Starlette:
    """The service: one :class:`~bcpipe.Pipeline` built with ``pipeline_options`` (the
    keyword arguments of Pipeline, as the CLI's common options give them), under the
    limits of ``config``."""
    config = config or ServeConfig()
    workers = Workers(pipeline_options or {}, config)
    pipeline = workers.pipeline
    language: Language = pipeline.language
    page = {name: (files("bcpipe.serve.page") / name).read_bytes() for name in _PAGE_FILES}

    def _language(request: Request) -> Language:
        value = request.query_params.get("lang", language)
        if value == "vi":
            return "vi"
        if value == "en":
            return "en"
        raise ProblemError("bad-parameter", f"lang must be 'vi' or 'en', not {value!r}")

    async def _job(request: Request, action: Action, fmt: str = "") -> dict[str, Any] | Exported:
        params = request.query_params
        data = await read_body(request, max_body=config.max_body, timeout=config.body_timeout)
        content_type = media_type(request)
        filename = params.get("filename") or None
        kind = document_kind(
            kind=params.get("from") or None,
            media_type=content_type,
            filename=filename,
            suffixes=pipeline.load_suffixes,
            kinds=pipeline.load_kinds,
            head=data,
        )
        if not data:
            raise ProblemError("empty-body", "the request body is empty: send the document in it")
        ignore = frozenset(c.strip() for c in params.get("ignore", "").split(",") if c.strip())
        job = Job(action, data, kind, filename or "document", _language(request), ignore, fmt)
        return await workers.run(job)

    async def validate(request: Request) -> Response:
        result = await _job(request, "validate")
        return _json({"files": [result]})

    async def read(request: Request) -> Response:
        return _json(await _job(request, "read"))

    async def export(request: Request) -> Response:
        fmt = request.path_params["format"]
        try:  # an unknown format fails before the body is read, as in the CLI
            exporter = pipeline.exporter(fmt)
        except UnknownFormatError as exc:
            raise problem_of(exc) from None
        result = await _job(request, "export", fmt)
        assert isinstance(result, Exported)
        stem = request.query_params.get("filename") or "document"
        stem = stem.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        stem = stem[: stem.rfind(".")] if stem.rfind(".") > 0 else stem
        name = stem + (exporter.extension or f".{fmt}")
        ascii_name = _ascii(name)
        headers = {
            "Content-Disposition": f'attachment; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff",
            # What preparing the document met (a plugin failed): the bytes do not say it.
            "X-Bcpipe-Findings": json.dumps([f["code"] for f in result.findings]),
        }
        return Response(result.data, media_type=exporter.media_type, headers=headers)

    async def rules(request: Request) -> Response:
        rows = pipeline.rule_table()
        return _json({"rules": rows})

    async def plugins(request: Request) -> Response:
        return _json(
            {
                "plugins": [info.to_dict() for info in pipeline.plugins()],
                "problems": [
                    {"plugin": p.plugin, "stage": p.stage, "message": p.message}
                    for p in pipeline.problems
                ],
            }
        )

    async def formats(request: Request) -> Response:
        exporters = [pipeline.exporter(name) for name in pipeline.export_formats]
        suffixes = pipeline.load_suffixes
        return _json(
            {
                "export": [
                    {"name": e.name, "media_type": e.media_type, "extension": e.extension}
                    for e in exporters
                ],
                "read": {
                    "kinds": pipeline.load_kinds,
                    "suffixes": suffixes,
                    "media_types": {
                        media: suffixes[suffix]
                        for media, suffix in MEDIA_SUFFIXES.items()
                        if suffix in suffixes
                    },
                },
            }
        )

    async def schema(request: Request) -> Response:
        return _json(document_schema())

    async def openapi_json(request: Request) -> Response:
        return _json(openapi())

    async def healthz(request: Request) -> Response:
        return _json({"status": "ok", "version": __version__, "in_service": workers.in_service})

    async def page_file(request: Request) -> Response:
        name = request.path_params.get("name", "index.html")
        if name not in _PAGE_FILES:
            raise ProblemError("not-found", f"no page file {name!r}")
        return Response(page[name], media_type=_PAGE_FILES[name], headers=_PAGE_HEADERS)

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProblemError)
        return problem_response(exc, request.url.path)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "bad-parameter")
        detail = f"{request.method} {request.url.path}: {exc.detail}"
        return problem_response(ProblemError(kind, detail), request.url.path)

    async def on_error(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: logged with its traceback here, never sent to the client.
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        detail = f"internal error: {type(exc).__name__}: {exc}"
        return problem_response(ProblemError("internal", detail), request.url.path)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            workers.close()

    routes = [
        Route("/", page_file, methods=["GET"]),
        Route("/page/{name}", page_file, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/v1/validate", validate, methods=["POST"]),
        Route("/v1/read", read, methods=["POST"]),
        Route("/v1/export/{format}", export, methods=["POST"]),
        Route("/v1/rules", rules, methods=["GET"]),
        Route("/v1/plugins", plugins, methods=["GET"]),
        Route("/v1/formats", formats, methods=["GET"]),
        Route("/v1/schema", schema, methods=["GET"]),
        Route("/v1/openapi.json", openapi_json, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={ProblemError: on_problem, HTTPException: on_http, Exception: on_error},
        lifespan=lifespan,
    )
    app.state.workers = workers
    return app
