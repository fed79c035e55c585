"""The decision rules (BC701-BC710) on the two example decisions: quiet on them as
written, and each code raised by the one mistake it is about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "decisions").glob("*.yaml"))
FIXTURES = ROOT / "tests" / "fixtures" / "text" / "decisions"


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (ROOT / "examples" / "decisions" / name).read_text("utf-8")
    )
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_pass_every_rule(pipeline: bcpipe.Pipeline, path: Path) -> None:
    assert pipeline.validate(path).codes() == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_text_fixtures_are_what_the_writer_writes(
    pipeline: bcpipe.Pipeline, path: Path
) -> None:
    fixture = FIXTURES / f"{path.stem}.txt"
    assert pipeline.export(path, "text") == fixture.read_bytes()


def _codes(pipeline: bcpipe.Pipeline, data: dict[str, Any]) -> list[str]:
    return pipeline.validate(bcpipe.load(data)).codes()


TUY_PHUOC = "quyet-dinh-ubnd-tuy-phuoc-2023.yaml"
BINH_DINH = "quyet-dinh-ban-hanh-quy-dinh-binh-dinh-2023.yaml"


def test_articles_out_of_order(pipeline: bcpipe.Pipeline) -> None:
    data = _data(BINH_DINH)
    data["appendices"][0]["body"][1]["children"][1]["children"][0]["number"] = 5
    result = pipeline.validate(bcpipe.load(data))
    assert result.codes() == ["BC701"]
    assert result.findings[0].location.path == (
        "appendices",
        0,
        "body",
        1,
        "children",
        1,
        "children",
        0,
    )
    assert "Điều 5" in result.findings[0].message_vi and "Điều 4" in result.findings[0].message_vi


def test_as_article_must_name_an_article_and_the_executing_one(pipeline: bcpipe.Pipeline) -> None:
    data = _data(TUY_PHUOC)
    data["recipients"][0]["article"] = 4
    assert _codes(pipeline, data) == ["BC703"]
    data["recipients"][0]["article"] = 2
    assert _codes(pipeline, data) == ["BC704"]
    # Read from a text that kept it as a plain recipient line, it is still checked.
    data["recipients"][0] = {"name": "Như Điều 4"}
    assert _codes(pipeline, data) == ["BC703"]


@pytest.mark.parametrize(
    "words",
    [
        "Chánh Văn phòng và các ông, bà có tên tại Điều 1 căn cứ Quyết định thi hành./.",
        "Các cơ quan, đơn vị có liên quan căn cứ Quyết định này thực hiện./.",
        "Thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này./.",
    ],
)
def test_the_executing_article_as_agencies_write_it(pipeline: bcpipe.Pipeline, words: str) -> None:
    data = _data(TUY_PHUOC)
    data["body"][2]["text"] = words
    assert _codes(pipeline, data) == []


def test_a_decision_without_its_executing_article(pipeline: bcpipe.Pipeline) -> None:
    data = _data(TUY_PHUOC)
    data["body"][2]["text"] = "Quyết định này có hiệu lực thi hành kể từ ngày ký./."
    assert _codes(pipeline, data) == ["BC702"]


def test_the_enacting_authority_against_the_signature(pipeline: bcpipe.Pipeline) -> None:
    data = _data(TUY_PHUOC)  # the chairman enacts, his deputy signs KT. CHỦ TỊCH
    data["enacting_authority"] = "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"
    assert _codes(pipeline, data) == ["BC706"]
    data = _data(BINH_DINH)  # the committee enacts: TM. ỦY BAN NHÂN DÂN
    data["enacting_authority"] = "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH"
    assert _codes(pipeline, data) == ["BC705"]
    # A head with a second, concurrent title under the first still agrees.
    data = _data(TUY_PHUOC)
    data["signature"] = {"position": "CHỦ TỊCH BAN CHỈ ĐẠO", "name": "Nguyễn Văn An"}
    assert _codes(pipeline, data) == []


def test_the_year_of_a_legal_normative_number(pipeline: bcpipe.Pipeline) -> None:
    data = _data(BINH_DINH)
    data["number_year"] = 2022
    assert _codes(pipeline, data) == ["BC707"]
    data = _data(BINH_DINH)
    del data["number_year"]
    assert _codes(pipeline, data) == ["BC708"]


def test_the_basis_lines(pipeline: bcpipe.Pipeline) -> None:
    data = _data(TUY_PHUOC)
    data["basis"][0]["text"] = data["basis"][0]["text"][:-1] + "."
    assert _codes(pipeline, data) == ["BC709"]
    data = _data(TUY_PHUOC)
    data["basis"].insert(0, data["basis"].pop())  # "Xét đề nghị …" first
    data["basis"][-1]["text"] = data["basis"][-1]["text"][:-1] + "."
    assert _codes(pipeline, data) == ["BC710"]
    # A line with no mark at all was cut by extraction, not mispunctuated by the clerk.
    data = _data(TUY_PHUOC)
    data["basis"][0]["text"] = data["basis"][0]["text"][:-1]
    assert _codes(pipeline, data) == []
