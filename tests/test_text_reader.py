"""The plain-text reader (issue 5): the sample, realistic fixtures, round trips through the
text exporter, irregular input, what is not a document, and the command line."""

from __future__ import annotations

import importlib
import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import bcpipe
from bcpipe import InvalidDocumentError, Severity, SourceError, render
from bcpipe.cli import main
from bcpipe.model import Container, Document
from bcpipe.model.body import Block
from bcpipe.source import format_path
from bcpipe.walk import iter_blocks, iter_text_blocks

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"
SAMPLE_YAML = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "text"
FIXTURE_TEXTS = sorted(FIXTURES.glob("*.txt"))

SIGNATURE_AND_RECIPIENTS = """Nơi nhận:

- Sở Thông tin và Truyền thông;
- CT và PCT UBND huyện (*Đ/c Tân*);
- Phòng VH – TT huyện;
- PCVP-1, CVVP (K5);
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Hùng Tân"""


@pytest.fixture(scope="module")
def reader() -> bcpipe.Pipeline:
    """A pipeline that lets a crash in a plugin raise (instead of wrapping it)."""
    return bcpipe.Pipeline(debug=True)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_doc(reader: bcpipe.Pipeline, seed_text: str) -> Document:
    return reader.loads(seed_text, kind="text", name="seed.txt")


def line_of(text: str, words: str) -> int:
    """The 1-based number of the first line of ``text`` holding ``words``."""
    for number, line in enumerate(text.split("\n"), 1):
        if words in line:
            return number
    raise AssertionError(f"{words!r} not in the text")


def codes(document: Document) -> list[str]:
    assert document.source is not None
    return [f.code for f in document.source.findings]


def resolve(value: Any, path: str) -> Any:
    """``body[0].children[1].rows[1][1]`` of a document (attributes, then indices)."""
    for name, indices in re.findall(r"(\w+)((?:\[\d+\])*)", path):
        value = value[name] if isinstance(value, dict) else getattr(value, name)
        for index in re.findall(r"\d+", indices):
            value = value[int(index)]
    return value


def outline(blocks: list[Block], depth: int = 0) -> list[str]:
    """The tree as "kind label" lines; "heading" marks a numbered block that heads others."""
    out: list[str] = []
    for block in blocks:
        label = render.block_label(block) or ""
        label = label.removeprefix("Phần ").rstrip(".)") if block.kind != "item" else label
        heading = block.kind in ("clause", "point") and getattr(block, "heading", None)
        line = f"{'  ' * depth}{block.kind} {label}".rstrip() + (" heading" if heading else "")
        out.append(line)
        if isinstance(block, Container):
            out.extend(outline(block.children, depth + 1))
    return out


# -- the sample ---------------------------------------------------------------------


