"""Real Word footnotes in a python-docx document, for tests of the .docx reader.

(The .docx exporter writes notes as "[n]" marks and lines, as the text export does; this
builds what Word writes, so the reader is tried on real footnotes.)

python-docx has no footnote API, so the part is built here: ``word/footnotes.xml`` with
Word's two separators (ids -1 and 0) and one ``w:footnote`` per note, related to the
document part; a mark in the text is a superscript ``w:footnoteReference`` run, which
Word numbers itself (1, 2, 3 … in reading order).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from bcpipe_plugins.docx.xml import W_NS, W

from bcpipe.textutil import nfc

__all__ = ["add_footnotes", "reference"]

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
#: The decree sets notes smaller than the body; 10 pt is Word's own footnote size.
NOTE_HALF_POINTS = 20

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
    "<w:continuationSeparator/></w:r></w:p></w:footnote>"
)


def _note(number: int, text: str) -> str:
    size = f'<w:sz w:val="{NOTE_HALF_POINTS}"/>'
    return (
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/>{size}</w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr>{size}</w:rPr><w:t xml:space="preserve"> {escape(nfc(text))}</w:t></w:r>'
        "</w:p></w:footnote>"
    )


def add_footnotes(document: Any, texts: Sequence[str]) -> None:
    """Give python-docx ``document`` a footnotes part holding ``texts`` (ids 1, 2, …)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(_note(number, text) for number, text in enumerate(texts, 1))
    xml = f'<w:footnotes xmlns:w="{W_NS}">{_SEPARATORS}{body}</w:footnotes>'
    part = Part(
        PackURI("/word/footnotes.xml"), CONTENT_TYPE, xml.encode("utf-8"), document.part.package
    )
    document.part.relate_to(part, RELATIONSHIP)


def reference(paragraph: Any, number: int) -> None:
    """Append the superscript mark of footnote ``number`` to python-docx ``paragraph``."""
    run = paragraph.add_run()
    props = run._r.get_or_add_rPr()
    props.append(props.makeelement(W + "vertAlign", {W + "val": "superscript"}))
    run._r.append(run._r.makeelement(W + "footnoteReference", {W + "id": str(number)}))
