"""Each built-in rule on valid and invalid documents (a small report, changed one way)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import minimal_report

import bcpipe

Data = dict[str, Any]


@pytest.fixture(scope="module")
def pipeline(every_rule: bcpipe.Pipeline) -> bcpipe.Pipeline:
    """These tests check each rule's own defects: every code is reported, not only the
    recommended set."""
    return every_rule


def with_(**changes: Any) -> Callable[[Data], None]:
    def change(doc: Data) -> None:
        doc.update(changes)

    return change


def signed(
    *authority: tuple[str, str], position: str | None, name: str = "Lê Văn Hòa"
) -> Callable[[Data], None]:
    def change(doc: Data) -> None:
        doc["signature"] = {
            "authority": [{"prefix": p, "title": t} for p, t in authority],
            "position": position,
            "name": name,
        }

    return change


def basis_text(text: str) -> Callable[[Data], None]:
    def change(doc: Data) -> None:
        doc["basis"] = [{"text": text}]

    return change


def recipients(*items: Data) -> Callable[[Data], None]:
    return with_(recipients=list(items))


def section(index: int, **changes: Any) -> Callable[[Data], None]:
    def change(doc: Data) -> None:
        doc["body"][index].update(changes)

    return change


def closing(text: str) -> Callable[[Data], None]:
    return with_(closing=[{"text": text}])


ARCHIVE = {"kind": "archive", "holders": ["VT", "VP"]}
HUYEN = {"name": "UBND huyện Tuy Phước"}
REQUEST = (
    "Thực hiện Công văn số 210/UBND-VX ngày 15/02/2023 của UBND huyện Tuy Phước về việc báo cáo"
)

INVALID: list[tuple[str, Callable[[Data], None]]] = [
    # header
    ("BC102", with_(type="cong_van", notation="KH-UBND")),
    ("BC103", with_(notation="BCUBND")),
    ("BC104", lambda d: d["issuer"].update(abbreviation="UBND") or d.update(notation="BC-STTTT")),
    ("BC105", with_(issue_date={"day": 31, "month": 2, "year": 2023})),
    ("BC105", with_(status="draft", issue_date={"month": 13, "year": 2023})),
    ("BC106", with_(number=None)),
    ("BC107", with_(issue_date={"year": 2023})),
    ("BC108", with_(status="draft")),
    ("BC109", with_(status="draft", number=None, issue_date={})),
    ("BC110", with_(place="xã Phước Sơn")),
    ("BC111", with_(motto={"tagline": "Độc lập – Tự do – Hạnh phúc"})),
    ("BC112", with_(type="giay_moi", notation="GM-UBND", subject=None)),
    # signature
    ("BC120", signed(("KT.", "ỦY BAN NHÂN DÂN"), position="PHÓ CHỦ TỊCH")),
    ("BC121", signed(("TM.", "ỦY BAN NHÂN DÂN"), ("KT.", "CHỦ TỊCH"), position="CHỦ TỊCH")),
    ("BC121", signed(("KT.", "GIÁM ĐỐC"), position="CHÁNH VĂN PHÒNG")),
    ("BC122", signed(("TM.", "GIÁM ĐỐC"), position="GIÁM ĐỐC")),
    ("BC122", signed(("TM.", "SỞ TÀI CHÍNH"), position="GIÁM ĐỐC")),
    ("BC123", signed(("KT.", "CHỦ TỊCH"), ("TM.", "ỦY BAN NHÂN DÂN"), position="PHÓ CHỦ TỊCH")),
    ("BC124", signed(("TM.", "ỦY BAN NHÂN DÂN"), position=None)),
    ("BC125", signed(("TM.", "ỦY BAN NHÂN DÂN"), position="CHỦ TỊCH", name="TS. Lê Văn Hòa")),
    ("BC126", signed(("TM.", "ỦY BAN NHÂN DÂN"), position="PHÓ CHỦ TỊCH")),
    ("BC127", signed(("KT.", "CHỦ TỊCH"), position="PHÓ GIÁM ĐỐC")),
    ("BC128", lambda d: d["signature"].update(name=None)),
    # recipients
    ("BC301", recipients()),
    ("BC302", recipients(HUYEN)),
    ("BC303", recipients(ARCHIVE, HUYEN)),
    ("BC304", recipients(HUYEN, {"kind": "archive", "holders": ["VP"]})),
    ("BC305", recipients(HUYEN, {"kind": "archive"})),
    ("BC306", closing("Kính báo cáo Sở Nội vụ biết./.")),
    ("BC307", recipients({"name": "Sở Nội vụ"}, ARCHIVE)),
    (
        "BC307",  # the request cited as "Văn bản số"
        lambda d: (
            basis_text(REQUEST.replace("Công văn", "Văn bản"))(d)
            or recipients({"name": "Sở Nội vụ"}, ARCHIVE)(d)
        ),
    ),
    ("BC308", recipients(HUYEN, {"name": "Ủy ban nhân dân huyện Tuy Phước"}, ARCHIVE)),
    ("BC309", recipients({"kind": "as_above"}, HUYEN, ARCHIVE)),
    ("BC310", recipients(HUYEN, ARCHIVE, ARCHIVE)),
    ("BC311", with_(addressees=["Sở Nội vụ"])),
    # citations
    ("BC201", basis_text("Thực hiện Kế hoạch số 59/KH UBND của UBND huyện Tuy Phước")),
    ("BC202", basis_text(REQUEST.replace("15/02/2023", "30/02/2023"))),
    ("BC203", basis_text(REQUEST.replace("210/UBND-VX", "210/KH-VX"))),
    (
        "BC203",
        basis_text(
            "Thực hiện Kế hoạch số 5/QĐ-UBND ngày 02/01/2023 của UBND huyện Tuy Phước về việc x"
        ),
    ),
    (
        "BC203",  # without "số"
        basis_text(
            "Thực hiện Kế hoạch 5/QĐ-UBND ngày 02/01/2023 của UBND huyện Tuy Phước về việc x"
        ),
    ),
    (
        "BC203",  # a letter of the citing body (CT) whose code is also a type's: no BC207
        lambda d: (
            d.update(notation="BC-CT")
            or basis_text(REQUEST + "; Công văn số 1234/CT-TTHT ngày 01/02/2023 về việc thuế.")(d)
        ),
    ),
    (
        "BC207",  # the citing body's code (CT) is here the directive's kind: UBND issued it
        lambda d: (
            d.update(notation="BC-CT")
            or basis_text(REQUEST + "; Chỉ thị số 05/CT-UBND ngày 01/02/2023 về việc thuế.")(d)
        ),
    ),
    (
        "BC203",  # a letter's notation with a plan's code; its issuer still read as UBND
        basis_text("Thực hiện Công văn số 59/KH-UBND ngày 01/02/2023 về việc báo cáo."),
    ),
    ("BC204", basis_text(REQUEST.replace("15/02/2023", "15/04/2023"))),
    (
        "BC205",
        basis_text("Thực hiện Công văn số 210/UBND-VX của UBND huyện Tuy Phước về việc báo cáo"),
    ),
    (
        "BC206",
        basis_text("Thực hiện Công văn số 210/UBND-VX ngày 15/02/2023 của UBND huyện Tuy Phước."),
    ),
    (
        "BC207",
        basis_text("Thực hiện Kế hoạch số 5/KH-STTTT ngày 02/01/2023 về việc chuyển đổi số."),
    ),
    ("BC208", basis_text(REQUEST + "; nhắc lại Công văn số 210/UBND-VX ngày 16/02/2023.")),
    (
        "BC209",
        basis_text("Thực hiện Công văn số 210/UBND-VX ngày 15/2/23 của UBND huyện Tuy Phước"),
    ),
    (
        "BC210",
        basis_text(
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2021 của Chính phủ về công tác văn thư;"
        ),
    ),
    # sections
    ("BC401", lambda d: d.update(body=d["body"][:2])),
    ("BC402", section(2, number="IV")),
    ("BC403", section(1, heading=None)),
    ("BC404", closing("Kính báo cáo UBND huyện Tuy Phước xem xét, chỉ đạo.")),
    (
        "BC405",
        lambda d: d.update(
            body=[d["body"][2] | {"number": "I"}, d["body"][1], d["body"][0] | {"number": "III"}]
        ),
    ),
    ("BC406", section(0, heading="Kết quả thực hiện")),
    ("BC407", section(1, children=[])),
]


def _codes(pipeline: bcpipe.Pipeline, doc: Data) -> list[str]:
    return pipeline.validate(bcpipe.load(doc)).codes()


def test_the_small_report_passes_every_rule(pipeline: bcpipe.Pipeline, minimal: Data) -> None:
    assert _codes(pipeline, minimal) == []


@pytest.mark.parametrize(
    ("code", "change"), INVALID, ids=[f"{c}-{i}" for i, (c, _) in enumerate(INVALID)]
)
def test_each_code_is_reported_for_its_defect(
    pipeline: bcpipe.Pipeline, code: str, change: Callable[[Data], None]
) -> None:
    doc = minimal_report()
    change(doc)
    assert code in _codes(pipeline, doc)


def test_every_declared_code_has_an_invalid_example(pipeline: bcpipe.Pipeline) -> None:
    declared = {c.code for rule in pipeline.rules for c in rule.checks}
    # BC101, BC211: in test_rules_sample and below; BC601, BC602 (settings): in test_edxml;
    # BC408 (a part the profile requires): in test_required_parts_are_data_…;
    # BC701-BC710 (decisions): in test_decision_rules
    decisions = {f"BC7{n:02d}" for n in range(1, 11)}
    tested = {code for code, _ in INVALID} | {"BC101", "BC211", "BC408", "BC601", "BC602"}
    tested |= decisions
    assert declared - tested == set()


VALID: list[tuple[str, Callable[[Data], None]]] = [
    ("deputy of a minister", signed(("KT.", "BỘ TRƯỞNG"), position="THỨ TRƯỞNG")),
    (
        "by order, then a deputy",
        signed(("TL.", "BỘ TRƯỞNG"), ("KT.", "CHÁNH VĂN PHÒNG"), position="PHÓ CHÁNH VĂN PHÒNG"),
    ),
    ("acting head without position", signed(("Q.", "CỤC TRƯỞNG"), position=None)),
    ("head in his own right", signed(position="GIÁM ĐỐC")),
    ("delegated authority", signed(("TUQ.", "GIÁM ĐỐC"), position="CHÁNH VĂN PHÒNG")),
    (
        "standing deputy",
        signed(
            ("TM.", "ỦY BAN NHÂN DÂN"), ("KT.", "CHỦ TỊCH"), position="PHÓ CHỦ TỊCH THƯỜNG TRỰC"
        ),
    ),
    ("place named after a number", with_(place="Quận 1")),
    (
        "Kính gửi with Như trên",
        lambda d: d.update(
            addressees=["Sở Nội vụ"], recipients=[{"kind": "as_above"}, *d["recipients"]]
        ),
    ),
    (
        "Kính gửi listed by name",
        lambda d: d.update(
            addressees=["Sở Nội vụ"],
            recipients=[{"name": "Sở Nội vụ tỉnh Bình Định"}, *d["recipients"]],
        ),
    ),
    (
        "old tone placement",
        lambda d: d["recipients"].__setitem__(0, {"name": "Uỷ ban nhân dân huyện Tuy Phước"}),
    ),
    (
        "party resolution",
        basis_text(
            REQUEST + "; Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị về việc x."
        ),
    ),
    (
        "party regulation QĐi",
        basis_text(
            REQUEST
            + "; Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương về việc x."
        ),
    ),
    (
        "decree with year",
        basis_text(
            REQUEST
            + "; Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư."
        ),
    ),
    (
        "a comma before the date",
        basis_text(REQUEST.replace("210/UBND-VX ngày", "210/UBND-VX, ngày")),
    ),
    ("a request cited as Văn bản", basis_text(REQUEST.replace("Công văn", "Văn bản"))),
    (
        "a sentence's own date after a comma",
        basis_text(REQUEST + "; theo Công văn số 210/UBND-VX, ngày 20/02/2023 huyện đã họp"),
    ),
    (
        "Văn bản naming a plan, and văn bản số as digital documents",
        basis_text(
            "Thực hiện Văn bản số 5/KH-UBND ngày 02/01/2023 của UBND huyện Tuy Phước về việc"
            " báo cáo; đã ban hành 1.100 văn bản số 12 tháng qua"
        ),
    ),
    (
        "own plan without issuer",
        basis_text(REQUEST + "; Kế hoạch số 5/KH-UBND ngày 02/01/2023 về việc chuyển đổi số."),
    ),
    ("a type with no profile", with_(type="to_trinh", notation="TTr-UBND")),
]


@pytest.mark.parametrize(("name", "change"), VALID, ids=[n for n, _ in VALID])
def test_valid_variants_pass(
    pipeline: bcpipe.Pipeline, name: str, change: Callable[[Data], None]
) -> None:
    doc = minimal_report()
    change(doc)
    assert _codes(pipeline, doc) == []


def test_citation_data_that_disagrees_with_its_words(
    pipeline: bcpipe.Pipeline, minimal: Data
) -> None:
    text = minimal["basis"][0]["text"]
    minimal["basis"][0]["citations"] = [
        {
            "text": "Công văn số 210/UBND-VX ngày 15/02/2023",
            "type_name": "Công văn",
            "number": "211",
            "notation": "UBND-VX",
        }
    ]
    assert "Công văn số 210/UBND-VX ngày 15/02/2023" in text
    result = pipeline.validate(bcpipe.load(minimal))
    (finding,) = result.by_code()["BC211"]
    assert "211" in finding.message_en and "210" in finding.message_en


def test_required_parts_are_data_and_settings_replace_them(minimal: Data, tmp_path: Any) -> None:
    profile = {
        "bao_cao": {
            "parts": [{"id": "annex", "vi": "Phụ lục số liệu", "en": "annex", "match": ["số liệu"]}]
        }
    }
    inline = bcpipe.Pipeline(settings={"sections": {"profiles": profile}}, select=["strict"])
    codes = inline.validate(bcpipe.load(minimal)).codes()
    assert codes == ["BC401"]
    # A part missing is advice (BC401, info) unless the profile requires it (BC408).
    (advice,) = (
        bcpipe.Pipeline(settings={"sections": {"profiles": profile}})
        .validate(bcpipe.load(minimal))
        .findings
    )
    assert (advice.code, advice.severity) == ("BC401", bcpipe.Severity.INFO)
    profile["bao_cao"]["parts"][0]["required"] = True
    required = bcpipe.Pipeline(settings={"sections": {"profiles": profile}})
    (finding,) = required.validate(bcpipe.load(minimal)).findings
    assert (finding.code, finding.severity) == ("BC408", bcpipe.Severity.ERROR)
    file = tmp_path / "profiles.toml"
    file.write_text(
        '[bao_cao]\nparts = [{ id = "x", vi = "Kết quả", match = ["kết quả"] }]\n', encoding="utf-8"
    )
    from_file = bcpipe.Pipeline(settings={"sections": {"profiles_file": str(file)}})
    minimal["body"] = minimal["body"][:1]
    assert from_file.validate(bcpipe.load(minimal)).codes() == []


def test_the_plan_profile(pipeline: bcpipe.Pipeline, minimal: Data) -> None:
    minimal.update(type="ke_hoach", notation="KH-UBND")
    findings = pipeline.validate(bcpipe.load(minimal)).by_code()["BC401"]
    assert {f.message_en.rsplit(": ", 1)[1] for f in findings} == {
        "purpose and requirements",
        "content and tasks",
        "implementation",
    }


def test_signature_vocabulary_is_extended_by_settings(minimal: Data) -> None:
    minimal["signature"] = {
        "authority": [{"prefix": "TM.", "title": "KHỐI THI ĐUA"}],
        "position": "TRƯỞNG KHỐI",
        "name": "Lê Văn Hòa",
    }
    assert "BC122" in bcpipe.Pipeline().validate(bcpipe.load(minimal)).codes()
    extended = bcpipe.Pipeline(settings={"signature": {"collective_bodies": ["KHỐI THI ĐUA"]}})
    assert extended.validate(bcpipe.load(minimal)).codes() == []


def test_findings_carry_both_languages_and_the_pipeline_language(minimal: Data) -> None:
    minimal["number"] = None
    vi = bcpipe.Pipeline().validate(bcpipe.load(minimal)).findings[0]
    en = bcpipe.Pipeline(language="en").validate(bcpipe.load(minimal)).findings[0]
    assert vi.message == vi.message_vi == en.message_vi == "Văn bản đã ban hành phải có số"
    assert en.message == en.message_en == "An issued document must have a number"
    assert en.to_dict()["location"] == {
        "path": "number",
        "line": None,
        "source": "<mapping>",
        "place": None,
    }


def test_ignored_codes_are_dropped(minimal: Data) -> None:
    minimal["number"] = None
    assert bcpipe.Pipeline(ignore=["BC106"]).validate(bcpipe.load(minimal)).codes() == []


def test_a_paragraph_citing_thousands_of_documents_is_checked_in_linear_time(
    pipeline: bcpipe.Pipeline,
) -> None:
    # Each citation was once compared with every other, and looked for from the start
    # of the paragraph: the time grew with the square of their number.
    doc = minimal_report()
    cited = "; ".join(f"Kế hoạch {i}/KH-UBND" for i in range(1, 10_001))
    doc["basis"] = [{"text": f"Thực hiện {cited}."}]
    result = pipeline.validate(bcpipe.load(doc))
    assert len(result.document.basis[0].citations) == 10_000
    assert set(result.codes()) == {"BC205", "BC206"}  # first citations without date, subject
