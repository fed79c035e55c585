"""The words generated documents are made of: places, bodies, people, topics.

Everything here is data, written so that the built-in rules accept it wherever the
strategies put it: no name of a body holds a comma or the words that end a cited
issuer ("về", "quy định", "hướng dẫn", "ban hành"); no free sentence holds
"<kind> số <digit>" (it would be read as a citation) or "ngày <digit>", nor opens like a
basis line ("Căn cứ", "Thực hiện", "Triển khai" …) or a closing ("Trên đây", "Kính …"),
which is how a plain-text reader tells them from the body; no heading outside the
required parts holds a phrase of a sections profile. The suite checks
these claims (tests/test_testing_vocabulary.py), so a careless addition fails there
and not, much later, as a puzzling property failure.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEPARTMENTS",
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "LAWS",
    "LEGAL_DOCUMENTS",
    "MIDDLE_NAMES",
    "PROVINCES",
    "TOPICS",
    "Department",
    "District",
    "Law",
    "LegalDocument",
    "Province",
    "Topic",
    "Unit",
]


@dataclass(frozen=True, slots=True)
class Unit:
    """An administrative unit: its kind ("huyện") and its proper name ("Tuy Phước")."""

    kind: str
    name: str

    @property
    def full(self) -> str:
        """As named in running text: "huyện Tuy Phước", "Quận 1", "Thành phố Hồ Chí Minh"."""
        if self.name.isdigit() or self.name == "Hồ Chí Minh":
            return f"{self.kind.capitalize()} {self.name}"
        return f"{self.kind} {self.name}"

    @property
    def place(self) -> str:
        """The place line (địa danh, PL I II.4): the proper name, except the units
        the decree names with their kind (a number, or Hồ Chí Minh)."""
        if self.name.isdigit() or self.name == "Hồ Chí Minh":
            return self.full
        return self.name


@dataclass(frozen=True, slots=True)
class District:
    unit: Unit
    communes: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class Province:
    unit: Unit
    districts: tuple[District, ...]


def _district(kind: str, name: str, *communes: tuple[str, str]) -> District:
    return District(Unit(kind, name), tuple(Unit(k, n) for k, n in communes))


# Real units (before the 2025 reorganisation, which the generated years precede).
# The first of each list is what a shrunk example uses: Tuy Phước, as in the sample.
PROVINCES: tuple[Province, ...] = (
    Province(
        Unit("tỉnh", "Bình Định"),
        (
            _district(
                "huyện",
                "Tuy Phước",
                ("xã", "Phước Sơn"),
                ("xã", "Phước Hòa"),
                ("xã", "Phước Thắng"),
                ("thị trấn", "Diêu Trì"),
            ),
            _district("huyện", "Phù Cát", ("xã", "Cát Hanh"), ("thị trấn", "Ngô Mây")),
            _district("thị xã", "An Nhơn", ("phường", "Nhơn Thành"), ("xã", "Nhơn Hậu")),
        ),
    ),
    Province(
        Unit("tỉnh", "Quảng Nam"),
        (
            _district("huyện", "Duy Xuyên", ("xã", "Duy Sơn"), ("thị trấn", "Nam Phước")),
            _district("thành phố", "Hội An", ("phường", "Minh An"), ("xã", "Cẩm Thanh")),
        ),
    ),
    Province(
        Unit("tỉnh", "Nghệ An"),
        (
            _district("huyện", "Nghi Lộc", ("xã", "Nghi Phong"), ("thị trấn", "Quán Hành")),
            _district("thị xã", "Cửa Lò", ("phường", "Nghi Thủy")),
        ),
    ),
    Province(
        Unit("thành phố", "Hồ Chí Minh"),
        (
            _district("quận", "1", ("phường", "Bến Nghé"), ("phường", "Đa Kao")),
            _district("huyện", "Củ Chi", ("xã", "Tân Thông Hội"), ("thị trấn", "Củ Chi")),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Department:
    """A specialised body: the Sở of a province, the Phòng of a district, the Bộ above.

    ``subject`` is what it is "of" ("Thông tin và Truyền thông"); ``code`` the letters
    after S/P/B in its notation code (STTTT, PVHTT, BTTTT).
    """

    subject: str
    code: str
    units: tuple[str, ...]  # its offices, in notations of its official letters and archives
    ministry: bool = True  # whether a ministry of that name exists


# Sở (provincial departments) and the ministries above them.
DEPARTMENTS: tuple[Department, ...] = (
    Department("Thông tin và Truyền thông", "TTTT", ("TTBCXB", "BCVT", "CNTT")),
    Department("Nội vụ", "NV", ("CCVC", "XDCQ", "TCBM")),
    Department("Tài chính", "TC", ("QLNS", "TCHCSN")),
    Department("Kế hoạch và Đầu tư", "KHĐT", ("TH", "ĐKKD")),
    Department("Giáo dục và Đào tạo", "GDĐT", ("GDTrH", "GDTH")),
    Department("Y tế", "YT", ("NVY", "KHTC")),
    Department("Tư pháp", "TP", ("XDKTVB", "PBGDPL")),
    Department("Nông nghiệp và Phát triển nông thôn", "NNPTNT", ("KHTC", "TTBVTV")),
    Department("Tài nguyên và Môi trường", "TNMT", ("CCBVMT", "QLĐĐ")),
    Department("Công Thương", "CT", ("QLTM", "KTAT")),
    Department("Lao động - Thương binh và Xã hội", "LĐTBXH", ("BTXH", "LĐVL")),
    Department("Xây dựng", "XD", ("QLXD", "KTVLXD")),
)

# Phòng (district departments); a Phòng has no offices of its own, its letters use "TH".
DISTRICT_DEPARTMENTS: tuple[Department, ...] = (
    Department("Văn hóa và Thông tin", "VHTT", ("TH",), ministry=False),
    Department("Nội vụ", "NV", ("TH",)),
    Department("Tài chính - Kế hoạch", "TCKH", ("TH",), ministry=False),
    Department("Giáo dục và Đào tạo", "GDĐT", ("TH",)),
    Department("Tư pháp", "TP", ("TH",)),
    Department("Tài nguyên và Môi trường", "TNMT", ("TH",)),
    Department("Lao động - Thương binh và Xã hội", "LĐTBXH", ("TH",)),
    Department("Y tế", "YT", ("TH",)),
    Department("Kinh tế - Hạ tầng", "KTHT", ("TH",), ministry=False),
)

# Offices of a People's Committee that draft its documents and keep a copy.
UBND_UNITS: tuple[str, ...] = ("VX", "KT", "NC", "TH")

FAMILY_NAMES: tuple[str, ...] = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
)
MIDDLE_NAMES: tuple[str, ...] = (
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Ngọc",
    "Quốc",
    "Xuân",
    "Thu",
    "Công",
    "Thị Kim",
    "Văn Thành",
)
GIVEN_NAMES: tuple[str, ...] = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hòa",
    "Hùng",
    "Hương",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Tân",
    "Thảo",
    "Trung",
    "Tuấn",
    "Vinh",
    "Yến",
    "Ánh",
    "Đông",
    "Uyên",
)


@dataclass(frozen=True, slots=True)
class Law:
    """A law, cited by its name and date ("Luật … ngày 19 tháng 6 năm 2015")."""

    title: str
    day: int
    month: int
    year: int


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A numbered document of a central body: a decree, a circular, a Party resolution."""

    type_name: str
    number: str
    year: int | None  # the year in the code (30/2020/NĐ-CP); None for other shapes
    notation: str
    day: int
    month: int
    date_year: int
    issuer: str
    subject: str


