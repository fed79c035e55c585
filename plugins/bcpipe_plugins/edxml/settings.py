"""The ``[edxml]`` settings: agency codes, and the few choices the standard leaves open.

::

    [edxml]
    sender = "000.00.00.X00"        # optional: the issuer's OrganId (else looked up below)
    to = ["Sở Thông tin và Truyền thông tỉnh Bình Định"]   # optional: who receives it
    timestamp = "date"              # "date" (issue date, 00:00:00), "now", or "2023/01/10 08:00:00"
    attachment = "auto"             # "auto" (pdf, else text), "pdf", "text", "none"
    zip = false                     # attach a ZIP of the file instead of the file
    type_code = 2                   # DocumentType/Type: an integer, or "ordinal" (NĐ30 Điều 7)
    sphere = "Liên thông văn bản quốc gia"   # SphereOfPromulgation when no circulation mark
    steering_type = 0               # 0 not a directive, 1 directive, 2 report on a directive
    paper = false                   # a paper original is also sent
    address = "…"                   # the sender's contact details (all optional):
    email = "…"                     # address, email, telephone, fax, website
    [edxml.organs]                  # body name = OrganId, for every body a package names
    "UBND huyện Tuy Phước" = "000.00.00.X00"

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
from dataclasses import dataclass
from typing import Any

from bcpipe.names import body_words
from bcpipe_plugins.edxml.errors import SettingsError

__all__ = ["ORGAN_ID", "Contact", "EdxmlSettings", "Organ", "read_settings"]

#: The shape of an electronic identifier of a body (QĐ 20/2020/QĐ-TTg): 000.00.00.H41.
ORGAN_ID = re.compile(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}")
TIMESTAMP = re.compile(r"[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
ATTACHMENTS = ("auto", "pdf", "text", "none")
DEFAULT_SPHERE = "Liên thông văn bản quốc gia"
_CONTACT = ("address", "email", "telephone", "fax", "website")
# Body names repeat from document to document (the organs table above all): fold once.
_words = functools.lru_cache(maxsize=4096)(body_words)
_KEYS = frozenset(
    {"sender", "to", "timestamp", "attachment", "zip", "type_code", "sphere"}
    | {"steering_type", "paper", "organs", *_CONTACT}
)


@dataclass(frozen=True, slots=True)
class Organ:
    """A body with its OrganId, as configured."""

    name: str
    code: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contact:
    """The sender's contact details (empty when not configured)."""

    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True, slots=True)
class EdxmlSettings:
    """The parsed ``[edxml]`` table."""

    organs: tuple[Organ, ...] = ()
    sender: str | None = None
    to: tuple[str, ...] | None = None
    contact: Contact = Contact()
    timestamp: str = "date"
    attachment: str = "auto"
    zip: bool = False
    type_code: int | None = 2  # None: the type's ordinal in NĐ30 Điều 7
    sphere: str = DEFAULT_SPHERE
    steering_type: int = 0
    paper: bool = False

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


def _text(table: Mapping[str, Any], key: str, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise SettingsError(f"[edxml] {key} must be text, not {value!r}")
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


def _organs(value: Any) -> tuple[Organ, ...]:
    if not isinstance(value, Mapping):
        raise SettingsError('[edxml.organs] must be a table of "body name" = "OrganId"')
    organs = []
    for name, code in value.items():
        if not isinstance(name, str) or not body_words(name):
            raise SettingsError(f"[edxml.organs]: {name!r} is not a body's name")
        organs.append(
            Organ(name.strip(), _code(code, f"[edxml.organs] {name!r}"), body_words(name))
        )
    return tuple(organs)


def _to(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    if (
        isinstance(value, str)
        or not isinstance(value, Sequence)
        or not value
        or not all(isinstance(name, str) and name.strip() for name in value)
    ):
        raise SettingsError("[edxml] to must be a non-empty list of body names")
    return tuple(name.strip() for name in value)


def _int(table: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"[edxml] {key} must be a whole number from {low} to {high}")
    return value


def read_settings(settings: Mapping[str, Any]) -> EdxmlSettings:
    """The ``edxml`` table of the pipeline's settings, checked (unknown keys are errors)."""
    table = settings.get("edxml", {})
    if not isinstance(table, Mapping):
        raise SettingsError("[edxml] must be a table")
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), _KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SettingsError(f"unknown setting [edxml] {key!r}{hint}")
    timestamp = _text(table, "timestamp", "date")
    if timestamp not in ("date", "now") and not TIMESTAMP.fullmatch(timestamp):
        raise SettingsError(
            f'[edxml] timestamp must be "date", "now" or "yyyy/MM/dd HH:mm:ss", not {timestamp!r}'
        )
    attachment = _text(table, "attachment", "auto")
    if attachment not in ATTACHMENTS:
        raise SettingsError(f"[edxml] attachment must be one of {', '.join(ATTACHMENTS)}")
    type_code = table.get("type_code", 2)
    if type_code == "ordinal":
        type_code = None
    elif isinstance(type_code, bool) or not isinstance(type_code, int) or type_code < 0:
        raise SettingsError('[edxml] type_code must be a whole number or "ordinal"')
    sender = table.get("sender")
    return EdxmlSettings(
        organs=_organs(table.get("organs", {})),
        sender=None if sender is None else _code(sender, "[edxml] sender"),
        to=_to(table.get("to")),
        contact=Contact(*(_text(table, key, "") for key in _CONTACT)),
        timestamp=timestamp,
        attachment=attachment,
        zip=_flag(table, "zip"),
        type_code=type_code,
        sphere=_text(table, "sphere", DEFAULT_SPHERE) or DEFAULT_SPHERE,
        steering_type=_int(table, "steering_type", 0, 0, 2),
        paper=_flag(table, "paper"),
    )
