"""Parsing XML from untrusted files without letting the file act on the machine.

An XML file can ask its parser to read other files or URLs (external entities, XXE),
to expand a few bytes into gigabytes (nested entities, "billion laughs"), or to
fetch a DTD. bcpipe XML needs none of that, so:

- the text must be UTF-8 (as every bcpipe source), checked before parsing;
- any DOCTYPE is refused outright, before the parser sees it: no DTD, hence no
  entity can be declared, expanded or fetched;
- the parser itself is set up to do none of it either (defence in depth): no entity
  substitution, no network, no DTD loading or validation, no "huge tree" mode.
"""

from __future__ import annotations

import re

from lxml import etree

from bcpipe import SourceError
from bcpipe.source import decode_text

__all__ = ["parse_untrusted", "safe_parser"]

_ENCODING = re.compile(r"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_SPACE = frozenset(" \t\n")


def safe_parser() -> etree.XMLParser:
    """A parser that resolves no entity and reads no DTD, file or URL."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _line(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _refuse_doctype(text: str, source: str | None) -> None:
    """Walk the prolog (declaration, comments, processing instructions) up to the root
    element; a ``<!DOCTYPE`` (the only other thing a prolog may hold) is refused."""
    index, size = 0, len(text)
    while index < size:
        if text[index] in _SPACE:
            index += 1
        elif text.startswith("<?", index):
            end = text.find("?>", index + 2)
            if end < 0:
                return  # unterminated: the parser reports it with its line
            index = end + 2
        elif text.startswith("<!--", index):
            end = text.find("-->", index + 4)
            if end < 0:
                return
            index = end + 3
        elif text.startswith("<!", index):
            raise SourceError(
                source,
                "a DOCTYPE (DTD) declaration is not allowed in bcpipe XML: DTDs and entities "
                "are refused so that a file can neither read other files nor expand itself; "
                "remove the <!DOCTYPE …> part",
                line=_line(text, index),
            )
        else:
            return


# libxml2's own words when a limit of its safe mode (huge_tree off) is reached.
_LIMIT_MESSAGES = ("XML_PARSE_HUGE", "Excessive depth", "huge text node", "Huge input lookup")


def parse_untrusted(data: bytes, source: str | None) -> etree._Element:
    """The root element of the UTF-8 XML ``data``; :class:`~bcpipe.SourceError` otherwise.

    DTDs are refused (see the module's notes); syntax errors name the line and column.
    """
    text = decode_text(data, source)
    declared = _ENCODING.match(text)
    if declared and declared.group(1).strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise SourceError(
            source,
            f"the XML declaration names the encoding {declared.group(1)!r}; "
            "bcpipe reads XML in UTF-8 only: save the file as UTF-8",
            line=1,
        )
    _refuse_doctype(text, source)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = str(exc.msg).split(", line ")[0] if exc.msg else "malformed XML"
        if any(limit in message for limit in _LIMIT_MESSAGES):
            # libxml2's limits (huge_tree off): a text node over 10 MB, very deep nesting
            message = (
                "the file exceeds the XML parser's safety limits (a text over 10 MB or "
                "nesting over 256 levels deep); a document's XML never needs that much"
            )
        raise SourceError(source, f"invalid XML: {message}", line=line, column=column) from None
    if root.getroottree().docinfo.doctype:  # unreachable after _refuse_doctype; kept as a guard
        raise SourceError(source, "a DOCTYPE (DTD) declaration is not allowed in bcpipe XML")
    return root
