"""The real ``bcpipe serve`` on a free loopback port: calls, and hostile requests.

Every request here goes to 127.0.0.1 only, in loops bounded in count and time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from processes import alive, descendants
from serve_support import ROOT, SAMPLE_TEXT, SAMPLE_YAML, free_port, running_server

TEXT = SAMPLE_TEXT.read_bytes()
LIMITS = [
    "--limit", "max_body=300000",
    "--limit", "body_timeout=1",
    "--limit", "workers=2",
    "--limit", "pdf_workers=1",
    "--limit", "queue=2",
    "--limit", "max_connections=100",
]  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server(LIMITS) as base:
        yield base


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def raw(base: str, head: bytes, body: bytes = b"", *, pause: float = 0.0) -> tuple[int, bytes]:
    """Send ``head`` and ``body`` on a socket (the body after ``pause`` s); the status
    and the answer."""
    with socket.create_connection(("127.0.0.1", _port(base)), timeout=20) as sock:
        sock.sendall(head)
        if pause:
            time.sleep(pause)
        with contextlib.suppress(OSError):  # a refused upload may be closed early
            sock.sendall(body)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                break
    answer = b"".join(chunks)
    return int(answer.split(b" ", 2)[1]), answer


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def test_the_real_server_validates_and_exports(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as client:
        report = client.post(
            "/v1/validate", content=TEXT, headers={"Content-Type": "text/plain"}
        ).json()
        assert report["files"][0]["counts"]["warning"] >= 1
        pdf = client.post(
            "/v1/export/pdf",
            params={"filename": "bao-cao.yaml"},
            content=SAMPLE_YAML.read_bytes(),
            headers={"Content-Type": "application/yaml"},
        )
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
        assert "bao-cao.pdf" in pdf.headers["content-disposition"]
        assert client.get("/").text.startswith("<!doctype html>")


def test_an_oversized_body_is_413_before_it_is_read(server: str) -> None:
    head = (
        b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 50000000\r\n\r\n"
    )
    status, answer = raw(server, head, b"x" * 1000)
    assert status == 413
    assert b"application/problem+json" in answer and b"at most 300000 bytes" in answer


def test_an_oversized_chunked_body_is_413_when_it_passes_the_limit(server: str) -> None:
    chunk = b"x" * 65536
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(8)) + b"0\r\n\r\n"
    head = (
        b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    status, answer = raw(server, head, body)
    assert status == 413 and b"too-large" in answer


def test_a_slow_upload_is_408_and_does_not_hold_the_connection(server: str) -> None:
    head = (
        b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 5000\r\n\r\nonly the start"
    )
    started = time.monotonic()
    status, answer = raw(server, head, b"", pause=0.0)
    assert status == 408 and b"did not arrive within 1 s" in answer
    assert time.monotonic() - started < 10


def test_bad_content_types_and_bombs_are_4xx(server: str) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10 if i > 1 else b"&a;" * 10)
            for i in range(1, 10)
        )
        + b"]><document><subject>&a9;</subject></document>"
    )
    yaml_bomb = b"a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
        b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10)) for i in range(1, 9)
    )
    cases = [
        ("image/png", b"\x89PNG\r\n", 415),
        ("application/xml", bomb, 422),
        ("application/yaml", yaml_bomb, 422),
        ("application/json", b"[" * 200000, 422),
        ("text/plain", b"\xff\xfe\x00garbage\x00" * 100, 422),
    ]
    with httpx.Client(base_url=server, timeout=30) as client:
        for content_type, data, status in cases:
            response = client.post(
                "/v1/validate", content=data, headers={"Content-Type": content_type}
            )
            assert response.status_code == status, (content_type, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert "Traceback" not in response.text
        assert client.get("/healthz").json()["status"] == "ok"


def test_a_full_service_answers_503_with_retry_after(server: str) -> None:
    # workers=2, pdf_workers=1, queue=2: at most five jobs in the service.
    async def flood() -> Counter[int]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            calls = [
                client.post("/v1/export/pdf", content=TEXT, headers={"Content-Type": "text/plain"})
                for _ in range(16)
            ]
            answers = await asyncio.gather(*calls)
        for answer in answers:
            if answer.status_code == 503:
                assert answer.headers["retry-after"] == "1"
                assert answer.json()["type"] == "urn:bcpipe:problem:busy"
        return Counter(a.status_code for a in answers)

    statuses = asyncio.run(flood())
    assert set(statuses) == {200, 503}, statuses
    assert statuses[200] >= 3
    assert httpx.get(server + "/healthz", timeout=10).status_code == 200


def test_many_connections_at_once_get_answers_and_the_service_stays_up(server: str) -> None:
    # max_connections=100: 400 connections at once. While more than 100 are open uvicorn
    # answers 503 to every request (those that come before the storm are served); none
    # is left without an answer, and the service serves again after.
    request = (
        b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
        b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(SAMPLE_YAML.read_bytes())
    ) + SAMPLE_YAML.read_bytes()

    async def one() -> int:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", _port(server)), 30
            )
        except (OSError, TimeoutError):
            return 0  # refused by the listen backlog: counted, not an answer
        try:
            writer.write(request)
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), 120)
        except (OSError, TimeoutError):
            return 0
        finally:
            writer.close()
        return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1") else 0

    async def storm() -> Counter[int]:
        return Counter(await asyncio.gather(*(one() for _ in range(400))))

    statuses = asyncio.run(storm())
    assert set(statuses) <= {200, 503} and statuses[503] >= 1, statuses
    health = httpx.get(server + "/healthz", timeout=10)
    assert health.status_code == 200 and json.loads(health.text)["in_service"] == 0
    after = httpx.post(
        server + "/v1/validate", content=request.split(b"\r\n\r\n", 1)[1],
        headers={"Content-Type": "application/yaml"}, timeout=30,
    )  # fmt: skip
    assert after.status_code == 200


def test_the_serve_benchmark_still_runs() -> None:
    # CI runs it only for that: no test asserts a time.
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_serve.py"), "--smoke", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    for where in ("asgi", "loopback"):
        for work in ("validate", "export pdf"):
            assert set(report[where][work]) == {"1", "2"}
            assert all(rate > 0 for rate in report[where][work].values())
    assert all(rate > 0 for rate in report["direct"].values())


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_pdf_workers_end_when_the_service_is_killed() -> None:
    # Killed outright, the service cannot stop its pool: its workers must notice alone.
    port = free_port()
    command = [sys.executable, "-m", "bcpipe", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            time.sleep(0.2)
        pdf = httpx.post(
            f"{base}/v1/export/pdf",
            content=TEXT,
            headers={"Content-Type": "text/plain"},
            timeout=60,
        )
        assert pdf.status_code == 200
        workers = descendants(process.pid)
        assert workers  # the PDF pool's processes
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)]
