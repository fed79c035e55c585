"""Hypothesis strategies for bcpipe documents: valid ones, and ones broken on purpose.

Install with the ``testing`` extra (``pip install 'bcpipe[testing]'``), then::

    from hypothesis import given
    from bcpipe.testing import documents, broken_documents

    @given(documents(type="bao_cao", status="issued"))
    def test_my_rule_accepts_valid_reports(doc): ...

    @given(broken_documents(rule="BC306"))
    def test_my_exporter_copes_with_invalid_documents(doc): ...

``st.from_type(bcpipe.Document)`` draws from :func:`documents` too (a ``hypothesis``
entry point registers it).
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - only to fail early, with the fix in the message
except ImportError:  # pragma: no cover - exercised in a subprocess by the tests
    raise ImportError(
        "bcpipe.testing needs Hypothesis, which bcpipe does not install by default: "
        "pip install 'bcpipe[testing]'"
    ) from None

from bcpipe.testing._broken import UNBREAKABLE_RULES
from bcpipe.testing._roundtrip import assert_round_trip, round_trip_formats
from bcpipe.testing._strategies import (
    AUTHORITIES,
    BREAKABLE_RULES,
    CITED_TYPES,
    DECISION_AUTHORITIES,
    body_names,
    body_trees,
    broken_documents,
    citation_dates,
    citations,
    decisions,
    documents,
    issue_dates,
    issuers,
    legal_normative_numbers,
    personal_names,
    recipient_lists,
    signature_blocks,
)

__all__ = [
    "AUTHORITIES",
    "BREAKABLE_RULES",
    "CITED_TYPES",
    "DECISION_AUTHORITIES",
    "UNBREAKABLE_RULES",
    "assert_round_trip",
    "body_names",
    "body_trees",
    "broken_documents",
    "citation_dates",
    "citations",
    "decisions",
    "documents",
    "issue_dates",
    "issuers",
    "legal_normative_numbers",
    "personal_names",
    "recipient_lists",
    "round_trip_formats",
    "signature_blocks",
]
