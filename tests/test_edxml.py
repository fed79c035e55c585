"""edXML export (QCVN 102:2016/BTTTT): the package, the agency codes, the XSD."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import bcpipe_plugins.edxml as edxml_plugin
import bcpipe_plugins.text as text_plugin
import pytest
from bcpipe_plugins.edxml import (
    NAMESPACE,
    EdxmlError,
    MissingOrganIdError,
    NotSendableError,
    SettingsError,
    edxml_xsd,
    edxml_xsd_schema,
)
from bcpipe_plugins.edxml.attachment import pdf_page_count
from conftest import ROOT, SAMPLE_YAML
from doc_variants import VARIANTS, variant
from lxml import etree
from reportlab.pdfgen import canvas

import bcpipe
from bcpipe.cli import main

COMMITTED_XSD = ROOT / "schemas" / "edxml-qcvn102-2016.xsd"
NS = {"e": NAMESPACE}
DSIG = "http://www.w3.org/2000/09/xmldsig#"
# Test codes of the right shape: real ones come from the official list (QĐ 20/2020/QĐ-TTg).
ORGANS = {
    "UBND huyện Tuy Phước": "000.00.00.X00",
    "Sở Thông tin và Truyền thông tỉnh Bình Định": "000.00.00.X01",
    "Sở Ngoại vụ tỉnh Bình Định": "000.00.00.X02",
    "UBND xã Phước Hòa": "000.00.00.X03",
}


def tiny_pdf(pages: int) -> bytes:
    """A real PDF of ``pages`` pages (reportlab, invariant mode: the same bytes each time)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for page in range(pages):
        pdf.drawString(72, 720, f"page {page + 1}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@bcpipe.exporter("pdf", media_type="application/pdf", extension=".pdf")
def export_tiny_pdf(document: bcpipe.Document, ctx: bcpipe.ExportContext) -> bytes:
    """A two-page PDF standing for the real renderer (built on another branch)."""
    return tiny_pdf(2)


class TinyPdfPlugin:
    """Registers the tiny ``pdf`` exporter (given in code, so it wins over any other)."""

    __name__ = "tiny-pdf"

    @bcpipe.hookimpl
    def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
        return [export_tiny_pdf]


def make_pipeline(*, pdf: bool = True, **edxml: Any) -> bcpipe.Pipeline:
    """Only the plugins the package needs: edxml, text, and the tiny pdf when asked."""
    settings = {"edxml": {"organs": dict(ORGANS), **edxml}}
    plugins: list[object] = [edxml_plugin, text_plugin]
    if pdf:
        plugins.append(TinyPdfPlugin())
    return bcpipe.Pipeline(load_entrypoints=False, plugins=plugins, settings=settings)


WITH_PDF = make_pipeline()
WITHOUT_PDF = make_pipeline(pdf=False)


def issued(sample_data: dict[str, Any], *changes: str) -> dict[str, Any]:
    data = variant(sample_data, "issued")
    for name in changes:
        data = VARIANTS[name](data)
    return data


def package(data: dict[str, Any], pipeline: bcpipe.Pipeline = WITH_PDF) -> etree._Element:
    xml = pipeline.export(bcpipe.load(data), "edxml")
    root = etree.fromstring(xml)
    assert edxml_xsd_schema().validate(root), edxml_xsd_schema().error_log
    return root


def text(root: etree._Element, path: str) -> str | None:
    return root.findtext(f".//e:{path}", namespaces=NS)


def texts(root: etree._Element, path: str) -> list[str]:
    return [e.text or "" for e in root.findall(f".//e:{path}", namespaces=NS)]


# -- the XSD ---------------------------------------------------------------------------


def test_committed_xsd_is_the_one_the_code_uses() -> None:
    assert COMMITTED_XSD.read_bytes() == edxml_xsd(), "run `make schemas`"
    assert edxml_xsd_schema() is edxml_xsd_schema()


@pytest.mark.parametrize(
    "changes",
    [
        (),
        ("with_parent",),
        ("signed_tl",),
        ("signed_tuq",),
        ("signed_acting",),
        ("signed_own_right",),
        ("many_recipients",),
        ("with_table", "with_points", "with_nested_items"),
        ("with_appendices",),
        ("with_citations",),
        ("with_extensions",),
        ("cong_van",),
    ],
    ids=lambda changes: "+".join(changes) or "issued",
)
def test_every_variant_validates(changes: tuple[str, ...], sample_data: dict[str, Any]) -> None:
    data = issued(sample_data, *changes)
    for pipeline in (WITH_PDF, WITHOUT_PDF):
        root = package(data, pipeline)  # validated against the XSD
        document_id = text(root, "MessageHeader/e:DocumentId")
        assert document_id == f"000.00.00.X00,2023/01/10,15/{data['notation']}"


def test_xsd_rejects_broken_packages(sample_data: dict[str, Any]) -> None:
    xml = WITH_PDF.export(bcpipe.load(issued(sample_data)), "edxml")
    schema = edxml_xsd_schema()
    no_receiver = re.sub(rb"<edXML:To>.*?</edXML:To>", b"", xml, flags=re.S)
    bad_code = xml.replace(b"000.00.00.X01", b"X01")
    bad_date = xml.replace(b">2023/01/10</", b">10/01/2023</")
    for bad in (no_receiver, bad_code, bad_date):
        assert bad != xml
        assert not schema.validate(etree.fromstring(bad))


def test_room_for_the_external_signature(sample_data: dict[str, Any]) -> None:
    """No Signature is written (nothing is signed), but a signer's one is allowed."""
    root = package(issued(sample_data))
    assert root.find(f".//{{{DSIG}}}Signature") is None
    assert not [e for e in root.iter() if "Signature" in str(e.tag)]
    header = root.find(".//e:edXMLHeader", namespaces=NS)
    assert header is not None
    signature = etree.SubElement(header, f"{{{DSIG}}}Signature")
    etree.SubElement(signature, f"{{{DSIG}}}SignedInfo")
    assert edxml_xsd_schema().validate(root)


# -- the header, field by field --------------------------------------------------------


def test_sample_header(sample_data: dict[str, Any]) -> None:
    root = package(issued(sample_data))
    assert root.tag == f"{{{NAMESPACE}}}edXML" and root.nsmap == {None: NAMESPACE}
    envelope = root[0]
    assert envelope.prefix == "edXML" and envelope.nsmap["edXML"] == NAMESPACE
    assert texts(root, "From/e:OrganId") == ["000.00.00.X00"]
    assert text(root, "From/e:OrganName") == "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"
    # No parent body: the organ itself is in charge (receivers require the element).
    assert text(root, "From/e:OrganizationInCharge") == "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"
    # The whole organisation block in From and every To, empty where unknown.
    block = ["OrganId", "OrganizationInCharge", "OrganName", "OrganAdd", "Email"]
    block += ["Telephone", "Fax", "Website"]
    for organization in root.iterfind(".//e:MessageHeader/*", namespaces=NS):
        if etree.QName(organization).localname in ("From", "To"):
            assert [etree.QName(e).localname for e in organization] == block
    # The SDK's order: DocumentId after the To blocks, ToPlaces last.
    header = root.find(".//e:MessageHeader", namespaces=NS)
    names = [etree.QName(e).localname for e in header]
    assert names[names.index("To") + 1] == "DocumentId" and names[-1] == "ToPlaces"
    assert text(root, "Bussiness/e:DocumentId") == text(root, "MessageHeader/e:DocumentId")
    assert [etree.QName(e).localname for e in root.find(".//e:Bussiness", namespaces=NS)] == [
        "DocumentId",
        "BussinessDocType",
        "BussinessDocReason",
        "Paper",
        "StaffInfo",
    ]
    # "Sở Thông tin và Truyền thông" in the list names the configured Sở TT&TT Bình Định;
    # the other recipients (internal offices) have no code and only appear in ToPlaces.
    assert texts(root, "To/e:OrganId") == ["000.00.00.X01"]
    assert texts(root, "To/e:OrganName") == ["Sở Thông tin và Truyền thông tỉnh Bình Định"]
    assert (text(root, "CodeNumber"), text(root, "CodeNotation")) == ("15", "BC-UBND")
    assert text(root, "PromulgationInfo/e:Place") == "Tuy Phước"
    assert text(root, "PromulgationInfo/e:PromulgationDate") == "2023/01/10"
    assert (text(root, "DocumentType/e:Type"), text(root, "TypeDetail")) == ("1", "0")
    assert text(root, "TypeName") == "Báo cáo"
    assert text(root, "Subject") == text(root, "Content") == sample_data["subject"]
    assert text(root, "Competence") == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"
    assert (text(root, "Position"), text(root, "FullName")) == ("PHÓ CHỦ TỊCH", "Nguyễn Hùng Tân")
    assert text(root, "DueDate") == ""
    assert texts(root, "ToPlaces/e:Place") == [
        "Sở Thông tin và Truyền thông",
        "CT và PCT UBND huyện (*Đ/c Tân*)",
        "Phòng VH – TT huyện",
        "PCVP-1, CVVP (K5)",
    ]
    assert text(root, "Priority") == "0"
    assert text(root, "SphereOfPromulgation") == "Liên thông văn bản quốc gia"
    assert text(root, "TyperNotation") == ""
    assert text(root, "PromulgationAmount") == "5"  # 4 named recipients + 1 filed copy
    assert text(root, "PageAmount") == "2"
    assert text(root, "SteeringType") == "0"
    assert texts(root, "TraceHeader/e:OrganId") == ["000.00.00.X00"]
    assert text(root, "Timestamp") == "2023/01/10 00:00:00"
    assert (text(root, "BussinessDocType"), text(root, "Paper")) == ("0", "0")


def test_response_for_the_answered_document(sample_data: dict[str, Any]) -> None:
    root = package(issued(sample_data, "with_citations"))
    # The "Căn cứ" paragraph (a law, a decree, a Party resolution) answers nothing; the
    # "Thực hiện Công văn số 1440/…" paragraph answers the Sở's công văn.
    responses = root.findall(".//e:ResponseFor", namespaces=NS)
    assert len(responses) == 1
    assert [child.text for child in responses[0]] == [
        "000.00.00.X01",
        "1440/STTTT-TTBCXB",
        "2022/12/08",
        "000.00.00.X01,2022/12/08,1440/STTTT-TTBCXB",
    ]


def test_own_document_answered_uses_the_sender_code(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    citation = data["basis"][0]["citations"][0]
    del citation["issuer"]
    root = package(data)
    assert text(root, "ResponseFor/e:OrganId") == "000.00.00.X00"


@pytest.mark.parametrize(
    ("change", "competence", "position"),
    [
        ("signed_tl", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ("signed_tuq", "TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG VĂN HÓA VÀ THÔNG TIN"),
        ("signed_acting", "Q. CHỦ TỊCH", "Q. CHỦ TỊCH"),
        ("signed_own_right", "CHỦ TỊCH", "CHỦ TỊCH"),
    ],
)
def test_signer_info(
    change: str, competence: str, position: str, sample_data: dict[str, Any]
) -> None:
    root = package(issued(sample_data, change))
    assert (text(root, "Competence"), text(root, "Position")) == (competence, position)


def test_parent_body_is_organization_in_charge(sample_data: dict[str, Any]) -> None:
    root = package(issued(sample_data, "with_parent"))
    assert text(root, "From/e:OrganizationInCharge") == "UBND TỈNH BÌNH ĐỊNH"
    assert texts(root, "To/e:OrganizationInCharge") == [
        "Sở Thông tin và Truyền thông tỉnh Bình Định"
    ]


def test_many_recipients(sample_data: dict[str, Any]) -> None:
    root = package(issued(sample_data, "many_recipients"))
    # Addressees first, then configured recipients; Sở TT&TT named twice is sent once.
    assert texts(root, "To/e:OrganId") == ["000.00.00.X01", "000.00.00.X02", "000.00.00.X03"]
    places = texts(root, "ToPlaces/e:Place")
    assert len(places) == 28 and places[0] == "Như trên"
    assert not [p for p in places if p.startswith("Lưu")]
    # 27 named lines + "Như trên" for 2 addressees + 2 filed copies
    assert text(root, "PromulgationAmount") == "31"


def test_marks_and_appendices(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data, "with_appendices")
    data["marks"] = {"urgency": "HỎA TỐC", "circulation": "Lưu hành nội bộ", "typist": "PL"}
    data["marks"]["copies"] = 7
    root = package(data)
    assert text(root, "Priority") == "3"
    assert text(root, "SphereOfPromulgation") == "Lưu hành nội bộ"
    assert (text(root, "TyperNotation"), text(root, "PromulgationAmount")) == ("PL", "7")
    assert texts(root, "Appendixes/e:Appendix") == ["DANH SÁCH CÁC HOẠT ĐỘNG", "BẢNG TỔNG HỢP"]


def test_settings_choices(sample_data: dict[str, Any]) -> None:
    pipeline = make_pipeline(
        timestamp="2023/01/10 08:30:00",
        type_code=2,
        type_detail=3,
        steering_type=2,
        paper=True,
        sphere="Trục liên thông tỉnh",
        email="vanthu@tuyphuoc.binhdinh.gov.vn",
        telephone="0256 3833 000",
        to=["Sở Ngoại vụ tỉnh Bình Định"],
    )
    root = package(issued(sample_data), pipeline)
    assert text(root, "Timestamp") == "2023/01/10 08:30:00"
    assert (text(root, "DocumentType/e:Type"), text(root, "TypeDetail")) == ("2", "3")
    assert (text(root, "SteeringType"), text(root, "Paper")) == ("2", "1")
    assert text(root, "SphereOfPromulgation") == "Trục liên thông tỉnh"
    assert text(root, "From/e:Email") == "vanthu@tuyphuoc.binhdinh.gov.vn"
    assert texts(root, "To/e:OrganId") == ["000.00.00.X02"]


def test_clock_is_read_only_when_asked(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    first = WITH_PDF.export(bcpipe.load(data), "edxml")
    assert first == make_pipeline().export(bcpipe.load(data), "edxml")
    now = package(data, make_pipeline(timestamp="now"))
    stamp = text(now, "Timestamp")
    assert stamp is not None and re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d", stamp)
    assert stamp != "2023/01/10 00:00:00"


# -- the attachment --------------------------------------------------------------------


def _attachment(root: etree._Element) -> tuple[str | None, str | None, bytes]:
    encoded = text(root, "ContentTransferEncoded")
    assert encoded is not None
    return (
        text(root, "Attachment/e:ContentType"),
        text(root, "Attachment/e:AttachmentName"),
        base64.b64decode(encoded, validate=True),
    )


def test_pdf_is_attached_when_a_pdf_exporter_exists(sample_data: dict[str, Any]) -> None:
    document = bcpipe.load(issued(sample_data))
    root = package(issued(sample_data))
    kind, name, data = _attachment(root)
    assert (kind, name) == ("application/pdf", "15-BC-UBND.pdf")
    assert data == WITH_PDF.export(document, "pdf") == tiny_pdf(2)
    assert text(root, "Reference/e:ContentId") == text(root, "Attachment/e:ContentId")
    assert text(root, "Reference/e:ContentId") == "cid:15-BC-UBND"
    assert root.find(".//e:edXMLManifest", namespaces=NS).get("version") == "1.0"


def test_text_is_attached_without_a_pdf_exporter(sample_data: dict[str, Any]) -> None:
    assert "pdf" not in WITHOUT_PDF.export_formats
    document = bcpipe.load(issued(sample_data))
    root = package(issued(sample_data), WITHOUT_PDF)
    kind, name, data = _attachment(root)
    assert (kind, name) == ("text/plain", "15-BC-UBND.txt")
    assert texts(root, "Description") == ["15-BC-UBND.txt"] * 2  # the file name
    assert data == WITHOUT_PDF.export(document, "text")
    assert text(root, "PageAmount") == "0"


def test_attachment_choices(sample_data: dict[str, Any]) -> None:
    root = package(issued(sample_data), make_pipeline(attachment="none"))
    assert root.find(".//e:AttachmentEncoded", namespaces=NS) is None
    assert root.find(".//e:Reference", namespaces=NS) is None
    with pytest.raises(EdxmlError, match="no 'pdf' exporter is installed"):
        make_pipeline(pdf=False, attachment="pdf").export(bcpipe.load(issued(sample_data)), "edxml")
    root = package(issued(sample_data), make_pipeline(attachment="text"))
    assert _attachment(root)[0] == "text/plain"


def test_zipped_attachment(sample_data: dict[str, Any]) -> None:
    pipeline = make_pipeline(zip=True)
    root = package(issued(sample_data), pipeline)
    kind, name, data = _attachment(root)
    # The SDK's way: the document's own name, application/zip (receivers unzip then).
    assert (kind, name) == ("application/zip", "15-BC-UBND.pdf")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["15-BC-UBND.pdf"]
        assert archive.read("15-BC-UBND.pdf") == tiny_pdf(2)
    first, again = (pipeline.export(bcpipe.load(issued(sample_data)), "edxml") for _ in "12")
    assert first == again


@pytest.mark.parametrize("pages", [1, 3, 12])
def test_page_count_of_a_real_pdf(pages: int) -> None:
    assert pdf_page_count(tiny_pdf(pages)) == pages


def test_page_count_of_something_else_is_unknown() -> None:
    assert pdf_page_count(b"not a pdf at all") == 0


# -- refusals --------------------------------------------------------------------------


def test_draft_cannot_be_sent(sample_data: dict[str, Any]) -> None:
    with pytest.raises(NotSendableError) as caught:
        WITH_PDF.export(bcpipe.load(sample_data), "edxml")
    message = str(caught.value)
    assert "a draft cannot be sent" in message and "no number" in message
    assert "issue date is incomplete" in message and "failed in plugin edxml" in message
    numbered = issued(sample_data)
    numbered["issue_date"] = {"day": 31, "month": 2, "year": 2023}
    with pytest.raises(NotSendableError, match="issue date does not exist"):
        WITH_PDF.export(bcpipe.load(numbered), "edxml")
    unsigned = issued(sample_data)
    unsigned["signature"]["name"] = None
    with pytest.raises(NotSendableError, match=r"no signer's name \(SignerInfo/FullName\)"):
        WITH_PDF.export(bcpipe.load(unsigned), "edxml")


def test_state_secrets_cannot_be_sent(sample_data: dict[str, Any]) -> None:
    with pytest.raises(NotSendableError, match="marked MẬT: state secrets"):
        WITH_PDF.export(bcpipe.load(issued(sample_data, "with_marks")), "edxml")


def test_missing_sender_code_names_the_body_and_setting(sample_data: dict[str, Any]) -> None:
    pipeline = bcpipe.Pipeline(
        load_entrypoints=False,
        plugins=[edxml_plugin, text_plugin],
        settings={"edxml": {"organs": {"Sở Ngoại vụ tỉnh Bình Định": "000.00.00.X02"}}},
    )
    with pytest.raises(MissingOrganIdError) as caught:
        pipeline.export(bcpipe.load(issued(sample_data)), "edxml")
    assert caught.value.body == "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"
    assert "[edxml] sender" in str(caught.value) and "[edxml.organs]" in str(caught.value)
    assert "never invents" in str(caught.value)


def test_missing_receiver_codes(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    data["addressees"] = ["Sở Tài chính tỉnh Bình Định"]
    with pytest.raises(MissingOrganIdError, match="Sở Tài chính tỉnh Bình Định', the addressee"):
        WITH_PDF.export(bcpipe.load(data), "edxml")
    data = issued(sample_data)
    data["recipients"] = [{"name": "Phòng VH – TT huyện"}, {"kind": "archive"}]
    with pytest.raises(
        MissingOrganIdError, match=r"receiver \(the named recipients are: 'Phòng VH"
    ):
        WITH_PDF.export(bcpipe.load(data), "edxml")
    with pytest.raises(MissingOrganIdError, match="Sở Y tế', the receiver listed in"):
        make_pipeline(to=["Sở Y tế"]).export(bcpipe.load(issued(sample_data)), "edxml")


def test_validation_says_which_bodies_a_package_would_miss(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    data["addressees"] = ["Sở Tài chính tỉnh Bình Định"]
    result = WITH_PDF.validate(bcpipe.load(data))
    missing = [(f.code, f.location.path) for f in result.findings if f.code.startswith("BC60")]
    assert missing[0] == ("BC601", ("addressees", 0))  # the export would fail: a warning
    internal = [r["name"] for r in data["recipients"] if "name" in r][1:]  # not the Sở
    assert [code for code, _ in missing[1:]] == ["BC602"] * len(internal)  # not sent: info
    assert all(name in str(result.findings) for name in internal)
    listed = make_pipeline(to=["Sở Y tế"]).validate(bcpipe.load(issued(sample_data)))
    assert [f.code for f in listed.findings if f.code.startswith("BC60")] == ["BC601"]
    # Without agency codes nothing is meant for edXML: the rule says nothing.
    plain = bcpipe.Pipeline(load_entrypoints=False, plugins=[edxml_plugin, text_plugin])
    assert not [f for f in plain.validate(bcpipe.load(data)).findings if f.code.startswith("BC6")]


def test_missing_code_of_the_answered_documents_issuer(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    data["basis"][0]["text"] = data["basis"][0]["text"].replace(
        "Sở Thông tin và Truyền thông tỉnh Bình Định về", "Sở Nội vụ tỉnh Bình Định về"
    )
    citation = data["basis"][0]["citations"][0]
    citation["text"] = citation["text"].replace("Sở Thông tin và Truyền thông", "Sở Nội vụ")
    citation["issuer"] = "Sở Nội vụ tỉnh Bình Định"
    with pytest.raises(MissingOrganIdError, match="Sở Nội vụ tỉnh Bình Định', the issuer of Công"):
        WITH_PDF.export(bcpipe.load(data), "edxml")


def test_ambiguous_name_is_an_error_not_a_guess(sample_data: dict[str, Any]) -> None:
    organs = dict(ORGANS, **{"Sở Thông tin và Truyền thông tỉnh Phú Yên": "000.00.00.Y01"})
    pipeline = bcpipe.Pipeline(
        load_entrypoints=False,
        plugins=[edxml_plugin, text_plugin],
        settings={"edxml": {"organs": organs}},
    )
    with pytest.raises(SettingsError, match="could name any of"):
        pipeline.export(bcpipe.load(issued(sample_data)), "edxml")


@pytest.mark.parametrize(
    ("edxml", "message"),
    [
        ({"organ": {}}, r"unknown setting \[edxml\] 'organ' \(did you mean 'organs'\?\)"),
        ({"organs": {"UBND huyện Tuy Phước": "12345"}}, r"'12345' is not an OrganId"),
        ({"sender": "000.00.00.x00"}, r"\[edxml\] sender: '000.00.00.x00' is not an OrganId"),
        ({"timestamp": "yesterday"}, r"timestamp must be"),
        ({"attachment": "docx"}, r"attachment must be one of"),
        ({"steering_type": 3}, r"steering_type must be a whole number from 0 to 2"),
        ({"zip": "yes"}, r"zip must be true or false"),
        ({"to": "Sở Ngoại vụ"}, r"to must be a non-empty list"),
        ({"type_code": "two"}, r"type_code must be"),
    ],
)
def test_bad_settings_are_named(
    edxml: dict[str, Any], message: str, sample_data: dict[str, Any]
) -> None:
    settings = {"edxml": {"organs": dict(ORGANS), **edxml}}
    pipeline = bcpipe.Pipeline(load_entrypoints=False, plugins=[edxml_plugin], settings=settings)
    with pytest.raises(SettingsError, match=message):
        pipeline.export(bcpipe.load(issued(sample_data)), "edxml")


def test_control_characters_are_named(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    data["subject"] = "Báo cáo \x07 năm 2022"
    # Refused at load now (bcpipe.limits: no format can hold it), naming the field.
    with pytest.raises(
        bcpipe.InvalidDocumentError, match=r"subject: the control character U\+0007"
    ):
        WITH_PDF.export(bcpipe.load(data), "edxml")


def test_values_over_the_limits_are_refused(sample_data: dict[str, Any]) -> None:
    data = issued(sample_data)
    data["subject"] = "Kết quả " * 70
    with pytest.raises(EdxmlError, match=r"Subject.*maxLength.*500"):
        WITH_PDF.export(bcpipe.load(data), "edxml")
    data = issued(sample_data)
    offices = [{"name": f"Phòng chuyên môn số {n} của huyện"} for n in range(40)]
    data["recipients"] = [{"name": "Sở Thông tin và Truyền thông"}, *offices]
    with pytest.raises(EdxmlError, match="more than 1000 characters"):
        WITH_PDF.export(bcpipe.load(data), "edxml")


# -- CLI -------------------------------------------------------------------------------


def test_cli_exports_edxml(tmp_path: Path, sample_data: dict[str, Any]) -> None:
    import yaml

    source = tmp_path / "bc.yaml"
    source.write_text(yaml.safe_dump(issued(sample_data), allow_unicode=True), encoding="utf-8")
    config = tmp_path / "bcpipe.toml"
    organs = "\n".join(f'"{name}" = "{code}"' for name, code in ORGANS.items())
    config.write_text(f"[edxml.organs]\n{organs}\n", encoding="utf-8")
    out = tmp_path / "bc.edxml"
    args = ["export", str(source), "--to", "edxml", "--config", str(config), "-o", str(out)]
    assert main(args) == 0
    assert edxml_xsd_schema().validate(etree.parse(str(out)))
    err = io.StringIO()
    args = ["export", str(SAMPLE_YAML), "--to", "edxml", "--config", str(config)]
    assert main(args, out=io.StringIO(), err=err) == 2
    assert "a draft cannot be sent as edXML" in err.getvalue()
