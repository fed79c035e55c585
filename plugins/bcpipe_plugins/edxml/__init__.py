"""edXML: the package state bodies exchange documents in (QCVN 102:2016/BTTTT).

The loader ``edxml`` reads a package that arrived (:mod:`bcpipe_plugins.edxml.loader`);
status messages are written and read by :mod:`bcpipe_plugins.edxml.status` (and
``bcpipe edxml status|show``). The exporter ``edxml`` fills the envelope and
MessageHeader of the reference notes
(``edxml.md`` §1-§9) from the document, takes agency codes (OrganId) from the
``[edxml]`` settings (see :mod:`bcpipe_plugins.edxml.settings`; a missing code is a
:class:`MissingOrganIdError`, never a guess), attaches the rendered PDF (or the text
export when no ``pdf`` exporter is installed) and checks the package against its XSD
(:func:`edxml_xsd`, :func:`edxml_xsd_schema`). Drafts and state secrets are refused
(:class:`NotSendableError`). The package is unsigned: the sending organisation's
signer adds the XML-DSig ``Signature``. The rule ``edxml-receivers`` (BC601, BC602) says
at validation which bodies a package would miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import bcpipe
from bcpipe import Command, Document, ExportContext, Exporter, Loader, Rule
from bcpipe_plugins.edxml import fields
from bcpipe_plugins.edxml.attachment import make_attachments
from bcpipe_plugins.edxml.cli import EDXML_COMMAND
from bcpipe_plugins.edxml.errors import (
    EdxmlError,
    MissingOrganIdError,
    NotSendableError,
    SettingsError,
)
from bcpipe_plugins.edxml.loader import load_edxml
from bcpipe_plugins.edxml.package import build_package, resolve_parties
from bcpipe_plugins.edxml.receivers import edxml_receivers_rule
from bcpipe_plugins.edxml.schema import (
    NAMESPACE,
    edxml_input_xsd,
    edxml_input_xsd_schema,
    edxml_xsd,
    edxml_xsd_schema,
)
from bcpipe_plugins.edxml.settings import read_settings
from bcpipe_plugins.edxml.status import StatusReport, describe_status, status_package

__version__ = bcpipe.__version__

__all__ = [
    "NAMESPACE",
    "EdxmlError",
    "MissingOrganIdError",
    "NotSendableError",
    "SettingsError",
    "StatusReport",
    "describe_status",
    "edxml_input_xsd",
    "edxml_input_xsd_schema",
    "edxml_xsd",
    "edxml_xsd_schema",
    "export_edxml",
    "load_edxml",
    "status_package",
]

_UNSAFE_IN_NAME = re.compile(r"[/\\\s]+")


@bcpipe.exporter("edxml", media_type="application/xml", extension=".edxml")
def export_edxml(document: Document, ctx: ExportContext) -> bytes:
    """edXML package (QCVN 102:2016/BTTTT) with the document attached; needs agency codes."""
    fields.check_sendable(document)
    settings = read_settings(ctx.settings)
    parties = resolve_parties(document, settings)
    number, notation = fields.code_parts(document)
    base_name = _UNSAFE_IN_NAME.sub("-", f"{number}-{notation}")
    files = make_attachments(document, ctx, settings, base_name)
    return build_package(document, settings, parties, files)


@bcpipe.hookimpl
def bcpipe_exporters() -> Iterable[Exporter]:
    return [export_edxml]


@bcpipe.hookimpl
def bcpipe_loaders() -> Iterable[Loader]:
    return [load_edxml]


@bcpipe.hookimpl
def bcpipe_rules() -> Iterable[Rule]:
    return [edxml_receivers_rule]


@bcpipe.hookimpl
def bcpipe_commands() -> Iterable[Command]:
    return [EDXML_COMMAND]
