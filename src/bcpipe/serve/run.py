"""Running the service with uvicorn, under the config's connection limits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import uvicorn

from bcpipe.serve.app import create_app
from bcpipe.serve.config import ServeConfig

__all__ = ["serve"]


def serve(
    pipeline_options: Mapping[str, Any] | None = None,
    config: ServeConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    log_level: str = "info",
) -> None:
    """Serve until interrupted (^C, SIGTERM)."""
    config = config or ServeConfig()
    app = create_app(pipeline_options, config)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        # Past this many connections and tasks uvicorn answers 503 itself: thousands of
        # idle sockets cost file descriptors, not the documents' workers.
        limit_concurrency=config.max_connections,
        timeout_keep_alive=5,
        # A header block is small; a request line or header over 16 KB is refused.
        h11_max_incomplete_event_size=16 * 1024,
        server_header=False,
    )
