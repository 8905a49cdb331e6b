"""Today's union structure: levels and their names are data, and a commune union's conference prints its own name,
its province's and its own place on every document (since 1 July 2025 the union directly above the grassroots is
the commune or ward union, the sector union or the industrial-zone union; the district federation is gone).
"""

from __future__ import annotations

import ast
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conference.checkin.attendance import ReportInfo
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.conferences.rules import ensure_hosts_conference, place_of
from conference.core.errors import RuleViolation
from conference.dashboard.services import create_conference
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.references import (
    DATA_FOLDER,
    DEFAULT_MOVEMENTS,
    DEFAULT_TITLES,
    reference_lists,
    save_reference_list,
)
from conference.organizations import levels
from conference.organizations.models import Organization
from conference.organizations.services import create_organization
from tests.factories import make_user

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = "Liên đoàn Lao động tỉnh An Giang"
COMMUNE = "Công đoàn phường Rạch Giá"


# --- levels as data (no database) -------------------------------------------------------------------------------

def test_the_2025_levels_are_data_with_the_former_district_federation_kept_for_old_data():
    assert {"province", "commune", "sector", "industrial_zone"} <= set(levels.CONFERENCE_LEVEL_CODES)
    assert "grassroots" not in levels.CONFERENCE_LEVEL_CODES
    commune = levels.level("commune")
    assert (commune.name, commune.tier, commune.parent_level) == (
        "Công đoàn xã, phường, đặc khu", "above_grassroots", "province")
    district = levels.level("district")
    assert not district.current_on(date(2025, 7, 1)) and district.current_on(date(2025, 4, 10))
    assert levels.is_above("province", "commune") and not levels.is_above("grassroots", "commune")


def test_place_names_come_from_the_names_as_the_data_file_spells_their_prefixes():
    assert place_of(COMMUNE) == "Rạch Giá"
    assert place_of(PROVINCE) == "An Giang"
    assert place_of("Công đoàn đặc khu Phú Quốc") == "Phú Quốc"
    assert place_of("Công đoàn phường 12") == "Phường 12"  # named by a number: the full name (Nghị định 30/2020)
    assert place_of("Liên đoàn Lao động huyện Vĩnh Thuận") == "Vĩnh Thuận"  # the demo's old data
    assert place_of("Công đoàn ngành Giáo dục") == "Công đoàn ngành Giáo dục"


def test_a_level_added_to_the_data_file_is_known_without_touching_code(tmp_path):
    raw = json.loads(levels.DATA_FILE.read_text(encoding="utf-8"))
    raw["levels"].append({"code": "hamlet", "name": "Công đoàn ấp", "label": "Cấp ấp", "label_en": "Hamlet",
                          "abbreviation": "CĐ",
                          "conference_of": "cấp ấp",
                          "tier": "above_grassroots", "parent_level": "province", "hosts_conference": True,
                          "until": None, "bodies": ["Công đoàn"], "units": ["ấp"]})
    path = tmp_path / "levels.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    loaded, prefixes = levels._load(path)
    assert (loaded["hamlet"].label, loaded["hamlet"].label_en) == ("Cấp ấp", "Hamlet")
    assert ("Công đoàn ấp", "ấp") in prefixes
    raw["levels"][-1]["parent_level"] = "nowhere"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError):
        levels._load(path)


def test_every_level_has_its_english_label_and_the_language_picks_it(tmp_path):
    assert all(level.label_en.strip() for level in levels.LEVELS.values())
    assert levels.label_in("commune", "en") == "Commune, ward or special zone"
    assert levels.label_in("commune", "vi") == levels.label_in("commune", None) == "Cấp xã, phường, đặc khu"
    assert levels.label_in("hamlet", "en") == "hamlet"  # an unknown code as it is
    raw = json.loads(levels.DATA_FILE.read_text(encoding="utf-8"))
    del raw["levels"][0]["label_en"]
    path = tmp_path / "levels.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="label_en"):
        levels._load(path)


def test_a_grassroots_union_holds_no_conference():
    with pytest.raises(RuleViolation):
        ensure_hosts_conference("grassroots")
    ensure_hosts_conference("commune")
    ensure_hosts_conference("district")  # old data, such as the demo


