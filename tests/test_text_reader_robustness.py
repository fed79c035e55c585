"""The text reader against any input: it returns a document or raises the documented errors
(``SourceError``, ``InvalidDocumentError``), never anything else, and big hostile inputs
are read in time proportional to their size (timed in ``benchmarks/``, not here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bcpipe_plugins.text import load_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bcpipe import Document, InvalidDocumentError, LoadContext, Loaded, SourceError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "text").glob("*.txt"))
DOCUMENTS = [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in FIXTURES]
CONTEXT = LoadContext("input.txt", {})

# Lines that steer the reader into each of its zones, to mix with arbitrary words.
SHAPES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ỦY BAN NHÂN DÂN\tHUYỆN TUY PHƯỚC",
    "Số: /BC-UBND",
    "Số: 0/BC-UBND",
    "Số: 05/BC-UBND Tuy Phước, ngày 31 tháng 02 năm 2022",
    "Tuy Phước, ngày 00 tháng    năm",
    ", ngày tháng năm",
    "V/v",
    "BÁO CÁO",
    "QUYẾT ĐỊNH",
    "Kính gửi:",
    "Kính gửi: .",
    "Căn cứ Công văn số 1/A-B ngày 00/13/2022 của X về Y;",
    "Phần I",
    "I.",
    "I. KẾT QUẢ",
    "1.",
    "1.1.1.1.1. x",
    "a)",
    "b) y:",
    "-",
    "+ z",
    "Điều 1.",
    "| a | b \\| c |",
    "| --- |",
    "a\tb",
    "Trên đây ./.",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu:",
    "- Lưu: VT (0).",
    "- X (",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "Q. CỤC TRƯỞNG",
    "PHÓ CHỦ TỊCH",
    "(Đã ký)",
    "Nguyễn Văn A",
    "PL.(0)",
    "Địa chỉ:",
    "Phụ lục",
    "PHỤ LỤC II",
    "(Kèm theo",
    "2",
    "",
]
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)


def read(text: str) -> Document | None:
    """The document, or None for one of the documented refusals; anything else raises."""
    try:
        loaded = load_text.load(text.encode("utf-8"), CONTEXT)
    except (SourceError, InvalidDocumentError):
        return None
    assert isinstance(loaded, Loaded)
    for path in loaded.lines:
        assert isinstance(path, str) and loaded.lines[path] >= 1
    return loaded.document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=400))
def test_arbitrary_text(text: str) -> None:
    read(text)


HEAD = "Số: /BC-UBND\nTuy Phước, ngày tháng năm 2023\nBÁO CÁO\nKết quả\n"
TAIL = "\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SHAPES) | TEXT, max_size=50), st.booleans())
def test_lines_shaped_like_a_document(lines: list[str], framed: bool) -> None:
    """Lines of every shape, alone or between a header and a signature that hold."""
    body = "\n".join(lines)
    read(HEAD + body + TAIL if framed else body)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A fixture with lines deleted, repeated, swapped, replaced, cut or garbled."""
    lines = draw(st.sampled_from(DOCUMENTS)).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "replace", "cut", "garble"]))
        if action == "delete":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[j])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "replace":
            lines[i] = draw(st.sampled_from(SHAPES) | TEXT)
        elif action == "cut":
            lines = lines[: i + 1]
        else:
            position = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:position] + draw(TEXT) + lines[i][position:]
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_documents(text: str) -> None:
    read(text)


def test_fixtures_read_without_error() -> None:
    for text in DOCUMENTS:
        assert read(text) is not None


MEGABYTE = 1_000_000
SEED_TEXT = DOCUMENTS[0]


@pytest.mark.parametrize(
    "text",
    [
        SEED_TEXT * (MEGABYTE // len(SEED_TEXT.encode())),
        "Số: " + " " * MEGABYTE,
        "ỦY BAN NHÂN DÂN " + "ngày . tháng " * (MEGABYTE // 13),
        "1.1.1.1.1. x\n- y\n+ z\na) b\n| a | b |\na\tb\n" * (MEGABYTE // 40),
        SEED_TEXT.replace("Nguyễn Hùng Tân", "- Sở;\n" * (MEGABYTE // 7)),
        SEED_TEXT.replace("Thực hiện", "Thực hiện " + "Kế hoạch số 1/KH-X ngày 1/1/2020 " * 30000),
        "V/v " + "(" * MEGABYTE,
    ],
    ids=[
        "sample repeated",
        "one long line",
        "date words",
        "labels",
        "recipients",
        "citations",
        "parentheses",
    ],
)
def test_a_megabyte_of_hostile_text_is_read(text: str) -> None:
    """Completes (each is timed by benchmarks/bench.py, in well under seconds)."""
    read(text)