def test_sample_reads_as_the_hand_written_model(seed_doc: Document, seed_text: str) -> None:
    expected = bcpipe.load(yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8")))
    assert seed_doc.model_dump() == expected.model_dump()
    # The issuer and the motto are not in the text: inferred and defaulted, and said so.
    issuer = next(f for f in seed_doc.source.findings if f.code == "BC505")  # type: ignore[union-attr]
    assert issuer.location.line == line_of(seed_text, "TM. ỦY BAN NHÂN DÂN")
    assert "UBND huyện Tuy Phước" in issuer.message_vi
    assert "BC504" in codes(seed_doc)


def test_sample_sentences_broken_by_page_breaks_are_joined(
    seed_doc: Document, seed_text: str, reader: bcpipe.Pipeline
) -> None:
    exported = reader.export(seed_doc, "text").decode("utf-8")
    flat = " ".join(exported.split())
    for line in seed_text.split("\n"):
        if line.strip():
            assert " ".join(line.split()) in flat, line
    assert "quảng bá hình ảnh Tuy Phước đến bạn bè thế giới" in exported
    assert "thực hiện tốt các chính sách hoạt động đối ngoại" in exported
    joins = [f for f in seed_doc.source.findings if f.code == "BC502"]  # type: ignore[union-attr]
    assert [f.location.line for f in joins] == [
        line_of(seed_text, "ảnh Tuy Phước đến bạn bè"),
        line_of(seed_text, "chính sách hoạt động đối ngoại"),
    ]
    assert [f.location.path for f in joins] == [
        ("body", 0, "children", 0, "children", 4),
        ("body", 1, "children", 0, "children", 1),
    ]


def test_sample_citations_sections_recipients_and_signer(
    seed_doc: Document, reader: bcpipe.Pipeline
) -> None:
    basis = seed_doc.basis[0].citations
    assert [(c.type_name, c.code, c.issuer) for c in basis] == [
        ("Công văn", "1440/STTTT-TTBCXB", "Sở Thông tin và Truyền thông tỉnh Bình Định")
    ]
    prepared = reader.prepare(seed_doc)
    cited = [
        (c.code, c.date.to_date().isoformat() if c.date and c.date.to_date() else None)
        for _, block in iter_text_blocks(prepared)
        for c in block.citations
    ]
    assert cited == [
        ("1440/STTTT-TTBCXB", "2022-12-08"),
        ("20/KH-UBND", "2022-02-23"),
        ("59/KH-UBND", "2022-06-09"),
    ]
    assert [(s.number, s.heading) for s in seed_doc.body] == [
        ("I", "KẾT QUẢ THỰC HIỆN"),
        (
            "II",
            "ĐÁNH GIÁ NHỮNG THUẬN LỢI, KHÓ KHĂN, TÒN TẠI VÀ GIẢI PHÁP TRONG VIỆC TRIỂN KHAI "
            "THỰC HIỆN CÔNG TÁC THÔNG TIN ĐỐI NGOẠI",
        ),
        ("III", "ĐỀ XUẤT, KIẾN NGHỊ"),
    ]
    assert [render.recipient_text(r) for r in seed_doc.recipients] == [
        "Sở Thông tin và Truyền thông",
        "CT và PCT UBND huyện (*Đ/c Tân*)",
        "Phòng VH – TT huyện",
        "PCVP-1, CVVP (K5)",
        "Lưu: VT",
    ]
    assert seed_doc.signature.title_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert seed_doc.signature.name == "Nguyễn Hùng Tân"
    assert seed_doc.is_draft and seed_doc.number is None and seed_doc.issue_date.year == 2023


def test_sample_line_map_names_the_source_lines(seed_doc: Document, seed_text: str) -> None:
    source = seed_doc.source
    assert source is not None and source.kind == "text"
    expected = {
        "number": "Số: /BC-UBND",
        "place": "Tuy Phước, ngày",
        "type": "BÁO CÁO",
        "subject": "Kết quả hoạt động thông tin đối ngoại năm 2022",
        "basis[0].text": "Thực hiện Công văn số 1440",
        "body[0].heading": "I. KẾT QUẢ THỰC HIỆN",
        "body[0].children[1].children[1].text": "- Căn cứ Kế hoạch số 20/KH-UBND",
        "body[2].children[0].text": "Để công tác thông tin đối ngoại hoạt động",
        "closing[0]": "Trên đây là báo cáo",
        "recipients": "Nơi nhận:",
        "recipients[4]": "- Lưu: VT.",
        "signature.authority[1]": "KT. CHỦ TỊCH",
        "signature.position": "PHÓ CHỦ TỊCH",
        "signature.name": "Nguyễn Hùng Tân",
    }
    for path, words in expected.items():
        assert source.lines[path] == line_of(seed_text, words), path


def test_sample_yaml_round_trips_through_text(reader: bcpipe.Pipeline) -> None:
    document = reader.load(SAMPLE_YAML)
    text = reader.export(document, "text")
    assert reader.loads(text, kind="text").model_dump() == document.model_dump()


# -- round trips and realistic documents -----------------------------------------------


@pytest.mark.parametrize("path", [SEED, *FIXTURE_TEXTS], ids=lambda p: p.stem)
def test_text_export_and_reader_are_inverse(reader: bcpipe.Pipeline, path: Path) -> None:
    document = reader.load(path)
    exported = reader.export(document, "text")
    again = reader.loads(exported, kind="text", name="exported.txt")
    assert again.model_dump() == document.model_dump()
    assert reader.export(again, "text") == exported  # the export is a fixed point
    assert "BC501" not in codes(again)


def test_there_are_at_least_eight_fixtures_with_their_facts() -> None:
    assert len(FIXTURE_TEXTS) >= 8
    for path in FIXTURE_TEXTS:
        assert path.with_suffix(".facts.yaml").is_file(), path


def _check_facts(document: Document, facts: dict[str, Any]) -> None:
    for name in ("type", "status", "number", "notation", "place", "subject", "addressees"):
        got = resolve(document, name)
        assert (got.value if hasattr(got, "value") else got) == facts[name], name
    day, month, year = facts["issue_date"]
    assert (document.issue_date.day, document.issue_date.month, document.issue_date.year) == (
        day,
        month,
        year,
    )
    assert document.issuer.model_dump() == facts["issuer"]
    assert [[c.code for c in p.citations] for p in document.basis] == facts["basis_citations"]
    assert outline(document.body) == facts["outline"]
    closing = [p.text for p in document.closing]
    assert len(closing) == len(facts["closing"])
    for text, start in zip(closing, facts["closing"], strict=True):
        assert text.startswith(start)
    signature = document.signature
    assert [str(a) for a in signature.authority] == facts["signature"]["authority"]
    assert signature.position == facts["signature"]["position"]
    assert signature.name == facts["signature"]["name"]
    assert [render.recipient_text(r) for r in document.recipients] == facts["recipients"]
    for name, value in facts.get("marks", {}).items():
        got = getattr(document.marks, name)
        assert (got.value if hasattr(got, "value") else got) == value, name
    assert document.contact == facts.get("contact")
    assert document.extensions == facts.get("extensions", {})
    appendices = facts.get("appendices", [])
    assert len(document.appendices) == len(appendices)
    for appendix, expected in zip(document.appendices, appendices, strict=True):
        assert (appendix.number, appendix.title, appendix.reference) == (
            expected["number"],
            expected["title"],
            expected["reference"],
        )
        assert outline(appendix.body) == expected["outline"]
    for path, value in facts.get("at", {}).items():
        assert resolve(document, path) == value, path


@pytest.mark.parametrize("path", FIXTURE_TEXTS, ids=lambda p: p.stem)
def test_fixture_facts_are_read(reader: bcpipe.Pipeline, path: Path) -> None:
    facts = yaml.safe_load(path.with_suffix(".facts.yaml").read_text(encoding="utf-8"))
    document = reader.load(path)
    _check_facts(document, facts)
    assert document.source is not None
    for model_path, line in facts["lines"].items():
        assert document.source.lines[model_path] == line, model_path
    assert sorted(set(codes(document))) == facts["findings"]


@pytest.mark.parametrize("path", [SEED, *FIXTURE_TEXTS], ids=lambda p: p.stem)
def test_line_map_paths_exist_in_the_model(reader: bcpipe.Pipeline, path: Path) -> None:
    document = reader.load(path)
    assert document.source is not None
    lines = document.source.lines
    for block_path, _ in iter_blocks(document):  # every block has its line
        assert format_path(block_path) in lines, block_path
    for index in range(len(document.recipients)):
        assert f"recipients[{index}]" in lines
    assert {"type", "subject", "notation", "place", "signature.name"} <= set(lines)
    count = len(path.read_text(encoding="utf-8").split("\n"))
    for key, line in lines.items():
        resolve(document, key)  # raises when the path names nothing
        assert 1 <= line <= count, key


@pytest.mark.parametrize("path", FIXTURE_TEXTS, ids=lambda p: p.stem)
def test_fixtures_validate_and_export_through_the_pipeline(
    pipeline: bcpipe.Pipeline, path: Path
) -> None:
    result = pipeline.validate(pipeline.load(path))
    assert not [f for f in result.findings if f.code.startswith("BC9")]
    assert all(f.location.line is not None for f in result.findings if f.location.path)
    assert pipeline.export(result.document, "json")


# -- irregular input ----------------------------------------------------------------------


def _replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new)

    return change


