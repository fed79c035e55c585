"""Sentences, headings, subjects and closings, by document type and by part."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hypothesis import strategies as st

from bcpipe.doctypes import DocumentType
from bcpipe.testing._draws import pick
from bcpipe.testing._vocabulary import Topic

__all__ = [
    "LAYOUTS",
    "PART_HEADINGS",
    "Role",
    "closing_text",
    "draw_heading",
    "draw_sentence",
    "draw_subject",
    "fill",
    "layout_of",
]

#: What a part of the body is for; it picks the sentences and headings written in it.
Role = Literal[
    "results", "assessment", "proposals", "purpose", "content", "implementation", "general"
]

# Headings of the top-level sections, per role. The profile roles' headings hold the
# phrases the sections rule looks for (profiles.toml) and no phrase of another part;
# "general" headings hold none at all (checked by tests/test_testing_vocabulary.py).
PART_HEADINGS: dict[Role, tuple[str, ...]] = {
    "results": (
        "KẾT QUẢ THỰC HIỆN",
        "TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN",
        "KẾT QUẢ ĐẠT ĐƯỢC",
        "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
    ),
    "assessment": (
        "ĐÁNH GIÁ CHUNG",
        "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "KHÓ KHĂN, VƯỚNG MẮC",
        "NHẬN XÉT, ĐÁNH GIÁ",
    ),
    "proposals": ("ĐỀ XUẤT, KIẾN NGHỊ", "PHƯƠNG HƯỚNG THỜI GIAN TỚI", "KIẾN NGHỊ"),
    "purpose": ("MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU"),
    "content": ("NỘI DUNG, NHIỆM VỤ", "NHIỆM VỤ VÀ GIẢI PHÁP", "NỘI DUNG THỰC HIỆN"),
    "implementation": ("TỔ CHỨC THỰC HIỆN",),
    "general": ("ĐẶC ĐIỂM TÌNH HÌNH", "SỰ CẦN THIẾT", "KINH PHÍ", "CĂN CỨ XÂY DỰNG"),
}

# Headings of clauses and points inside a part of that role (topic areas are added for
# the roles that describe work done or to do).
_INNER_HEADINGS: dict[Role, tuple[str, ...]] = {
    "results": (),
    "assessment": ("Ưu điểm", "Tồn tại, hạn chế", "Nguyên nhân"),
    "proposals": ("Đề xuất, kiến nghị", "Phương hướng"),
    "purpose": ("Mục đích", "Yêu cầu"),
    "content": (),
    "implementation": ("Trách nhiệm của các cơ quan, đơn vị", "Chế độ thông tin, báo cáo"),
    "general": (),
}

_GENERIC: dict[Role, tuple[str, ...]] = {
    "results": ("Các cơ quan, đơn vị {where} đã triển khai thực hiện nghiêm túc.",),
    "assessment": (
        "Công tác chỉ đạo, điều hành được thực hiện kịp thời, đúng quy định.",
        "Sự phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ.",
        "Nguyên nhân chủ yếu do nguồn lực còn hạn chế.",
    ),
    "proposals": ("Tiếp tục thực hiện có hiệu quả các nhiệm vụ đã đề ra.",),
    "purpose": (
        "Bảo đảm thực hiện có hiệu quả {topic} {where}.",
        "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức và Nhân dân.",
        "Bảo đảm thiết thực, hiệu quả, phù hợp với điều kiện thực tế của địa phương.",
    ),
    "content": (),
    "implementation": (
        "{self} chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện.",
        "Các cơ quan, đơn vị định kỳ hằng quý báo cáo kết quả thực hiện về {self}.",
        "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
    ),
    "general": ("Tình hình {where} cơ bản ổn định.",),
}


def _topic_sentences(topic: Topic, role: Role) -> tuple[str, ...]:
    return {
        "results": topic.results,
        "assessment": topic.problems,
        "proposals": topic.proposals,
        "purpose": (),
        "content": topic.tasks,
        "implementation": (),
        "general": topic.results + topic.tasks,
    }[role]


def fill(draw: st.DrawFn, template: str, *, topic: Topic, where: str, self_name: str) -> str:
    """``template`` with its numbers drawn and its names filled in."""
    n = draw(st.integers(1, 30)) if "{n}" in template else 0
    m = draw(st.integers(10, 5000)) if "{m}" in template else 0
    percent = ""
    if "{p}" in template:
        whole = draw(st.integers(50, 100))
        tenth = draw(st.integers(0, 9)) if whole < 100 else 0
        percent = f"{whole},{tenth}%" if tenth else f"{whole}%"
    return template.format(
        n=n,
        m=f"{m:,}".replace(",", "."),  # 1.200: the Vietnamese thousands separator
        p=percent,
        topic=topic.name,
        where=where,
        self=self_name,
    )


def draw_sentence(draw: st.DrawFn, role: Role, *, topic: Topic, where: str, self_name: str) -> str:
    templates = _topic_sentences(topic, role) + _GENERIC[role]
    template = pick(draw, templates)
    return fill(draw, template, topic=topic, where=where, self_name=self_name)


def draw_heading(draw: st.DrawFn, role: Role, topic: Topic) -> str:
    """The heading of a clause or point in a part of ``role`` (sentence case)."""
    return pick(draw, _INNER_HEADINGS[role] + topic.areas)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a type's body is laid out: its top-level parts, or a flat list of blocks."""

    roles: tuple[Role, ...]  # the top-level sections, in order; () for a flat body
    required: bool  # the roles are a sections profile's required parts


