"""Speed of bcpipe.testing: generated documents per second (one process).

    .venv/bin/python benchmarks/bench_testing.py [--examples 200]

Measures what a property test pays per example: drawing a document (valid, or broken
for a rule), and drawing it then validating it with every built-in rule. Hypothesis
runs the draws (``find`` with a condition that never holds, so it keeps generating and
never shrinks).
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import bcpipe
from bcpipe.testing import BREAKABLE_RULES, broken_documents, documents


def rate(
    strategy: st.SearchStrategy[bcpipe.Document],
    examples: int,
    check: Callable[[bcpipe.Document], object],
) -> float:
    """Examples per second of ``strategy``, each passed to ``check``."""
    count = 0

    def never(doc: bcpipe.Document) -> bool:
        nonlocal count
        check(doc)
        count += 1
        return False

    runs = settings(
        max_examples=examples,
        phases=[Phase.generate],
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    started = time.perf_counter()
    with contextlib.suppress(NoSuchExample):  # the condition never holds: that is the point
        find(strategy, never, settings=runs)
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=200, help="examples per measurement")
    args = parser.parse_args()
    pipeline = bcpipe.Pipeline()
    broken = st.sampled_from(BREAKABLE_RULES).flatmap(lambda rule: broken_documents(rule=rule))
    cases: dict[
        str, tuple[st.SearchStrategy[bcpipe.Document], Callable[[bcpipe.Document], object]]
    ] = {
        "documents()": (documents(), lambda doc: None),
        "documents() + validate": (documents(), pipeline.validate),
        "documents(type=bao_cao, max_depth=6)": (
            documents(type="bao_cao", max_depth=6),
            lambda doc: None,
        ),
        "broken_documents(any rule)": (broken, lambda doc: None),
        "broken_documents + validate": (broken, pipeline.validate),
    }
    for name, (strategy, check) in cases.items():
        print(f"{name:<40} {rate(strategy, args.examples, check):>8.1f} docs/s")


if __name__ == "__main__":
    main()
