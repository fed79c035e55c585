"""Decision rules (BC701-BC710): the shape of a decision and of the regulation it issues.

Articles numbered in order; the article that charges who carries the decision out, and
"Như Điều N" naming it; the enacting authority agreeing with the signature; the year
of a legal-normative number; the "Căn cứ …;" lines. Errors only where the document
cannot go out as it stands (a recipient line pointing at no article, a number whose
year is not the issue year, a signature in a capacity the enacting line denies); the
rest are warnings a clerk should look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import bcpipe
from bcpipe import Check, Document, Finding, Rule, RuleContext, Severity
from bcpipe.doctypes import DocumentType
from bcpipe.model import Article, AsArticle, NamedRecipient, Paragraph
from bcpipe.source import ModelPath
from bcpipe.textutil import fold
from bcpipe_plugins.decisions.articles import articles, executing_article, where_articles_stand
from bcpipe_plugins.decisions.enacting import disagreement

__version__ = bcpipe.__version__

ARTICLE_ORDER = Check(
    "BC701",
    Severity.WARNING,
    vi='Điều đánh số không liên tục: "Điều {found}" đứng ở chỗ cần "Điều {expected}"',
    en='Articles out of order: "Điều {found}" stands where "Điều {expected}" is due',
)
NO_EXECUTING_ARTICLE = Check(
    "BC702",
    Severity.WARNING,
    vi="Quyết định không có điều giao trách nhiệm thi hành "
    '("… chịu trách nhiệm thi hành Quyết định này./.")',
    en="The decision has no article charging who carries it out "
    '("… chịu trách nhiệm thi hành Quyết định này./.")',
)
AS_ARTICLE_MISSING = Check(
    "BC703",
    Severity.ERROR,
    vi='Nơi nhận ghi "Như Điều {article}" nhưng văn bản không có Điều {article}',
    en='The recipients say "Như Điều {article}" but the document has no article {article}',
)
AS_ARTICLE_NOT_EXECUTING = Check(
    "BC704",
    Severity.WARNING,
    vi='Nơi nhận ghi "Như Điều {article}" nhưng điều giao trách nhiệm thi hành là Điều {executing}',
    en='The recipients say "Như Điều {article}" but the article charging who carries the '
    "decision out is article {executing}",
)
AUTHORITY_VS_COLLECTIVE = Check(
    "BC705",
    Severity.ERROR,
    vi='Thẩm quyền ban hành "{authority}" là của người đứng đầu, nhưng phần ký ghi "TM." '
    "(thay mặt tập thể)",
    en='The enacting authority "{authority}" is the head\'s, but the signature is "TM." '
    "(for the collective)",
)
AUTHORITY_VS_HEAD = Check(
    "BC706",
    Severity.ERROR,
    vi='Thẩm quyền ban hành "{authority}" không khớp chức vụ ký "{title}" '
    '(người đứng đầu ký, hoặc "KT. {title}" và cấp phó; tập thể thì "TM.")',
    en='The enacting authority "{authority}" does not match the signing title "{title}" '
    '(the head signs, or "KT. {title}" and a deputy; for a collective, "TM.")',
)
NUMBER_YEAR_NOT_ISSUE_YEAR = Check(
    "BC707",
    Severity.ERROR,
    vi="Năm trong số văn bản quy phạm pháp luật ({year}) khác năm ban hành ({issue_year})",
    en="The year in the legal-normative number ({year}) is not the issue year ({issue_year})",
)
# An info, not a warning: an administrative decision may cite that law too (one that
# publishes the list of legal documents gone out of force, say).
NUMBER_WITHOUT_YEAR = Check(
    "BC708",
    Severity.INFO,
    vi="Văn bản căn cứ Luật Ban hành văn bản quy phạm pháp luật nhưng số không ghi năm: nếu là "
    'văn bản quy phạm pháp luật, số cần dạng "15/{year}/{notation}"',
    en="The document cites the Law on promulgation of legal documents but its number has no "
    'year: if it is a legal-normative document, the number reads "15/{year}/{notation}"',
)
BASIS_PUNCTUATION = Check(
    "BC709",
    Severity.WARNING,
    vi='Dòng căn cứ phải kết thúc bằng "{expected}" (dòng cuối bằng "."): "{text}"',
    en='A basis line must end with "{expected}" (the last one with "."): "{text}"',
)
PROPOSAL_BEFORE_BASIS = Check(
    "BC710",
    Severity.WARNING,
    vi='"{proposal}" phải đứng sau các dòng "Căn cứ"',
    en='"{proposal}" must stand after the "Căn cứ" lines',
)

_LEGAL_LAW = "luật ban hành văn bản quy phạm pháp luật"
_AS_ARTICLE = re.compile(r"^như điều (\d{1,4})\b")
_PROPOSAL = re.compile(r"^(?:xét đề nghị|theo đề nghị|xét tờ trình)")
_MARKS = frozenset(";.,:")
_BASIS_LINE = re.compile(r"^(?:căn cứ|xét đề nghị|theo đề nghị|xét tờ trình)")


Listed = list[tuple[ModelPath, Article]]


def _article_order(doc: Document, in_body: Listed) -> Iterator[Finding]:
    for where, blocks in where_articles_stand(doc):
        listed = in_body if where == ("body",) else articles(blocks, where)
        for expected, (path, article) in enumerate(listed, start=1):
            if article.number != expected:
                yield ARTICLE_ORDER.at(path, found=article.number, expected=expected)
                break


def _as_article_numbers(doc: Document) -> Iterator[tuple[int, int]]:
    """(recipient index, article number) of each "Như Điều N" line, whether read as such
    or kept as a named recipient."""
    for index, recipient in enumerate(doc.recipients):
        if isinstance(recipient, AsArticle):
            yield index, recipient.article
        elif isinstance(recipient, NamedRecipient):
            match = _AS_ARTICLE.match(fold(recipient.name))
            if match:
                yield index, int(match[1])


def _executing(doc: Document, in_body: Listed) -> Iterator[Finding]:
    numbers = {article.number for _, article in in_body}
    if not numbers:
        return  # not laid out by articles: nothing to say
    executing = executing_article(doc, in_body)
    if executing is None and doc.type is DocumentType.QUYET_DINH:
        yield NO_EXECUTING_ARTICLE.at(("body",))
    for index, number in _as_article_numbers(doc):
        if number not in numbers:
            yield AS_ARTICLE_MISSING.at(("recipients", index), article=number)
        elif executing is not None and executing[1].number != number:
            yield AS_ARTICLE_NOT_EXECUTING.at(
                ("recipients", index), article=number, executing=executing[1].number
            )


def _enacting(doc: Document) -> Iterator[Finding]:
    authority = doc.enacting_authority
    if authority is None:
        return
    if doc.type is DocumentType.CONG_DIEN and fold(authority) == fold(doc.issuer.name):
        return  # "VĂN PHÒNG CHÍNH PHỦ điện:": a body sends it, whoever signs for the body
    why = disagreement(authority, doc.signature)
    if why == "collective":
        yield AUTHORITY_VS_COLLECTIVE.at(("enacting_authority",), authority=authority)
    elif why == "head":
        deputy = [str(line.title) for line in doc.signature.authority]
        title = deputy[0] if deputy else doc.signature.position
        yield AUTHORITY_VS_HEAD.at(("enacting_authority",), authority=authority, title=title)


def _number_year(doc: Document) -> Iterator[Finding]:
    issue_year = doc.issue_date.year
    if doc.number_year is not None:
        if issue_year is not None and doc.number_year != issue_year:
            yield NUMBER_YEAR_NOT_ISSUE_YEAR.at(
                ("number_year",), year=doc.number_year, issue_year=issue_year
            )
        return
    if any(_LEGAL_LAW in fold(p.text) for p in doc.basis):
        yield NUMBER_WITHOUT_YEAR.at(
            ("notation",), year=issue_year or "2024", notation=doc.notation
        )


def _basis_goes_on(doc: Document) -> bool:
    """Whether the body opens with more basis lines (a reader cut the basis short): then
    the basis's last line is not the last one."""
    first = doc.body[0] if doc.body else None
    return isinstance(first, Paragraph) and bool(_BASIS_LINE.match(fold(first.text)))


