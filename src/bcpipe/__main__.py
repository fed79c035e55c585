"""``python -m bcpipe``: the command line."""

from bcpipe.cli import entry

entry()
