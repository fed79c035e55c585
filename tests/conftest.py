"""Shared fixtures: the sample report, pipelines, and a way to break a copy of the sample."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

import bcpipe

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_YAML = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.yaml"
SEED_TEXT = ROOT / "examples" / "bao-cao-ttdn-tuy-phuoc-2022.txt"

# Property tests draw a bounded number of examples, so that the suite stays fast; run
# `BCPIPE_HYPOTHESIS=thorough make unit` to search much harder (and at random: a failure
# found there becomes a test). The default draws the same examples on every run, so that
# CI is red for a change, never for a lucky draw. No deadline: an export that is slow
# once on a busy CI machine is not a bug.
settings.register_profile("ci", max_examples=20, deadline=None, derandomize=True)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("BCPIPE_HYPOTHESIS", "ci"))


@pytest.fixture(scope="session")
def sample_data() -> dict[str, Any]:
    """The sample report as plain data (a fresh deep copy per use via ``sample``)."""
    data: dict[str, Any] = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def sample(sample_data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of the sample's data, free to break."""
    return copy.deepcopy(sample_data)


@pytest.fixture(scope="session")
def pipeline() -> bcpipe.Pipeline:
    """A pipeline with the installed plugins (entry points), as a user gets it."""
    return bcpipe.Pipeline()


@pytest.fixture(scope="session")
def every_rule() -> bcpipe.Pipeline:
    """A pipeline reporting every code (``select=["all"]``), not only the recommended set:
    for tests of each rule's own defect."""
    return bcpipe.Pipeline(select=["all"])


def minimal_report(**changes: Any) -> dict[str, Any]:
    """A small report that passes every built-in rule: issued, one of each part."""
    data: dict[str, Any] = {
        "type": "bao_cao",
        "status": "issued",
        "issuer": {"name": "ỦY BAN NHÂN DÂN XÃ PHƯỚC SƠN", "parent": "UBND HUYỆN TUY PHƯỚC"},
        "number": 12,
        "notation": "BC-UBND",
        "place": "Phước Sơn",
        "issue_date": {"day": 5, "month": 3, "year": 2023},
        "subject": "Kết quả công tác chuyển đổi số quý I năm 2023",
        "basis": [
            {
                "text": "Thực hiện Công văn số 210/UBND-VX ngày 15/02/2023 của UBND huyện Tuy Phước "
                "về việc báo cáo công tác chuyển đổi số, UBND xã báo cáo như sau:"
            }
        ],
        "body": [
            {
                "kind": "section",
                "number": "I",
                "heading": "KẾT QUẢ THỰC HIỆN",
                "children": [{"kind": "item", "text": "Đã số hóa 1.200 hồ sơ hộ tịch."}],
            },
            {
                "kind": "section",
                "number": "II",
                "heading": "ĐÁNH GIÁ CHUNG",
                "children": [{"kind": "paragraph", "text": "Cán bộ còn thiếu kỹ năng số."}],
            },
            {
                "kind": "section",
                "number": "III",
                "heading": "ĐỀ XUẤT, KIẾN NGHỊ",
                "children": [{"kind": "item", "text": "Đề nghị huyện mở lớp tập huấn."}],
            },
        ],
        "closing": [{"text": "Kính báo cáo UBND huyện Tuy Phước xem xét, chỉ đạo./."}],
        "signature": {
            "authority": [{"prefix": "TM.", "title": "ỦY BAN NHÂN DÂN"}],
            "position": "CHỦ TỊCH",
            "name": "Lê Văn Hòa",
        },
        "recipients": [
            {"name": "UBND huyện Tuy Phước"},
            {"name": "Đảng ủy xã"},
            {"kind": "archive", "holders": ["VT", "VP"]},
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def minimal() -> dict[str, Any]:
    return minimal_report()
