"""The ``[edxml]`` settings: agency codes, and the few choices the standard leaves open.

::

    [edxml]
    sender = "000.00.00.X00"        # optional: the issuer's OrganId (else looked up below)
    to = ["Sở Thông tin và Truyền thông tỉnh Bình Định"]   # optional: who receives it
    timestamp = "date"              # "date" (issue date, 00:00:00), "now", or "2023/01/10 08:00:00"
    attachment = "auto"             # "auto" (pdf, else text), "pdf", "text", "none", or a
                                    # list of export formats: ["pdf", "docx"]
    files = ["phu-luc-1.pdf"]       # more files to attach (appendices), read from disk
    zip = false                     # zip each file (its own name kept, application/zip)
    type_code = 1                   # DocumentType/Type (receivers accept 1 or 2)
    type_detail = 0                 # DocumentType/TypeDetail
    sphere = "Liên thông văn bản quốc gia"   # SphereOfPromulgation when no circulation mark
    steering_type = 0               # 0 not a directive, 1 directive, 2 report on a directive
    paper = false                   # a paper original is also sent
    business = "new"                # new, revocation, update, replacement (BussinessDocType)
    reason = "…"                    # BussinessDocReason (default: the SDK's words per kind)
    replaces = ["<DocumentId>"]     # for a replacement: the documents it replaces
    address = "…"                   # the sender's contact details (all optional; its
    email = "…"                     # table in [edxml.organs] wins): address, email,
                                    # telephone, fax, website
    [edxml.staff]                   # the clerk who sends it (Bussiness/StaffInfo)
    department = "Văn thư"; staff = "Nguyễn Văn A"; email = "…"; mobile = "…"
    [edxml.organs]                  # body name = OrganId, for every body a package names
    "UBND huyện Tuy Phước" = "000.00.00.X00"
    [edxml.organs."Sở Thông tin và Truyền thông tỉnh Bình Định"]   # or a table per body
    code = "000.00.00.X01"
    in_charge = "UBND tỉnh Bình Định"   # OrganizationInCharge (default: the body's own name)
    address = "…"; email = "…"; telephone = "…"; fax = "…"; website = "…"

A name in a document matches a configured body when its words (abbreviations such as
UBND and TT&TT expanded; case and tone-mark placement ignored) are the configured name
or its beginning: "Sở Thông tin và Truyền thông" matches "Sở Thông tin và Truyền thông
tỉnh Bình Định". A name matching two configured bodies is an error, never a guess.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bcpipe.names import body_words
from bcpipe_plugins.edxml.errors import SettingsError

__all__ = [
    "BUSINESS",
    "ORGAN_ID",
    "Contact",
    "EdxmlSettings",
    "Organ",
    "Staff",
    "read_settings",
]

#: The shape of an electronic identifier of a body (QĐ 20/2020/QĐ-TTg): 000.00.00.H41.
ORGAN_ID = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}")
TIMESTAMP = re.compile(r"[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
ATTACHMENTS = ("auto", "pdf", "text", "none")
DEFAULT_SPHERE = "Liên thông văn bản quốc gia"
#: BussinessDocType by kind of package, and the reason the SDK's samples give for each.
BUSINESS = {
    "new": (0, "Văn bản điện tử mới"),
    "revocation": (1, "Thu hồi văn bản điện tử"),
    "update": (2, "Cập nhật văn bản điện tử"),
    "replacement": (3, "Văn bản thay thế"),
}
_CONTACT = ("address", "email", "telephone", "fax", "website")
_ORGAN_KEYS = frozenset({"code", "in_charge", *_CONTACT})
_STAFF_KEYS = ("department", "staff", "email", "mobile")
# Body names repeat from document to document (the organs table above all): fold once.
_words = functools.lru_cache(maxsize=4096)(body_words)
_KEYS = frozenset(
    {"sender", "to", "timestamp", "attachment", "files", "zip", "type_code", "type_detail"}
    | {"sphere", "steering_type", "paper", "organs", "staff", "business", "reason"}
    | {"replaces", *_CONTACT}
)


@dataclass(frozen=True, slots=True)
class Contact:
    """A body's contact details (empty when not configured)."""

    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""

    def filled_from(self, other: Contact) -> Contact:
        """This contact, each empty value taken from ``other``."""
        return Contact(*(getattr(self, k) or getattr(other, k) for k in _CONTACT))


