"""Assembling the edXML package (edxml.md §1-§5) from a document and the settings.

The layout follows the government SDK's samples: the root declares the QCVN namespace
as default, the envelope binds the prefix ``edXML`` to the same namespace (so its
descendants are written ``edXML:…``), and ``AttachmentEncoded`` follows the envelope.
No ``Signature`` is written: the sending organisation's signer adds it (edxml.md §4);
an unsigned placeholder would look signed to a careless receiver.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from lxml import etree

from bcpipe import Document
from bcpipe.model import NamedRecipient
from bcpipe_plugins.edxml import fields
from bcpipe_plugins.edxml.attachment import Attachment
from bcpipe_plugins.edxml.errors import EdxmlError, MissingOrganIdError
from bcpipe_plugins.edxml.schema import NAMESPACE, edxml_xsd_schema
from bcpipe_plugins.edxml.settings import EdxmlSettings, Organ

__all__ = ["Parties", "build_package", "resolve_parties"]

_Q = "{" + NAMESPACE + "}"
NEW_DOCUMENT = "Văn bản điện tử mới"
#: NĐ30 PL VI: the "Nơi nhận" lines together hold at most 1000 characters.
TO_PLACES_LIMIT = 1000
ORGANS_SETTING = "[edxml.organs]"


@dataclass(frozen=True, slots=True)
class Parties:
    """The sender's OrganId and the receiving bodies."""

    sender: str
    receivers: tuple[Organ, ...]


def _sender(document: Document, settings: EdxmlSettings) -> str:
    if settings.sender is not None:
        return settings.sender
    organ = settings.find(document.issuer.name)
    if organ is None:
        raise MissingOrganIdError(
            document.issuer.name,
            "issuer",
            f'[edxml] sender = "<OrganId>" or "{document.issuer.name}" = "<OrganId>" '
            f"in {ORGANS_SETTING}",
        )
    return organ.code


def resolve_parties(document: Document, settings: EdxmlSettings) -> Parties:
    """Who sends and who receives, from the settings' agency codes.

    Receivers are the ``[edxml] to`` list when given; else every addressee ("Kính gửi",
    each must have a code) and every named recipient that has a code (a recipient
    without one, such as an internal office, is only listed in ToPlaces). The sender
    itself is never a receiver; no OrganId appears twice.
    """
    sender = _sender(document, settings)
    required = list(settings.to) if settings.to is not None else list(document.addressees)
    optional = (
        []
        if settings.to is not None
        else [r.name for r in document.recipients if isinstance(r, NamedRecipient)]
    )
    role = "receiver listed in [edxml] to" if settings.to is not None else "addressee"
    found: list[Organ] = []
    for name in required:
        organ = settings.find(name)
        if organ is None:
            raise MissingOrganIdError(name, role, f'"{name}" = "<OrganId>" in {ORGANS_SETTING}')
        found.append(organ)
    found.extend(organ for name in optional if (organ := settings.find(name)) is not None)
    receivers: list[Organ] = []
    for organ in found:
        if organ.code != sender and all(organ.code != r.code for r in receivers):
            receivers.append(organ)
    if not receivers:
        names = ", ".join(repr(n) for n in optional[:5]) or "none"
        more = f" and {len(optional) - 5} more" if len(optional) > 5 else ""
        raise MissingOrganIdError(
            "the receiving body",
            f"receiver (the named recipients are: {names}{more})",
            f'the receiver as "<name>" = "<OrganId>" in {ORGANS_SETTING} (or list the '
            "receivers in [edxml] to)",
        )
    return Parties(sender, tuple(receivers))


def _el(parent: etree._Element, name: str, text: str | int | None = None) -> etree._Element:
    element = etree.SubElement(parent, _Q + name)
    if text is not None:
        try:
            element.text = str(text)
        except ValueError as exc:  # lxml refuses NUL and other control characters
            raise EdxmlError(f"{name}: {exc}") from None
    return element


def _organization(
    parent: etree._Element, tag: str, code: str, name: str, in_charge: str | None
) -> etree._Element:
    organization = _el(parent, tag)
    _el(organization, "OrganId", code)
    if in_charge:
        _el(organization, "OrganizationInCharge", in_charge)
    _el(organization, "OrganName", name)
    return organization


def _timestamp(document: Document, settings: EdxmlSettings) -> str:
    if settings.timestamp == "now":  # opted into: the only use of the clock
        return dt.datetime.now().strftime("%Y/%m/%d %H:%M:%S")
    if settings.timestamp == "date":
        return fields.edxml_date(document.issue_date) + " 00:00:00"
    return settings.timestamp


def _response_for(
    parent: etree._Element, document: Document, settings: EdxmlSettings, sender: str
) -> None:
    for citation in fields.answered_citations(document):
        assert citation.date is not None and citation.code is not None
        if citation.issuer is None:  # the citing body's own document
            code = sender
        else:
            organ = settings.find(citation.issuer)
            if organ is None:
                raise MissingOrganIdError(
                    citation.issuer,
                    f"issuer of {citation.type_name} {citation.code}, which this document "
                    "answers (ResponseFor)",
                    f'"{citation.issuer}" = "<OrganId>" in {ORGANS_SETTING}',
                )
            code = organ.code
        date = fields.edxml_date(citation.date)
        response = _el(parent, "ResponseFor")
        _el(response, "OrganId", code)
        _el(response, "Code", citation.code)
        _el(response, "PromulgationDate", date)
        _el(response, "DocumentId", f"{code},{date},{citation.code}")