_REPORT = Layout(("results", "assessment", "proposals"), required=True)
_PLAN = Layout(("purpose", "content", "implementation"), required=True)
_PROGRAMME = Layout(("purpose", "content", "implementation"), required=False)
_SUBMISSION = Layout(("general", "content", "proposals"), required=False)
_FLAT = Layout((), required=False)

LAYOUTS: dict[DocumentType, Layout] = {
    DocumentType.BAO_CAO: _REPORT,
    DocumentType.KE_HOACH: _PLAN,
    DocumentType.TO_TRINH: _SUBMISSION,
    DocumentType.DE_AN: _PROGRAMME,
    DocumentType.DU_AN: _PROGRAMME,
    DocumentType.PHUONG_AN: _PROGRAMME,
    DocumentType.CHUONG_TRINH: _PROGRAMME,
    DocumentType.HUONG_DAN: _PROGRAMME,
}


def layout_of(kind: DocumentType) -> Layout:
    return LAYOUTS.get(kind, _FLAT)


def draw_subject(draw: st.DrawFn, kind: DocumentType, topic: Topic, year: int) -> str:
    """The document's subject (trích yếu); a công văn's without "V/v"."""
    # Real subjects often name no period at all ("Tình hình công tác cải cách hành chính"):
    # a rule that reads the year from the subject must meet them too.
    period = pick(draw, (f"năm {year}", f"6 tháng đầu năm {year}", f"quý I năm {year}", ""))
    name = topic.name
    by_type = {
        DocumentType.BAO_CAO: (
            f"Kết quả thực hiện {name} {period}".rstrip(),
            f"Tình hình {name} {period}".rstrip(),
        ),
        DocumentType.KE_HOACH: (
            f"Triển khai {name} năm {year}",
            f"Thực hiện {name} năm {year}",
            f"Thực hiện {name}",
        ),
        DocumentType.CONG_VAN: (f"báo cáo kết quả {name} {period}", f"triển khai {name}"),
        DocumentType.TO_TRINH: (f"Đề nghị phê duyệt kinh phí thực hiện {name} năm {year}",),
    }
    return pick(draw, by_type.get(kind, (f"Thực hiện {name} năm {year}",)))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def closing_text(
    draw: st.DrawFn, kind: DocumentType, *, subject: str, self_name: str, addressee: str | None
) -> str:
    """The closing paragraph, ending with "./.".

    Only ``addressee`` (a recipient, or a "Kính gửi" addressee with "Như trên") is
    addressed with "Kính báo cáo … biết": the recipients rule checks it receives it.
    """
    if kind is DocumentType.BAO_CAO:
        text = f"Trên đây là báo cáo {lower_first(subject)} của {self_name}."
        if addressee:
            verb = pick(draw, ("xem xét, chỉ đạo", "biết, tổng hợp", "biết, theo dõi"))
            return f"{text} Kính báo cáo {addressee} {verb}./."
        return text[:-1] + "./."
    if kind is DocumentType.TO_TRINH:
        if addressee:
            return f"{self_name} kính trình {addressee} xem xét, phê duyệt./."
        return "Đề nghị cấp có thẩm quyền xem xét, phê duyệt./."
    if kind is DocumentType.CONG_VAN:
        if addressee:
            return f"{self_name} kính đề nghị {addressee} xem xét, giải quyết./."
        return f"Đề nghị các cơ quan, đơn vị phối hợp thực hiện; báo cáo kết quả về {self_name}./."
    if kind is DocumentType.KE_HOACH:
        return (
            f"Trong quá trình triển khai thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, "
            f"đơn vị kịp thời phản ánh về {self_name} để xem xét, giải quyết./."
        )
    return "Đề nghị các cơ quan, đơn vị liên quan nghiêm túc thực hiện./."
