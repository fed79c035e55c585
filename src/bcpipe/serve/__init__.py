"""``bcpipe serve``: the pipeline behind HTTP, for agency systems in any language, and a
page where a clerk checks a document. Needs the ``serve`` extra (Starlette, uvicorn).

>>> from bcpipe.serve import create_app
>>> app = create_app()              # an ASGI application: run it with any ASGI server
"""

from __future__ import annotations

from bcpipe.serve.app import create_app
from bcpipe.serve.config import ServeConfig
from bcpipe.serve.run import serve

__all__ = ["ServeConfig", "create_app", "serve"]
