"""edXML as the exchange systems speak it: the two XSDs against the real SDK packages,
reading packages that arrive (header, attachment, business), status messages, limits."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import bcpipe_plugins.edxml as edxml_plugin
import bcpipe_plugins.edxml.incoming as incoming
import bcpipe_plugins.text as text_plugin
import pytest
from bcpipe_plugins.edxml import (
    NAMESPACE,
    EdxmlError,
    SettingsError,
    describe_status,
    edxml_input_xsd,
    edxml_input_xsd_schema,
    edxml_xsd_schema,
    status_package,
)
from bcpipe_plugins.edxml.fields import copies
from bcpipe_plugins.edxml.incoming import read_package
from bcpipe_plugins.edxml.settings import read_settings
from conftest import ROOT
from doc_variants import VARIANTS, variant
from hypothesis import HealthCheck, given, settings
from lxml import etree

import bcpipe
from bcpipe import SourceError
from bcpipe.cli import main
from bcpipe.testing import documents

SAMPLES = ROOT / "tests" / "fixtures" / "edxml-samples"
DOCUMENT_SAMPLES = sorted(SAMPLES.glob("edoc_*.edxml"))
STATUS_SAMPLES = sorted(SAMPLES.glob("status_*.edxml"))
COMMITTED_INPUT_XSD = ROOT / "schemas" / "edxml-qcvn102-2016-input.xsd"
NS = {"e": NAMESPACE}
ORGANS: dict[str, Any] = {
    "UBND huyện Tuy Phước": "000.00.00.X00",
    "Sở Thông tin và Truyền thông tỉnh Bình Định": {
        "code": "000.00.00.X01",
        "in_charge": "UBND tỉnh Bình Định",
        "address": "02 Trần Phú, Quy Nhơn",
        "email": "stttt@binhdinh.gov.vn",
        "telephone": "0256 3822 000",
        "fax": "0256 3822 001",
        "website": "stttt.binhdinh.gov.vn",
    },
    "Sở Ngoại vụ tỉnh Bình Định": "000.00.00.X02",
}
STAFF = {"department": "Văn thư", "staff": "Trần Thị B", "email": "vt@tuyphuoc.gov.vn"}


def pipeline(**edxml: Any) -> bcpipe.Pipeline:
    table = {"organs": ORGANS, "staff": STAFF, **edxml}
    return bcpipe.Pipeline(
        load_entrypoints=False, plugins=[edxml_plugin, text_plugin], settings={"edxml": table}
    )


PIPELINE = pipeline()


def issued(sample_data: dict[str, Any]) -> dict[str, Any]:
    return variant(sample_data, "issued")


def own_package(sample_data: dict[str, Any], p: bcpipe.Pipeline = PIPELINE) -> bytes:
    return p.export(bcpipe.load(issued(sample_data)), "edxml")


def findings(document: bcpipe.Document) -> list[str]:
    assert document.source is not None
    return [f.code for f in document.source.findings]


# -- the two schemas ---------------------------------------------------------------------


def test_committed_input_xsd_is_the_one_the_code_uses() -> None:
    assert COMMITTED_INPUT_XSD.read_bytes() == edxml_input_xsd(), "run `make schemas`"


@pytest.mark.parametrize("path", DOCUMENT_SAMPLES + STATUS_SAMPLES, ids=lambda p: p.name)
def test_input_schema_accepts_every_real_package(path: Path) -> None:
    assert edxml_input_xsd_schema().validate(etree.parse(str(path)))


@pytest.mark.parametrize("path", DOCUMENT_SAMPLES, ids=lambda p: p.name)
def test_output_schema_is_stricter_than_the_network(path: Path) -> None:
    # The SDK's samples put Signature in the package's namespace and leave the
    # organisation blocks incomplete: bcpipe never writes that, the network carries it.
    schema = edxml_xsd_schema()
    assert not schema.validate(etree.parse(str(path)))


def test_own_package_satisfies_both_schemas(sample_data: dict[str, Any]) -> None:
    root = etree.fromstring(own_package(sample_data))
    assert edxml_xsd_schema().validate(root), edxml_xsd_schema().error_log
    assert edxml_input_xsd_schema().validate(root)
    to = root.find(".//e:To", namespaces=NS)
    assert [e.text for e in to] == [
        "000.00.00.X01",
        "UBND tỉnh Bình Định",
        "Sở Thông tin và Truyền thông tỉnh Bình Định",
        "02 Trần Phú, Quy Nhơn",
        "stttt@binhdinh.gov.vn",
        "0256 3822 000",
        "0256 3822 001",
        "stttt.binhdinh.gov.vn",
    ]
    staff = root.find(".//e:Bussiness/e:StaffInfo", namespaces=NS)
    assert [e.text for e in staff] == ["Văn thư", "Trần Thị B", "vt@tuyphuoc.gov.vn", None]


def test_ordinal_type_code_is_no_longer_offered() -> None:
    with pytest.raises(SettingsError, match="no longer offered"):
        read_settings({"edxml": {"type_code": "ordinal"}})
    with pytest.raises(SettingsError, match="from 1 to 2"):
        read_settings({"edxml": {"type_code": 14}})
    with pytest.raises(SettingsError, match="needs code"):
        read_settings({"edxml": {"organs": {"Sở X": {"email": "a@b.vn"}}}})


def test_business_kinds_and_replacements(sample_data: dict[str, Any]) -> None:
    replaced = "000.00.00.X00,2022/12/01,10/BC-UBND"
    root = etree.fromstring(
        own_package(sample_data, pipeline(business="replacement", replaces=[replaced]))
    )
    assert root.findtext(".//e:BussinessDocType", namespaces=NS) == "3"
    assert root.findtext(".//e:BussinessDocReason", namespaces=NS) == "Văn bản thay thế"
    assert root.findtext(".//e:ReplacementInfo/e:DocumentId", namespaces=NS) == replaced
    with pytest.raises(SettingsError, match="needs replaces"):
        read_settings({"edxml": {"business": "replacement"}})


def test_several_attachments(sample_data: dict[str, Any], tmp_path: Path) -> None:
    appendix = tmp_path / "phu-luc-1.pdf"
    appendix.write_bytes(b"%PDF-1.4 appendix")
    p = pipeline(attachment=["text", "json"], files=[str(appendix)], zip=True)
    p = bcpipe.Pipeline(
        load_entrypoints=False,
        plugins=[edxml_plugin, text_plugin, __import__("bcpipe_plugins.json_export").json_export],
        settings=p.settings,
    )
    root = etree.fromstring(own_package(sample_data, p))
    names = [e.text for e in root.iterfind(".//e:Attachment/e:AttachmentName", namespaces=NS)]
    assert names == ["15-BC-UBND.txt", "15-BC-UBND.json", "phu-luc-1.pdf"]
    assert [e.text for e in root.iterfind(".//e:Attachment/e:ContentType", namespaces=NS)] == [
        "application/zip"
    ] * 3
    ids = [e.text for e in root.iterfind(".//e:Attachment/e:ContentId", namespaces=NS)]
    assert len(set(ids)) == 3
    last = root.findall(".//e:ContentTransferEncoded", namespaces=NS)[-1].text
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(last or ""))) as archive:
        assert archive.read("phu-luc-1.pdf") == b"%PDF-1.4 appendix"
    with pytest.raises(EdxmlError, match="cannot be read"):
        own_package(sample_data, pipeline(files=[str(tmp_path / "missing.pdf")]))


# -- reading packages that arrive ----------------------------------------------------------


@pytest.mark.parametrize("path", DOCUMENT_SAMPLES, ids=lambda p: p.name)
def test_every_real_document_package_loads_and_validates(path: Path) -> None:
    document = bcpipe.load(path)
    assert (document.type.value, document.notation, document.place) == (
        "cong_van",
        "VPCP-TTĐT",
        "Hà Nội",
    )
    assert document.subject == "kết nối, liên thông phần mềm quản lý văn bản"  # V/v dropped
    assert document.signature.name == "Nguyen Thanh Phuc"
    assert document.signature.authority[0].prefix.value == "TL."
    assert [str(r.name) for r in document.recipients if hasattr(r, "name")] == [
        "Cac bo va co quan ngang bo",
        "Uy ban nhan dan cac tinh, TP",
    ]
    codes = findings(document)
    # The attachment is a .doc (zipped): no loader reads it, so everything is header-only.
    assert "BC605" in codes and codes.count("BC603") >= 9  # edoc_new: no number
    result = bcpipe.Pipeline().validate(document)
    assert result.findings  # reported, not raised
    # ToPlaces never carries the "Lưu:" line: a list known from the header only is partial,
    # and its missing archive line is no error of the document's.
    assert document.source is not None and document.source.is_partial(("recipients",))
    assert "BC302" not in result.codes()
    assert main(["validate", str(path)]) in (0, 1)
    out = io.StringIO()
    assert main(["export", str(path), "--to", "json"], out=out) == 0
    assert '"notation": "VPCP-TTĐT"' in out.getvalue()


def test_cong_van_subject_travels_as_printed(sample_data: dict[str, Any]) -> None:
    data = VARIANTS["cong_van"](issued(sample_data))
    document = bcpipe.load(data)
    root = etree.fromstring(PIPELINE.export(document, "edxml"))
    assert root.findtext(".//e:Subject", namespaces=NS) == f"V/v {document.subject}"
    back = PIPELINE.loads(etree.tostring(root), kind="edxml", name="cv.edxml")
    assert back.subject == document.subject


def test_business_changes_are_recognised() -> None:
    def change(name: str) -> str:
        document = bcpipe.load(SAMPLES / name)
        assert document.source is not None
        found = [f for f in document.source.findings if f.code == "BC606"]
        return found[0].message_en if found else ""

    assert change("edoc_new.edxml") == ""
    # No Bussiness/DocumentId in this sample: the package's own DocumentId is the one.
    assert "revokes document 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT" in change(
        "edoc_revocation.edxml"
    )
    assert "updates document" in change("edoc_update.edxml")
    assert "replaces document 000.00.00.G22,2014/01/30,7806/VPCP-TTĐT" in change(
        "edoc_replacement.edxml"
    )
    document = bcpipe.load(SAMPLES / "edoc_update.edxml")
    assert document.extensions["edxml"]["business"] == "update"
    assert document.extensions["edxml"]["receivers"] == [
        "000.00.00.H41",
        "000.00.00.H14",
        "000.00.00.G17",
    ]


def test_code_number_that_is_not_a_number_is_a_finding() -> None:
    document = bcpipe.load(SAMPLES / "edoc_new.edxml")  # CodeNumber "74fass22"
    assert document.number is None and "BC607" in findings(document)


def test_own_package_reads_back_with_its_body(sample_data: dict[str, Any]) -> None:
    original = bcpipe.load(issued(sample_data))
    back = PIPELINE.loads(own_package(sample_data), kind="edxml", name="own.edxml")
    assert findings(back) == []  # the text attachment was read and agrees with the header
    assert back.body == original.body and back.basis == original.basis
    assert back.issuer.abbreviation == "UBND"


def test_attachment_is_read_by_the_loader_its_suffix_picks(sample_data: dict[str, Any]) -> None:
    """No reader is imported: a loader registered for ".pdf" (the Word/PDF branch's, later)
    reads a PDF attachment without a change here."""
    seen: list[str] = []

    @bcpipe.loader("fake-pdf", suffixes=[".pdf"])
    def read_pdf(data: bytes, ctx: bcpipe.LoadContext) -> bcpipe.Document:
        seen.append(ctx.source or "")
        doc = bcpipe.load(issued(sample_data))
        return doc.model_copy(update={"subject": "Một trích yếu khác"})

    class Plugin:
        __name__ = "fake-pdf"

        @bcpipe.hookimpl
        def bcpipe_loaders(self) -> list[bcpipe.Loader]:
            return [read_pdf]

        @bcpipe.hookimpl
        def bcpipe_exporters(self) -> list[bcpipe.Exporter]:
            return [bcpipe.exporter("pdf", extension=".pdf")(lambda d, c: b"%PDF-1.4")]

    p = bcpipe.Pipeline(
        load_entrypoints=False,
        plugins=[edxml_plugin, text_plugin, Plugin()],
        settings=PIPELINE.settings,
    )
    package = p.export(bcpipe.load(issued(sample_data)), "edxml")
    back = p.loads(package, kind="edxml", name="in.edxml")
    assert seen == ["15-BC-UBND.pdf"]
    assert findings(back) == ["BC604"]  # the header's subject kept, the difference said
    assert back.subject == sample_data["subject"]


def test_an_attachment_left_unsigned_leaves_the_headers_signer(
    sample_data: dict[str, Any],
) -> None:
    # The attached text prints no name under the title (a draft's, attached by mistake):
    # nothing to compare SignerInfo/FullName with, the header's name is kept.
    unsigned = issued(sample_data)
    unsigned["signature"]["name"] = None
    text = PIPELINE.export(bcpipe.load(unsigned), "text")
    package, replaced = re.subn(
        rb"(<ContentTransferEncoded>)[^<]*",
        lambda m: m.group(1) + base64.b64encode(text),
        own_package(sample_data),
        count=1,
    )
    assert replaced == 1
    back = PIPELINE.loads(package, kind="edxml", name="unsigned.edxml")
    assert back.signature.name == sample_data["signature"]["name"]
    assert "BC604" not in findings(back)


def test_header_disagreeing_with_the_attachment(sample_data: dict[str, Any]) -> None:
    package = own_package(sample_data).replace(
        b"<edXML:Place>Tu", b"<edXML:Place>Quy Nh\xc6\xa1n Tu"
    )
    back = PIPELINE.loads(package, kind="edxml", name="x.edxml")
    assert back.place.startswith("Quy Nhơn")
    assert back.source is not None
    [mismatch] = [f for f in back.source.findings if f.code == "BC604"]
    assert mismatch.location.path == ("place",) and "Tuy Phước" in mismatch.message_en


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(status="issued", requests=0).filter(lambda d: d.marks.confidentiality is None))
def test_round_trip_keeps_every_header_field(document: bcpipe.Document) -> None:
    p = pipeline(sender="000.00.00.X00", to=["Sở Ngoại vụ tỉnh Bình Định"], attachment="none")
    package = p.export(document, "edxml")
    root = etree.fromstring(package)
    assert edxml_xsd_schema().validate(root), edxml_xsd_schema().error_log
    assert edxml_input_xsd_schema().validate(root)
    back = p.loads(package, kind="edxml", name="rt.edxml")
    for field in ("type", "number", "notation", "place", "issue_date", "subject", "signature"):
        assert getattr(back, field) == getattr(document, field), field
    assert back.issuer.name == document.issuer.name
    assert back.issuer.parent == document.issuer.parent
    kept = [r for r in document.recipients if r.kind != "archive"]
    assert back.recipients == kept
    marks = document.marks
    assert (back.marks.urgency, back.marks.circulation, back.marks.typist) == (
        marks.urgency,
        marks.circulation,
        marks.typist,
    )
    assert back.marks.copies == copies(document)
    assert [a.title for a in back.appendices] == [a.title for a in document.appendices]


# -- status messages ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", STATUS_SAMPLES, ids=lambda p: p.name)
def test_real_status_messages_are_read_and_reported(path: Path) -> None:
    report = describe_status(read_package(path.read_bytes(), str(path)))
    assert report.code == re.search(r"_(\d\d)\.edxml$", path.name).group(1)  # type: ignore[union-attr]
    assert (report.reporter_id, report.document_id) == (
        "000.00.00.H41",
        "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT",
    )
    assert report.timestamp == "2015/09/20 11:08:36"
    with pytest.raises(SourceError, match="status message, not a document"):
        bcpipe.load(path)
    out = io.StringIO()
    assert main(["edxml", "show", str(path)], out=out) == 0
    assert f"Trạng thái / status: {report.code}" in out.getvalue()


def test_status_package_answers_a_received_document(sample_data: dict[str, Any]) -> None:
    received = own_package(sample_data)
    as_receiver = read_settings(
        {"edxml": {"organs": ORGANS, "staff": STAFF, "sender": "000.00.00.X01"}}
    )
    data = status_package(received, "03", as_receiver, timestamp="2023/01/11 09:00:00")
    assert data == status_package(received, "03", as_receiver, timestamp="2023/01/11 09:00:00")
    root = etree.fromstring(data)
    assert edxml_xsd_schema().validate(root) and edxml_input_xsd_schema().validate(root)
    report = describe_status(read_package(data, "status.edxml"))
    assert (report.code, report.meaning_en, report.reporter_id) == (
        "03",
        "accepted",
        "000.00.00.X01",
    )
    assert report.document_id == "000.00.00.X00,2023/01/10,15/BC-UBND"
    assert report.document_code == "15/BC-UBND"
    # Answering a real SDK package (its sender has an OrganId of an older shape).
    sdk = read_settings({"edxml": {"sender": "000.00.00.H41"}})
    answer = status_package(
        (SAMPLES / "edoc_update.edxml").read_bytes(), "06", sdk, timestamp="2023/01/11 09:00:00"
    )
    assert describe_status(read_package(answer, None)).document_code == "7816/VPCP-TTĐT"
    with pytest.raises(EdxmlError, match="status code '07'"):
        status_package(received, "07", as_receiver, timestamp="2023/01/11 09:00:00")


def test_cli_status(sample_data: dict[str, Any], tmp_path: Path) -> None:
    received = tmp_path / "in.edxml"
    received.write_bytes(own_package(sample_data))
    config = tmp_path / "bcpipe.toml"
    config.write_text('[edxml]\nsender = "000.00.00.X01"\n', encoding="utf-8")
    out = tmp_path / "status.edxml"
    argv = ["edxml", "status", str(received), "--code", "05", "--config", str(config)]
    assert main([*argv, "--timestamp", "2023/01/12 10:00:00", "-o", str(out)]) == 0
    report = describe_status(read_package(out.read_bytes(), str(out)))
    assert (report.code, report.timestamp) == ("05", "2023/01/12 10:00:00")
    err = io.StringIO()
    assert main([*argv[:-2], "--timestamp", "2023/01/12 10:00:00"], err=err) == 2
    assert "no OrganId" in err.getvalue() and "To: 000.00.00.X01" in err.getvalue()
    listing = io.StringIO()
    assert main(["edxml", "show", str(received), str(out)], out=listing) == 0
    assert "Gửi đến / to: Sở Thông tin và Truyền thông tỉnh Bình Định" in listing.getvalue()


# -- bad packages -------------------------------------------------------------------------------


def test_broken_base64_is_a_clear_error(sample_data: dict[str, Any]) -> None:
    package = re.sub(
        rb"(<ContentTransferEncoded>)([A-Za-z0-9+/]{8})", rb"\1!!!!\2", own_package(sample_data)
    )
    with pytest.raises(
        SourceError, match=r"bad\.edxml:\d+: the attachment '15-BC-UBND.txt' is not valid base64"
    ):
        PIPELINE.loads(package, kind="edxml", name="bad.edxml")


def test_huge_attachment_is_a_clear_error(sample_data: dict[str, Any]) -> None:
    big = base64.b64encode(b"\0" * (8 * 1024 * 1024))
    package = re.sub(
        rb"(<ContentTransferEncoded>)[^<]*", lambda m: m.group(1) + big, own_package(sample_data)
    )
    with pytest.raises(SourceError, match="too big to read safely"):
        PIPELINE.loads(package, kind="edxml", name="big.edxml")


def test_zip_over_the_limit_is_refused(
    sample_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    package = own_package(sample_data, pipeline(zip=True))
    monkeypatch.setattr(incoming, "MAX_UNZIPPED", 100)
    with pytest.raises(SourceError, match=r"unzips to .* over the limit of 100"):
        PIPELINE.loads(package, kind="edxml", name="zip.edxml")


def test_packages_from_outside_are_parsed_safely() -> None:
    doctype = (
        b'<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML/>'
    )
    with pytest.raises(SourceError, match="DOCTYPE"):
        read_package(doctype, "x.edxml")
    with pytest.raises(SourceError, match="not an edXML package: the root element is <report>"):
        read_package(b"<report/>", "x.edxml")
    with pytest.raises(SourceError, match=r"x\.edxml:\d+: not a well-formed edXML package"):
        read_package(f'<edXML xmlns="{NAMESPACE}"><Body/></edXML>'.encode(), "x.edxml")
    assert main(["validate", str(SAMPLES / "README.md")]) == 2
