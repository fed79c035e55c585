"""Breaking a centred header name into lines of even length.

A clerk breaks "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC" into "ỦY BAN NHÂN DÂN" over
"HUYỆN TUY PHƯỚC", not into a full line and a last word: the issuer block is centred
and the rule under it is measured from its lines. Greedy wrapping gives the latter.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

__all__ = ["balanced_lines"]


#: Lines are balanced for a text of at most this many words (the search grows with the
#: fourth power of the count; an issuer's name has about ten).
BALANCED_WORDS = 24


def _greedy(words: list[str], width: Callable[[str], float], limit: float) -> list[str]:
    lines: list[list[str]] = [[]]
    for word in words:
        if lines[-1] and width(" ".join([*lines[-1], word])) > limit:
            lines.append([])
        lines[-1].append(word)
    return [" ".join(line) for line in lines]


def _best_split(words: list[str], count: int, width: Callable[[str], float]) -> list[str]:
    """``words`` in ``count`` lines, the widest as narrow as possible."""
    n = len(words)
    span = {(i, j): width(" ".join(words[i:j])) for i in range(n) for j in range(i + 1, n + 1)}
    # best[k][j]: (widest line, breaks) putting words[:j] on k lines.
    best: list[dict[int, tuple[float, tuple[int, ...]]]] = [{0: (0.0, ())}]
    for k in range(1, count + 1):
        row: dict[int, tuple[float, tuple[int, ...]]] = {}
        for j in range(k, n - (count - k) + 1):
            options = (
                (max(widest, span[i, j]), (*breaks, j))
                for i, (widest, breaks) in best[k - 1].items()
                if i < j
            )
            row[j] = min(options)
        best.append(row)
    breaks = (0, *best[count][n][1])
    return [" ".join(words[a:b]) for a, b in itertools.pairwise(breaks)]


def balanced_lines(text: str, width: Callable[[str], float], limit: float) -> list[str]:
    """The lines of ``text`` no wider than ``limit`` (where words allow), evenly long.

    Line breaks already in ``text`` are kept; each of its lines that is too wide is
    broken into the fewest lines that fit, balanced.
    """
    lines: list[str] = []
    for chunk in text.splitlines():
        words = chunk.split()
        if not words:
            continue
        if width(" ".join(words)) <= limit or len(words) == 1:
            lines.append(" ".join(words))
            continue
        if len(words) > BALANCED_WORDS:  # no name is this long: greedy lines, in linear time
            lines.extend(_greedy(words, width, limit))
            continue
        split = words
        for count in range(2, len(words) + 1):
            candidate = _best_split(words, count, width)
            if max(width(line) for line in candidate) <= limit:
                split = candidate
                break
        lines.extend(split)
    return lines
