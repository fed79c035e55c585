"""bcpipe XML: the exporter, the reader, the generated XSD and safe parsing."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

import bcpipe_plugins.xml_document as xml_plugin
import pytest
from bcpipe_plugins.xml_document import NAMESPACE, document_xsd, document_xsd_schema
from bcpipe_plugins.xml_document.safe import safe_parser
from bcpipe_plugins.xml_document.xsd import xsd_pattern
from conftest import ROOT, SAMPLE_YAML
from doc_variants import VARIANTS, variant
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import BaseModel

import bcpipe
from bcpipe import model as bcmodel
from bcpipe.cli import main

COMMITTED_XSD = ROOT / "schemas" / "bcpipe-document.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
Q = "{" + NAMESPACE + "}"


def export_xml(pipeline: bcpipe.Pipeline, data: dict[str, Any]) -> bytes:
    return pipeline.export(bcpipe.load(data), "xml")


def is_valid(xml: bytes) -> bool:
    return bool(document_xsd_schema().validate(etree.fromstring(xml)))


# -- the XSD ---------------------------------------------------------------------------


def test_committed_xsd_is_the_one_the_code_uses() -> None:
    assert COMMITTED_XSD.read_bytes() == document_xsd(), "run `make schemas`"


def test_compiled_schema_is_built_once() -> None:
    assert document_xsd_schema() is document_xsd_schema()


def _concrete_model_classes() -> list[type[BaseModel]]:
    # Model, TextBlock and Container are bases: their fields are checked on subclasses.
    bases = {"Model", "TextBlock", "Container"}
    return [
        cls
        for name in bcmodel.__all__
        if isinstance(cls := getattr(bcmodel, name), type)
        and issubclass(cls, BaseModel)
        and name not in bases
    ]


def test_xsd_covers_every_field_of_the_model() -> None:
    """Checked against pydantic's field list, not against the JSON Schema the XSD is
    generated from, so a field the generator dropped would show here."""
    schema = etree.fromstring(COMMITTED_XSD.read_bytes())
    types = {t.get("name"): t for t in schema.iter(XS + "complexType") if t.get("name")}
    element_types = {(e.get("name"), e.get("type")) for e in schema.iter(XS + "element")}
    classes = _concrete_model_classes()
    assert len(classes) > 15
    for cls in classes:
        assert cls.__name__ in types, f"no complexType for {cls.__name__}"
        declared = types[cls.__name__]
        own = {
            node.get("name")
            for node in declared.iter(XS + "element", XS + "attribute")
            # only this type's own fields, not the items of its lists
            if node.getparent() is not None
            and (node.getparent().getparent() is declared or node.getparent() is declared)
        }
        for field_name, info in cls.model_fields.items():
            if field_name == "kind":  # the element's name says it
                assert (info.default, f"b:{cls.__name__}") in element_types
            else:
                assert field_name in own, f"{cls.__name__}.{field_name} missing from the XSD"


def test_xsd_rejects_what_the_model_rejects(sample_data: dict[str, Any]) -> None:
    xml = export_xml(bcpipe.Pipeline(), sample_data)
    broken = [
        xml.replace(b"<subject>", b"<subjet>").replace(b"</subject>", b"</subjet>"),
        xml.replace(b'<section number="I">', b'<section number="1">'),
        xml.replace(b"<type>bao_cao</type>", b"<type>bao_kao</type>"),
        xml.replace(b"<year>2023</year>", b"<year>23</year>"),
    ]
    for bad in broken:
        assert bad != xml
        assert not is_valid(bad)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^[IVXLCDM]+$", r"[IVXLCDM]+"),
        (r"^\d{1,3}(?:\.\d{1,3})*$", r"\d{1,3}(\.\d{1,3})*"),
        (r"\S+", r".*\S+.*"),
    ],
)
def test_model_patterns_become_anchored_xsd_patterns(pattern: str, expected: str) -> None:
    assert xsd_pattern(pattern) == expected


def test_patterns_without_xsd_form_are_refused() -> None:
    for pattern in (r"^(?=a)b$", r"\bword", r"^a+?$"):
        with pytest.raises(Exception, match="no XSD equivalent"):
            xsd_pattern(pattern)


# -- export: valid, complete, deterministic --------------------------------------------


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_variant_validates_and_round_trips(
    name: str, sample_data: dict[str, Any], pipeline: bcpipe.Pipeline
) -> None:
    document = bcpipe.load(variant(sample_data, name))
    xml = pipeline.export(document, "xml")
    assert is_valid(xml), document_xsd_schema().error_log
    loaded = pipeline.loads(xml, kind="xml", name=f"{name}.xml")
    assert loaded.model_dump() == pipeline.prepare(document).model_dump()
    assert pipeline.export(loaded, "xml") == xml


def test_output_is_deterministic_utf8_with_declaration(sample_data: dict[str, Any]) -> None:
    first = export_xml(bcpipe.Pipeline(), variant(sample_data, "everything"))
    second = export_xml(bcpipe.Pipeline(), variant(sample_data, "everything"))
    assert first == second
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<document xmlns=")
    assert first.endswith(b"</document>\n")
    first.decode("utf-8")


def test_layout_of_blocks_and_fields(sample_data: dict[str, Any]) -> None:
    root = etree.fromstring(export_xml(bcpipe.Pipeline(), variant(sample_data, "everything")))
    assert root.tag == Q + "document" and root.get("schema_version") == "1"
    section = root.find(f"{Q}body/{Q}section")
    assert section is not None and section.get("number") == "I"
    # a block's own words first, then its citations, then its children
    assert [etree.QName(c).localname for c in section] == ["heading", "children"]
    clause = section.find(f"{Q}children/{Q}clause")
    assert clause is not None and clause.get("number") == "1"
    nested = clause.find(f"{Q}children/{Q}item/{Q}children/{Q}item")
    assert nested is not None and nested.get("marker") == "+"
    table = root.find(f".//{Q}table")
    assert table is not None and table.get("header_rows") == "2"
    rows = table.findall(f"{Q}rows/{Q}row")
    assert [len(row.findall(f"{Q}cell")) for row in rows] == [3, 3, 3, 3, 0]
    assert rows[1].find(f"{Q}cell") is not None and not rows[1].findtext(f"{Q}cell")
    recipients = root.find(f"{Q}recipients")
    assert recipients is not None
    kinds = [etree.QName(r).localname for r in recipients]
    assert kinds[0] == "as_above" and kinds[-1] == "archive" and "recipient" in kinds
    assert root.find(f"{Q}signature/{Q}authority/{Q}line").get("prefix") == "TUQ."
    citation = root.find(f"{Q}basis/{Q}paragraph/{Q}citations/{Q}citation")
    assert citation is not None and citation.findtext(f"{Q}title")


def test_draft_leaves_blank_parts_out(sample_data: dict[str, Any]) -> None:
    root = etree.fromstring(export_xml(bcpipe.Pipeline(), sample_data))
    assert root.find(f"{Q}number") is None
    issue_date = root.find(f"{Q}issue_date")
    assert issue_date is not None and [etree.QName(c).localname for c in issue_date] == ["year"]
    assert root.findtext(f"{Q}status") == "draft"


def test_extension_values_keep_their_json_types(sample_data: dict[str, Any]) -> None:
    data = variant(sample_data, "with_extensions")
    pipeline = bcpipe.Pipeline()
    loaded = pipeline.loads(export_xml(pipeline, data), kind="xml")
    assert loaded.extensions == data["extensions"]
    tags = loaded.extensions["archive"]["tags"]
    assert [type(v) for v in tags] == [str, int, type(None), bool, dict]
    assert isinstance(loaded.extensions["pdf"]["scale"], float)


XML_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\ufffe\uffff",
    ),
    max_size=40,
)


# Only the XML plugin: the round trip must not depend on rules or transforms (and is faster).
XML_ONLY = bcpipe.Pipeline(load_entrypoints=False, plugins=[xml_plugin])


@settings(max_examples=60, deadline=None)
@given(subject=XML_TEXT.filter(lambda s: s.strip()), cell=XML_TEXT)
def test_any_text_survives_the_round_trip(
    sample_data: dict[str, Any], subject: str, cell: str
) -> None:
    data = copy.deepcopy(sample_data)
    data["subject"] = subject
    data["body"] = [{"kind": "table", "rows": [[cell, "a&<>\"']]>\r\n\tb"]]}]
    document = bcpipe.load(data)
    xml = XML_ONLY.export(document, "xml")
    loaded = XML_ONLY.loads(xml, kind="xml")
    assert loaded.model_dump() == document.model_dump()
    assert XML_ONLY.export(loaded, "xml") == xml


def test_control_characters_are_a_clear_error(sample: dict[str, Any]) -> None:
    sample["subject"] = "Báo cáo \x07 năm 2022"
    # Refused at load now (bcpipe.limits: no format can hold it), naming the field.
    with pytest.raises(bcpipe.InvalidDocumentError, match=r"subject: the control character"):
        export_xml(bcpipe.Pipeline(), sample)


# -- reading: errors with places -------------------------------------------------------


@pytest.fixture(scope="module")
def sample_xml() -> bytes:
    return bcpipe.Pipeline().export(SAMPLE_YAML, "xml")


def test_line_map_gives_the_source_line_of_each_element(
    sample_xml: bytes, pipeline: bcpipe.Pipeline
) -> None:
    document = pipeline.loads(sample_xml, kind="xml", name="bc.xml")
    assert document.source is not None
    lines = sample_xml.decode("utf-8").split("\n")
    heading_line = document.source.lines["body[1].heading"]
    assert "<heading>ĐÁNH GIÁ NHỮNG THUẬN LỢI" in lines[heading_line - 1]
    item_line = document.source.line_of(("body", 0, "children", 1, "children", 0, "text"))
    assert item_line is not None and "Thực hiện tốt công tác quản lý" in lines[item_line - 1]
    assert document.source.lines["body[0].number"] == document.source.lines["body[0]"]


def _load(data: bytes, name: str = "bad.xml") -> bcpipe.Document:
    return bcpipe.Pipeline().loads(data, kind="xml", name=name)


def _line_of(xml: bytes, needle: bytes) -> int:
    return xml[: xml.index(needle)].count(b"\n") + 1


def test_unknown_element_is_a_model_error_with_line(sample_xml: bytes) -> None:
    bad = sample_xml.replace(b"<place>", b"<plaec>x</plaec><place>", 1)
    with pytest.raises(bcpipe.InvalidDocumentError) as caught:
        _load(bad)
    problem = caught.value.problems[0]
    assert problem.path == "plaec" and "did you mean 'place'" in problem.message
    assert problem.line == _line_of(bad, b"<plaec>")
    assert str(caught.value).startswith("bad.xml: not a valid document")


def test_unknown_attribute_is_a_model_error_with_line(sample_xml: bytes) -> None:
    bad = sample_xml.replace(b'<section number="I">', b'<section numbr="I">', 1)
    with pytest.raises(bcpipe.InvalidDocumentError) as caught:
        _load(bad)
    problem = caught.value.problems[0]
    assert problem.path == "body[0].numbr" and "did you mean 'number'" in problem.message
    assert problem.line == _line_of(bad, b'<section numbr="I">')


def test_bad_values_name_path_and_line(sample_xml: bytes) -> None:
    bad = sample_xml.replace(b"<year>2023</year>", b"<year>hai nghin</year>", 1)
    bad = bad.replace(b'<clause number="2">', b'<clause number="2b">', 1)
    with pytest.raises(bcpipe.InvalidDocumentError) as caught:
        _load(bad)
    found = {p.path: p for p in caught.value.problems}
    assert "whole number" in found["issue_date.year"].message
    assert found["issue_date.year"].line == _line_of(bad, b"<year>hai nghin")
    assert found["body[0].children[1].number"].line == _line_of(bad, b'<clause number="2b">')


def test_repeated_element_is_refused_with_line(sample_xml: bytes) -> None:
    heading = "<heading>KẾT QUẢ THỰC HIỆN</heading>".encode()
    bad = sample_xml.replace(heading, heading + b"<heading>Hai</heading>", 1)
    with pytest.raises(bcpipe.SourceError, match=r"<heading> is given twice") as caught:
        _load(bad)
    assert caught.value.line == _line_of(bad, heading)


def test_missing_field_and_model_rule_name_their_paths(sample_xml: bytes) -> None:
    bad = re.sub(rb"\s*<subject>[^<]*</subject>", b"", sample_xml, count=1)
    clause = b'<clause number="1">'
    bad = bad.replace(clause, clause + b"<text>Hai</text>", 1)
    with pytest.raises(bcpipe.InvalidDocumentError) as caught:
        _load(bad)
    found = {p.path: p for p in caught.value.problems}
    assert found["subject"].message == "a báo cáo needs its subject (trích yếu)"
    assert "either a heading or a text" in found["body[0].children[0]"].message
    assert found["body[0].children[0]"].line == _line_of(bad, clause)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ((b"<body>", b"<body><tieu_muc/>"), r"<tieu_muc> cannot stand in <body>; expected one of"),
        ((b"<place>", b"<place><b>x</b>"), r"<place> holds text only, not <b>"),
        ((b"<issuer>", b"<issuer>stray words"), r"unexpected text 'stray words' in <issuer>"),
        ((b"<place>", b'<x:place xmlns:x="urn:other">a</x:place><place>'), r"not in the bcpipe"),
        (
            (b'<section number="I">', b'<section number="I"><number>I</number>'),
            r"'number' is an attr",
        ),
        ((b"<place>", b'<place lang="vi">'), r"<place> has no attribute 'lang'"),
        ((b"<body>", b'<body kind="x">'), r"<body> has no attribute 'kind'"),
        ((b'<section number="I">', b'<section kind="table" number="I">'), r"<section> already"),
        ((b"<paragraph>", b"<paragraph><kind>table</kind>"), r"remove 'kind': the element name"),
        ((b"<notation>", b'<notation marker="-">'), r"no attribute 'marker'"),
        ((b"<addressees>", b"<addressees><name>x</name>"), r"expected <addressee>"),
    ],
)
def test_xml_shape_errors_are_source_errors_with_line(
    sample_xml: bytes, change: tuple[bytes, bytes], message: str
) -> None:
    old, new = change
    xml = sample_xml
    if old == b"<addressees>":  # the sample has none: add the list first
        xml = xml.replace(b"<basis>", b"<addressees><addressee>A</addressee></addressees><basis>")
    bad = xml.replace(old, new, 1)
    assert bad != xml
    with pytest.raises(bcpipe.SourceError, match=message) as caught:
        _load(bad)
    assert caught.value.line is not None and caught.value.line > 1


def test_wrong_root_is_named(sample_data: dict[str, Any]) -> None:
    with pytest.raises(bcpipe.SourceError, match=r"root element is report, expected <document"):
        _load(b"<report/>")
    with pytest.raises(bcpipe.SourceError, match="edXML package"):
        _load(b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>')


def test_comments_and_schema_location_are_accepted(sample_xml: bytes) -> None:
    xml = sample_xml.replace(
        b'<document xmlns="urn:bcpipe:document:1"',
        b'<!-- archived copy --><document xmlns="urn:bcpipe:document:1" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        b'xsi:schemaLocation="urn:bcpipe:document:1 bcpipe-document.xsd"',
    ).replace(b"<place>", "<place><!-- địa danh -->".encode())
    assert _load(xml).place == "Tuy Phước"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"invalid XML"),
        (b"<document xmlns='urn:bcpipe:document:1'>", r"bad.xml:1:\d+: invalid XML"),
        (b"\x00\x01PK binary", r"binary file"),
        (b"<?xml version='1.0' encoding='latin-1'?><document/>", r"UTF-8 only"),
        (b"<document>\xff</document>", r"not UTF-8"),
    ],
)
def test_unreadable_files_are_source_errors(data: bytes, message: str) -> None:
    with pytest.raises(bcpipe.SourceError, match=message):
        _load(data)


# -- hostile files -----------------------------------------------------------------------


def test_external_entity_cannot_read_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    attack = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE document [<!ENTITY leak SYSTEM "file://{secret}">]>\n'
        f'<document xmlns="{NAMESPACE}"><type>bao_cao</type><place>&leak;</place></document>'
    ).encode()
    with pytest.raises(bcpipe.SourceError) as caught:
        _load(attack, "xxe.xml")
    assert "DOCTYPE" in str(caught.value) and caught.value.line == 2
    assert "TOP-SECRET" not in str(caught.value)


def test_external_dtd_and_xinclude_are_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOP-SECRET-4711">', encoding="utf-8")
    external = f'<!DOCTYPE document SYSTEM "file://{secret}"><document/>'.encode()
    with pytest.raises(bcpipe.SourceError, match="DOCTYPE") as caught:
        _load(external)
    assert "TOP-SECRET" not in str(caught.value)
    xinclude = (
        f'<document xmlns="{NAMESPACE}" xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<xi:include href="file://{secret}" parse="text"/></document>'
    ).encode()
    with pytest.raises(bcpipe.SourceError, match="not in the bcpipe namespace") as caught:
        _load(xinclude)
    assert "TOP-SECRET" not in str(caught.value)


def test_entity_expansion_bomb_is_refused_before_parsing() -> None:
    levels = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' if i else '<!ENTITY l0 "ha">' for i in range(10)
    )
    bomb = (
        f'<?xml version="1.0"?>\n<!-- comment first -->\n<!DOCTYPE document [{levels}]>\n'
        f'<document xmlns="{NAMESPACE}"><subject>&l9;</subject></document>'
    ).encode()
    with pytest.raises(bcpipe.SourceError, match="DOCTYPE") as caught:
        _load(bomb, "lol.xml")
    assert caught.value.line == 3


def test_the_parser_alone_expands_and_fetches_nothing(tmp_path: Path) -> None:
    """The second line of defence: even given a DTD, the parser substitutes no entity."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711", encoding="utf-8")
    levels = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 5))
    attack = (
        f'<!DOCTYPE d [<!ENTITY leak SYSTEM "file://{secret}"><!ENTITY l0 "ha">{levels}]>'
        "<d><a>&leak;</a><b>&l4;</b></d>"
    ).encode()
    root = etree.fromstring(attack, safe_parser())
    written = etree.tostring(root)
    assert b"TOP-SECRET" not in written and len(written) < 200
    assert "".join(root.itertext()) == "&leak;&l4;"  # references kept, never substituted


