"""A short, deterministic run of the fuzzing campaign (scripts/fuzz.py; the long run is
not in CI): mutated inputs in every format through load → validate → every export →
read back, each in a worker with a time limit."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import fuzz  # noqa: E402 - a script, found on the path just set


def test_every_input_format_is_fuzzed() -> None:
    kinds = {seed.kind for seed in fuzz.seeds(corpus=2, generated=2)}
    assert kinds == set(fuzz.FORMATS)


def test_a_short_campaign_finds_nothing(tmp_path: Path) -> None:
    summary = fuzz.campaign(
        240, seed=16, out=tmp_path, timeout=30.0, corpus=4, generated=4, quiet=True
    )
    assert summary["inputs"] == 240
    findings = {k: v for k, v in summary["outcomes"].items() if k in fuzz.FINDINGS}
    saved = sorted(p.name for p in tmp_path.rglob("*") if p.is_file() and p.parent != tmp_path)
    assert findings == {}, saved
    assert summary["outcomes"].get("ok", 0) > 20  # mutations that load are run to the end
