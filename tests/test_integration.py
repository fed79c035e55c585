"""Plugins working together: the edXML package carries the real PDF."""

from __future__ import annotations

import base64
import io
from typing import Any

import pypdf
from lxml import etree

import bcpipe

EDXML = "{http://www.mic.gov.vn/TBT/QCVN_102_2016}"
SETTINGS = {
    "edxml": {
        "organs": {"UBND xã Phước Sơn": "000.00.00.X05", "UBND huyện Tuy Phước": "000.00.00.X00"}
    }
}


def test_edxml_attaches_the_pdf_and_counts_its_pages(minimal: dict[str, Any]) -> None:
    pipeline = bcpipe.Pipeline(settings=SETTINGS)
    doc = bcpipe.load(minimal)
    package = etree.fromstring(pipeline.export(doc, "edxml"))
    attachment = package.find(f"{EDXML}AttachmentEncoded/{EDXML}Attachment")
    assert attachment is not None
    assert attachment.findtext(f"{EDXML}ContentType") == "application/pdf"
    pdf = base64.b64decode(attachment.findtext(f"{EDXML}ContentTransferEncoded") or "")
    assert pdf == pipeline.export(doc, "pdf")
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert package.findtext(f".//{EDXML}OtherInfo/{EDXML}PageAmount") == str(pages)