def _string_literals(path: Path) -> list[str]:
    """The string constants of a module that are not docstrings (what the code writes, not what it cites)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_level_is_written_into_the_code_or_templates_that_name_the_organizer():
    modules = [*(ROOT / "conference/organizations").glob("*.py"), *(ROOT / "conference/conferences").glob("*.py"),
               ROOT / "conference/dashboard/forms.py", ROOT / "conference/dashboard/services.py",
               ROOT / "conference/dossier/reports.py", ROOT / "conference/checkin/attendance.py"]
    found = [(path.name, text) for path in modules for text in _string_literals(path)
             if "huyện" in text.lower() or "district" in text.lower()]
    assert found == []
    for template in (ROOT / "templates/_print.html", ROOT / "templates/dashboard/form.html"):
        assert "huyện" not in template.read_text(encoding="utf-8").lower()


def test_each_default_reference_list_is_a_data_file_citing_its_sources():
    for name in ("movements.json", "titles.json", "commendation_forms.json"):
        raw = json.loads((DATA_FOLDER / name).read_text(encoding="utf-8"))
        assert raw["sources"] and all(item["source"] for item in raw["items"]), name
    sources = " ".join(json.loads((DATA_FOLDER / "commendation_forms.json").read_text(encoding="utf-8"))["sources"])
    assert "06/2022/QH15" in sources and "152/2025/NĐ-CP" in sources and "98/2023" in sources
    assert {"Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Tập thể lao động tiên tiến",
            "Giấy khen của công đoàn cấp trên trực tiếp cơ sở", "Bằng khen của Liên đoàn Lao động tỉnh, thành phố",
            "Bằng khen của Tổng Liên đoàn Lao động Việt Nam"} <= set(DEFAULT_TITLES)
    assert "Lao động giỏi, Lao động sáng tạo" in DEFAULT_MOVEMENTS


# --- a commune union's conference (database) --------------------------------------------------------------------

def _commune_world() -> tuple[int, int]:
    """A provincial federation, a ward union under it (place from its name), two grassroots units and the ward
    union's organizer; returns (province id, commune id)."""
    province = create_organization(PROVINCE, "province")
    commune = create_organization(COMMUNE, "commune", parent_id=province.id)
    for name in ("Công đoàn cơ sở Trường Tiểu học Rạch Giá", "Công đoàn cơ sở Ủy ban nhân dân phường Rạch Giá"):
        create_organization(name, "grassroots", parent_id=commune.id)
    make_user("phuong", "organizer", commune.id)
    db.session.commit()
    return province.id, commune.id


def _sheet_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def test_a_commune_unions_conference_prints_its_own_name_its_provinces_and_its_place(app, client, auth):
    with app.app_context():
        _, commune_id = _commune_world()
    auth.login("phuong")
    created = client.post("/conferences/new", data={
        "name": "Hội nghị tuyên dương điển hình tiên tiến Công đoàn phường Rạch Giá năm 2025",
        "venue": "Hội trường Ủy ban nhân dân phường Rạch Giá", "held_on": "2025-10-15", "duration": "½ ngày",
        "delegate_cap": "120", "exemplar_share_pct": "70", "split_tolerance_pct": "5", "presidium_max": "7",
        "signer_title": "Chủ tịch", "signer_name": "Trần Thị Mỹ Linh"})
    assert created.status_code == 302, created.get_data(as_text=True)
    with app.app_context():
        conference = db.session.execute(db.select(Conference).where(Conference.host_id == commune_id)).scalar_one()
        assert (conference.level, conference.upper_body) == ("commune", PROVINCE)
        head = letterhead_of(conference)
        assert (head.issuer, head.upper_body, head.place) == (COMMUNE, PROVINCE, "Rạch Giá")
        assert (head.upper_level, head.level_name) == ("cấp tỉnh", "Công đoàn xã, phường, đặc khu")
        assert (head.signature_for, head.signer_title, head.signer_name) == (
            "TM. BAN THƯỜNG VỤ", "Chủ tịch", "Trần Thị Mỹ Linh")
        assert head.place_date(date(2025, 10, 15)) == "Rạch Giá, ngày 15 tháng 10 năm 2025"
        unit_id = db.session.execute(db.select(Organization.id).where(Organization.parent_id == commune_id)
                                     .order_by(Organization.id)).scalars().first()
        db.session.add(Delegate(conference_id=conference.id, category="exemplar", kind="individual",
                                unit_id=unit_id, full_name="Nguyễn Thị Mai", gender="female", birth_year=1985,
                                position="Giáo viên", upper_order=1))
        db.session.commit()
        cid = conference.id

    official = _sheet_text(client.get(f"/conferences/{cid}/exports/delegates.xlsx").data)
    upper = _sheet_text(client.get(f"/conferences/{cid}/exports/upper-delegates.xlsx").data)
    attendance = _sheet_text(client.get(f"/conferences/{cid}/checkin/attendance.xlsx").data)
    for text in (official, upper, attendance):
        assert PROVINCE.upper() in text and COMMUNE.upper() in text
        assert "Rạch Giá, ngày" in text
        assert "huyện" not in text.lower()
    assert "Trần Thị Mỹ Linh" in official and "CHỦ TỊCH" in official
    assert "/DS-CĐ" in official  # the symbol's issuer is the commune union, not a federation (LĐLĐ)
    assert "Danh sách trích ngang đại biểu dự Hội nghị cấp tỉnh".upper() in upper.upper()
    printed = client.get(f"/conferences/{cid}/agenda/print").get_data(as_text=True)
    assert PROVINCE.upper() in printed and COMMUNE.upper() in printed


