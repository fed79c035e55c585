"""Signature-block rules (BC120-BC128): what TM., KT., TL., TUQ. and Q. stand before,
and who may sign after them (NĐ30 Điều 13; PL I II.7).

The vocabulary (collective bodies, heads' titles, deputies' titles) is data, in
``titles.toml``; agencies add to it with ``[signature]`` settings.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import bcpipe
from bcpipe import Check, Document, Finding, Rule, RuleContext, Severity
from bcpipe.model import Authority, SignatureBlock
from bcpipe.textutil import fold

__version__ = bcpipe.__version__

KT_BEFORE_BODY = Check(
    "BC120",
    Severity.ERROR,
    vi='"{prefix}" phải đứng trước chức vụ của người đứng đầu (như "{prefix} CHỦ TỊCH"), không '
    'trước tên cơ quan "{title}"',
    en='"{prefix}" must stand before the head\'s title (e.g. "{prefix} CHỦ TỊCH"), not before '
    'the body "{title}"',
)
KT_SIGNED_BY_HEAD = Check(
    "BC121",
    Severity.ERROR,
    vi='Ký thay (KT. {title}) phải do cấp phó ký, nhưng người ký là "{position}"',
    en='A "KT. {title}" block must be signed by a deputy, but the signer is "{position}"',
)
TM_NOT_COLLECTIVE = Check(
    "BC122",
    Severity.ERROR,
    vi='"TM." chỉ dùng trước tên tập thể hoặc cơ quan làm việc theo chế độ tập thể, '
    'không trước "{title}"',
    en='"TM." stands only before a collective body (such as ỦY BAN NHÂN DÂN), not before "{title}"',
)
AUTHORITY_ORDER = Check(
    "BC123",
    Severity.ERROR,
    vi="Thứ tự quyền hạn ký không hợp lệ: {lines}",
    en="The signing authority lines are not in a valid order: {lines}",
)
POSITION_MISSING = Check(
    "BC124",
    Severity.ERROR,
    vi="Thiếu chức vụ của người ký",
    en="The signer's position is missing",
)
HONORIFIC = Check(
    "BC125",
    Severity.WARNING,
    rule_set="strict",
    vi='Không ghi học hàm, học vị, danh hiệu trước họ tên người ký ("{honorific}")',
    en='No academic title or honorific before the signer\'s name ("{honorific}")',
)
DEPUTY_WITHOUT_KT = Check(
    "BC126",
    Severity.ERROR,
    vi='Cấp phó "{position}" ký thay phải ghi "KT." trước chức vụ của người đứng đầu',
    en='A deputy ("{position}") signing for the head must sign "KT." before the head\'s title',
)
DEPUTY_OF_OTHER = Check(
    "BC127",
    Severity.WARNING,
    vi='"{position}" không phải cấp phó của "{title}"',
    en='"{position}" is not a deputy of "{title}"',
)
ISSUED_UNSIGNED = Check(
    "BC128",
    Severity.ERROR,
    vi="Văn bản đã ban hành phải ghi họ tên người ký",
    en="An issued document must carry the signer's name",
)

_HEAD_PREFIXES = (Authority.KT, Authority.TL, Authority.TUQ, Authority.Q)
# The name of a body, not a head's title ("KT. SỞ NỘI VỤ", "KT. BỘ TƯ PHÁP"): "BỘ TRƯỞNG",
# "CỤC TRƯỞNG", "CHÁNH VĂN PHÒNG" are titles.
_BODY_NAME = re.compile(
    r"^(?:sở|bộ(?! trưởng)|cục(?! trưởng)|tổng cục(?! trưởng)|ủy ban|văn phòng|ubnd|hđnd)(?: |$)"
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Folded titles and bodies the rule recognises."""

    collective_bodies: tuple[str, ...]
    head_titles: frozenset[str]
    deputies: Mapping[str, frozenset[str]]
    honorifics: tuple[str, ...]

    def is_collective(self, title: str) -> bool:
        folded = fold(title)
        return any(folded == b or folded.startswith(b + " ") for b in self.collective_bodies)

    def is_head(self, title: str) -> bool:
        return fold(title) in self.head_titles

    def is_deputy(self, position: str) -> bool:
        folded = fold(position)
        return folded.startswith("phó ") or any(folded in d for d in self.deputies.values())

    def is_deputy_of(self, position: str, head: str) -> bool:
        folded, head_folded = fold(position), fold(head)
        if folded == f"phó {head_folded}" or folded.startswith(f"phó {head_folded} "):
            return True
        return any(
            folded == d or folded.startswith(d + " ") for d in self.deputies.get(head_folded, ())
        )


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