def test_nesting_too_deep_is_refused(sample_xml: bytes) -> None:
    nest = b"<section><children>" * 200 + b"</children></section>" * 200
    with pytest.raises(bcpipe.SourceError, match="safety limits") as caught:
        _load(sample_xml.replace(b"<body>", b"<body>" + nest, 1))
    assert "XML_PARSE_HUGE" not in str(caught.value)  # an option the user cannot set


def test_a_tag_named_huge_is_not_taken_for_the_limit() -> None:
    with pytest.raises(bcpipe.SourceError, match="tag mismatch"):
        _load(f'<document xmlns="{NAMESPACE}"><hugeTable></document>'.encode())


def test_a_text_over_the_parsers_limit_is_refused(sample_xml: bytes) -> None:
    with pytest.raises(bcpipe.SourceError, match="safety limits"):
        _load(sample_xml.replace(b"<place>", b"<place>" + b"a" * 11_000_000, 1))


def test_undeclared_entity_is_a_syntax_error() -> None:
    with pytest.raises(bcpipe.SourceError, match=r"invalid XML: Entity 'x' not defined"):
        _load(f'<document xmlns="{NAMESPACE}"><place>&x;</place></document>'.encode())


# -- CLI and API -----------------------------------------------------------------------


def test_cli_exports_xml_then_validates_and_converts_it(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xml"
    assert main(["export", str(SAMPLE_YAML), "--to", "xml", "-o", str(out)]) == 0
    assert is_valid(out.read_bytes())
    report = io.StringIO()
    code = main(["validate", str(out)], out=report, err=io.StringIO())
    assert code in (0, 1) and report.getvalue().startswith(f"{out}: draft,")
    text = io.StringIO()
    text.buffer = io.BytesIO()  # type: ignore[misc]
    assert main(["export", str(out), "--to", "text"], out=text) == 0
    assert text.buffer.getvalue() == bcpipe.Pipeline().export(SAMPLE_YAML, "text")


def test_cli_reports_a_hostile_file_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>')
    err = io.StringIO()
    assert main(["validate", str(bad)], out=io.StringIO(), err=err) == 2
    assert f"{bad}:1: a DOCTYPE" in err.getvalue() and "Traceback" not in err.getvalue()


def test_plugins_are_registered(pipeline: bcpipe.Pipeline) -> None:
    assert "xml" in pipeline.export_formats and "xml" in pipeline.load_kinds
    assert pipeline.exporter("xml").media_type == "application/xml"