IRREGULAR: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "non-breaking spaces": lambda t: t.replace("Số: /", "Số:\u00a0/").replace(
        "năm 2022 trên", "năm\u00a02022\u202ftrên"
    ),
    "en dash bullets": lambda t: re.sub(r"(?m)^- ", "– ", t),
    "em dash bullets": lambda t: re.sub(r"(?m)^- ", "— ", t),
    "decomposed letters": lambda t: unicodedata.normalize("NFD", t),
    "lone page numbers": _replace("quảng bá hình\n\n", "quảng bá hình\n\n- 2 -\n\n"),
    "form feed page break": _replace("quảng bá hình\n\n", "quảng bá hình\n\f"),
    "header run together": _replace("Số: /BC-UBND\n\nTuy Phước", "Số: /BC-UBND Tuy Phước"),
    "blank with dots": lambda t: t.replace("Số: /", "Số: ......./").replace(
        "ngày tháng năm", "ngày ….. tháng ….. năm"
    ),
    "type and subject run together": _replace("BÁO CÁO\nKết quả", "BÁO CÁO Kết quả"),
    "one paragraph per line": lambda t: re.sub(r"\n\n+", "\n", t),
    "indented and trailing white space": lambda t: "\n".join(
        ("\t" + line if line.startswith("-") else line) + " \t" for line in t.split("\n")
    ),
    "signature before recipients": _replace(
        SIGNATURE_AND_RECIPIENTS,
        SIGNATURE_AND_RECIPIENTS[SIGNATURE_AND_RECIPIENTS.index("TM.") :]
        + "\n\n"
        + SIGNATURE_AND_RECIPIENTS[: SIGNATURE_AND_RECIPIENTS.index("TM.")].strip(),
    ),
    "signature in a second column": _replace(
        SIGNATURE_AND_RECIPIENTS,
        "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Sở Thông tin và Truyền thông;\tKT. CHỦ TỊCH\n"
        "- CT và PCT UBND huyện (*Đ/c Tân*);\tPHÓ CHỦ TỊCH\n- Phòng VH – TT huyện;\n"
        "- PCVP-1, CVVP (K5);\t(Đã ký)\n- Lưu: VT.\n\t\tNguyễn Hùng Tân",
    ),
    "signature run into the recipients": _replace(
        SIGNATURE_AND_RECIPIENTS,
        "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Sở Thông tin và Truyền thông; KT. CHỦ TỊCH\n"
        "- CT và PCT UBND huyện (*Đ/c Tân*); PHÓ CHỦ TỊCH\n- Phòng VH – TT huyện;\n"
        "- PCVP-1, CVVP (K5);\n- Lưu: VT.\nNguyễn Hùng Tân",
    ),
}


@pytest.mark.parametrize("change", list(IRREGULAR), ids=list(IRREGULAR))
def test_irregular_text_reads_as_the_clean_text(
    reader: bcpipe.Pipeline, seed_doc: Document, seed_text: str, change: str
) -> None:
    document = reader.loads(IRREGULAR[change](seed_text), kind="text")
    assert document.model_dump() == seed_doc.model_dump()
    assert "BC501" not in codes(document)


def test_utf8_bom_and_crlf_bytes(
    reader: bcpipe.Pipeline, seed_doc: Document, seed_text: str
) -> None:
    data = b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode("utf-8")
    assert reader.loads(data, kind="text").model_dump() == seed_doc.model_dump()


