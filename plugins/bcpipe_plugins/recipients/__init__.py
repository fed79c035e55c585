"""Recipient rules (BC301-BC311): the "Nơi nhận" list (NĐ30 PL I II.9).

Present and well formed; the archive line "Lưu: VT, …" is there, once, and last;
the addressee of the closing ("Kính báo cáo Sở … biết") and the bodies that asked
for the document in its basis ("Thực hiện Công văn số … của Sở …") receive it.
"Như trên" in the recipients means the bodies of "Kính gửi".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import bcpipe
from bcpipe import Check, Document, DocumentType, Finding, Rule, RuleContext, Severity
from bcpipe.model import Archive, AsAbove, NamedRecipient, Paragraph
from bcpipe.names import body_words, same_body
from bcpipe.source import ModelPath

__version__ = bcpipe.__version__

NO_RECIPIENTS = Check(
    "BC301", Severity.ERROR, vi="Thiếu nơi nhận", en='The recipients list ("Nơi nhận") is missing'
)
NO_ARCHIVE = Check(
    "BC302",
    Severity.ERROR,
    vi='Nơi nhận thiếu dòng lưu "Lưu: VT, …"',
    en='The recipients lack the archive line "Lưu: VT, …"',
)
ARCHIVE_NOT_LAST = Check(
    "BC303",
    Severity.WARNING,
    vi='Dòng "Lưu: VT, …" phải là dòng cuối của nơi nhận',
    en='The archive line "Lưu: VT, …" must be the last recipient',
)
ARCHIVE_WITHOUT_VT = Check(
    "BC304",
    Severity.WARNING,
    vi='Dòng lưu phải ghi "VT" (văn thư) đầu tiên: "Lưu: VT, …"',
    en='The archive line must name "VT" (the clerical office) first: "Lưu: VT, …"',
)
ARCHIVE_WITHOUT_UNIT = Check(
    "BC305",
    Severity.WARNING,
    vi='Dòng lưu nên ghi chữ viết tắt tên đơn vị soạn thảo sau "VT" (ví dụ "Lưu: VT, VP.")',
    en='The archive line should name the drafting unit after "VT" (e.g. "Lưu: VT, VP.")',
)
ADDRESSEE_NOT_RECIPIENT = Check(
    "BC306",
    Severity.ERROR,
    vi='"{addressee}" được kính báo cáo/kính gửi ở phần kết nhưng không có trong nơi nhận',
    en='"{addressee}", addressed in the closing, is not among the recipients',
)
REQUESTER_NOT_RECIPIENT = Check(
    "BC307",
    Severity.WARNING,
    vi='"{issuer}" đã yêu cầu văn bản này ({citation}) nhưng không có trong nơi nhận',
    en='"{issuer}" asked for this document ({citation}) but is not among the recipients',
)
DUPLICATE_RECIPIENT = Check(
    "BC308",
    Severity.WARNING,
    rule_set="style",
    vi='Nơi nhận "{name}" được ghi hai lần',
    en='Recipient "{name}" is listed twice',
)
AS_ABOVE_WITHOUT_ADDRESSEES = Check(
    "BC309",
    Severity.WARNING,
    vi='"Như trên" nhưng văn bản không có phần "Kính gửi"',
    en='"Như trên" ("as above") but the document has no "Kính gửi" addressees',
)
ARCHIVE_TWICE = Check(
    "BC310",
    Severity.WARNING,
    vi='Nơi nhận có nhiều hơn một dòng "Lưu"',
    en="The recipients hold more than one archive line",
)
KINH_GUI_NOT_RECIPIENT = Check(
    "BC311",
    Severity.ERROR,
    vi='"{addressee}" ở phần "Kính gửi" không có trong nơi nhận (ghi "Như trên" hoặc tên cơ quan)',
    en='"{addressee}" of "Kính gửi" is not among the recipients (add "Như trên" or the body)',
)

# "Kính báo cáo Sở Thông tin và Truyền thông biết, tổng hợp./."
_ADDRESSEE = re.compile(
    r"Kính\s{1,3}(?:báo\s{1,3}cáo|trình|gửi|đề\s{1,3}nghị)\s{1,3}(?P<addressee>[^,.;:\n]{1,150}?)"
    r"\s{1,3}(?:biết|xem\s+xét|theo\s+dõi|chỉ\s+đạo|tổng\s+hợp|cho\s+ý\s+kiến|phê\s+duyệt|quyết\s+định|để)\b",
    re.IGNORECASE,
)
# The words that introduce the request a document answers ("Thực hiện Công văn số …"), as
# opposed to "Căn cứ …" (a legal basis) or a document merely named later in the sentence.
_REQUEST_VERB = re.compile(r"(?:Thực\s+hiện|Theo|Triển\s+khai|Phúc\s+đáp)\s{1,3}$", re.IGNORECASE)
_REPLY = re.compile(r"Phúc\s+đáp", re.IGNORECASE)
# The kinds of document that ask their addressee for something (an answer, a report).
# A document implementing a law, decree, decision, directive, resolution, plan or
# telegram ("Thực hiện Quyết định số 06/QĐ-TTg của Thủ tướng …") is not answering
# its issuer, who does not expect a copy.
_REQUEST_KINDS = frozenset({"Công văn", "Văn bản", "Phiếu chuyển"})
# A body a ministry's request may be answered to: one of its departments, named in
# "Kính gửi" ("Cục Kiểm soát thủ tục hành chính", "Vụ Tổ chức cán bộ").
_DEPARTMENT = re.compile(r"^(?:Cục|Tổng\s+cục|Vụ)\s", re.IGNORECASE)
_MINISTRY = re.compile(r"^(?:Bộ|Văn\s+phòng\s+Chính\s+phủ|Thanh\s+tra\s+Chính\s+phủ)\b", re.I)


# The clerical office, as agencies write it: "VT", or with its body's code ("VTUB").
_CLERICAL = re.compile(r"^VT(?:[A-ZĐ]{1,4})?$", re.IGNORECASE)


def _names(doc: Document) -> list[str]:
    return [r.name for r in doc.recipients if isinstance(r, NamedRecipient)]


def _received(name: str, doc: Document) -> bool:
    return any(same_body(name, r) for r in _names(doc))


def _sent_to(name: str, doc: Document) -> bool:
    """Whether the document goes to ``name``: among the recipients, or addressed in
    "Kính gửi" when the recipients say "Như trên" (which means those bodies)."""
    if _received(name, doc):
        return True
    as_above = any(isinstance(r, AsAbove) for r in doc.recipients)
    return as_above and any(same_body(name, a) for a in doc.addressees)


def _answered(requester: str, doc: Document) -> bool:
    """Whether a request of ``requester`` is answered to it: sent to it, or, for a
    ministry, addressed ("Kính gửi") to a department (Cục, Vụ) and sent there."""
    if _sent_to(requester, doc):
        return True
    if not _MINISTRY.match(requester.strip()):
        return False
    return any(_DEPARTMENT.match(a.strip()) and _sent_to(a, doc) for a in doc.addressees)


def _list_findings(doc: Document) -> Iterator[Finding]:
    recipients = doc.recipients
    archives = [i for i, r in enumerate(recipients) if isinstance(r, Archive)]
    if not archives:
        # A list known only in part (an edXML header's) may have its "Lưu:" line unseen.
        if doc.source is None or not doc.source.is_partial(("recipients",)):
            yield NO_ARCHIVE.at(("recipients",))
    else:
        if len(archives) > 1:
            yield ARCHIVE_TWICE.at(("recipients", archives[1]))
        if archives[-1] != len(recipients) - 1:
            yield ARCHIVE_NOT_LAST.at(("recipients", archives[0]))
        archive = recipients[archives[0]]
        assert isinstance(archive, Archive)
        if not _CLERICAL.match(archive.holders[0]):
            yield ARCHIVE_WITHOUT_VT.at(("recipients", archives[0], "holders"))
        elif len(archive.holders) < 2:
            yield ARCHIVE_WITHOUT_UNIT.at(("recipients", archives[0], "holders"))
    seen: dict[tuple[str, ...], str] = {}
    for index, recipient in enumerate(recipients):
        if isinstance(recipient, NamedRecipient):
            key = body_words(f"{recipient.name} {recipient.note or ''}")
            if key in seen:
                yield DUPLICATE_RECIPIENT.at(("recipients", index), name=recipient.name)
            seen[key] = recipient.name
        if isinstance(recipient, AsAbove) and not doc.addressees:
            yield AS_ABOVE_WITHOUT_ADDRESSEES.at(("recipients", index))


def _addressee_findings(doc: Document) -> Iterator[Finding]:
    as_above = any(isinstance(r, AsAbove) for r in doc.recipients)
    if not as_above:
        for index, addressee in enumerate(doc.addressees):
            if not _received(addressee, doc):
                yield KINH_GUI_NOT_RECIPIENT.at(("addressees", index), addressee=addressee)
    for index, paragraph in enumerate(doc.closing):
        for match in _ADDRESSEE.finditer(paragraph.text):
            addressee = match.group("addressee").strip()
            if not _sent_to(addressee, doc):
                yield ADDRESSEE_NOT_RECIPIENT.at(("closing", index), addressee=addressee)


def _answering(doc: Document) -> list[tuple[ModelPath, Paragraph]]:
    """The paragraphs that say what the document answers: the basis, or, in a letter
    without one, its first paragraph ("Phúc đáp Công văn số … của Bộ …, UBND tỉnh …")."""
    if doc.basis:
        return [(("basis", index), paragraph) for index, paragraph in enumerate(doc.basis)]
    first = doc.body[0] if doc.body else None
    return [(("body", 0), first)] if isinstance(first, Paragraph) else []


def _requester_findings(doc: Document) -> Iterator[Finding]:
    for path, paragraph in _answering(doc):
        for citation in paragraph.citations:
            if citation.type_name not in _REQUEST_KINDS:
                continue
            start = paragraph.text.find(citation.text)
            verb = _REQUEST_VERB.search(paragraph.text[max(0, start - 20) : start])
            if verb is None:
                continue
            issuer = citation.issuer
            if not issuer or _answered(issuer, doc):
                continue
            if (
                doc.type is DocumentType.CONG_VAN
                and doc.addressees
                and not _REPLY.match(verb.group())
            ):
                # "Thực hiện Công văn … của UBND Thành phố" in a letter "Kính gửi" the
                # schools: it carries the request out by writing to others, whom the
                # clerk named. A reply ("Phúc đáp") or a report answers the requester.
                continue
            yield REQUESTER_NOT_RECIPIENT.at(
                path, issuer=issuer, citation=citation.code or citation.type_name
            )


@bcpipe.rule(
    "recipients",
    NO_RECIPIENTS,
    NO_ARCHIVE,
    ARCHIVE_NOT_LAST,
    ARCHIVE_WITHOUT_VT,
    ARCHIVE_WITHOUT_UNIT,
    ADDRESSEE_NOT_RECIPIENT,
    REQUESTER_NOT_RECIPIENT,
    DUPLICATE_RECIPIENT,
    AS_ABOVE_WITHOUT_ADDRESSEES,
    ARCHIVE_TWICE,
    KINH_GUI_NOT_RECIPIENT,
)
def recipients_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """The recipients end with "Lưu: VT, …" and include who the document answers."""
    if not doc.recipients:
        yield NO_RECIPIENTS.at(("recipients",))
        return
    yield from _list_findings(doc)
    yield from _addressee_findings(doc)
    yield from _requester_findings(doc)


@bcpipe.hookimpl
def bcpipe_rules() -> Iterable[Rule]:
    return [recipients_rule]
