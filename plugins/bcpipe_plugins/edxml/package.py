"""Assembling the edXML package (edxml.md §1-§5) from a document and the settings.

The layout and the order of elements are the government SDK's (what the exchange
network's clients write and read): the root declares the QCVN namespace as default, the
envelope binds the prefix ``edXML`` to the same namespace, ``DocumentId`` follows the
``To`` blocks and ``ToPlaces`` closes the MessageHeader, ``Bussiness/DocumentId`` comes
first, and ``AttachmentEncoded`` follows the envelope. No ``Signature`` is written: the
sending organisation's signer adds it (edxml.md §4); an unsigned placeholder would look
signed to a careless receiver.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from lxml import etree

from bcpipe import Document, render
from bcpipe.model import NamedRecipient
from bcpipe_plugins.edxml import fields
from bcpipe_plugins.edxml.attachment import Attachment
from bcpipe_plugins.edxml.errors import EdxmlError, MissingOrganIdError
from bcpipe_plugins.edxml.schema import edxml_xsd_schema
from bcpipe_plugins.edxml.settings import BUSINESS, EdxmlSettings, Organ
from bcpipe_plugins.edxml.xmlbits import Q, el, new_root, organization, serialized, staff_info

__all__ = ["Parties", "build_package", "resolve_parties"]

#: NĐ30 PL VI: the "Nơi nhận" lines together hold at most 1000 characters.
TO_PLACES_LIMIT = 1000
ORGANS_SETTING = "[edxml.organs]"


@dataclass(frozen=True, slots=True)
class Parties:
    """The sender and the receiving bodies."""

    sender: Organ
    receivers: tuple[Organ, ...]


def _sender(document: Document, settings: EdxmlSettings) -> Organ:
    if settings.sender is not None:
        known = settings.by_code(settings.sender)
        return known or Organ(document.issuer.name, settings.sender, ())
    organ = settings.find(document.issuer.name)
    if organ is None:
        raise MissingOrganIdError(
            document.issuer.name,
            "issuer",
            f'[edxml] sender = "<OrganId>" or "{document.issuer.name}" = "<OrganId>" '
            f"in {ORGANS_SETTING}",
        )
    return organ


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
        if organ.code != sender.code and all(organ.code != r.code for r in receivers):
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
        response = el(parent, "ResponseFor")
        el(response, "OrganId", code)
        el(response, "Code", citation.code)
        el(response, "PromulgationDate", date)
        el(response, "DocumentId", f"{code},{date},{citation.code}")


def _to_places(document: Document) -> list[str]:
    places = fields.to_places(document)
    if sum(len(place) for place in places) > TO_PLACES_LIMIT:
        raise EdxmlError(
            f'the "Nơi nhận" lines hold more than {TO_PLACES_LIMIT} characters, '
            "the limit of ToPlaces (NĐ30 Phụ lục VI)"
        )
    return places


def _message_header(
    parent: etree._Element,
    document: Document,
    settings: EdxmlSettings,
    parties: Parties,
    pages: int,
) -> str:
    """Write the MessageHeader in the SDK's order; returns the DocumentId."""
    header = el(parent, "MessageHeader")
    sender = parties.sender
    contact = sender.contact.filled_from(settings.contact)
    in_charge = document.issuer.parent or sender.in_charge
    organization(header, "From", sender.code, document.issuer.name, in_charge, contact)
    for organ in parties.receivers:
        organization(header, "To", organ.code, organ.name, organ.in_charge, organ.contact)
    number, notation = fields.code_parts(document)
    date = fields.edxml_date(document.issue_date)
    document_id = f"{sender.code},{date},{number}/{notation}"
    el(header, "DocumentId", document_id)
    code = el(header, "Code")
    el(code, "CodeNumber", number)
    el(code, "CodeNotation", notation)
    info = el(header, "PromulgationInfo")
    el(info, "Place", document.place)
    el(info, "PromulgationDate", date)
    kind = el(header, "DocumentType")
    el(kind, "Type", settings.type_code)
    el(kind, "TypeDetail", settings.type_detail)
    el(kind, "TypeName", document.type.name_vi)
    subject = render.subject_line(document)  # as printed: "V/v …" for a công văn
    el(header, "Subject", subject)
    el(header, "Content", subject)
    signer = el(header, "SignerInfo")
    el(signer, "Competence", fields.competence(document.signature))
    el(signer, "Position", fields.position(document.signature))
    el(signer, "FullName", document.signature.name)
    el(header, "DueDate", "")  # no deadline in a report; receivers expect the element
    other = el(header, "OtherInfo")
    el(other, "Priority", fields.priority(document.marks))
    el(other, "SphereOfPromulgation", document.marks.circulation or settings.sphere)
    el(other, "TyperNotation", document.marks.typist or "")
    el(other, "PromulgationAmount", fields.copies(document))
    el(other, "PageAmount", pages)
    if document.appendices:
        appendixes = el(other, "Appendixes")
        for appendix in document.appendices:
            el(appendixes, "Appendix", appendix.title)
    _response_for(header, document, settings, sender.code)
    el(header, "SteeringType", settings.steering_type)
    places = _to_places(document)
    if places:
        to_places = el(header, "ToPlaces")
        for place in places:
            el(to_places, "Place", place)
    return document_id