@dataclass(frozen=True, slots=True)
class Organ:
    """A body with its OrganId, as configured (with its details when given as a table)."""

    name: str
    code: str
    words: tuple[str, ...]
    in_charge: str = ""
    contact: Contact = Contact()


@dataclass(frozen=True, slots=True)
class Staff:
    """The clerk who sends the package (Bussiness/StaffInfo, status messages)."""

    department: str = ""
    staff: str = ""
    email: str = ""
    mobile: str = ""


@dataclass(frozen=True, slots=True)
class EdxmlSettings:
    """The parsed ``[edxml]`` table."""

    organs: tuple[Organ, ...] = ()
    sender: str | None = None
    to: tuple[str, ...] | None = None
    contact: Contact = Contact()
    timestamp: str = "date"
    attachment: tuple[str, ...] = ("auto",)
    files: tuple[str, ...] = ()
    zip: bool = False
    type_code: int = 1
    type_detail: int = 0
    sphere: str = DEFAULT_SPHERE
    steering_type: int = 0
    paper: bool = False
    staff: Staff = Staff()
    business: str = "new"
    reason: str = ""
    replaces: tuple[str, ...] = field(default=())

    def find(self, name: str) -> Organ | None:
        """The configured body ``name`` names, None if none; an error if it names several."""
        wanted = _words(name)
        if not wanted:
            return None
        exact = [organ for organ in self.organs if organ.words == wanted]
        if exact:
            return exact[0]
        size = len(wanted)
        starts = [organ for organ in self.organs if organ.words[:size] == wanted]
        if len(starts) > 1:
            names = ", ".join(repr(organ.name) for organ in starts)
            raise SettingsError(
                f"{name!r} could name any of {names} in [edxml.organs]; write the body's "
                "full name in the document, or list the receivers in [edxml] to"
            )
        return starts[0] if starts else None

    def by_code(self, code: str) -> Organ | None:
        """The configured body whose OrganId is ``code``."""
        return next((organ for organ in self.organs if organ.code == code), None)


def _text(table: Mapping[str, Any], key: str, default: str, where: str = "[edxml]") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise SettingsError(f"{where} {key} must be text, not {value!r}")
    return value.strip()