# Real laws and central documents, all dated before the first generated year (2021),
# so that a document of any generated date may cite them.
LAWS: tuple[Law, ...] = (
    Law("Tổ chức chính quyền địa phương", 19, 6, 2015),
    Law("Ngân sách nhà nước", 25, 6, 2015),
    Law("Công nghệ thông tin", 29, 6, 2006),
    Law("Tiếp cận thông tin", 6, 4, 2016),
    Law("An ninh mạng", 12, 6, 2018),
    Law("Đầu tư công", 13, 6, 2019),
)

LEGAL_DOCUMENTS: tuple[LegalDocument, ...] = (
    LegalDocument("Nghị định", "30", 2020, "NĐ-CP", 5, 3, 2020, "Chính phủ", "công tác văn thư"),
    LegalDocument(
        "Nghị định",
        "45",
        2020,
        "NĐ-CP",
        8,
        4,
        2020,
        "Chính phủ",
        "thực hiện thủ tục hành chính trên môi trường điện tử",
    ),
    LegalDocument(
        "Nghị định",
        "61",
        2018,
        "NĐ-CP",
        23,
        4,
        2018,
        "Chính phủ",
        "thực hiện cơ chế một cửa và một cửa liên thông trong giải quyết thủ tục hành chính",
    ),
    LegalDocument(
        "Nghị định",
        "09",
        2019,
        "NĐ-CP",
        24,
        1,
        2019,
        "Chính phủ",
        "chế độ báo cáo của cơ quan hành chính nhà nước",
    ),
    LegalDocument(
        "Thông tư",
        "01",
        2011,
        "TT-BNV",
        19,
        1,
        2011,
        "Bộ Nội vụ",
        "hướng dẫn thể thức và kỹ thuật trình bày văn bản hành chính",
    ),
    LegalDocument(
        "Quyết định",
        "749",
        None,
        "QĐ-TTg",
        3,
        6,
        2020,
        "Thủ tướng Chính phủ",
        "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025",
    ),
    LegalDocument(
        "Nghị quyết",
        "35",
        None,
        "NQ/TW",
        22,
        10,
        2018,
        "Bộ Chính trị",
        "tăng cường bảo vệ nền tảng tư tưởng của Đảng",
    ),
    LegalDocument(
        "Chỉ thị",
        "05",
        None,
        "CT/TW",
        15,
        5,
        2016,
        "Bộ Chính trị",
        "đẩy mạnh học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí Minh",
    ),
)


