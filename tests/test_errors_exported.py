"""Every exception a user may catch is reachable as ``bcpipe.<Name>``."""

from __future__ import annotations

import importlib
import pkgutil

import bcpipe_plugins

import bcpipe


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def test_every_bcpipe_error_is_exported_from_bcpipe() -> None:
    # Import every first-party module, so that an error class defined anywhere is seen.
    for package in (bcpipe, bcpipe_plugins):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith("__main__"):  # runs the command line
                importlib.import_module(module.name)
    errors = _subclasses(bcpipe.BcpipeError)
    assert bcpipe.MissingOrganIdError in errors
    missing = sorted(
        cls.__name__ for cls in errors if getattr(bcpipe, cls.__name__, None) is not cls
    )
    assert missing == []
    assert all(cls.__name__ in bcpipe.__all__ for cls in errors)