def test_flattened_header_gives_issuer_and_motto(
    reader: bcpipe.Pipeline, seed_doc: Document, seed_text: str
) -> None:
    header = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN TUY PHƯỚC\tĐộc lập – Tự do – Hạnh phúc\n"
        "__________\t______________________\n"
        "Số: /BC-UBND\tTuy Phước"
    )
    text = seed_text.replace("Số: /BC-UBND\n\nTuy Phước", header)
    document = reader.loads(text, kind="text")
    assert document.model_dump() == seed_doc.model_dump()
    assert not {"BC501", "BC504", "BC505"} & set(codes(document))
    assert "BC503" in codes(document)  # the rules under the issuer and the motto
    assert document.source is not None
    assert document.source.lines["issuer.name"] == line_of(text, "ỦY BAN NHÂN DÂN\t")
    assert document.source.lines["motto.tagline"] == line_of(text, "Độc lập")


def test_debris_is_skipped_and_reported(reader: bcpipe.Pipeline, seed_text: str) -> None:
    text = seed_text.replace("quảng bá hình\n\n", "quảng bá hình\n\n2\n\n").replace(
        "\nBÁO CÁO\n", "\nBÁO CÁO\n\n__________\n"
    )
    document = reader.loads(text, kind="text")
    debris = [f for f in document.source.findings if f.code == "BC503"]  # type: ignore[union-attr]
    assert sorted(f.location.line for f in debris) == sorted(
        [line_of(text, "____"), text.split("\n").index("2") + 1]
    )


def test_unplaced_lines_are_kept_and_reported(reader: bcpipe.Pipeline, seed_text: str) -> None:
    text = seed_text.replace("Số: /BC-UBND", "Bản gửi qua mạng\nSố: /BC-UBND").replace(
        "Nguyễn Hùng Tân", "Nguyễn Hùng Tân\n\nGhi chú: gửi kèm bản điện tử qua hệ thống"
    )
    document = reader.loads(text, kind="text")
    unplaced = {f.location.path: f for f in document.source.findings if f.code == "BC501"}  # type: ignore[union-attr]
    assert set(unplaced) == {("body", 0), ("closing", 0)}
    assert unplaced[("body", 0)].location.line == line_of(text, "Bản gửi qua mạng")
    assert unplaced[("closing", 0)].location.line == line_of(text, "Ghi chú:")
    assert document.body[0].text == "Bản gửi qua mạng"  # type: ignore[union-attr]
    # A stray line of the signature zone goes before the closing paragraph with "./.":
    # the text still ends with the end mark (no BC404).
    assert document.closing[0].text == "Ghi chú: gửi kèm bản điện tử qua hệ thống"
    assert document.closing[1].text.endswith("./.")
    assert document.source.lines["closing[0]"] == line_of(text, "Ghi chú:")  # type: ignore[union-attr]
    assert "BC404" not in [f.code for f in bcpipe.Pipeline().validate(document).findings]


# A stray line at each place of the heading zone, by the line it is put above: before
# "Số:", between "Số:" and the date (or, where they share a line, under it), between the
# date and the type, between the subject and "Kính gửi" or the basis, and between the
# basis and the body's first section.
STRAY_PLACES: dict[str, tuple[str, ...]] = {
    "seed": (
        "Số: /BC-UBND",
        "Tuy Phước, ngày",
        "BÁO CÁO",
        "Thực hiện Công văn số 1440",
        "I. KẾT QUẢ THỰC HIỆN",
    ),
    "bao-cao-so-tttt-2023": (
        "Số: 215/BC-STTTT",
        "BÁO CÁO",
        "Kính gửi:",
        "Thực hiện Kế hoạch số 20",
        "I. KẾT QUẢ THỰC HIỆN",
    ),
    "bao-cao-xa-phuoc-son-2023": (  # one paragraph per line, "Số:" and date on one line
        "Số:",
        "BÁO CÁO",
        "Kính gửi:",
        "Thực hiện Công văn số 1025",
        "I. TÌNH HÌNH THIỆT HẠI",
    ),
    "ke-hoach-ttdn-tuy-phuoc-2022": (
        "Số: 59/KH-UBND",
        "KẾ HOẠCH",
        "Căn cứ Kế hoạch số 20",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ),
}
STRAY_LINES = ("Bản gửi qua mạng nội bộ", "(Bản gửi qua mạng)", "ĐT: 0256 3833 123")
STRAY_CASES = [
    pytest.param(name, above, stray, id=f"{name}-above-{above.split()[0]}{i}-{j}")
    for name, places in STRAY_PLACES.items()
    for i, above in enumerate(places)
    for j, stray in enumerate(STRAY_LINES)
]


def _with_stray(text: str, above: str, stray: str) -> tuple[str, int]:
    """``text`` with the line ``stray`` put above the first line opening with ``above``
    (with a blank line after it when the text spaces its paragraphs); and its number."""
    start = 0 if text.startswith(above) else text.index("\n" + above) + 1
    spaced = "\n\n" in text[text.index("Số:") : text.index("Nơi nhận")]
    changed = text[:start] + stray + ("\n\n" if spaced else "\n") + text[start:]
    return changed, text[:start].count("\n") + 1


