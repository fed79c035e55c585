"""Issuing bodies and the bodies around them (who they report to, who asks them).

An :class:`Agency` is a body that issues documents: a People's Committee (UBND) of a
province, district or commune, a provincial department (Sở) or a district department
(Phòng). Each knows how it writes its name, its notation code, its place line, the
signature blocks it may sign with, and the bodies that receive its documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bcpipe.testing._vocabulary import (
    DEPARTMENTS,
    DISTRICT_DEPARTMENTS,
    LEGAL_DOCUMENTS,
    PROVINCES,
    UBND_UNITS,
    Department,
    District,
    Province,
    Unit,
)

__all__ = [
    "AGENCIES",
    "AUTHORITY_SHAPES",
    "LEVELS",
    "Agency",
    "AuthorityShape",
    "Body",
    "Level",
    "all_body_names",
]

Level = Literal["province", "district", "commune"]
LEVELS: tuple[Level, ...] = ("district", "commune", "province")
AuthorityShape = tuple[str, ...]

#: Every combination of authority lines the signature rule accepts, as prefixes.
AUTHORITY_SHAPES: tuple[AuthorityShape, ...] = (
    (),
    ("TM.",),
    ("TM.", "KT."),
    ("TM.", "Q."),
    ("KT.",),
    ("TL.",),
    ("TL.", "KT."),
    ("TUQ.",),
    ("Q.",),
)

_UBND_SHAPES = AUTHORITY_SHAPES
_COMMUNE_SHAPES: tuple[AuthorityShape, ...] = (
    (),
    ("TM.",),
    ("TM.", "KT."),
    ("TM.", "Q."),
    ("KT.",),
    ("Q.",),
)
_SO_SHAPES: tuple[AuthorityShape, ...] = (
    (),
    ("KT.",),
    ("TL.",),
    ("TL.", "KT."),
    ("TUQ.",),
    ("Q.",),
)
_PHONG_SHAPES: tuple[AuthorityShape, ...] = ((), ("KT.",), ("Q.",))


@dataclass(frozen=True, slots=True)
class Body:
    """A body as documents name it in running text.

    ``code`` is its notation code (UBND, STTTT) when it issues documents a generated
    document may cite; ``addressable`` says whether it may stand alone after "Kính
    báo cáo" or "Kính gửi" (not "Chủ tịch, các Phó Chủ tịch UBND huyện").
    """

    name: str
    code: str | None = None
    units: tuple[str, ...] = ("VP",)
    addressable: bool = True


@dataclass(frozen=True, slots=True)
class Agency:
    """A body that issues documents, with everything a document of it needs."""

    body: Body  # its name in running text, its code and its offices
    level: Level
    kind: Literal["ubnd", "so", "phong"]
    formal: str  # the issuer line: "ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC", "SỞ NỘI VỤ"
    parent: str | None  # the parent body's line: "UBND TỈNH BÌNH ĐỊNH"
    self_name: str  # how it names itself in its own text: "UBND huyện Tuy Phước", "Sở Nội vụ"
    place: Unit
    territory: str  # "huyện" in "trên địa bàn huyện"
    superior: Body | None  # the People's Committee above, whose plans it applies
    recipients: tuple[Body, ...]  # who may receive its documents, the most senior first
    shapes: tuple[AuthorityShape, ...]
    head: str  # "CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG PHÒNG"
    delegate: str  # who signs TUQ. for the head: "GIÁM ĐỐC SỞ NỘI VỤ"

    @property
    def where(self) -> str:
        return f"trên địa bàn {self.territory}"


def _ubnd(unit: Unit) -> Body:
    return Body(f"UBND {unit.full}", "UBND", UBND_UNITS)


def _so(department: Department, province: Province) -> Body:
    return Body(
        f"Sở {department.subject} {province.unit.full}", f"S{department.code}", department.units
    )


def _phong(department: Department, district: District) -> Body:
    return Body(f"Phòng {department.subject} {district.unit.full}", f"P{department.code}", ("TH",))


def _bo(department: Department) -> Body:
    return Body(f"Bộ {department.subject}", f"B{department.code}", ("VP", "KHTC"))


def _party(unit: Unit) -> str:
    """The Party committee of a unit: Tỉnh ủy, Thành ủy, Huyện ủy, Quận ủy, Thị ủy."""
    return {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy"}.get(
        unit.kind, "Thị ủy"
    )


def _internal(unit: Unit, head_titles: str) -> tuple[Body, ...]:
    kind = unit.kind
    party = f"Đảng ủy {kind}" if kind in ("xã", "phường", "thị trấn") else _party(unit)
    return (
        Body(f"Thường trực {party}"),
        Body(f"Thường trực HĐND {kind}"),
        Body(f"{head_titles} UBND {kind}", addressable=False),
    )


# Which provincial departments oversee a district department.
_OVERSEEN_BY = {"VHTT": ("TTTT",), "TCKH": ("TC", "KHĐT"), "KTHT": ("XD", "CT")}


def _so_by_code(code: str, province: Province) -> Body:
    (department,) = (d for d in DEPARTMENTS if d.code == code)
    return _so(department, province)


def _lower_units(unit: Unit) -> str:
    """ "UBND các xã, thị trấn" under a district, "UBND các huyện, thị xã, thành phố" under a
    province."""
    if unit.kind in ("tỉnh", "thành phố"):
        return "UBND các huyện, thị xã, thành phố"
    return "UBND các phường" if unit.kind == "quận" else "UBND các xã, thị trấn"


def _province_agencies(province: Province) -> list[Agency]:
    unit = province.unit
    ubnd = _ubnd(unit)
    departments = tuple(_so(d, province) for d in DEPARTMENTS)
    ministries = tuple(_bo(d) for d in DEPARTMENTS if d.ministry)
    chairs = "Chủ tịch, các Phó Chủ tịch"
    agencies = [
        Agency(
            body=ubnd,
            level="province",
            kind="ubnd",
            formal=f"ỦY BAN NHÂN DÂN {unit.full.upper()}",
            parent=None,
            self_name=ubnd.name,
            place=unit,
            territory=unit.kind,
            superior=None,
            recipients=(
                *ministries[:4],
                Body("Văn phòng Chính phủ", "VPCP", ("KGVX", "TH")),
                *_internal(unit, chairs),
                *departments[:4],
                Body(_lower_units(unit), addressable=False),
            ),
            shapes=_UBND_SHAPES,
            head="CHỦ TỊCH",
            delegate="GIÁM ĐỐC SỞ NỘI VỤ",
        )
    ]
    for department, body in zip(DEPARTMENTS, departments, strict=True):
        others = tuple(d for d in departments if d is not body)
        ministry = (_bo(department),) if department.ministry else ()
        agencies.append(
            Agency(
                body=body,
                level="province",
                kind="so",
                formal=f"SỞ {department.subject.upper()}",
                parent=f"UBND {unit.full.upper()}",
                self_name=f"Sở {department.subject}",
                place=unit,
                territory=unit.kind,
                superior=ubnd,
                recipients=(
                    ubnd,
                    *ministry,
                    *others[:4],
                    Body("Giám đốc, các Phó Giám đốc Sở", addressable=False),
                    Body(_lower_units(unit), addressable=False),
                ),
                shapes=_SO_SHAPES,
                head="GIÁM ĐỐC",
                delegate="CHÁNH VĂN PHÒNG",
            )
        )
    for district in province.districts:
        agencies.extend(_district_agencies(district, province, ubnd))
    return agencies


def _district_agencies(district: District, province: Province, above: Body) -> list[Agency]:
    unit = district.unit
    ubnd = _ubnd(unit)
    phongs = tuple(_phong(d, district) for d in DISTRICT_DEPARTMENTS)
    chairs = "Chủ tịch, các Phó Chủ tịch"
    agencies = [
        Agency(
            body=ubnd,
            level="district",
            kind="ubnd",
            formal=f"ỦY BAN NHÂN DÂN {unit.full.upper()}",
            parent=f"UBND {province.unit.full.upper()}",
            self_name=ubnd.name,
            place=unit,
            territory=unit.kind,
            superior=above,
            recipients=(
                above,
                *(_so(d, province) for d in DEPARTMENTS[:4]),
                *_internal(unit, chairs),
                *phongs[:3],
                Body(_lower_units(unit), addressable=False),
            ),
            shapes=_UBND_SHAPES,
            head="CHỦ TỊCH",
            delegate="TRƯỞNG PHÒNG NỘI VỤ",
        )
    ]
    for department, body in zip(DISTRICT_DEPARTMENTS, phongs, strict=True):
        codes = _OVERSEEN_BY.get(department.code, (department.code,))
        overseers = tuple(_so_by_code(code, province) for code in codes)
        agencies.append(
            Agency(
                body=body,
                level="district",
                kind="phong",
                formal=f"PHÒNG {department.subject.upper()}",
                parent=f"UBND {unit.full.upper()}",
                self_name=f"Phòng {department.subject}",
                place=unit,
                territory=unit.kind,
                superior=ubnd,
                recipients=(
                    ubnd,
                    *overseers,
                    Body(f"{chairs} UBND {unit.kind}", addressable=False),
                    *(p for p in phongs[:6] if p is not body),
                ),
                shapes=_PHONG_SHAPES,
                head="TRƯỞNG PHÒNG",
                delegate="",
            )
        )
    for commune in district.communes:
        agencies.append(_commune_agency(commune, district, ubnd, phongs))
    return agencies


def _commune_agency(
    commune: Unit, district: District, above: Body, phongs: tuple[Body, ...]
) -> Agency:
    ubnd = _ubnd(commune)
    return Agency(
        body=ubnd,
        level="commune",
        kind="ubnd",
        formal=f"ỦY BAN NHÂN DÂN {commune.full.upper()}",
        parent=f"UBND {district.unit.full.upper()}",
        self_name=ubnd.name,
        place=commune,
        territory=commune.kind,
        superior=above,
        recipients=(
            above,
            *phongs[:4],
            *_internal(commune, "Chủ tịch, các Phó Chủ tịch"),
            Body(f"Các ban, ngành, đoàn thể {commune.kind}", addressable=False),
        ),
        shapes=_COMMUNE_SHAPES,
        head="CHỦ TỊCH",
        delegate="",
    )


def _all_agencies() -> tuple[Agency, ...]:
    agencies: list[Agency] = []
    for province in PROVINCES:
        agencies.extend(_province_agencies(province))
    # Shrinking moves towards the first: the district of the sample (UBND huyện Tuy Phước).
    agencies.sort(key=lambda a: (LEVELS.index(a.level), a.kind != "ubnd"))
    return tuple(agencies)


#: Every issuing body the strategies know, the sample's district first.
AGENCIES: tuple[Agency, ...] = _all_agencies()


def all_body_names() -> tuple[str, ...]:
    """Every name of a body a generated document may write, each once, sorted."""
    names: set[str] = set()
    for agency in AGENCIES:
        names.update({agency.body.name, agency.formal, agency.self_name})
        names.update(body.name for body in agency.recipients)
        if agency.superior is not None:
            names.add(agency.superior.name)
    names.update(document.issuer for document in LEGAL_DOCUMENTS)
    return tuple(sorted(names))
