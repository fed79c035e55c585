"""Loading YAML, JSON, TOML and mappings; every bad input gets a clear error."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_YAML

import bcpipe

TOML_REPORT = """\
type = "bao_cao"
status = "issued"
number = 12
notation = "BC-UBND"
place = "Phước Sơn"
subject = "Kết quả công tác chuyển đổi số quý I năm 2023"

[issuer]
name = "ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN"
parent = "UBND HUYỆN TUY PHƯỚC"

[issue_date]
day = 5
month = 3
year = 2023

[[basis]]
text = "Thực hiện Công văn số 210/UBND-VX ngày 15/02/2023 của UBND huyện Tuy Phước về việc báo cáo công tác chuyển đổi số, UBND xã báo cáo như sau:"

[[body]]
kind = "section"
number = "I"
heading = "KẾT QUẢ THỰC HIỆN"
children = [{ kind = "item", text = "Đã số hóa 1.200 hồ sơ hộ tịch." }]

[[body]]
kind = "section"
number = "II"
heading = "ĐÁNH GIÁ CHUNG"
children = [{ kind = "paragraph", text = "Cán bộ còn thiếu kỹ năng số." }]

[[body]]
kind = "section"
number = "III"
heading = "ĐỀ XUẤT, KIẾN NGHỊ"
children = [{ kind = "item", text = "Đề nghị huyện mở lớp tập huấn." }]

[[closing]]
text = "Kính báo cáo UBND huyện Tuy Phước xem xét, chỉ đạo./."

[signature]
authority = [{ prefix = "TM.", title = "ỦY BAN NHÂN DÂN" }]
position = "CHỦ TỊCH"
name = "Lê Văn Hòa"

[[recipients]]
name = "UBND huyện Tuy Phước"

[[recipients]]
name = "Đảng ủy xã"

