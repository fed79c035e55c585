"""bcpipe serve's API, in process: the same answers and messages as the CLI."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from serve_support import ROOT, SAMPLE_TEXT, SAMPLE_YAML, InProcess

import bcpipe
from bcpipe.cli import main
from bcpipe.serve import ServeConfig, create_app
from bcpipe.serve.openapi import openapi, openapi_json

TEXT = SAMPLE_TEXT.read_bytes()
YAML = SAMPLE_YAML.read_bytes()


@pytest.fixture(scope="module")
def client() -> Iterator[InProcess]:
    app = create_app(config=ServeConfig(pdf_workers=1))
    yield InProcess(app)
    app.state.workers.close()


def cli_json(*args: str) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    main(["validate", "--format", "json", *args], out, err)
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def test_validate_text_gives_the_cli_json_with_lines(client: InProcess) -> None:
    response = client.post(
        "/v1/validate",
        params={"filename": str(SAMPLE_TEXT.relative_to(ROOT))},
        content=TEXT,
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = cli_json(str(SAMPLE_TEXT.relative_to(ROOT)))
    assert response.json() == expected
    findings = response.json()["files"][0]["findings"]
    assert any(f["location"]["line"] for f in findings)


@pytest.mark.parametrize(
    ("content_type", "params", "data"),
    [
        ("application/yaml", {}, YAML),
        ("application/octet-stream", {"filename": "bao-cao.yml"}, YAML),
        ("application/octet-stream", {"from": "yaml"}, YAML),
        ("", {"filename": "van-ban.txt"}, TEXT),
    ],
)
def test_the_kind_comes_from_content_type_from_or_filename(
    client: InProcess, content_type: str, params: dict[str, str], data: bytes
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/v1/validate", params=params, content=data, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["files"][0]["status"] == "draft"


def test_json_and_xml_read_what_export_wrote(client: InProcess) -> None:
    for fmt, media in (("json", "application/json"), ("xml", "application/xml")):
        exported = client.post(
            f"/v1/export/{fmt}", content=YAML, headers={"Content-Type": "application/yaml"}
        )
        assert exported.status_code == 200
        assert exported.headers["content-type"].startswith(media)
        again = client.post("/v1/read", content=exported.content, headers={"Content-Type": media})
        assert again.status_code == 200, again.text
        first = client.post("/v1/read", content=YAML, headers={"Content-Type": "application/yaml"})
        assert again.json()["document"] == first.json()["document"]


def test_language_and_ignore(client: InProcess) -> None:
    en = client.post(
        "/v1/validate", params={"lang": "en"}, content=TEXT, headers={"Content-Type": "text/plain"}
    )
    finding = en.json()["files"][0]["findings"][0]
    assert finding["message"] == finding["message_en"] != finding["message_vi"]
    codes = {f["code"] for f in en.json()["files"][0]["findings"]}
    ignored = client.post(
        "/v1/validate",
        params={"ignore": ",".join(sorted(codes))},
        content=TEXT,
        headers={"Content-Type": "text/plain"},
    )
    report = ignored.json()["files"][0]
    assert report["findings"] == [] and report["counts"] == {"error": 0, "warning": 0, "info": 0}
    bad = client.post(
        "/v1/validate", params={"lang": "fr"}, content=TEXT, headers={"Content-Type": "text/plain"}
    )
    assert bad.status_code == 400 and "lang" in bad.json()["detail"]


def test_read_returns_the_model_and_the_readers_findings(client: InProcess) -> None:
    response = client.post("/v1/read", content=TEXT, headers={"Content-Type": "text/plain"})
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "text"
    assert body["document"]["type"]
    # The reader's notes (a sentence joined over a page break, …) come with their lines.
    codes = {f["code"] for f in body["findings"]}
    assert "BC502" in codes
    assert all(f["location"]["line"] for f in body["findings"] if f["code"] == "BC502")


def test_read_and_export_apply_the_services_rule_selection_to_the_readers_findings() -> None:
    # The service's pipeline options reach the reader's findings as they reach validate's.
    options = {"ignore": ["BC504"], "severity": {"BC502": "warning"}}
    app = create_app(config=ServeConfig(pdf_workers=1), pipeline_options=options)
    try:
        service = InProcess(app)
        read = service.post("/v1/read", content=TEXT, headers={"Content-Type": "text/plain"})
        exported = service.post(
            "/v1/export/text", content=TEXT, headers={"Content-Type": "text/plain"}
        )
    finally:
        app.state.workers.close()
    findings = read.json()["findings"]
    assert [f["code"] for f in findings] == ["BC502", "BC502", "BC505"]
    assert [f["severity"] for f in findings[:2]] == ["warning", "warning"]
    assert all(f["location"]["line"] and f["location"]["source"] for f in findings)
    assert json.loads(exported.headers["x-bcpipe-findings"]) == ["BC502", "BC502", "BC505"]


def test_export_pdf_has_bytes_type_and_a_file_name(client: InProcess) -> None:
    response = client.post(
        "/v1/export/pdf",
        params={"filename": "bao-cao tuy phước.txt"},
        content=TEXT,
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert 'filename="bao-cao tuy phuoc.pdf"' in disposition
    assert "filename*=UTF-8''bao-cao%20tuy%20ph%C6%B0%E1%BB%9Bc.pdf" in disposition
    pages = PdfReader(io.BytesIO(response.content)).pages
    assert "BÁO CÁO" in pages[0].extract_text()


def test_an_unknown_format_is_404_with_the_cli_message(client: InProcess) -> None:
    response = client.post(
        "/v1/export/odt", content=YAML, headers={"Content-Type": "application/yaml"}
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:bcpipe:problem:unknown-format"
    assert body["detail"].startswith("no exporter for 'odt' (available: docx, edxml, json, pdf")


def test_bad_yaml_is_422_with_the_line_and_the_cli_message(
    client: InProcess, tmp_path: Path
) -> None:
    bad = b"title: a\nbody: [1, 2\nx: y\n"
    path = tmp_path / "bad.yaml"
    path.write_bytes(bad)
    err = io.StringIO()
    assert main(["validate", str(path)], io.StringIO(), err) == 2
    response = client.post(
        "/v1/validate",
        params={"filename": str(path)},
        content=bad,
        headers={"Content-Type": "application/yaml"},
    )
    assert response.status_code == 422
    body = response.json()
    assert f"{body['detail']}\n" == err.getvalue()  # validate's own words
    assert body["line"] == 3 and body["status"] == 422 and body["instance"] == "/v1/validate"


def test_data_that_does_not_fit_the_model_lists_each_field(client: InProcess) -> None:
    response = client.post(
        "/v1/validate",
        content=b'{"title": 5}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "urn:bcpipe:problem:invalid-document"
    assert body["problems"] and all("path" in p and "message" in p for p in body["problems"])


@pytest.mark.parametrize(
    ("headers", "params", "status", "kind"),
    [
        ({"Content-Type": "image/png"}, {}, 415, "unsupported-media-type"),
        ({"Content-Type": "multipart/form-data; boundary=x"}, {}, 415, "unsupported-media-type"),
        ({"Content-Type": "application/octet-stream"}, {}, 415, "unsupported-media-type"),
        ({"Content-Type": "application/octet-stream"}, {"filename": "a.odt"}, 415, "unknown-kind"),
        ({"Content-Type": "text/plain"}, {"from": "cobol"}, 415, "unknown-kind"),
    ],
)
def test_what_cannot_be_read_is_refused_before_any_work(
    client: InProcess, headers: dict[str, str], params: dict[str, str], status: int, kind: str
) -> None:
    response = client.post("/v1/validate", params=params, content=TEXT, headers=headers)
    assert response.status_code == status
    assert response.json()["type"] == f"urn:bcpipe:problem:{kind}"
    assert response.json()["detail"]


def test_a_kind_no_loader_reads_yet_names_the_available(client: InProcess) -> None:
    # PDF and .docx readers arrive as plugins; until one is registered the answer says so.
    app = create_app(config=ServeConfig(), pipeline_options={"disable": ["text"]})
    try:
        response = InProcess(app).post(
            "/v1/validate", content=TEXT, headers={"Content-Type": "text/plain"}
        )
    finally:
        app.state.workers.close()
    assert response.status_code == 415
    assert "no loader reads text/plain" in response.json()["detail"]
    assert "text" not in response.json()["detail"].split("available: ")[1]


def test_empty_body(client: InProcess) -> None:
    response = client.post("/v1/validate", content=b"", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400
    assert response.json()["type"] == "urn:bcpipe:problem:empty-body"


def test_not_found_and_wrong_method_are_problems(client: InProcess) -> None:
    missing = client.get("/v2/validate")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = client.get("/v1/validate")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405


def test_rules_plugins_schema_formats_health(client: InProcess) -> None:
    out = io.StringIO()
    main(["rules", "--format", "json"], out, io.StringIO())
    assert client.get("/v1/rules").json() == json.loads(out.getvalue())
    out = io.StringIO()
    main(["plugins", "--format", "json"], out, io.StringIO())
    assert client.get("/v1/plugins").json() == json.loads(out.getvalue())
    committed = json.loads((ROOT / "schemas" / "document.schema.json").read_text("utf-8"))
    assert client.get("/v1/schema").json() == committed
    formats = client.get("/v1/formats").json()
    assert {"pdf", "xml", "edxml", "text", "json"} <= {e["name"] for e in formats["export"]}
    assert formats["read"]["media_types"]["text/plain"] == "text"
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["in_service"] == 0


def test_the_page_and_its_files_load_nothing_from_outside(client: InProcess) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("page.css", "page.js"):
        assert client.get(f"/page/{name}").status_code == 200
    texts = page.text + client.get("/page/page.js").text + client.get("/page/page.css").text
    assert "http://" not in texts.replace("http://www.w3.org", "")
    assert "https://" not in texts
    assert client.get("/page/secret.py").status_code == 404


def test_openapi_is_served_and_committed_current(client: InProcess) -> None:
    committed = (ROOT / "schemas" / "openapi.json").read_text("utf-8")
    assert committed == openapi_json(), "schemas/openapi.json is stale: run `make schemas`"
    assert client.get("/v1/openapi.json").json() == json.loads(committed)


def test_every_route_is_described_and_every_description_is_routed(client: InProcess) -> None:
    routes = {
        (route.path, method.lower())
        for route in client.app.routes
        for method in getattr(route, "methods", ()) or ()
        if method != "HEAD"
    }
    described = {(path, method) for path, item in openapi()["paths"].items() for method in item}
    assert routes == described


class FutureReaders:
    """Stand-ins for the .docx, PDF and edXML readers other branches add: each says
    which reader the service chose."""

    @bcpipe.hookimpl
    def bcpipe_loaders(self) -> list[bcpipe.Loader]:
        return [_reader("edxml", ".edxml"), _reader("pdf", ".pdf"), _reader("docx", ".docx")]


def _reader(kind: str, suffix: str) -> bcpipe.Loader:
    @bcpipe.loader(kind, suffixes=(suffix,))
    def load(data: bytes, ctx: bcpipe.LoadContext) -> bcpipe.Document:
        raise bcpipe.SourceError(ctx.source, f"read by the {kind} reader", line=len(data))

    return load


@pytest.mark.parametrize(
    ("content_type", "data", "kind"),
    [
        (
            "application/xml",
            (ROOT / "tests/fixtures/edxml-samples/edoc_new.edxml").read_bytes(),
            "edxml",
        ),
        ("application/pdf", b"%PDF-1.4 ...", "pdf"),  # in a PDF worker process
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK..",
            "docx",
        ),
    ],
)
def test_readers_that_plugins_add_are_reached_by_content_type(
    content_type: str, data: bytes, kind: str
) -> None:
    app = create_app({"plugins": [FutureReaders()]}, ServeConfig(pdf_workers=1))
    try:
        response = InProcess(app).post(
            "/v1/validate", content=data, headers={"Content-Type": content_type}
        )
    finally:
        app.state.workers.close()
    assert response.status_code == 422
    assert response.json()["detail"] == f"document:{len(data)}: read by the {kind} reader"


def test_bcpipe_serve_refuses_a_wrong_limit_before_it_starts() -> None:
    err = io.StringIO()
    assert main(["serve", "--limit", "max_bodyy=5"], io.StringIO(), err) == 2
    assert "unknown setting 'max_bodyy'" in err.getvalue() and "max_body" in err.getvalue()
    err = io.StringIO()
    assert main(["serve", "--limit", "timeout=-1"], io.StringIO(), err) == 2
    assert "timeout must be more than 0" in err.getvalue()


SLOW = bcpipe.Check("XS001", bcpipe.Severity.INFO, vi="chậm", en="slow")


class SlowRule:
    """A rule that takes far longer than the service's time for a request."""

    @bcpipe.hookimpl
    def bcpipe_rules(self) -> list[bcpipe.Rule]:
        @bcpipe.rule("slow", SLOW)
        def slow(document: bcpipe.Document, ctx: bcpipe.RuleContext) -> list[bcpipe.Finding]:
            time.sleep(1.0)
            return []

        return [slow]


def test_work_over_its_time_is_503_and_still_counted_until_it_ends() -> None:
    app = create_app({"plugins": [SlowRule()]}, ServeConfig(timeout=0.2))
    client = InProcess(app)
    try:
        response = client.post("/v1/validate", content=TEXT, headers={"Content-Type": "text/plain"})
        assert response.status_code == 503
        assert response.headers["retry-after"] == "5"
        assert response.json()["type"] == "urn:bcpipe:problem:timeout"
        # The work goes on in its thread, counted as in service, then ends.
        deadline = time.monotonic() + 30
        while app.state.workers.in_service and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.state.workers.in_service == 0
    finally:
        app.state.workers.close()
