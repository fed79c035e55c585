"""Helpers of the serve tests: an in-process client and a real ``bcpipe serve``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import httpx
from starlette.applications import Starlette

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_TEXT = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"
SAMPLE_YAML = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"


class InProcess:
    """Calls the ASGI app through httpx, in this process (no socket)."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bcpipe.test") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(args: Sequence[str] = ()) -> Iterator[str]:
    """``bcpipe serve`` on a free loopback port, as a user starts it; its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "bcpipe", "serve", "--port", str(port), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Its log goes to a file: a pipe nobody reads fills after some hundred requests
    # and then the server blocks writing its access log.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield _started(process, log, f"http://127.0.0.1:{port}")
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _started(process: subprocess.Popen[bytes], log: IO[bytes], base: str) -> str:
    """``base`` once the server answers /healthz; its log in the error if it stops."""
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise RuntimeError(f"bcpipe serve exited with {process.returncode}:\n{output}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        if time.monotonic() > deadline:
            raise RuntimeError("bcpipe serve did not answer within 60 s")
        time.sleep(0.2)
    return base
