"""The header components: national motto, issuer, optional marks."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from bcpipe.model.base import Model, OptionalText, Text

__all__ = [
    "MOTTO_COUNTRY",
    "MOTTO_TAGLINE",
    "Confidentiality",
    "Issuer",
    "Marks",
    "NationalMotto",
    "Urgency",
]

MOTTO_COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_TAGLINE = "Độc lập - Tự do - Hạnh phúc"


class NationalMotto(Model):
    """Quốc hiệu và Tiêu ngữ (ô 1). Constant by law; kept so that a wrong one is seen."""

    country: Text = MOTTO_COUNTRY
    tagline: Text = MOTTO_TAGLINE


class Issuer(Model):
    """Cơ quan ban hành (ô 2), under its parent body when it has one.

    ``abbreviation`` is the issuer's code in notations ("UBND" in "BC-UBND");
    when given, the notation is checked against it.
    """

    name: Text = Field(description='e.g. "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC"')
    parent: OptionalText = Field(None, description='Cơ quan chủ quản, e.g. "UBND TỈNH BÌNH ĐỊNH"')
    abbreviation: OptionalText = Field(None, description='e.g. "UBND"')


class Confidentiality(StrEnum):
    """Dấu chỉ độ mật (ô 10a)."""

    MAT = "MẬT"
    TOI_MAT = "TỐI MẬT"
    TUYET_MAT = "TUYỆT MẬT"


class Urgency(StrEnum):
    """Dấu chỉ mức độ khẩn (ô 10b)."""

    KHAN = "KHẨN"
    THUONG_KHAN = "THƯỢNG KHẨN"
    HOA_TOC = "HỎA TỐC"


class Marks(Model):
    """Optional components: confidentiality, urgency, circulation, drafter and copies."""

    confidentiality: Confidentiality | None = None
    urgency: Urgency | None = None
    circulation: OptionalText = Field(None, description='ô 11, e.g. "LƯU HÀNH NỘI BỘ"')
    typist: OptionalText = Field(None, description="ô 12: drafter's initials")
    copies: int | None = Field(None, ge=1, description="ô 12: number of copies issued")