@functools.cache
def _builtin_titles() -> Mapping[str, Any]:
    # Parsed once per process, as a pipeline is built in milliseconds; read only.
    data: dict[str, Any] = tomllib.loads(
        files(__package__).joinpath("titles.toml").read_text("utf-8")
    )
    return data


def vocabulary(settings: Mapping[str, Any]) -> Vocabulary:
    """The built-in vocabulary, extended by ``settings["signature"]``."""
    data = _builtin_titles()
    extra = settings.get("signature", {}) if isinstance(settings.get("signature"), Mapping) else {}
    bodies = _as_list(data["collective_bodies"]) + _as_list(extra.get("collective_bodies"))
    heads = _as_list(data["head_titles"]) + _as_list(extra.get("head_titles"))
    deputies: dict[str, set[str]] = {}
    for table in (data.get("deputies", {}), extra.get("deputies", {})):
        for head, names in (table or {}).items():
            deputies.setdefault(fold(head), set()).update(fold(n) for n in _as_list(names))
    return Vocabulary(
        collective_bodies=tuple(sorted({fold(b) for b in bodies}, key=len, reverse=True)),
        head_titles=frozenset(fold(h) for h in heads) | frozenset(deputies),
        deputies={head: frozenset(names) for head, names in deputies.items()},
        honorifics=tuple(_as_list(data["honorifics"]) + _as_list(extra.get("honorifics"))),
    )


def _order_ok(block: SignatureBlock) -> bool:
    prefixes = [line.prefix for line in block.authority]
    if Authority.TM in prefixes[1:] or prefixes.count(Authority.TM) > 1:
        return False
    if any(prefixes.count(p) > 1 for p in _HEAD_PREFIXES):
        return False
    # KT. is always the line right above the signer's own title.
    return Authority.KT not in prefixes[:-1] and len(prefixes) <= 3


def check_signature(
    block: SignatureBlock, words: Vocabulary, *, issued: bool = False
) -> Iterator[Finding]:
    """The findings on one signature block (of an issued document: ``issued``)."""
    here = ("signature",)
    if not _order_ok(block):
        yield AUTHORITY_ORDER.at((*here, "authority"), lines=" / ".join(block.title_lines))
    for index, line in enumerate(block.authority):
        path = (*here, "authority", index)
        if line.prefix is Authority.TM and not words.is_collective(line.title):
            yield TM_NOT_COLLECTIVE.at(path, title=line.title)
        elif line.prefix in _HEAD_PREFIXES and (
            words.is_collective(line.title) or _BODY_NAME.match(fold(line.title))
        ):
            yield KT_BEFORE_BODY.at(path, prefix=line.prefix.value, title=line.title)
    last = block.authority[-1] if block.authority else None
    position = block.position
    if position is None:
        if last is None or last.prefix is not Authority.Q:
            yield POSITION_MISSING.at((*here, "position"))
    elif last is not None and last.prefix is Authority.KT:
        if not words.is_deputy(position) or fold(position) == fold(last.title):
            yield KT_SIGNED_BY_HEAD.at((*here, "position"), title=last.title, position=position)
        elif words.is_head(last.title) and not words.is_deputy_of(position, last.title):
            yield DEPUTY_OF_OTHER.at((*here, "position"), title=last.title, position=position)
    elif words.is_deputy(position):
        yield DEPUTY_WITHOUT_KT.at((*here, "position"), position=position)
    name = block.name
    if name is None:
        # A draft leaves the name to be typed at signing, as it leaves the number.
        if issued:
            yield ISSUED_UNSIGNED.at((*here, "name"))
        return
    for honorific in words.honorifics:
        if name.startswith(honorific + " ") or name.startswith(honorific + "."):
            yield HONORIFIC.at((*here, "name"), honorific=honorific)
            break


def make_rule(words: Vocabulary) -> Rule:
    @bcpipe.rule(
        "signature",
        KT_BEFORE_BODY,
        KT_SIGNED_BY_HEAD,
        TM_NOT_COLLECTIVE,
        AUTHORITY_ORDER,
        POSITION_MISSING,
        HONORIFIC,
        DEPUTY_WITHOUT_KT,
        DEPUTY_OF_OTHER,
        ISSUED_UNSIGNED,
    )
    def signature_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        """TM. before a collective body; KT. before the head's title, signed by a deputy."""
        yield from check_signature(doc.signature, words, issued=not doc.is_draft)

    return signature_rule


@bcpipe.hookimpl
def bcpipe_rules(settings: Mapping[str, Any]) -> Iterable[Rule]:
    return [make_rule(vocabulary(settings))]
