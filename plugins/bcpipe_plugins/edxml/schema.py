"""The XSD of the edXML packages bcpipe writes (``schemas/edxml-qcvn102-2016.xsd``).

The file ships inside this plugin (so an installed bcpipe has it); the copy in the
repository's ``schemas/`` folder is checked by a test to be the same bytes.
"""

from __future__ import annotations

import functools
from importlib import resources

from lxml import etree

__all__ = ["NAMESPACE", "edxml_xsd", "edxml_xsd_schema"]

#: The namespace of QCVN 102:2016/BTTTT (edXML).
NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XSD_NAME = "edxml.xsd"


@functools.cache
def edxml_xsd() -> bytes:
    """The bytes of the edXML XSD."""
    return (resources.files(__package__) / XSD_NAME).read_bytes()


@functools.cache
def edxml_xsd_schema() -> etree.XMLSchema:
    """The compiled edXML XSD (compiled once per process)."""
    return etree.XMLSchema(etree.fromstring(edxml_xsd()))
