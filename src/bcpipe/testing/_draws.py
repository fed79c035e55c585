"""Drawing choices cheaply, and so that they shrink towards the plain case.

``st.sampled_from(items)`` built afresh for each draw hashes every item to label the
strategy, which dominated the time to generate (and to shrink) a document; drawing
an index does the same with a cached strategy.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from hypothesis import strategies as st

__all__ = ["index", "pick", "pick_some", "rarely"]

T = TypeVar("T")


@lru_cache(maxsize=256)
def index(size: int) -> st.SearchStrategy[int]:
    """A position in a sequence of ``size`` items (one strategy object per size)."""
    return st.integers(0, size - 1)


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    """One of ``items``; shrinks towards the first."""
    return items[draw(index(len(items)))]


def pick_some(draw: st.DrawFn, items: Sequence[T], count: int) -> list[T]:
    """``count`` different items (fewer if there are not so many), in their order.

    Each is drawn among those left, so no draw is ever rejected for repeating one.
    """
    left = list(items)
    chosen = [left.pop(draw(index(len(left)))) for _ in range(min(count, len(left)))]
    return sorted(chosen, key=list(items).index)


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in ``one_in`` draws; False when shrunk (the rare thing goes away)."""
    return draw(index(one_in)) == one_in - 1
