"""``python -m bcpipe``: the command line."""

from bcpipe.cli import entry

# Guarded: a worker process started by "spawn" (bcpipe serve's PDF pool) imports the main
# module again, and must not run the command a second time.
if __name__ == "__main__":
    entry()
