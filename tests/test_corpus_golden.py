"""The default rules on the real corpus give exactly the reviewed golden findings.

When a rule or the reader changes what is found, this fails: run ``make golden``,
read the diff of tests/corpus/golden/, and mark each new finding (real or not, why).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from golden import documents, golden_path, key, observe, read

import bcpipe

# Why a finding is not a real defect: the reader misread the text; the text itself
# differs from the original (a PDF's extraction dropped a hyphen or letters); a note
# on the reading that claims no defect; or the rule is wrong (forbidden below).
CAUSES = ("reader", "text", "note", "rule")


@pytest.fixture(scope="module")
def default() -> bcpipe.Pipeline:
    return bcpipe.Pipeline()


def _golden(document: Path) -> dict[str, Any]:
    path = golden_path(document)
    assert path.exists(), f"no golden file {path.name}: run make golden and review it"
    return read(path)


@pytest.mark.parametrize("document", documents(), ids=lambda p: p.name[:3])
def test_the_findings_are_the_golden_ones(default: bcpipe.Pipeline, document: Path) -> None:
    golden = _golden(document)
    observed = observe(default, document)
    assert observed.refused == golden.get("refused")
    expected = [key(f) for f in golden.get("finding", [])]
    assert [key(f) for f in observed.findings] == expected, "run make golden and review the diff"


@pytest.mark.parametrize("document", documents(), ids=lambda p: p.name[:3])
def test_every_golden_finding_is_reviewed(document: Path) -> None:
    for finding in _golden(document).get("finding", []):
        assert finding["real"] in (True, False), f"{finding['code']}: not reviewed"
        assert finding["reason"].strip(), f"{finding['code']}: no reason given"
        if finding["real"] is False:
            assert finding["cause"] in CAUSES, f"{finding['code']}: cause {finding['cause']!r}"


def test_the_recommended_rules_raise_no_false_finding_of_their_own() -> None:
    """Every false finding left is a misread (for the reader), a fault of the text
    extracted from the original, or a note on the reading."""
    wrong = [
        (document.name[:3], finding["code"], finding["reason"])
        for document in documents()
        for finding in _golden(document).get("finding", [])
        if finding["real"] is False and finding["cause"] == "rule"
    ]
    assert wrong == []