@pytest.mark.parametrize(("name", "above", "stray"), STRAY_CASES)
def test_a_stray_line_in_the_heading_is_kept_and_the_rest_read_as_without_it(
    reader: bcpipe.Pipeline, name: str, above: str, stray: str
) -> None:
    path = SEED if name == "seed" else FIXTURES / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    clean = reader.loads(text, kind="text")
    changed, line = _with_stray(text, above, stray)
    document = reader.loads(changed, kind="text")
    unplaced = [f for f in document.source.findings if f.code == "BC501"]  # type: ignore[union-attr]
    assert [(f.location.path, f.location.line) for f in unplaced] == [(("body", 0), line)]
    assert stray in unplaced[0].message_vi
    # The stray line opens the body; everything else reads as in the clean text.
    assert (document.body[0].kind, document.body[0].text) == ("paragraph", stray)  # type: ignore[union-attr]
    data = document.model_dump()
    data["body"] = data["body"][1:]
    assert data == clean.model_dump()
    assert sorted(set(codes(document)) - {"BC501"}) == sorted(set(codes(clean)))


@pytest.mark.parametrize("line", ["Cụ thể như sau", "Phần thứ nhất", "PHẦN THỨ NHẤT"])
def test_a_lead_in_or_a_part_heading_above_the_first_section_is_no_stray(
    reader: bcpipe.Pipeline, line: str
) -> None:
    text = (FIXTURES / "bao-cao-so-tttt-2023.txt").read_text(encoding="utf-8")
    changed, _ = _with_stray(text, "I. KẾT QUẢ THỰC HIỆN", line)
    document = reader.loads(changed, kind="text")
    first = document.body[0]
    if line.lower().startswith("phần"):
        # "Phần thứ nhất" is the first part (numbered I), the sections inside it.
        assert (first.kind, first.number) == ("part", "I")  # type: ignore[union-attr]
        assert first.children[0].kind == "section"  # type: ignore[union-attr]
    else:
        assert first.text == line  # type: ignore[union-attr]
    assert "BC501" not in codes(document)


def test_a_copy_mark_above_the_number_is_not_the_issuer(
    reader: bcpipe.Pipeline, seed_doc: Document, seed_text: str
) -> None:
    text = seed_text.replace("Số: /BC-UBND", "BẢN SAO\n\nSố: /BC-UBND")
    document = reader.loads(text, kind="text")
    assert document.issuer == seed_doc.issuer  # inferred (BC505), not "BẢN SAO"
    unplaced = [f for f in document.source.findings if f.code == "BC501"]  # type: ignore[union-attr]
    assert [(f.location.path, f.location.line) for f in unplaced] == [
        (("body", 0), line_of(text, "BẢN SAO"))
    ]


def test_type_line_lost_is_inferred_from_the_notation(
    reader: bcpipe.Pipeline, seed_doc: Document, seed_text: str
) -> None:
    document = reader.loads(seed_text.replace("BÁO CÁO\n", ""), kind="text")
    assert document.model_dump() == seed_doc.model_dump()
    assert "BC507" in codes(document)


def test_a_subject_opening_like_a_basis_line_is_the_subject(reader: bcpipe.Pipeline) -> None:
    # Found by the text round-trip property (tests/test_properties.py): a plan "KẾ HOẠCH /
    # Thực hiện Chương trình …" lost its subject, read as a basis line.
    data = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    for subject in ("Thực hiện công tác thông tin đối ngoại năm 2023", "Triển khai Kế hoạch"):
        document = bcpipe.load({**data, "subject": subject})
        again = reader.loads(reader.export(document, "text"), kind="text")
        assert again.model_dump() == document.model_dump()


def test_issuer_from_settings(seed_text: str) -> None:
    settings = {"text": {"issuer": "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", "parent": "UBND TỈNH"}}
    document = bcpipe.Pipeline(settings=settings).loads(seed_text, kind="text")
    assert (document.issuer.name, document.issuer.parent) == (
        "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC",
        "UBND TỈNH",
    )
    assert "BC506" in codes(document) and "BC505" not in codes(document)


def test_issuer_guessed_when_the_text_does_not_name_it(
    reader: bcpipe.Pipeline, seed_text: str
) -> None:
    text = seed_text.replace("Tuy Phước, ngày", "Phước Lộc, ngày")
    document = reader.loads(text, kind="text")
    assert document.issuer.name == "ỦY BAN NHÂN DÂN"
    guessed = [f for f in document.source.findings if f.code == "BC508"]  # type: ignore[union-attr]
    assert len(guessed) == 1 and guessed[0].severity is bcpipe.Severity.WARNING


def test_draft_mark_keeps_a_complete_draft_a_draft(reader: bcpipe.Pipeline) -> None:
    data = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    data.update(number=5, issue_date={"day": 8, "month": 12, "year": 2022})
    draft = bcpipe.load(data)
    text = reader.export(draft, "text").decode("utf-8")
    assert "\nDỰ THẢO\n" in text
    assert reader.loads(text, kind="text").is_draft
    issued = bcpipe.load({**data, "status": "issued"})
    assert "DỰ THẢO" not in reader.export(issued, "text").decode("utf-8")
    assert not reader.loads(reader.export(issued, "text"), kind="text").is_draft


