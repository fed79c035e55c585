"""The two XSDs of edXML packages: the strict output schema (what bcpipe writes,
``schemas/edxml-qcvn102-2016.xsd``) and the lenient input schema (what the exchange
network carries, ``schemas/edxml-qcvn102-2016-input.xsd``).

The files ship inside this plugin (so an installed bcpipe has them); the copies in the
repository's ``schemas/`` folder are checked by a test to be the same bytes.
"""

from __future__ import annotations

import functools
from importlib import resources

from lxml import etree

__all__ = [
    "NAMESPACE",
    "edxml_input_xsd",
    "edxml_input_xsd_schema",
    "edxml_xsd",
    "edxml_xsd_schema",
]

#: The namespace of QCVN 102:2016/BTTTT (edXML).
NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
XSD_NAME = "edxml.xsd"
INPUT_XSD_NAME = "edxml-input.xsd"


@functools.cache
def edxml_xsd() -> bytes:
    """The bytes of the strict output XSD."""
    return (resources.files(__package__) / XSD_NAME).read_bytes()


@functools.cache
def edxml_xsd_schema() -> etree.XMLSchema:
    """The compiled output XSD (compiled once per process)."""
    return etree.XMLSchema(etree.fromstring(edxml_xsd()))


@functools.cache
def edxml_input_xsd() -> bytes:
    """The bytes of the lenient input XSD."""
    return (resources.files(__package__) / INPUT_XSD_NAME).read_bytes()


@functools.cache
def edxml_input_xsd_schema() -> etree.XMLSchema:
    """The compiled input XSD (compiled once per process)."""
    return etree.XMLSchema(etree.fromstring(edxml_input_xsd()))
