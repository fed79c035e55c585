"""Hypothesis' entry point: ``st.from_type(bcpipe.Document)`` draws from ``documents()``.

Registered in pyproject.toml under ``[project.entry-points.hypothesis]``; Hypothesis
calls :func:`_hypothesis_setup_hook` when it is imported. The strategy is looked up
only when a test asks for a Document, so importing Hypothesis stays cheap.
"""

from __future__ import annotations

from hypothesis import strategies as st

from bcpipe.model import Document

__all__ = ["_hypothesis_setup_hook"]


def _document_strategy(thing: type[Document]) -> st.SearchStrategy[Document]:
    from bcpipe.testing import documents

    return documents()


def _hypothesis_setup_hook() -> None:
    st.register_type_strategy(Document, _document_strategy)