def _flag(table: Mapping[str, Any], key: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise SettingsError(f"[edxml] {key} must be true or false, not {value!r}")
    return value


def _code(value: Any, where: str) -> str:
    if not isinstance(value, str) or not ORGAN_ID.fullmatch(value.strip()):
        raise SettingsError(
            f"{where}: {value!r} is not an OrganId (expected the shape 000.00.00.X00 of "
            'QĐ 20/2020/QĐ-TTg, e.g. "000.00.00.G22")'
        )
    return value.strip()


def _unknown(table: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SettingsError(f"unknown setting {where} {key!r}{hint}")


def _organ(name: str, value: Any) -> Organ:
    where = f"[edxml.organs] {name!r}"
    words = body_words(name)
    if isinstance(value, str):
        return Organ(name.strip(), _code(value, where), words)
    if not isinstance(value, Mapping):
        raise SettingsError(f'{where} must be an OrganId ("000.00.00.X00") or a table')
    _unknown(value, _ORGAN_KEYS, where)
    if "code" not in value:
        raise SettingsError(f'{where} needs code = "<OrganId>"')
    contact = Contact(*(_text(value, key, "", where) for key in _CONTACT))
    in_charge = _text(value, "in_charge", "", where)
    return Organ(name.strip(), _code(value["code"], where), words, in_charge, contact)


def _organs(value: Any) -> tuple[Organ, ...]:
    if not isinstance(value, Mapping):
        raise SettingsError('[edxml.organs] must be a table of "body name" = "OrganId"')
    organs = []
    for name, entry in value.items():
        if not isinstance(name, str) or not body_words(name):
            raise SettingsError(f"[edxml.organs]: {name!r} is not a body's name")
        organs.append(_organ(name, entry))
    return tuple(organs)


def _names(value: Any, key: str) -> tuple[str, ...]:
    if (
        isinstance(value, str)
        or not isinstance(value, Sequence)
        or not value
        or not all(isinstance(name, str) and name.strip() for name in value)
    ):
        raise SettingsError(f"[edxml] {key} must be a non-empty list of texts")
    return tuple(name.strip() for name in value)


def _int(table: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"[edxml] {key} must be a whole number from {low} to {high}")
    return value


def _attachment(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        if value.strip() not in ATTACHMENTS:
            raise SettingsError(
                f"[edxml] attachment must be one of {', '.join(ATTACHMENTS)} "
                "or a list of export formats"
            )
        return (value.strip(),)
    return _names(value, "attachment")


def _staff(value: Any) -> Staff:
    if not isinstance(value, Mapping):
        raise SettingsError("[edxml.staff] must be a table (department, staff, email, mobile)")
    _unknown(value, frozenset(_STAFF_KEYS), "[edxml.staff]")
    return Staff(*(_text(value, key, "", "[edxml.staff]") for key in _STAFF_KEYS))


def read_settings(settings: Mapping[str, Any]) -> EdxmlSettings:
    """The ``edxml`` table of the pipeline's settings, checked (unknown keys are errors)."""
    table = settings.get("edxml", {})
    if not isinstance(table, Mapping):
        raise SettingsError("[edxml] must be a table")
    _unknown(table, _KEYS, "[edxml]")
    timestamp = _text(table, "timestamp", "date")
    if timestamp not in ("date", "now") and not TIMESTAMP.fullmatch(timestamp):
        raise SettingsError(
            f'[edxml] timestamp must be "date", "now" or "yyyy/MM/dd HH:mm:ss", not {timestamp!r}'
        )
    if table.get("type_code") == "ordinal":
        raise SettingsError(
            '[edxml] type_code "ordinal" is no longer offered: receivers accept DocumentType/'
            "Type 1 or 2 only (every real writer sends 1 with TypeDetail 0, the default)"
        )
    business = _text(table, "business", "new")
    if business not in BUSINESS:
        raise SettingsError(f"[edxml] business must be one of {', '.join(BUSINESS)}")
    replaces = _names(table["replaces"], "replaces") if "replaces" in table else ()
    if replaces and business != "replacement":
        raise SettingsError('[edxml] replaces is for business = "replacement" only')
    if business == "replacement" and not replaces:
        raise SettingsError(
            '[edxml] business = "replacement" needs replaces = ["<DocumentId>", …], the '
            "documents it replaces"
        )
    sender = table.get("sender")
    return EdxmlSettings(
        organs=_organs(table.get("organs", {})),
        sender=None if sender is None else _code(sender, "[edxml] sender"),
        to=None if table.get("to") is None else _names(table["to"], "to"),
        contact=Contact(*(_text(table, key, "") for key in _CONTACT)),
        timestamp=timestamp,
        attachment=_attachment(table.get("attachment", "auto")),
        files=_names(table["files"], "files") if "files" in table else (),
        zip=_flag(table, "zip"),
        type_code=_int(table, "type_code", 1, 1, 2),
        type_detail=_int(table, "type_detail", 0, 0, 99),
        sphere=_text(table, "sphere", DEFAULT_SPHERE) or DEFAULT_SPHERE,
        steering_type=_int(table, "steering_type", 0, 0, 2),
        paper=_flag(table, "paper"),
        staff=_staff(table.get("staff", {})),
        business=business,
        reason=_text(table, "reason", "") or BUSINESS[business][1],
        replaces=replaces,
    )
