"""Writing edXML elements: the shared pieces of a document package and a status message.

Every element is in the QCVN namespace; an ``Organization`` (From, To) and a
``StaffInfo`` are always written whole, empty elements standing for unknown values: a
widely deployed receiver's validator rejects a block that lacks one (edxml.md §2).
"""

from __future__ import annotations

from lxml import etree

from bcpipe_plugins.edxml.errors import EdxmlError
from bcpipe_plugins.edxml.schema import NAMESPACE
from bcpipe_plugins.edxml.settings import Contact, Staff

__all__ = ["Q", "el", "new_root", "organization", "serialized", "staff_info"]

Q = "{" + NAMESPACE + "}"


def el(parent: etree._Element, name: str, text: str | int | None = None) -> etree._Element:
    """A child ``name`` of ``parent`` holding ``text``."""
    element = etree.SubElement(parent, Q + name)
    if text is not None:
        try:
            element.text = str(text)
        except ValueError as exc:  # lxml refuses NUL and other control characters
            raise EdxmlError(f"{name}: {exc}") from None
    return element


def new_root() -> tuple[etree._Element, etree._Element]:
    """The root ``edXML`` and its header, laid out as the SDK writes them: the root
    declares the namespace as default, the envelope binds ``edXML`` to it too."""
    root = etree.Element(Q + "edXML", nsmap={None: NAMESPACE})
    envelope = etree.SubElement(root, Q + "edXMLEnvelope", nsmap={"edXML": NAMESPACE})
    return root, el(envelope, "edXMLHeader")


def organization(
    parent: etree._Element, tag: str, code: str, name: str, in_charge: str, contact: Contact
) -> etree._Element:
    """The whole organisation block; ``in_charge`` defaults to the body's own name."""
    block = el(parent, tag)
    el(block, "OrganId", code)
    el(block, "OrganizationInCharge", in_charge or name)
    el(block, "OrganName", name)
    el(block, "OrganAdd", contact.address)
    el(block, "Email", contact.email)
    el(block, "Telephone", contact.telephone)
    el(block, "Fax", contact.fax)
    el(block, "Website", contact.website)
    return block


def staff_info(parent: etree._Element, staff: Staff) -> etree._Element:
    """``StaffInfo``, in the SDK's order (Department, Staff, Email, Mobile)."""
    block = el(parent, "StaffInfo")
    el(block, "Department", staff.department)
    el(block, "Staff", staff.staff)
    el(block, "Email", staff.email)
    el(block, "Mobile", staff.mobile)
    return block


def serialized(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return data
