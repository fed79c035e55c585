"""Citations: recognise the documents a text cites, and check each one (BC201-BC211).

The transform ``recognise-citations`` finds "Kế hoạch số 59/KH-UBND ngày 09/6/2022 …"
in the basis, body, closing and appendices and adds structured citations to the
block (citations already given in the data are kept). The rule then checks that
every mention could be read, that dates are real and not after the citing document,
that the notation's type code matches the named type, and that a document cited
twice is cited consistently.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter

import bcpipe
from bcpipe import Document, Rule, Transform, TransformContext
from bcpipe.citations import locate_citations
from bcpipe.model import Citation, TextBlock
from bcpipe.walk import map_text_blocks
from bcpipe_plugins.citations.rule import citations_rule

__version__ = bcpipe.__version__


def _with_recognised(block: TextBlock) -> TextBlock | None:
    words = block.cited_text()
    given = block.citations
    found = locate_citations(words, known=given)
    if not found:
        return None
    known = {c.text for c in given}
    new = [(at, c) for at, c in found if c.text not in known]
    if not new:
        return None
    # In the order of their words. Offsets come with what was found; only a given
    # citation the recogniser did not give back is looked for (one search each, rare).
    at_of: dict[int, int] = {}
    for at, c in found:  # a citation whose words come twice stands where they come first
        at_of.setdefault(id(c), at)
    placed = [(at_of.get(id(c), -1), c) for c in given]
    placed = [(words.find(c.text) if at < 0 else at, c) for at, c in placed]
    merged: list[Citation] = [c for _, c in sorted([*placed, *new], key=itemgetter(0))]
    return block.model_copy(update={"citations": merged})


@bcpipe.transform("recognise-citations", priority=300)
def recognise_citations(document: Document, ctx: TransformContext) -> Document | None:
    """Add the citations found in the text to each block (idempotent)."""
    return map_text_blocks(document, _with_recognised)


@bcpipe.hookimpl
def bcpipe_transforms() -> Iterable[Transform]:
    return [recognise_citations]


@bcpipe.hookimpl
def bcpipe_rules() -> Iterable[Rule]:
    return [citations_rule]