def _message_header(
    parent: etree._Element,
    document: Document,
    settings: EdxmlSettings,
    parties: Parties,
    pages: int,
) -> str:
    """Write the MessageHeader; returns the DocumentId."""
    header = _el(parent, "MessageHeader")
    sender = _organization(
        header, "From", parties.sender, document.issuer.name, document.issuer.parent
    )
    contact = settings.contact
    for tag, value in (
        ("OrganAdd", contact.address),
        ("Email", contact.email),
        ("Telephone", contact.telephone),
        ("Fax", contact.fax),
        ("Website", contact.website),
    ):
        _el(sender, tag, value)
    for organ in parties.receivers:
        _organization(header, "To", organ.code, organ.name, None)
    number, notation = fields.code_parts(document)
    code = _el(header, "Code")
    _el(code, "CodeNumber", number)
    _el(code, "CodeNotation", notation)
    date = fields.edxml_date(document.issue_date)
    info = _el(header, "PromulgationInfo")
    _el(info, "Place", document.place)
    _el(info, "PromulgationDate", date)
    kind = _el(header, "DocumentType")
    _el(kind, "Type", document.type.ordinal if settings.type_code is None else settings.type_code)
    _el(kind, "TypeName", document.type.name_vi)
    _el(header, "Subject", document.subject)
    _el(header, "Content", document.subject)
    signer = _el(header, "SignerInfo")
    _el(signer, "Competence", fields.competence(document.signature))
    _el(signer, "Position", fields.position(document.signature))
    _el(signer, "FullName", document.signature.name)
    _el(header, "DueDate", "")  # no deadline in a report; receivers expect the element
    places = fields.to_places(document)
    if sum(len(place) for place in places) > TO_PLACES_LIMIT:
        raise EdxmlError(
            f'the "Nơi nhận" lines hold more than {TO_PLACES_LIMIT} characters, '
            "the limit of ToPlaces (NĐ30 Phụ lục VI)"
        )
    if places:
        to_places = _el(header, "ToPlaces")
        for place in places:
            _el(to_places, "Place", place)
    other = _el(header, "OtherInfo")
    _el(other, "Priority", fields.priority(document.marks))
    _el(other, "SphereOfPromulgation", document.marks.circulation or settings.sphere)
    _el(other, "TyperNotation", document.marks.typist or "")
    _el(other, "PromulgationAmount", fields.copies(document))
    _el(other, "PageAmount", pages)
    if document.appendices:
        appendixes = _el(other, "Appendixes")
        for appendix in document.appendices:
            _el(appendixes, "Appendix", appendix.title)
    _response_for(header, document, settings, parties.sender)
    _el(header, "SteeringType", settings.steering_type)
    document_id = f"{parties.sender},{date},{number}/{notation}"
    _el(header, "DocumentId", document_id)
    return document_id


def _trace(
    parent: etree._Element, document: Document, settings: EdxmlSettings, sender: str
) -> None:
    trace_list = _el(parent, "TraceHeaderList")
    trace = _el(trace_list, "TraceHeader")
    _el(trace, "OrganId", sender)
    _el(trace, "Timestamp", _timestamp(document, settings))
    business = _el(trace_list, "Bussiness")  # sic: the standard's spelling
    _el(business, "BussinessDocType", 0)
    _el(business, "BussinessDocReason", NEW_DOCUMENT)
    _el(business, "Paper", int(settings.paper))


def _attachment(
    envelope_body: etree._Element, root: etree._Element, file: Attachment, description: str
) -> None:
    manifest = _el(envelope_body, "edXMLManifest")
    manifest.set("version", "1.0")
    reference = _el(manifest, "Reference")
    _el(reference, "ContentId", file.content_id)
    _el(reference, "ContentType", file.content_type)
    _el(reference, "Description", description)
    _el(reference, "AttachmentName", file.name)
    encoded = _el(_el(root, "AttachmentEncoded"), "Attachment")
    _el(encoded, "ContentId", file.content_id)
    _el(encoded, "AttachmentName", file.name)
    _el(encoded, "Description", description)
    _el(encoded, "ContentType", file.content_type)
    _el(encoded, "ContentTransferEncoded", base64.b64encode(file.data).decode("ascii"))


def _checked(root: etree._Element) -> None:
    """Refuse a package its own XSD rejects (a subject over 500 characters, say)."""
    schema = edxml_xsd_schema()
    if schema.validate(root):
        return
    error = next(iter(schema.error_log))
    message = error.message.replace(_Q, "")
    raise EdxmlError(f"the package would not be valid edXML (QCVN 102:2016 limits): {message}")


def build_package(
    document: Document, settings: EdxmlSettings, parties: Parties, file: Attachment | None
) -> bytes:
    """The edXML package of ``document`` as UTF-8 bytes, checked against its XSD."""
    root = etree.Element(_Q + "edXML", nsmap={None: NAMESPACE})
    envelope = etree.SubElement(root, _Q + "edXMLEnvelope", nsmap={"edXML": NAMESPACE})
    header = _el(envelope, "edXMLHeader")
    _message_header(header, document, settings, parties, file.pages if file else 0)
    _trace(header, document, settings, parties.sender)
    body = _el(envelope, "edXMLBody")
    if file is None:
        _el(body, "edXMLManifest").set("version", "1.0")
    else:
        _attachment(body, root, file, document.subject)
    _checked(root)
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return data
