"""bcpipe's first-party plugins.

Each subpackage is one plugin, registered under the ``bcpipe`` entry-point group in
``pyproject.toml`` and written against the public API only (``bcpipe`` and its
documented modules), exactly as a third-party plugin would be.
"""