def test_table_cells_with_bars_round_trip(reader: bcpipe.Pipeline) -> None:
    data = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    table = {
        "kind": "table",
        "caption": "Bảng 2. Ký hiệu",
        "header_rows": 2,
        "rows": [["Mã", "Ý nghĩa"], ["", "(đơn vị)"], ["a|b", "c\\d"], ["x"]],
    }
    data["body"][2]["children"].insert(1, table)
    document = bcpipe.load(data)
    again = reader.loads(reader.export(document, "text"), kind="text")
    assert again.model_dump() == document.model_dump()


def test_appendices_and_marks_round_trip(reader: bcpipe.Pipeline) -> None:
    data = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    data["marks"] = {"confidentiality": "MẬT", "circulation": "LƯU HÀNH NỘI BỘ", "copies": 12}
    data["contact"] = "Địa chỉ: 130 Trần Phú, Tuy Phước; ĐT: 0256.3833123"
    reference = "(Kèm theo Báo cáo số /BC-UBND ngày tháng năm 2023 của UBND huyện Tuy Phước)"
    data["appendices"] = [
        {
            "number": "I",
            "title": "SỐ LIỆU TUYÊN TRUYỀN NĂM 2022",
            "reference": reference,
            "body": [
                {
                    "kind": "table",
                    "header_rows": 1,
                    "rows": [["Hình thức", "Số lượng"], ["Pa nô", "12"]],
                }
            ],
        },
        {
            "number": "II",
            "title": "DANH MỤC VĂN BẢN ĐÃ BAN HÀNH",
            "body": [
                {
                    "kind": "paragraph",
                    "text": "Các văn bản dưới đây được đăng trên Cổng thông tin.",
                },
                {
                    "kind": "clause",
                    "number": "1",
                    "heading": "Văn bản chỉ đạo",
                    "children": [
                        {"kind": "item", "text": "Kế hoạch số 59/KH-UBND ngày 09/6/2022."},
                        {"kind": "item", "text": "Công văn số 845/UBND-VP ngày 20/4/2023."},
                    ],
                },
            ],
        },
    ]
    document = bcpipe.load(data)
    text = reader.export(document, "text").decode("utf-8")
    again = reader.loads(text, kind="text")
    assert again.model_dump() == document.model_dump()
    assert again.source is not None
    assert again.source.lines["appendices[1].number"] == line_of(text, "Phụ lục II")
    assert again.source.lines["appendices[0].reference"] == line_of(text, "(Kèm theo")
    assert again.source.lines["marks.confidentiality"] == line_of(text, "MẬT")


# -- not a document, or not a complete one ---------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        (b"\x00\x01binary\x00", "binary"),
        ("Báo cáo năm".encode("latin-1", "replace") + b"\xe9t\xe9", "not UTF-8"),
        (
            "Trăm năm trong cõi người ta,\nChữ tài chữ mệnh khéo là ghét nhau.\n"
            "Trải qua một cuộc bể dâu,\nNhững điều trông thấy mà đau đớn lòng.\n".encode(),
            "not an administrative document",
        ),
        (
            b"def main() -> None:\n    print('hello')\n\n\n"
            b"if __name__ == '__main__':\n    main()\n",
            "not an administrative document",
        ),
        (SAMPLE_YAML.read_bytes(), "not an administrative document"),
    ],
    ids=["empty", "white space", "binary", "latin", "poem", "source code", "yaml"],
)
def test_what_is_not_a_document_is_refused(
    reader: bcpipe.Pipeline, data: bytes, words: str
) -> None:
    with pytest.raises(SourceError) as error:
        reader.loads(data, kind="text", name="in.txt")
    assert words in str(error.value)
    assert str(error.value).startswith("in.txt")


def test_missing_components_are_listed_with_their_lines(
    reader: bcpipe.Pipeline, seed_text: str
) -> None:
    block = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Hùng Tân"
    text = seed_text.replace("Số: /BC-UBND\n", "").replace(block, "")
    with pytest.raises(InvalidDocumentError) as error:
        reader.loads(text, kind="text", name="in.txt")
    problems = {p.path: p for p in error.value.problems}
    # The seed's header has no issuer: without the block's "TM. ỦY BAN NHÂN DÂN" none is
    # found either.
    assert set(problems) == {"notation", "signature.name", "issuer.name"}
    assert "Số: 05/BC-UBND" in problems["notation"].message
    assert problems["signature.name"].line == line_of(text, "Nơi nhận:")


