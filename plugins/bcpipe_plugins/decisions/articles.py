"""The articles of a decision or a regulation: in order, and which one charges who
carries the decision out ("… chịu trách nhiệm thi hành Quyết định này./.")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from bcpipe.model import Article, Block, Container, Document
from bcpipe.source import ModelPath
from bcpipe.textutil import fold

__all__ = ["articles", "executing_article", "where_articles_stand"]

# The words of the article that charges the bodies named in it (PL III Mẫu 1.2: "Chánh
# Văn phòng …, Giám đốc … chịu trách nhiệm thi hành Quyết định này./."), as agencies
# write them: "… căn cứ Quyết định thi hành", "… căn cứ Quyết định này thực hiện", "…
# tổ chức thực hiện Quyết định này". "Quyết định này có hiệu lực thi hành kể từ …" is
# not one of them.
_EXECUTING = re.compile(
    r"chịu trách nhiệm (?:thi hành|thực hiện)"
    r"|căn cứ (?:quyết định|nghị quyết|chỉ thị)(?: này)? (?:để )?(?:thi hành|thực hiện)"
    r"|(?:thi hành|tổ chức thực hiện|triển khai thực hiện) (?:quyết định|nghị quyết|chỉ thị) này"
)


def articles(blocks: Sequence[Block], path: ModelPath) -> Iterator[tuple[ModelPath, Article]]:
    """The articles of ``blocks`` in reading order, through chapters and sections (an
    article's own children are its clauses, never articles)."""
    for index, block in enumerate(blocks):
        here = (*path, index)
        if isinstance(block, Article):
            yield here, block
        elif isinstance(block, Container):
            yield from articles(block.children, (*here, "children"))


def where_articles_stand(document: Document) -> Iterator[tuple[ModelPath, Sequence[Block]]]:
    """The decision's body, then each attached regulation: each numbers its own articles."""
    yield ("body",), document.body
    for index, appendix in enumerate(document.appendices):
        yield ("appendices", index, "body"), appendix.body


def _words(block: Block) -> str:
    parts = [block.cited_text()] if isinstance(block, Container) else []
    if isinstance(block, Container):
        parts.extend(_words(child) for child in block.children)
    elif hasattr(block, "text"):
        parts.append(str(block.text))
    return " ".join(parts)


def executing_article(
    document: Document, listed: Sequence[tuple[ModelPath, Article]] | None = None
) -> tuple[ModelPath, Article] | None:
    """The last article of the body that charges someone with carrying it out
    (``listed``: the body's articles, when the caller has them already).

    Closing paragraphs after the articles are the last article's words (a reader that
    takes the paragraph with the end mark "./." as the closing leaves them there).
    """
    found = None
    if listed is None:
        listed = list(articles(document.body, ("body",)))
    for index, (path, article) in enumerate(listed):
        words = _words(article)
        if index == len(listed) - 1:
            words = " ".join([words, *(p.text for p in document.closing)])
        if _EXECUTING.search(fold(words)):
            found = (path, article)
    return found