@dataclass(frozen=True, slots=True)
class Topic:
    """What a document is about, with the sentences each part of it is written from.

    Templates may use ``{self}`` (the issuer as it names itself), ``{where}`` ("trên
    địa bàn huyện"), ``{n}`` (a small count), ``{m}`` (a large count, written
    1.200) and ``{p}`` (a percentage, written 95% or 95,5%).
    """

    name: str  # "công tác chuyển đổi số": fits "kết quả …", "triển khai …"
    areas: tuple[str, ...]  # headings of clauses inside a part
    results: tuple[str, ...]
    problems: tuple[str, ...]
    proposals: tuple[str, ...]
    tasks: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic(
        "công tác chuyển đổi số",
        (
            "Công tác tuyên truyền về chuyển đổi số",
            "Phát triển hạ tầng số",
            "Phát triển chính quyền số",
            "Phát triển kinh tế số và xã hội số",
        ),
        (
            "Tổ chức {n} lớp tập huấn kỹ năng số cho {m} lượt cán bộ, công chức.",
            "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt {p}.",
            "Đã số hóa {m} hồ sơ hộ tịch, kết quả giải quyết thủ tục hành chính.",
            "Duy trì hoạt động của {n} tổ công nghệ số cộng đồng {where}.",
            "Hệ thống quản lý văn bản và điều hành được sử dụng thường xuyên, "
            "{p} văn bản đi được ký số.",
        ),
        (
            "Hạ tầng công nghệ thông tin tại một số đơn vị còn thiếu, chưa đồng bộ.",
            "Kỹ năng số của một bộ phận cán bộ, công chức và người dân còn hạn chế.",
            "Kinh phí bố trí cho chuyển đổi số còn ít so với nhu cầu.",
        ),
        (
            "Đề nghị cấp trên quan tâm bố trí kinh phí đầu tư hạ tầng số.",
            "Đề nghị tổ chức thêm các lớp bồi dưỡng kỹ năng số cho cán bộ cơ sở.",
            "Tiếp tục đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình.",
        ),
        (
            "Rà soát, nâng cấp hạ tầng mạng nội bộ của các cơ quan, đơn vị.",
            "Đẩy mạnh thanh toán không dùng tiền mặt {where}.",
            "Tuyên truyền, hướng dẫn người dân sử dụng các nền tảng số.",
            "Hoàn thành số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
        ),
    ),
    Topic(
        "công tác cải cách hành chính",
        (
            "Cải cách thể chế",
            "Cải cách thủ tục hành chính",
            "Cải cách tổ chức bộ máy",
            "Xây dựng đội ngũ cán bộ, công chức",
        ),
        (
            "Tiếp nhận {m} hồ sơ thủ tục hành chính, giải quyết đúng hạn đạt {p}.",
            "Niêm yết công khai đầy đủ {n} bộ thủ tục hành chính tại Bộ phận một cửa.",
            "Rà soát, đề nghị bãi bỏ {n} văn bản không còn phù hợp.",
            "Mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính đạt {p}.",
        ),
        (
            "Một số hồ sơ còn giải quyết trễ hạn, chưa gửi thư xin lỗi người dân.",
            "Trang thiết bị tại Bộ phận một cửa đã xuống cấp.",
            "Công tác kiểm tra cải cách hành chính chưa được thực hiện thường xuyên.",
        ),
        (
            "Đề nghị cấp trên bố trí kinh phí nâng cấp Bộ phận một cửa.",
            "Đề nghị tăng cường tập huấn nghiệp vụ kiểm soát thủ tục hành chính.",
        ),
        (
            "Tiếp tục rà soát, đơn giản hóa thủ tục hành chính.",
            "Nâng cao chất lượng phục vụ của Bộ phận một cửa {where}.",
            "Tăng cường kỷ luật, kỷ cương hành chính trong thực thi công vụ.",
        ),
    ),
    Topic(
        "hoạt động thông tin đối ngoại",
        (
            "Công tác tuyên truyền, quảng bá hình ảnh địa phương",
            "Công tác quản lý nhà nước về thông tin đối ngoại",
            "Thông tin về chủ quyền biển, đảo",
        ),
        (
            "Đăng tải {m} tin, bài về hoạt động đối ngoại trên Cổng thông tin điện tử.",
            "Tổ chức {n} hội nghị thông tin thời sự cho cán bộ, đảng viên.",
            "Phối hợp với các cơ quan báo chí quảng bá hình ảnh địa phương đến bạn bè quốc tế.",
            "Chấp hành đúng quy chế phát ngôn và cung cấp thông tin cho báo chí.",
        ),
        (
            "Nội dung thông tin bằng tiếng nước ngoài còn ít.",
            "Đội ngũ làm công tác thông tin đối ngoại chủ yếu kiêm nhiệm.",
        ),
        (
            "Đề nghị tổ chức tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ cơ sở.",
            "Đề nghị cung cấp tài liệu tuyên truyền về biên giới và biển, đảo.",
        ),
        (
            "Tăng cường thông tin đối ngoại trên các nền tảng mạng xã hội.",
            "Quảng bá tiềm năng, thế mạnh của địa phương đến các nhà đầu tư.",
        ),
    ),
    Topic(
        "công tác xây dựng nông thôn mới",
        (
            "Công tác chỉ đạo, điều hành",
            "Phát triển hạ tầng kinh tế - xã hội",
            "Phát triển sản xuất và nâng cao thu nhập",
        ),
        (
            "Bê tông hóa {m} mét đường giao thông nông thôn.",
            "Thu nhập bình quân đầu người đạt {m} nghìn đồng mỗi năm.",
            "Có {n} sản phẩm được công nhận đạt chuẩn OCOP.",
            "Huy động {m} triệu đồng từ nhân dân đóng góp xây dựng hạ tầng.",
        ),
        (
            "Nguồn lực đầu tư còn hạn chế, chủ yếu dựa vào ngân sách cấp trên.",
            "Một số tiêu chí về môi trường chưa đạt yêu cầu.",
        ),
        (
            "Đề nghị cấp trên hỗ trợ vốn cho các công trình hạ tầng thiết yếu.",
            "Đề nghị hướng dẫn cụ thể bộ tiêu chí nông thôn mới nâng cao.",
        ),
        (
            "Duy trì, nâng cao chất lượng các tiêu chí đã đạt.",
            "Phát triển sản phẩm OCOP gắn với du lịch nông thôn.",
        ),
    ),
    Topic(
        "công tác phòng chống thiên tai",
        (
            "Công tác chuẩn bị trước mùa mưa bão",
            "Công tác ứng phó và khắc phục hậu quả",
            "Công tác tuyên truyền, diễn tập",
        ),
        (
            "Kiện toàn Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn.",
            "Tổ chức {n} cuộc diễn tập ứng phó bão lũ với {m} người tham gia.",
            "Di dời {m} hộ dân ra khỏi vùng nguy hiểm an toàn.",
            "Dự trữ đủ lương thực, thuốc men theo phương châm bốn tại chỗ.",
        ),
        (
            "Một số tuyến kè, đê xung yếu chưa được đầu tư kiên cố.",
            "Phương tiện cứu hộ, cứu nạn còn thiếu.",
        ),
        (
            "Đề nghị cấp trên đầu tư kiên cố các tuyến kè xung yếu.",
            "Đề nghị bổ sung phương tiện cứu hộ cho lực lượng tại chỗ.",
        ),
        (
            "Rà soát các khu dân cư có nguy cơ sạt lở, ngập lụt.",
            "Tổ chức diễn tập phòng chống thiên tai {where}.",
        ),
    ),
    Topic(
        "công tác bảo đảm an toàn thực phẩm",
        (
            "Công tác thông tin, giáo dục, truyền thông",
            "Công tác thanh tra, kiểm tra",
        ),
        (
            "Kiểm tra {n} đợt với {m} lượt cơ sở sản xuất, kinh doanh thực phẩm.",
            "Tỷ lệ cơ sở đạt yêu cầu về an toàn thực phẩm là {p}.",
            "Không xảy ra ngộ độc thực phẩm đông người {where}.",
        ),
        (
            "Nhiều cơ sở kinh doanh nhỏ lẻ chưa ký cam kết an toàn thực phẩm.",
            "Lực lượng làm công tác an toàn thực phẩm còn mỏng.",
        ),
        ("Đề nghị trang bị dụng cụ xét nghiệm nhanh cho tuyến cơ sở.",),
        (
            "Tăng cường kiểm tra các bếp ăn tập thể và dịch vụ ăn uống.",
            "Đẩy mạnh truyền thông về an toàn thực phẩm {where}.",
        ),
    ),
    Topic(
        "công tác giảm nghèo bền vững",
        (
            "Công tác rà soát hộ nghèo, hộ cận nghèo",
            "Thực hiện các chính sách hỗ trợ",
        ),
        (
            "Tỷ lệ hộ nghèo giảm còn {p}.",
            "Hỗ trợ xây dựng {n} nhà ở cho hộ nghèo.",
            "Giải quyết việc làm cho {m} lao động.",
            "Cấp {m} thẻ bảo hiểm y tế cho người nghèo và cận nghèo.",
        ),
        (
            "Một bộ phận hộ nghèo còn tâm lý trông chờ vào sự hỗ trợ của Nhà nước.",
            "Kết quả giảm nghèo chưa thật sự bền vững.",
        ),
        ("Đề nghị tăng mức hỗ trợ xây dựng nhà ở cho hộ nghèo.",),
        (
            "Tiếp tục thực hiện đầy đủ, kịp thời các chính sách đối với hộ nghèo.",
            "Hỗ trợ sinh kế cho hộ mới thoát nghèo {where}.",
        ),
    ),
    Topic(
        "công tác bảo vệ môi trường",
        (
            "Quản lý chất thải rắn sinh hoạt",
            "Kiểm soát ô nhiễm môi trường",
        ),
        (
            "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý đạt {p}.",
            "Tổ chức {n} đợt ra quân vệ sinh môi trường với {m} lượt người tham gia.",
            "Kiểm tra {n} cơ sở sản xuất về việc chấp hành pháp luật bảo vệ môi trường.",
        ),
        (
            "Tình trạng xả rác thải không đúng nơi quy định vẫn còn xảy ra.",
            "Việc phân loại rác tại nguồn chưa được thực hiện rộng rãi.",
        ),
        ("Đề nghị đầu tư thêm phương tiện thu gom rác thải.",),
        (
            "Tổ chức phân loại chất thải rắn sinh hoạt tại nguồn {where}.",
            "Tăng cường kiểm tra các cơ sở có nguy cơ gây ô nhiễm.",
        ),
    ),
)