def test_a_draft_left_unsigned_reads_and_is_an_error_only_once_issued(
    reader: bcpipe.Pipeline, seed_text: str
) -> None:
    # 007: a draft prints the signer's title and leaves the name to be typed at signing.
    text = seed_text.replace("\n\nNguyễn Hùng Tân", "")
    doc = reader.loads(text, kind="text", name="draft.txt")
    assert doc.is_draft and doc.signature.name is None
    assert doc.signature.position == "PHÓ CHỦ TỊCH"
    assert "BC128" not in reader.validate(doc).codes()
    again = reader.loads(reader.export(doc, "text"), kind="text")
    assert again.signature == doc.signature  # the round trip keeps the blank name
    for kind in ("xml", "json", "docx"):  # and so do the formats bcpipe reads back
        back = reader.loads(reader.export(doc, kind), kind=kind)
        assert back.signature.name is None, kind
    assert reader.export(doc, "pdf").startswith(b"%PDF")
    issued = text.replace("Số: /BC-UBND", "Số: 05/BC-UBND").replace(
        "ngày tháng năm 2023", "ngày 10 tháng 01 năm 2023"
    )
    result = reader.validate(reader.loads(issued, kind="text", name="issued.txt"))
    (unsigned,) = [f for f in result.findings if f.code == "BC128"]
    assert unsigned.severity is Severity.ERROR
    assert unsigned.location.path == ("signature", "name")
    assert unsigned.location.line == line_of(issued, "TM. ỦY BAN NHÂN DÂN")  # the block's


# -- the command line -------------------------------------------------------------------------


def test_cli_validates_and_exports_a_text_file(tmp_path: Path, seed_text: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(SEED)], out, err) == 0
    report = out.getvalue()
    assert f"BC505 issuer.name (line {line_of(seed_text, 'TM. ỦY BAN')})" in report
    assert "BC305 recipients[4].holders (line " + str(line_of(seed_text, "- Lưu: VT.")) in report
    target = tmp_path / "out.txt"
    assert main(["export", str(SEED), "--to", "text", "-o", str(target)], out, err) == 0
    assert target.read_bytes() == bcpipe.Pipeline().export(bcpipe.Pipeline().load(SEED), "text")
    for fmt, start in (("pdf", b"%PDF-"), ("xml", b"<?xml")):
        target = tmp_path / f"out.{fmt}"
        assert main(["export", str(SEED), "--to", fmt, "-o", str(target)], out, err) == 0
        assert target.read_bytes().startswith(start)
    pipeline = bcpipe.Pipeline()
    from_xml = pipeline.load(tmp_path / "out.xml")  # exports carry the prepared document
    assert from_xml.model_dump() == pipeline.prepare(pipeline.load(SEED)).model_dump()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["validate", str(empty)], out, err) == 2
    assert "empty.txt: the file is empty" in err.getvalue()


# -- rule checks on broken copies of the sample, read from text ---------------------------


def _section_two_removed(text: str) -> str:
    start = text.index("II. ĐÁNH GIÁ")
    return text[:start] + text[text.index("III. ĐỀ XUẤT") :]


BROKEN: list[tuple[str, Callable[[str], str], str, str]] = [
    # (what, change, code, words on the line the finding must name)
    (
        "wrong citation abbreviation",
        _replace("Kế hoạch số 20/KH-UBND", "Kế hoạch số 20/QĐ-UBND"),
        "BC203",
        "- Căn cứ Kế hoạch số 20/QĐ-UBND",
    ),
    ("no archive line", _replace("- Lưu: VT.\n", ""), "BC302", "Nơi nhận:"),
    ("missing section", _section_two_removed, "BC401", "I. KẾT QUẢ THỰC HIỆN"),
    ("KT. signed by the head", _replace("\nPHÓ CHỦ TỊCH\n", "\nCHỦ TỊCH\n"), "BC121", "CHỦ TỊCH"),
    (
        "citation dated after the report",
        _replace("ngày 08/12/2022 của Sở", "ngày 08/12/2024 của Sở"),
        "BC204",
        "Thực hiện Công văn số 1440",
    ),
    (
        "addressee missing from the recipients",
        _replace("- Sở Thông tin và Truyền thông;\n", ""),
        "BC306",
        "Trên đây là báo cáo",
    ),
    (
        "requester missing from the recipients",
        _replace("- Sở Thông tin và Truyền thông;\n", ""),
        "BC307",
        "Thực hiện Công văn số 1440",
    ),
    ("notation of another type", _replace("Số: /BC-UBND", "Số: /KH-UBND"), "BC101", "Số: /KH"),
    (
        "section heading not in capitals",
        _replace("III. ĐỀ XUẤT, KIẾN NGHỊ", "III. Đề xuất, kiến nghị"),
        "BC406",
        "III. Đề xuất",
    ),
    ("no end mark", _replace("tổng hợp./.", "tổng hợp."), "BC404", "Trên đây là báo cáo"),
]


