"""A provincial rule for bcpipe (a worked example of a plugin and of its tests).

The Sở Thông tin và Truyền thông (Department of Information and Communications) asks
the districts and departments for reports by a numbered letter or plan, and files
each report under that number. So a report addressed to it (in the closing, "Kính
báo cáo Sở Thông tin và Truyền thông …", or in "Nơi nhận") must cite, in its basis,
the Công văn or Kế hoạch of the Sở it answers, with its number:

    Thực hiện Công văn số 1440/STTTT-TTBCXB ngày 08/12/2022 của Sở Thông tin và
    Truyền thông tỉnh Bình Định về việc báo cáo …

Another department can be named in the settings (``[tttt] department = "Sở Nội vụ"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import bcpipe
from bcpipe import Check, Document, DocumentType, Finding, Rule, RuleContext, Severity
from bcpipe.model import Citation, NamedRecipient
from bcpipe.names import body_words, same_body

__version__ = "0.1.0"

DEPARTMENT = "Sở Thông tin và Truyền thông"
REQUEST_KINDS = frozenset({"Công văn", "Kế hoạch"})

NO_REQUEST_NUMBER = Check(
    "TT001",
    Severity.ERROR,
    vi="Báo cáo gửi {department} phải dẫn số Công văn hoặc Kế hoạch yêu cầu báo cáo "
    "của {department} ở phần căn cứ",
    en="A report to {department} must cite, in its basis, the number of the Công văn or "
    "Kế hoạch of {department} it answers",
)


# Who the closing addresses: "Kính báo cáo <body> xem xét, …", "Kính gửi <body> biết".
# (Only that: the closing also names the issuer, "… của Sở Thông tin và Truyền thông.")
_ADDRESSEE = re.compile(r"Kính\s+(?:báo\s+cáo|gửi)\s+(?P<words>[^,.;:\n]+)", re.IGNORECASE)


def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` names the body ``name`` ("Sở TT&TT" names the Sở TTTT too)."""
    return f" {' '.join(body_words(name))} " in f" {' '.join(body_words(text))} "


def addressed_to(doc: Document, department: str) -> bool:
    """The document is sent to ``department``: in "Nơi nhận" or by the closing."""
    named = (r.name for r in doc.recipients if isinstance(r, NamedRecipient))
    addressed = (match.group("words") for p in doc.closing for match in _ADDRESSEE.finditer(p.text))
    return any(same_body(name, department) for name in named) or any(
        _mentions(words, department) for words in addressed
    )


def answers(citation: Citation, department: str) -> bool:
    """The citation is a numbered letter or plan of ``department``."""
    return (
        citation.type_name in REQUEST_KINDS
        and citation.number is not None
        and citation.issuer is not None
        and same_body(citation.issuer, department)
    )


def make_rule(department: str) -> Rule:
    @bcpipe.rule("tttt-request-number", NO_REQUEST_NUMBER, types=[DocumentType.BAO_CAO])
    def request_number(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        """A report to the department cites the department's request in its basis."""
        if not addressed_to(doc, department):
            return
        cited = (c for paragraph in doc.basis for c in paragraph.citations)
        if not any(answers(citation, department) for citation in cited):
            yield NO_REQUEST_NUMBER.at(("basis",), department=department)

    return request_number


@bcpipe.hookimpl
def bcpipe_rules(settings: Mapping[str, Any]) -> Iterable[Rule]:
    table = settings.get("tttt", {})
    return [make_rule(str(table.get("department", DEPARTMENT)))]
