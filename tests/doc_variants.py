"""Hand-made variants of the sample report, as plain data, for the format tests.

Each function takes a deep copy of the sample's data and returns it changed; the
variants cover the shapes a writer must get right (issued and draft, parent body,
TL./TUQ./Q. signatures, many recipients, tables, appendices, points, nested items,
every mark, free extension data).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Data = dict[str, Any]


def issued(data: Data) -> Data:
    data.update(status="issued", number=15, issue_date={"day": 10, "month": 1, "year": 2023})
    return data


def with_parent(data: Data) -> Data:
    data["issuer"]["parent"] = "UBND TỈNH BÌNH ĐỊNH"
    return data


def signed_tl(data: Data) -> Data:
    data["signature"] = {
        "authority": [{"prefix": "TL.", "title": "CHỦ TỊCH"}],
        "position": "CHÁNH VĂN PHÒNG",
        "name": "Trần Văn Bình",
    }
    return data


def signed_tuq(data: Data) -> Data:
    data["signature"] = {
        "authority": [{"prefix": "TUQ.", "title": "CHỦ TỊCH"}],
        "position": "TRƯỞNG PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "name": "Lê Thị Hoa",
    }
    return data


def signed_acting(data: Data) -> Data:
    """ "Q. CHỦ TỊCH" with no position of its own."""
    data["signature"] = {"authority": [{"prefix": "Q.", "title": "CHỦ TỊCH"}], "name": "Võ An"}
    return data


def signed_own_right(data: Data) -> Data:
    data["signature"] = {"position": "CHỦ TỊCH", "name": "Phan Văn Đức"}
    return data


def many_recipients(data: Data) -> Data:
    data["addressees"] = [
        "Sở Thông tin và Truyền thông tỉnh Bình Định",
        "Sở Ngoại vụ tỉnh Bình Định",
    ]
    named = [{"name": f"UBND xã Phước {n}"} for n in ("Hòa", "Thắng", "Quang", "Sơn", "Lộc")]
    data["recipients"] = [
        {"kind": "as_above"},
        *named,
        {"name": "Sở Thông tin và Truyền thông"},
        {"name": "CT và PCT UBND huyện", "note": "Đ/c Tân"},
        *({"name": f"Phòng chuyên môn số {n}"} for n in range(1, 21)),
        {"kind": "archive", "holders": ["VT", "VHTT"], "copies": 2},
    ]
    return data


TABLE = {
    "kind": "table",
    "caption": "Bảng 1. Số tin bài đăng tải",
    "header_rows": 2,
    "rows": [
        ["Kênh", "Năm 2021", "Năm 2022"],
        ["", "(tin)", "(tin)"],
        ["Cổng thông tin điện tử", "120", "154"],
        ["Mạng xã hội", "", "37"],
        [],
    ],
}


def with_table(data: Data) -> Data:
    data["body"][0]["children"].append({"kind": "clause", "number": "6", "heading": "Số liệu"})
    data["body"][0]["children"][-1]["children"] = [copy.deepcopy(TABLE)]
    return data


def with_points(data: Data) -> Data:
    data["body"].append(
        {
            "kind": "section",
            "number": "IV",
            "heading": "NHIỆM VỤ NĂM 2023",
            "children": [
                {
                    "kind": "clause",
                    "number": "1.1",
                    "text": "Tiếp tục tuyên truyền về biên giới, biển, đảo.",
                },
                {
                    "kind": "clause",
                    "number": "1.2",
                    "heading": "Nhiệm vụ cụ thể",
                    "children": [
                        {"kind": "point", "number": "a", "heading": "Tuyên truyền"},
                        {"kind": "point", "number": "đ", "text": "Tập huấn cho cán bộ cơ sở."},
                    ],
                },
            ],
        }
    )
    return data


def with_nested_items(data: Data) -> Data:
    item = data["body"][0]["children"][0]["children"][0]
    item["children"] = [
        {"kind": "item", "marker": "+", "text": "Tuyên truyền trên Cổng thông tin điện tử."},
        {
            "kind": "item",
            "marker": "+",
            "text": "Tuyên truyền trên đài truyền thanh.",
            "children": [{"kind": "paragraph", "text": "Mỗi tuần hai buổi."}],
        },
    ]
    return data


def with_appendices(data: Data) -> Data:
    data["appendices"] = [
        {
            "number": "I",
            "title": "DANH SÁCH CÁC HOẠT ĐỘNG",
            "reference": "(Kèm theo Báo cáo số 15/BC-UBND ngày 10/01/2023 của UBND huyện)",
            "body": [
                {
                    "kind": "part",
                    "number": "I",
                    "heading": "HOẠT ĐỘNG TRONG NĂM",
                    "children": [copy.deepcopy(TABLE)],
                }
            ],
        },
        {"title": "BẢNG TỔNG HỢP", "body": [{"kind": "paragraph", "text": "Không phát sinh."}]},
    ]
    return data


def with_marks(data: Data) -> Data:
    data["marks"] = {
        "confidentiality": "MẬT",
        "urgency": "THƯỢNG KHẨN",
        "circulation": "LƯU HÀNH NỘI BỘ",
        "typist": "PL",
        "copies": 12,
    }
    data["contact"] = "Địa chỉ: 01 Trần Phú, Tuy Phước; ĐT: 0256 3833 000"
    return data


def with_extensions(data: Data) -> Data:
    data["extensions"] = {
        "pdf": {"font": "Times New Roman", "size": 13, "scale": 1.25, "bold": True},
        "archive": {
            "tags": ["ttđn", 2022, None, False, {"deep": [1.5e-5, "x"]}],
            "empty_list": [],
            "empty_map": {},
            "nothing": None,
        },
    }
    return data


def with_citations(data: Data) -> Data:
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
        "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; "
        "Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị;"
    )
    data["basis"].insert(
        0,
        {
            "text": text,
            "citations": [
                {
                    "text": "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
                    "type_name": "Luật",
                    "title": "Tổ chức chính quyền địa phương",
                    "date": {"day": 19, "month": 6, "year": 2015},
                },
                {
                    "text": "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
                    "type_name": "Nghị định",
                    "number": "30",
                    "year": 2020,
                    "notation": "NĐ-CP",
                    "date": {"day": 5, "month": 3, "year": 2020},
                    "issuer": "Chính phủ",
                },
                {
                    "text": "Nghị quyết số 35-NQ/TW",
                    "type_name": "Nghị quyết",
                    "number": "35",
                    "notation": "NQ/TW",
                },
            ],
        },
    )
    return data


def cong_van(data: Data) -> Data:
    data.update(type="cong_van", notation="UBND-VHTT", subject="báo cáo công tác năm 2022")
    data["addressees"] = ["Sở Thông tin và Truyền thông tỉnh Bình Định"]
    return data


def everything(data: Data) -> Data:
    for change in (
        issued,
        with_parent,
        signed_tuq,
        many_recipients,
        with_table,
        with_points,
        with_nested_items,
        with_appendices,
        with_marks,
        with_extensions,
        with_citations,
    ):
        data = change(data)
    return data


#: Every variant by name ("sample" is the sample unchanged: a draft).
VARIANTS: dict[str, Callable[[Data], Data]] = {
    "sample": lambda data: data,
    "issued": issued,
    "with_parent": with_parent,
    "signed_tl": signed_tl,
    "signed_tuq": signed_tuq,
    "signed_acting": signed_acting,
    "signed_own_right": signed_own_right,
    "many_recipients": many_recipients,
    "with_table": with_table,
    "with_points": with_points,
    "with_nested_items": with_nested_items,
    "with_appendices": with_appendices,
    "with_marks": with_marks,
    "with_extensions": with_extensions,
    "with_citations": with_citations,
    "cong_van": cong_van,
    "everything": everything,
}


def variant(sample_data: Data, name: str) -> Data:
    """The variant ``name`` of (a deep copy of) the sample's data."""
    return VARIANTS[name](copy.deepcopy(sample_data))