def test_the_dossier_settings_read_and_write_the_conferences_signer(app, client, auth):
    with app.app_context():
        _, commune_id = _commune_world()
        conference = create_conference(commune_id, {
            "name": "Hội nghị", "venue": "Hội trường", "held_on": date(2025, 10, 15), "delegate_cap": 100,
            "exemplar_share_pct": 70, "split_tolerance_pct": 5, "presidium_max": 7, "signer_name": "Lê Văn Ký"})
        db.session.commit()
        cid = conference.id
    auth.login("phuong")
    page = client.get(f"/conferences/{cid}/exports").get_data(as_text=True)
    assert 'value="Lê Văn Ký"' in page
    client.post(f"/conferences/{cid}/exports/settings", data={"col-name": "1", "signer_name": "Phạm Thị Mới",
                                                                "signer_title": "Phó Chủ tịch"})
    with app.app_context():
        conference = db.session.get(Conference, cid)
        assert (conference.signer_name, conference.signer_title) == ("Phạm Thị Mới", "Phó Chủ tịch")
        assert letterhead_of(conference).signer_name == "Phạm Thị Mới"


def test_an_organization_sits_only_under_a_higher_level_and_its_stored_place_wins(ctx):
    province = create_organization(PROVINCE, "province")
    with pytest.raises(RuleViolation):
        create_organization(COMMUNE, "no_such_level", parent_id=province.id)
    unit = create_organization("Công đoàn cơ sở Trường A", "grassroots", parent_id=province.id)
    with pytest.raises(RuleViolation):
        create_organization(COMMUNE, "commune", parent_id=unit.id)
    sector = create_organization("Công đoàn ngành Giáo dục", "sector", parent_id=province.id)
    conference = Conference(host_id=sector.id, name="Hội nghị", level="sector", held_on=date(2025, 10, 1))
    db.session.add(conference)
    db.session.flush()
    assert letterhead_of(conference).place == "An Giang"  # a sector union's name holds no place: its province's
    info = ReportInfo.of(conference, datetime(2025, 10, 1, 2, 0), closed=True)
    assert (info.issuer, info.upper_body, info.place) == ("Công đoàn ngành Giáo dục", PROVINCE, "An Giang")
    sector.place_name = "Long Xuyên"
    assert letterhead_of(conference).place == "Long Xuyên"


def test_a_conference_can_still_edit_its_reference_lists(ctx):
    province = create_organization(PROVINCE, "province")
    assert reference_lists(province.id)["title"] == list(DEFAULT_TITLES)
    save_reference_list(province.id, "title", ["Giấy khen của Công đoàn phường Rạch Giá"])
    assert reference_lists(province.id)["title"] == ["Giấy khen của Công đoàn phường Rạch Giá"]
    assert reference_lists(province.id)["movement"] == list(DEFAULT_MOVEMENTS)


def test_create_organization_command_adds_a_commune_union_under_its_province(app):
    runner = app.test_cli_runner()
    made = runner.invoke(args=["create-organization", PROVINCE, "--level", "province"])
    assert made.exit_code == 0, made.output
    commune = runner.invoke(args=["create-organization", COMMUNE, "--level", "commune", "--parent-id", "1"])
    assert commune.exit_code == 0 and "(id 2)" in commune.output
    refused = runner.invoke(args=["create-organization", "Công đoàn ấp", "--level", "hamlet"])
    assert refused.exit_code != 0