@pytest.mark.parametrize(
    ("change", "code", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_rules_name_the_line_of_a_broken_text(
    every_rule: bcpipe.Pipeline,
    seed_text: str,
    change: Callable[[str], str],
    code: str,
    words: str,
) -> None:
    clean = every_rule.validate(every_rule.loads(seed_text, kind="text"))
    assert code not in clean.codes()
    broken = change(seed_text)
    result = every_rule.validate(every_rule.loads(broken, kind="text", name="broken.txt"))
    found = [f for f in result.findings if f.code == code]
    assert found, result.codes()
    expected = broken.split("\n").index(words) + 1 if words in broken.split("\n") else None
    assert [f.location.line for f in found] == [expected or line_of(broken, words)] * len(found)
    assert all(f.location.source == "broken.txt" for f in found)


def test_a_basis_opening_with_theo_and_a_numbered_request_is_read_as_basis() -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "Thực hiện Công văn số 1440", "Theo Công văn số 1440"
    )
    doc = bcpipe.Pipeline().loads(text, kind="text")
    assert doc.basis[0].text.startswith("Theo Công văn số 1440/STTTT-TTBCXB")
    assert doc.body[0].kind == "section"


def test_each_line_is_classified_once_and_the_zones_read_the_records(
    reader: bcpipe.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The classifier is the only one to ask what a line is: the header, the title, the
    zones and the block scanner read its record (its predicates are made to fail for
    everyone else)."""
    from bcpipe_plugins.text import classify, markers, patterns, tail

    text = SEED.read_text(encoding="utf-8")
    seen: list[int] = []
    real = classify.classify

    def counted(line: Any) -> Any:
        seen.append(line.number)
        return real(line)

    def never(*args: object) -> None:
        raise AssertionError("a line already classified was asked again what it is")

    monkeypatch.setattr(classify, "classify", counted)
    # The predicates, where the classifier finds them and where anyone else would.
    for module in (markers, patterns, tail):
        for name in ("block_marker", "opener", "type_of_line", "is_tail_anchor"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, never)
    for module_name in ("blocks", "header", "title", "tree", "zones", "lines"):
        module = importlib.import_module(f"bcpipe_plugins.text.{module_name}")
        for name in ("block_marker", "opener", "starts_block", "debris_kind", "type_of_line"):
            if hasattr(module, name) and (module_name, name) not in _ASKED_OF_PIECES:
                monkeypatch.setattr(module, name, never)
        for name in ("ARTICLE", "BASIS_OPENER", "CLOSING_OPENER"):
            assert not hasattr(module, name), f"{module_name} matches {name} itself"
    document = reader.loads(text, kind="text")
    worded = [number for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    assert sorted(seen) == worded  # every line with words, each once
    assert document.body and document.basis and document.type.value == "bao_cao"


#: Predicates still asked of parts of a line, not of a line: the header's pieces between
#: its anchors (the rule under the issuer, in its column), a title's first words ("BÁO
#: CÁO Kết quả …" run together), the enacting word "QUYẾT ĐỊNH:" with its colon.
_ASKED_OF_PIECES = frozenset({("header", "debris_kind"), ("title", "type_of_line")})


def test_the_classifier_short_cut_for_dashed_items_reads_as_the_general_path() -> None:
    """ "- Words" lines take a short cut in the classifier; on every such line of the
    corpus and the sample it gives the record the general path gives."""
    from bcpipe_plugins.text.classify import classify
    from bcpipe_plugins.text.lines import split_lines

    root = Path(__file__).parent
    files = [SEED, *sorted((root / "corpus" / "docs").glob("*.txt"))]
    checked = 0
    for path in files:
        for line in split_lines(path.read_text(encoding="utf-8")):
            text = line.text
            if not (text.startswith("- ") and text[2:3].isalpha() and line.raw is text):
                continue
            # A copy of the words as ``raw`` sends the line down the general path.
            general = classify(line._replace(raw="".join(list(text))))
            assert classify(line) == general, text
            checked += 1
    assert checked > 500


def test_odd_characters_are_cleaned_as_the_table_says() -> None:
    """The cleaning replaces each odd character (non-breaking and other spaces, zero-width
    characters, form feeds) as the translation table says, in every mix."""
    from bcpipe_plugins.text.lines import _ODD_CHARACTERS, _cleaned

    odd = [chr(code) for code in _ODD_CHARACTERS]
    text = "".join(f"{char}Bộ{char}{char}ngày\n" for char in odd) + "Số:\u00a005/BC\u200b-UBND"
    assert _cleaned(text) == text.translate(_ODD_CHARACTERS)
    assert _cleaned("Số:\u00a005/BC\u200b-UBND\ufeff") == "Số: 05/BC-UBND"
    for path in sorted((Path(__file__).parent / "corpus" / "docs").glob("*.txt")):
        words = path.read_text(encoding="utf-8")
        assert _cleaned(words) == words.translate(_ODD_CHARACTERS), path.name


def test_messages_name_the_places_an_extracted_text_gives_its_lines(seed_text: str) -> None:
    # A .docx or PDF reader hands the text reader where each line stands in the file:
    # every message that names a line names that place instead (its location too).
    from bcpipe_plugins.text.reader import read_text

    def place_of(line: int) -> str:
        return f"page 9, line {line}"

    loaded = read_text(seed_text, bcpipe.LoadContext("x.pdf", {}), place_of=place_of)
    plain = read_text(seed_text, bcpipe.LoadContext("x.txt", {}))
    named = {f.code: f for f in loaded.findings}
    assert {"BC502", "BC505"} <= set(named)
    for finding in loaded.findings:
        assert not re.search(r"(?<!, )(?:dòng|lines?) \d", finding.message_vi + finding.message_en)
    assert "page 9, line" in named["BC502"].message_en
    assert "page 9, line" in named["BC505"].message_en and "page 9" in named["BC505"].message_vi
    assert any(re.search(r"\(line \d+\)", f.message_en) for f in plain.findings)
