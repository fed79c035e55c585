"""Before any package is made: which bodies of a document an edXML package would miss.

The exporter fails when an addressee has no OrganId, and sends nothing to a named
recipient without one (it is only listed in ToPlaces, as an internal office must be).
Both are worth knowing at validation, when a clerk can still add the code: this rule
says so, and only when ``[edxml.organs]`` is configured (without codes, no document
is meant to be sent as edXML).
"""

from __future__ import annotations

from collections.abc import Iterator

import bcpipe
from bcpipe import Check, Document, Finding, RuleContext, Severity
from bcpipe.model import NamedRecipient
from bcpipe_plugins.edxml.errors import EdxmlError
from bcpipe_plugins.edxml.settings import EdxmlSettings, read_settings

__all__ = ["NOT_SENT_TO", "RECEIVER_WITHOUT_CODE", "edxml_receivers_rule"]

RECEIVER_WITHOUT_CODE = Check(
    "BC601",
    Severity.WARNING,
    vi='"{name}" không có mã định danh trong [edxml.organs]: không xuất được gói edXML '
    'gửi văn bản này (thêm "{name}" = "<mã>")',
    en='"{name}" has no OrganId in [edxml.organs]: no edXML package can be made for this '
    'document (add "{name}" = "<code>")',
)
NOT_SENT_TO = Check(
    "BC602",
    Severity.INFO,
    vi='Nơi nhận "{name}" không có mã định danh trong [edxml.organs]: gói edXML chỉ ghi '
    "tên ở ToPlaces, không gửi tới (đúng với đơn vị nội bộ)",
    en='Recipient "{name}" has no OrganId in [edxml.organs]: an edXML package lists it in '
    "ToPlaces only and is not sent to it (right for an internal office)",
)


def _settings(ctx: RuleContext) -> EdxmlSettings | None:
    try:
        settings = read_settings(ctx.settings)
    except EdxmlError:
        return None  # malformed settings: the export says what is wrong with them
    return settings if settings.organs else None


@bcpipe.rule("edxml-receivers", RECEIVER_WITHOUT_CODE, NOT_SENT_TO)
def edxml_receivers_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Every body an edXML package must name has an OrganId; say who it would not reach."""
    settings = _settings(ctx)
    if settings is None:
        return
    if settings.to is not None:  # the receivers are listed in the settings, not read
        for name in settings.to:
            if settings.find(name) is None:
                yield RECEIVER_WITHOUT_CODE.at(("recipients",), name=name)
        return
    for index, name in enumerate(doc.addressees):
        if settings.find(name) is None:
            yield RECEIVER_WITHOUT_CODE.at(("addressees", index), name=name)
    for index, recipient in enumerate(doc.recipients):
        if isinstance(recipient, NamedRecipient) and settings.find(recipient.name) is None:
            yield NOT_SENT_TO.at(("recipients", index), name=recipient.name)