[[recipients]]
kind = "archive"
holders = ["VT", "VP"]
"""


def test_yaml_json_toml_and_mappings_give_the_same_document(
    pipeline: bcpipe.Pipeline, minimal: dict[str, Any], tmp_path: Path
) -> None:
    from_mapping = bcpipe.load(minimal)
    (tmp_path / "r.json").write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "r.toml").write_text(TOML_REPORT, encoding="utf-8")
    import yaml

    (tmp_path / "r.yml").write_text(yaml.safe_dump(minimal, allow_unicode=True), encoding="utf-8")
    for name in ("r.json", "r.toml", "r.yml"):
        loaded = pipeline.load(tmp_path / name)
        assert loaded == from_mapping, name
        assert loaded.source is not None and loaded.source.kind == name.split(".")[1].replace(
            "yml", "yaml"
        )


def test_the_sample_yaml_loads_with_a_line_map(pipeline: bcpipe.Pipeline) -> None:
    doc = pipeline.load(SAMPLE_YAML)
    assert doc.source is not None and doc.source.name == str(SAMPLE_YAML)
    lines = SAMPLE_YAML.read_text(encoding="utf-8").splitlines()
    line = doc.source.line_of(("signature", "name"))
    assert line is not None and lines[line - 1].strip() == "name: Nguyễn Hùng Tân"
    # a path without its own line falls back to the nearest ancestor that has one
    assert doc.source.line_of(("signature", "name", "x")) == line


def test_json_export_loads_back_equal(pipeline: bcpipe.Pipeline, tmp_path: Path) -> None:
    doc = pipeline.load(SAMPLE_YAML)
    path = tmp_path / "sample.json"
    pipeline.export_to(doc, "json", path)
    assert pipeline.load(path) == pipeline.prepare(doc)


def _error(
    pipeline: bcpipe.Pipeline, path: Path, content: bytes | str | None = None
) -> bcpipe.BcpipeError:
    if content is not None:
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(bcpipe.BcpipeError) as info:
        pipeline.load(path)
    return info.value


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.yaml", None, "missing.yaml: file not found"),
        ("empty.yaml", "", "empty.yaml: the file is empty"),
        (
            "binary.yaml",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary.yaml: this is a binary file",
        ),
        (
            "notepad.txt",
            "BÁO CÁO\r\n".encode("utf-16"),
            "notepad.txt:1: this text is in UTF-16, not UTF-8; save the file as UTF-8",
        ),
        (
            "latin1.yaml",
            "type: bao_cao\nplace: Tuy Ph\xe6\n".encode("latin-1"),
            "latin1.yaml:2: not UTF-8 text",
        ),
        ("syntax.yaml", "type: bao_cao\nsubject: [unclosed\n", "syntax.yaml:3:1: invalid YAML"),
        ("dup.yaml", "type: bao_cao\ntype: ke_hoach\n", "dup.yaml:2: duplicate key 'type'"),
        (
            "list.yaml",
            "- a\n- b\n",
            "list.yaml: not a valid document (1 problem):\n  (top level): expected a mapping",
        ),
        ("bad.json", '{"type": "bao_cao",}', "bad.json:1:20: invalid JSON"),
        ("dup.json", '{"type": "bao_cao", "type": "x"}', "dup.json: duplicate key 'type'"),
        ("bad.toml", "type = ", "bad.toml: invalid TOML"),
        (
            "report.odt",
            "x",
            # the list grows with the installed loaders (xml, …): check its start only
            "report.odt: unknown file kind '.odt'; known suffixes: .doc, .docx, .edxml, .json",
        ),
        ("noext", "x", "unknown file kind '(no suffix)'"),
        (
            "python.yaml",
            "!!python/object/apply:os.system ['echo hi']",
            "python.yaml:1: unsupported YAML tag",
        ),
        (
            "pyscalar.yaml",
            "type: !!python/name:os.system ''\n",
            "could not determine a constructor",
        ),
    ],
)
def test_unreadable_files_get_one_clear_message(
    pipeline: bcpipe.Pipeline, tmp_path: Path, name: str, content: bytes | str | None, expected: str
) -> None:
    error = _error(pipeline, tmp_path / name, content)
    assert isinstance(error, bcpipe.SourceError | bcpipe.InvalidDocumentError)
    assert expected in str(error)


def test_a_directory_is_not_a_document(pipeline: bcpipe.Pipeline, tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert "is a directory" in str(_error(pipeline, folder))


def test_wrong_types_name_the_field_and_the_line(pipeline: bcpipe.Pipeline, tmp_path: Path) -> None:
    text = SAMPLE_YAML.read_text(encoding="utf-8")
    text = text.replace("  year: 2023", "  year: hai nghìn").replace(
        "kind: clause", "kind: clauze", 1
    )
    error = _error(pipeline, tmp_path / "typed.yaml", text)
    assert isinstance(error, bcpipe.InvalidDocumentError)
    lines = text.splitlines()
    by_path = {p.path: p for p in error.problems}
    year = by_path["issue_date.year"]
    assert year.line is not None and lines[year.line - 1].strip() == "year: hai nghìn"
    assert "whole number" in year.message and "hai nghìn" in year.message
    kind = by_path["body[0].children[0]"]
    assert "'clauze'" in kind.message and kind.line is not None
    assert str(error).startswith(f"{tmp_path / 'typed.yaml'}: not a valid document (2 problems):")


def test_yaml_aliases_do_not_explode(pipeline: bcpipe.Pipeline, tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 25)
    ]
    started = time.perf_counter()
    error = _error(pipeline, tmp_path / "laughs.yaml", "\n".join(lines) + "\n")
    # Refused where the aliases pass bcpipe.limits.MAX_VALUES (200,000): what walks the
    # data after (JSON, XML, PDF export) would see every copy.
    assert isinstance(error, bcpipe.SourceError)
    assert "aliases" in str(error) and error.line == 8  # a7: 10 * 5**7 values
    # 5**24 expanded items would never finish; shared nodes are built once.
    assert time.perf_counter() - started < 60


def test_loads_from_memory_and_unknown_kinds(pipeline: bcpipe.Pipeline) -> None:
    text = SAMPLE_YAML.read_text(encoding="utf-8")
    assert pipeline.loads(text, kind="yaml").subject.startswith("Kết quả hoạt động")
    with pytest.raises(bcpipe.UnknownFormatError, match="no loader for 'odt'"):
        pipeline.loads(text, kind="odt")


def test_a_crashing_loader_is_reported_not_raised_raw(
    minimal: dict[str, Any], tmp_path: Path
) -> None:
    @bcpipe.loader("weird", suffixes=[".weird"])
    def weird(data: bytes, ctx: bcpipe.LoadContext) -> bcpipe.Document:
        raise ZeroDivisionError("oops")

    class Plugin:
        __name__ = "weird-plugin"

        @bcpipe.hookimpl
        def bcpipe_loaders(self) -> list[bcpipe.Loader]:
            return [weird]

    (tmp_path / "x.weird").write_text("x", encoding="utf-8")
    with pytest.raises(
        bcpipe.SourceError, match="loader of plugin weird-plugin failed: ZeroDivisionError"
    ):
        bcpipe.Pipeline(plugins=[Plugin()]).load(tmp_path / "x.weird")


def test_bcpipe_load_accepts_a_path_or_a_mapping(minimal: dict[str, Any]) -> None:
    assert bcpipe.load(SAMPLE_YAML).place == "Tuy Phước"
    assert bcpipe.load(str(SAMPLE_YAML)).place == "Tuy Phước"
    assert bcpipe.load(minimal).place == "Phước Sơn"
