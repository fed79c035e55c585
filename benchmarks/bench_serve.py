"""bcpipe serve's throughput, against the same work in process; and hostile requests.

    .venv/bin/python benchmarks/bench_serve.py [--clients 1,4,16] [--seconds 3] [--repeat 2]
    .venv/bin/python benchmarks/bench_serve.py --hostile [--connections 2000]

For each of validate (the sample's text) and export (the sample's text to PDF), in
requests (documents) per second:

- ``direct``: the pipeline called in this process, one document after another: the
  floor (what the work itself costs, no HTTP);
- ``asgi``: the app called in this process through httpx's ASGI transport, with N
  callers at once (the service's own cost, no socket);
- ``loopback N``: a real ``bcpipe serve`` on a free 127.0.0.1 port, with N clients at
  once, each on its own keep-alive connection. Client and server share this machine's
  cores, so the client's cost is in the figure too.

Each figure is the best of ``--repeat`` runs: other load on the machine only slows a run.

``--hostile`` starts a server with small limits and reports how it answers: a storm of
``--connections`` connections at once, an oversized body, a slow upload, bombs. Every
request goes to 127.0.0.1; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from serve_support import SAMPLE_TEXT, SAMPLE_YAML, running_server  # noqa: E402

from bcpipe import Pipeline  # noqa: E402
from bcpipe.serve import ServeConfig, create_app  # noqa: E402

TEXT = SAMPLE_TEXT.read_bytes()
WORK = {"validate": "/v1/validate", "export pdf": "/v1/export/pdf"}


REPEAT = 1


def direct(seconds: float) -> dict[str, float]:
    pipeline = Pipeline()
    rates = {}
    for name in WORK:
        best = 0.0
        for _ in range(REPEAT):
            done, started = 0, time.perf_counter()
            while time.perf_counter() - started < seconds:
                document = pipeline.loads(TEXT, kind="text", name="sample.txt")
                if name == "validate":
                    pipeline.validate(document)
                else:
                    pipeline.export(document, "pdf")
                done += 1
            best = max(best, done / (time.perf_counter() - started))
        rates[name] = best
    return rates


async def _drive(client: httpx.AsyncClient, path: str, clients: int, seconds: float) -> float:
    """Requests per second with ``clients`` callers, each looping for ``seconds``; the
    best of REPEAT runs."""
    return max([await _drive_once(client, path, clients, seconds) for _ in range(REPEAT)])


async def _drive_once(client: httpx.AsyncClient, path: str, clients: int, seconds: float) -> float:
    deadline = time.perf_counter() + seconds

    async def caller() -> int:
        done = 0
        while time.perf_counter() < deadline:
            response = await client.post(path, content=TEXT, headers={"Content-Type": "text/plain"})
            if response.status_code != 200:
                raise RuntimeError(f"{path}: {response.status_code} {response.text[:200]}")
            done += 1
        return done

    started = time.perf_counter()
    counts = await asyncio.gather(*(caller() for _ in range(clients)))
    return sum(counts) / (time.perf_counter() - started)


def asgi(clients: list[int], seconds: float) -> dict[str, dict[str, float]]:
    config = ServeConfig(queue=max(clients) * 2)
    app = create_app(config=config)

    async def run() -> dict[str, dict[str, float]]:
        transport = httpx.ASGITransport(app=app)
        out: dict[str, dict[str, float]] = {}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", timeout=120
        ) as c:
            for name, path in WORK.items():
                await c.post(path, content=TEXT, headers={"Content-Type": "text/plain"})  # warm
                out[name] = {str(n): await _drive(c, path, n, seconds) for n in clients}
        return out

    try:
        return asyncio.run(run())
    finally:
        app.state.workers.close()


def loopback(clients: list[int], seconds: float) -> dict[str, dict[str, float]]:
    args = ["--limit", f"queue={max(clients) * 2}"]
    with running_server(args) as base:

        async def run() -> dict[str, dict[str, float]]:
            out: dict[str, dict[str, float]] = {}
            limits = httpx.Limits(max_connections=max(clients))
            async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as c:
                for name, path in WORK.items():
                    await c.post(path, content=TEXT, headers={"Content-Type": "text/plain"})
                    out[name] = {str(n): await _drive(c, path, n, seconds) for n in clients}
            return out

        return asyncio.run(run())


# -- hostile requests ---------------------------------------------------------------------


def _raw(port: int, data: bytes, *, trickle: float = 0.0) -> tuple[int, float]:
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        if trickle:
            time.sleep(trickle)
        answer = sock.recv(4096)
    return int(answer.split(b" ", 2)[1]), time.perf_counter() - started


def hostile(connections: int) -> dict[str, Any]:
    limits = ["--limit", "body_timeout=2", "--limit", "max_connections=256"]
    report: dict[str, Any] = {"limits": "max_body 20 MB, body_timeout 2 s, max_connections 256"}
    with running_server(limits) as base:
        port = int(base.rsplit(":", 1)[1])
        head = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        status, took = _raw(port, head + b"Content-Length: 104857600\r\n\r\n" + b"x" * 65536)
        report["oversized body (100 MB declared)"] = {"status": status, "seconds": round(took, 3)}
        status, took = _raw(port, head + b"Content-Length: 5000\r\n\r\nslow", trickle=0.1)
        report["slow upload (4 of 5000 bytes)"] = {"status": status, "seconds": round(took, 3)}
        ctype = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
        status, took = _raw(port, ctype + b"Content-Length: 4\r\n\r\nabcd")
        report["bad content type"] = {"status": status, "seconds": round(took, 3)}
        bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><d>&a;</d>'
        xml = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n"
        status, took = _raw(port, xml + b"Content-Length: %d\r\n\r\n" % len(bomb) + bomb)
        report["XML entity bomb"] = {"status": status, "seconds": round(took, 3)}
        laughs = b"a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
            b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10)) for i in range(1, 9)
        )
        yml = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
        status, took = _raw(port, yml + b"Content-Length: %d\r\n\r\n" % len(laughs) + laughs)
        report["YAML alias bomb (10**9 values)"] = {"status": status, "seconds": round(took, 3)}
        yaml = SAMPLE_YAML.read_bytes()
        request = (
            b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
            b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(yaml)
        ) + yaml

        async def one() -> str:
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", port), 30
                )
            except (OSError, TimeoutError) as exc:
                return f"not connected ({type(exc).__name__})"
            try:
                writer.write(request)
                await writer.drain()
                answer = await asyncio.wait_for(reader.read(), 120)
                return answer.split(b" ", 2)[1].decode() if answer else "closed"
            except (OSError, TimeoutError) as exc:
                return f"failed ({type(exc).__name__})"
            finally:
                writer.close()

        async def storm() -> Counter[str]:
            return Counter(await asyncio.gather(*(one() for _ in range(connections))))

        started = time.perf_counter()
        statuses = asyncio.run(storm())
        report[f"{connections} connections at once"] = {
            "statuses": dict(statuses),
            "seconds": round(time.perf_counter() - started, 2),
        }
        health = httpx.get(base + "/healthz", timeout=10)
        report["healthz after"] = health.status_code
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", default="1,4,16", help="concurrent clients, comma-separated")
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per measurement")
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure (the best)")
    parser.add_argument("--smoke", action="store_true", help="a quick run (CI: it still runs)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    parser.add_argument("--hostile", action="store_true", help="hostile requests instead")
    parser.add_argument("--connections", type=int, default=2000, help="for --hostile (max 5000)")
    args = parser.parse_args()
    if args.hostile:
        print(json.dumps(hostile(min(args.connections, 5000)), indent=2))
        return
    global REPEAT
    clients = [int(n) for n in args.clients.split(",")]
    seconds, REPEAT = args.seconds, max(1, args.repeat)
    if args.smoke:
        clients, seconds, REPEAT = [1, 2], 0.3, 1
    report = {
        "direct": direct(seconds),
        "asgi": asgi(clients, seconds),
        "loopback": loopback(clients, seconds),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"requests/second (best of {REPEAT} runs of {seconds:g} s; direct: one at a time)")
    for name in WORK:
        print(f"{name:>11}: direct {report['direct'][name]:7.1f}")
        for n in clients:
            a, lo = report["asgi"][name][str(n)], report["loopback"][name][str(n)]
            print(f"{'':>11}  {n:>3} clients: asgi {a:7.1f}   loopback {lo:7.1f}")


if __name__ == "__main__":
    main()
