"""The kinds of administrative document (NĐ30 Điều 7) and their abbreviations (PL III Mục I).

Also the kinds of *cited* document: a report cites plans, official letters, but also
decrees and laws, which are not administrative documents and have their own
abbreviations (NĐ, TT) and notation shape (``30/2020/NĐ-CP``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bcpipe.textutil import fold

__all__ = [
    "CITABLE_TYPES",
    "CitableType",
    "DocumentType",
    "citable_type",
]


@dataclass(frozen=True, slots=True)
class _TypeInfo:
    name_vi: str
    abbreviation: str | None
    ordinal: int


class DocumentType(StrEnum):
    """The 29 kinds of administrative document, in the decree's order.

    The value is an ASCII slug (used in YAML/JSON); ``name_vi`` is the Vietnamese
    name, ``abbreviation`` the code used in the notation (``BC`` in ``15/BC-UBND``),
    ``ordinal`` the position in NĐ30 Điều 7.
    """

    NGHI_QUYET = "nghi_quyet"
    QUYET_DINH = "quyet_dinh"
    CHI_THI = "chi_thi"
    QUY_CHE = "quy_che"
    QUY_DINH = "quy_dinh"
    THONG_CAO = "thong_cao"
    THONG_BAO = "thong_bao"
    HUONG_DAN = "huong_dan"
    CHUONG_TRINH = "chuong_trinh"
    KE_HOACH = "ke_hoach"
    PHUONG_AN = "phuong_an"
    DE_AN = "de_an"
    DU_AN = "du_an"
    BAO_CAO = "bao_cao"
    BIEN_BAN = "bien_ban"
    TO_TRINH = "to_trinh"
    HOP_DONG = "hop_dong"
    CONG_VAN = "cong_van"
    CONG_DIEN = "cong_dien"
    BAN_GHI_NHO = "ban_ghi_nho"
    BAN_THOA_THUAN = "ban_thoa_thuan"
    GIAY_UY_QUYEN = "giay_uy_quyen"
    GIAY_MOI = "giay_moi"
    GIAY_GIOI_THIEU = "giay_gioi_thieu"
    GIAY_NGHI_PHEP = "giay_nghi_phep"
    PHIEU_GUI = "phieu_gui"
    PHIEU_CHUYEN = "phieu_chuyen"
    PHIEU_BAO = "phieu_bao"
    THU_CONG = "thu_cong"

    @property
    def name_vi(self) -> str:
        """The Vietnamese name in sentence case, as cited: "Báo cáo"."""
        return _INFO[self].name_vi

    @property
    def printed_name(self) -> str:
        """The type line as printed (upper case): "BÁO CÁO"."""
        return _INFO[self].name_vi.upper()

    @property
    def abbreviation(self) -> str | None:
        """Notation code ("BC"); None for công văn and thư công, which have none."""
        return _INFO[self].abbreviation

    @property
    def ordinal(self) -> int:
        """Position in NĐ30 Điều 7 (1-29)."""
        return _INFO[self].ordinal

    @property
    def subject_optional(self) -> bool:
        """Whether the kind may go without a subject (trích yếu): the "giấy" forms, whose
        type name says what they are (a giấy mời names its meeting in practice, not
        always: 037, 038)."""
        return self in _SUBJECT_OPTIONAL

    @classmethod
    def from_name(cls, name: str) -> DocumentType | None:
        """The type whose Vietnamese name is ``name`` (any case), or None."""
        return _BY_FOLDED_NAME.get(fold(name))


_INFO: dict[DocumentType, _TypeInfo] = {
    DocumentType.NGHI_QUYET: _TypeInfo("Nghị quyết", "NQ", 1),
    DocumentType.QUYET_DINH: _TypeInfo("Quyết định", "QĐ", 2),
    DocumentType.CHI_THI: _TypeInfo("Chỉ thị", "CT", 3),
    DocumentType.QUY_CHE: _TypeInfo("Quy chế", "QC", 4),
    DocumentType.QUY_DINH: _TypeInfo("Quy định", "QyĐ", 5),
    DocumentType.THONG_CAO: _TypeInfo("Thông cáo", "TC", 6),
    DocumentType.THONG_BAO: _TypeInfo("Thông báo", "TB", 7),
    DocumentType.HUONG_DAN: _TypeInfo("Hướng dẫn", "HD", 8),
    DocumentType.CHUONG_TRINH: _TypeInfo("Chương trình", "CTr", 9),
    DocumentType.KE_HOACH: _TypeInfo("Kế hoạch", "KH", 10),
    DocumentType.PHUONG_AN: _TypeInfo("Phương án", "PA", 11),
    DocumentType.DE_AN: _TypeInfo("Đề án", "ĐA", 12),
    DocumentType.DU_AN: _TypeInfo("Dự án", "DA", 13),
    DocumentType.BAO_CAO: _TypeInfo("Báo cáo", "BC", 14),
    DocumentType.BIEN_BAN: _TypeInfo("Biên bản", "BB", 15),
    DocumentType.TO_TRINH: _TypeInfo("Tờ trình", "TTr", 16),
    DocumentType.HOP_DONG: _TypeInfo("Hợp đồng", "HĐ", 17),
    DocumentType.CONG_VAN: _TypeInfo("Công văn", None, 18),
    DocumentType.CONG_DIEN: _TypeInfo("Công điện", "CĐ", 19),
    DocumentType.BAN_GHI_NHO: _TypeInfo("Bản ghi nhớ", "BGN", 20),
    DocumentType.BAN_THOA_THUAN: _TypeInfo("Bản thỏa thuận", "BTT", 21),
    DocumentType.GIAY_UY_QUYEN: _TypeInfo("Giấy ủy quyền", "GUQ", 22),
    DocumentType.GIAY_MOI: _TypeInfo("Giấy mời", "GM", 23),
    DocumentType.GIAY_GIOI_THIEU: _TypeInfo("Giấy giới thiệu", "GGT", 24),
    DocumentType.GIAY_NGHI_PHEP: _TypeInfo("Giấy nghỉ phép", "GNP", 25),
    DocumentType.PHIEU_GUI: _TypeInfo("Phiếu gửi", "PG", 26),
    DocumentType.PHIEU_CHUYEN: _TypeInfo("Phiếu chuyển", "PC", 27),
    DocumentType.PHIEU_BAO: _TypeInfo("Phiếu báo", "PB", 28),
    DocumentType.THU_CONG: _TypeInfo("Thư công", None, 29),
}

_BY_FOLDED_NAME = {fold(info.name_vi): t for t, info in _INFO.items()}
_SUBJECT_OPTIONAL = frozenset(
    {
        DocumentType.GIAY_UY_QUYEN,
        DocumentType.GIAY_MOI,
        DocumentType.GIAY_GIOI_THIEU,
        DocumentType.GIAY_NGHI_PHEP,
    }
)


@dataclass(frozen=True, slots=True)
class CitableType:
    """A kind of document that can be cited, with the abbreviations its notation may carry.

    ``abbreviations`` empty means the kind has no type code in its notation (công văn:
    ``1440/STTTT-TTBCXB``). ``by_name`` kinds (laws) are cited by their name and date,
    without a number. A ``generic`` kind ("Văn bản") may be any document: its notation
    may carry any type code, or none.
    """

    name: str
    abbreviations: tuple[str, ...]
    by_name: bool = False
    generic: bool = False


def _citable() -> dict[str, CitableType]:
    table = {
        t.name_vi: CitableType(t.name_vi, (t.abbreviation,) if t.abbreviation else ())
        for t in DocumentType
    }
    # Legal normative documents and Party documents, which reports cite as often as plans.
    for name, abbreviations in (
        ("Nghị định", ("NĐ",)),
        ("Thông tư", ("TT",)),
        ("Thông tư liên tịch", ("TTLT",)),
        ("Nghị quyết liên tịch", ("NQLT",)),
        ("Kết luận", ("KL",)),
    ):
        table[name] = CitableType(name, abbreviations)
    table["Văn bản"] = CitableType("Văn bản", (), generic=True)
    for name in ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"):
        table[name] = CitableType(name, (), by_name=True)
    return table


#: Every kind of document the citation recogniser knows, keyed by its Vietnamese name.
CITABLE_TYPES: dict[str, CitableType] = _citable()
_CITABLE_BY_FOLDED = {fold(name): t for name, t in CITABLE_TYPES.items()}


def citable_type(name: str) -> CitableType | None:
    """The citable kind named ``name`` (any case, e.g. "kế hoạch"), or None."""
    return _CITABLE_BY_FOLDED.get(fold(name))
