"""Walking the body tree: every block with its path, and rebuilding with changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from bcpipe.model import Block, Container, Document, Paragraph, TextBlock
from bcpipe.source import ModelPath

__all__ = ["iter_blocks", "iter_text_blocks", "map_text_blocks"]

# Where blocks live in a document, in reading order (basis, body, closing, appendices).
_TOP_LEVEL = ("basis", "body", "closing")


def _walk(
    blocks: Sequence[Block | Paragraph], path: ModelPath, out: list[tuple[ModelPath, Block]]
) -> None:
    # Collected into a list: a generator per level would pass every block up through
    # each level above it, and rules walk the tree often.
    for index, block in enumerate(blocks):
        here = (*path, index)
        out.append((here, block))
        if isinstance(block, Container) and block.children:
            _walk(block.children, (*here, "children"), out)


def _blocks(document: Document) -> list[tuple[ModelPath, Block]]:
    out: list[tuple[ModelPath, Block]] = []
    for name in _TOP_LEVEL:
        _walk(getattr(document, name), (name,), out)
    for index, appendix in enumerate(document.appendices):
        _walk(appendix.body, ("appendices", index, "body"), out)
    return out


def iter_blocks(document: Document) -> Iterator[tuple[ModelPath, Block]]:
    """Every block of the document, depth first in reading order, with its model path."""
    return iter(_blocks(document))


def iter_text_blocks(document: Document) -> Iterator[tuple[ModelPath, TextBlock]]:
    """The blocks that carry words (and so may cite documents)."""
    return iter(
        [(path, block) for path, block in _blocks(document) if isinstance(block, TextBlock)]
    )


BlockChange = Callable[[TextBlock], TextBlock | None]


def _map(blocks: list[Block], change: BlockChange) -> list[Block] | None:
    out: list[Block] | None = None  # made at the first change: most lists stay as they are
    for index, block in enumerate(blocks):
        new: Block = block
        if isinstance(block, TextBlock):
            replaced = change(block)
            if replaced is not None:
                new = replaced  # type: ignore[assignment]
        if isinstance(new, Container) and new.children:
            children = _map(new.children, change)
            if children is not None:
                new = new.model_copy(update={"children": children})
        if out is None and new is not block:
            out = blocks[:index]
        if out is not None:
            out.append(new)
    return out


def map_text_blocks(document: Document, change: BlockChange) -> Document | None:
    """A copy of ``document`` with ``change`` applied to every text block (None: no change).

    ``change`` returns a replacement block or None to keep the block; untouched
    subtrees are shared, not copied.
    """
    updates: dict[str, object] = {}
    for name in _TOP_LEVEL:
        blocks = _map(getattr(document, name), change)
        if blocks is not None:
            updates[name] = blocks
    appendices = []
    appendices_changed = False
    for appendix in document.appendices:
        body = _map(appendix.body, change)
        appendices_changed = appendices_changed or body is not None
        appendices.append(appendix if body is None else appendix.model_copy(update={"body": body}))
    if appendices_changed:
        updates["appendices"] = appendices
    return document.model_copy(update=updates) if updates else None