def _basis(doc: Document) -> Iterator[Finding]:
    lines = [fold(p.text) for p in doc.basis]
    last = -1 if _basis_goes_on(doc) else len(lines) - 1
    seen_proposal: int | None = None
    for index, (line, paragraph) in enumerate(zip(lines, doc.basis, strict=True)):
        if _PROPOSAL.match(line):
            seen_proposal = index if seen_proposal is None else seen_proposal
            continue
        if not line.startswith("căn cứ"):
            continue
        if seen_proposal is not None:
            proposal = doc.basis[seen_proposal].text.split(" ", 3)
            yield PROPOSAL_BEFORE_BASIS.at(
                ("basis", seen_proposal), proposal=" ".join(proposal[:3]) + " …"
            )
            seen_proposal = None
        expected = "." if index == last else ";"
        # A line ending in no mark at all was most often cut by text extraction (its
        # words go on in the next block): only a wrong mark is the clerk's.
        if line[-1:] in _MARKS and not line.endswith(expected):
            yield BASIS_PUNCTUATION.at(
                ("basis", index), expected=expected, text=_tail(paragraph.text)
            )


def _tail(text: str) -> str:
    return text if len(text) <= 60 else "… " + text[-50:]


@bcpipe.rule(
    "decisions",
    ARTICLE_ORDER,
    NO_EXECUTING_ARTICLE,
    AS_ARTICLE_MISSING,
    AS_ARTICLE_NOT_EXECUTING,
    AUTHORITY_VS_COLLECTIVE,
    AUTHORITY_VS_HEAD,
    NUMBER_YEAR_NOT_ISSUE_YEAR,
    NUMBER_WITHOUT_YEAR,
    BASIS_PUNCTUATION,
    PROPOSAL_BEFORE_BASIS,
)
def decisions_rule(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Articles in order, the executing article and "Như Điều N", the enacting authority
    and the signature, the number's year, the "Căn cứ" lines."""
    in_body = list(articles(doc.body, ("body",)))  # one walk of the body for both
    yield from _article_order(doc, in_body)
    yield from _executing(doc, in_body)
    yield from _enacting(doc)
    yield from _number_year(doc)
    if doc.enacting_word is not None:
        # Only where "QUYẾT ĐỊNH:" closes the basis is its last line known to be last.
        yield from _basis(doc)


@bcpipe.hookimpl
def bcpipe_rules() -> Iterable[Rule]:
    return [decisions_rule]