def _trace(
    parent: etree._Element,
    document: Document,
    settings: EdxmlSettings,
    parties: Parties,
    document_id: str,
) -> None:
    trace_list = el(parent, "TraceHeaderList")
    trace = el(trace_list, "TraceHeader")
    el(trace, "OrganId", parties.sender.code)
    el(trace, "Timestamp", _timestamp(document, settings))
    business = el(trace_list, "Bussiness")  # sic: the standard's spelling
    el(business, "DocumentId", document_id)
    el(business, "BussinessDocType", BUSINESS[settings.business][0])
    el(business, "BussinessDocReason", settings.reason)
    el(business, "Paper", int(settings.paper))
    staff_info(business, settings.staff)
    if settings.replaces:
        replacements = el(business, "ReplacementInfoList")
        for replaced in settings.replaces:
            replacement = el(replacements, "ReplacementInfo")
            el(replacement, "DocumentId", replaced)
            codes = el(replacement, "OrganIdList")
            for organ in parties.receivers:
                el(codes, "OrganId", organ.code)


def _attachments(body: etree._Element, root: etree._Element, files: list[Attachment]) -> None:
    """The manifest and the encoded files; each one's Description is its file name, as
    the SDK writes it."""
    manifest = el(body, "edXMLManifest")
    manifest.set("version", "1.0")
    if not files:
        return
    encoded = el(root, "AttachmentEncoded")
    for file in files:
        reference = el(manifest, "Reference")
        el(reference, "ContentId", file.content_id)
        el(reference, "ContentType", file.content_type)
        el(reference, "Description", file.name)
        el(reference, "AttachmentName", file.name)
        attachment = el(encoded, "Attachment")
        el(attachment, "ContentId", file.content_id)
        el(attachment, "AttachmentName", file.name)
        el(attachment, "Description", file.name)
        el(attachment, "ContentType", file.content_type)
        el(attachment, "ContentTransferEncoded", base64.b64encode(file.data).decode("ascii"))


def _checked(root: etree._Element) -> None:
    """Refuse a package its own XSD rejects (a subject over 500 characters, say)."""
    schema = edxml_xsd_schema()
    if schema.validate(root):
        return
    error = next(iter(schema.error_log))
    message = error.message.replace(Q, "")
    raise EdxmlError(f"the package would not be valid edXML (QCVN 102:2016 limits): {message}")


def build_package(
    document: Document, settings: EdxmlSettings, parties: Parties, files: list[Attachment]
) -> bytes:
    """The edXML package of ``document`` as UTF-8 bytes, checked against the output XSD."""
    root, header = new_root()
    pages = next((file.pages for file in files if file.pages), 0)
    document_id = _message_header(header, document, settings, parties, pages)
    _trace(header, document, settings, parties, document_id)
    envelope = header.getparent()
    assert envelope is not None
    _attachments(el(envelope, "edXMLBody"), root, files)
    _checked(root)
    return serialized(root)
