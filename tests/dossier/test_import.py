"""One level up: a province conference imports a district's exported list (round trip, refusals, preview)."""

from __future__ import annotations

import base64
import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy import delete, func, select

from conference.audit.models import AuditEntry
from conference.conferences.models import Conference
from conference.core.errors import RuleViolation
from conference.delegates.models import Delegate
from conference.dossier.importing import ImportRefused, import_file, preview_import, read_file, validate_row
from conference.dossier.models import ImportedFile, LowerConference
from conference.dossier.plain import fingerprint
from conference.dossier.queries import get_dossier
from conference.dossier.rules import parse_lower_codes
from conference.dossier.upper import set_upper_delegates, set_upper_quota
from conference.extensions import db
from conference.nominations.importing import COLUMNS, ImportContext, parse_row
from conference.nominations.models import Nomination
from conference.nominations.rules import first_sentences
from tests.dossier.world import make_district, make_province, name_sender


def nominations(conference_id: int) -> list[Nomination]:
    return list(db.session.execute(
        select(Nomination).where(Nomination.conference_id == conference_id).order_by(Nomination.id)
    ).scalars())


def count_nominations(conference_id: int) -> int:
    return db.session.execute(
        select(func.count()).select_from(Nomination).where(Nomination.conference_id == conference_id)
    ).scalar_one()


@pytest.fixture
def levels(app):
    """A district that chose 20 of its 24 exemplars for the province, and the province conference."""
    with app.app_context():
        province = make_province(district_seats=20)
        province_code = get_dossier(province.conference_id).code
        district = make_district(exemplars=24)
        set_upper_quota(district.conference_id, 20, province_code)
        set_upper_delegates(district.conference_id, district.exemplar_ids[:20])
        db.session.commit()
        name_sender(province, district)
    return district, province, province_code


def export(client, auth, conference_id: int, name: str = "upper-delegates.xlsx", user: str = "organizer") -> bytes:
    auth.login(user)
    response = client.get(f"/conferences/{conference_id}/exports/{name}")
    auth.logout()
    assert response.status_code == 200
    return response.data


def edited(content: bytes, cell: str, value) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(content))
    book["Dữ liệu"][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_round_trip_district_export_to_province_import_keeps_every_field(app, client, auth, levels):
    district, province, _code = levels
    with app.app_context():  # every field a district holds: birth dates, education, movements, notes, 2 lines
        for i, (delegate, nomination) in enumerate(db.session.execute(
                select(Delegate, Nomination).join(Nomination, Nomination.id == Delegate.nomination_id)
                .where(Delegate.conference_id == district.conference_id))):
            if delegate.kind == "individual":
                nomination.birth_date = date(delegate.birth_year, 1 + i % 12, 1 + i % 28)
                nomination.education = ("Đại học", "Trung cấp", "Thạc sĩ")[i % 3]
            nomination.movements = "Lao động giỏi, lao động sáng tạo; Xanh - Sạch - Đẹp"
            delegate.notes = f"Ghi chú {i}\ndòng hai" if i % 2 else None
            delegate.achievements = f"{delegate.achievements}\nĐoạn hai: {i} sáng kiến được công nhận."
            delegate.achievements_summary = f"Tóm tắt {i}: sáng kiến cải tiến kỹ thuật." if i % 3 else None
        db.session.commit()
    content = export(client, auth, district.conference_id)

    auth.login("p_organizer")
    preview = client.post(f"/conferences/{province.conference_id}/exports/import",
                          data={"file": (io.BytesIO(content), "ds-cap-tren.xlsx")}, content_type="multipart/form-data")
    html = preview.get_data(as_text=True)
    assert "Liên đoàn Lao động huyện Vĩnh Thuận" in html and "Nhập 20 hồ sơ" in html
    check = html[html.index('data-testid="file-check"'):]
    assert "không phải chữ ký số" in check[:400]  # the page says what the file's check is, and is not
    response = client.post(f"/conferences/{province.conference_id}/exports/import/confirm",
                           data={"content": base64.b64encode(content).decode(), "filename": "ds-cap-tren.xlsx"})
    assert response.status_code == 302

    with app.app_context():
        imported = {n.full_name: n for n in nominations(province.conference_id)}
        sources = db.session.execute(
            select(Delegate, Nomination.phone).join(Nomination, Nomination.id == Delegate.nomination_id)
            .where(Delegate.upper_order.is_not(None))
        ).all()
        assert len(imported) == len(sources) == 20
        for delegate, phone in sources:
            n = imported[delegate.full_name]
            assert n.unit_id == province.district_unit_id and n.status == "submitted"
            for name in ("kind", "full_name", "gender", "birth_year", "ethnicity", "direct_worker", "party_member",
                         "titles", "achievements", "notes"):
                assert getattr(n, name) == getattr(delegate, name), name
            # the summary as the list printed it: the district's own, else its achievements' first sentences
            assert n.achievements_summary == (delegate.achievements_summary or first_sentences(delegate.achievements))
            source = db.session.get(Nomination, delegate.nomination_id)
            for name in ("birth_date", "education", "movements", "phone"):
                assert getattr(n, name) == getattr(source, name), name
            assert n.phone == phone
            assert n.position == f"{delegate.position}, {delegate.unit.name}"  # the grassroots unit is kept
        assert any(n.kind == "collective" for n in imported.values())
        assert any(n.birth_date for n in imported.values()) and any(n.notes for n in imported.values())
        assert any("\n" in (n.titles or "") for n in imported.values())
        assert any("\nĐoạn hai" in (n.achievements or "") for n in imported.values())
        record = db.session.execute(select(ImportedFile)).scalar_one()
        assert (record.row_count, record.unit_id) == (20, province.district_unit_id)


def test_second_import_of_the_same_file_is_refused(app, client, auth, levels):
    district, province, code = levels
    content = export(client, auth, district.conference_id)
    with app.app_context():
        import_file(province.conference_id, content, "a.xlsx", code, None)
        db.session.commit()
        with pytest.raises(ImportRefused, match="đã được nhập"):
            import_file(province.conference_id, content, "a (copy).xlsx", code, None)
        assert count_nominations(province.conference_id) == 20
    # The same data exported again is the same file (same fingerprint): refused too.
    again = export(client, auth, district.conference_id)
    with app.app_context():
        assert "đã được nhập" in " ".join(preview_import(_conference(province), again, code).errors)


def _conference(province):
    return db.session.get(Conference, province.conference_id)


def test_a_file_for_another_upper_conference_is_refused(app, client, auth, levels):
    district, province, code = levels
    with app.app_context():
        set_upper_quota(district.conference_id, 20, "HN-KHAC000000")
        db.session.commit()
    content = export(client, auth, district.conference_id)
    with app.app_context():
        with pytest.raises(ImportRefused, match="hội nghị khác"):
            import_file(province.conference_id, content, None, code, None)
        assert count_nominations(province.conference_id) == 0


def test_the_list_of_all_delegates_is_not_an_upper_list(app, client, auth, levels):
    district, province, code = levels
    content = export(client, auth, district.conference_id, "delegates.xlsx")
    with app.app_context():
        errors = preview_import(_conference(province), content, code).errors
        assert any("không phải danh sách đại biểu dự Hội nghị cấp trên" in e for e in errors)


def test_a_file_edited_after_export_is_refused(app, client, auth, levels):
    district, _province, _code = levels
    content = edited(export(client, auth, district.conference_id), "B2", "Người Khác Hẳn")
    with pytest.raises(ImportRefused, match="đã bị sửa"):
        read_file(content)


def test_the_sender_is_known_by_its_code_so_a_renamed_district_still_imports(app, client, auth, levels):
    district, province, code = levels
    content = export(client, auth, district.conference_id)
    with app.app_context():
        from conference.organizations.models import Organization

        db.session.get(Organization, province.district_unit_id).name = "Công đoàn phường Vĩnh Thuận"
        db.session.commit()
        preview = preview_import(_conference(province), content, code)
        assert preview.errors == [] and preview.unit_name == "Công đoàn phường Vĩnh Thuận"


def test_a_file_from_a_code_no_unit_gave_is_refused_even_under_a_units_name(app, client, auth, levels):
    district, province, code = levels
    content = export(client, auth, district.conference_id)  # issuer: the district's name, as the province's unit
    with app.app_context():
        db.session.execute(delete(LowerConference))
        db.session.commit()
        errors = preview_import(_conference(province), content, code).errors
        source = get_dossier(district.conference_id).code
        assert [str(e) for e in errors] == [(
            f"Tệp của hội nghị mã {source} (“Liên đoàn Lao động huyện Vĩnh Thuận”): chưa đơn vị trực thuộc nào của "
            "hội nghị này có mã đó. Ghi mã hội nghị của đơn vị ở mục “Mã hội nghị của cấp dưới” rồi tải tệp lên lại.")]
        with pytest.raises(ImportRefused, match="chưa đơn vị trực thuộc nào"):
            import_file(province.conference_id, content, None, code, None)


def test_a_unit_hosting_its_conference_in_the_same_database_needs_no_code(app, client, auth):
    """One instance for the province: the district's conference is found by its code, without a name."""
    with app.app_context():
        province = make_province(district_seats=5)
        code = get_dossier(province.conference_id).code
        district = make_district(exemplars=3)
        host = db.session.get(Conference, district.conference_id).host
        host.parent_id, host.name = province.host_id, "Công đoàn xã Vĩnh Thuận"  # the real host, renamed
        db.session.commit()
        set_upper_quota(district.conference_id, 3, code)
        set_upper_delegates(district.conference_id, district.exemplar_ids)
        db.session.commit()
    content = export(client, auth, district.conference_id)
    with app.app_context():
        preview = preview_import(_conference(province), content, code)
        assert preview.errors == [] and preview.unit_name == "Công đoàn xã Vĩnh Thuận"


def test_the_organizer_records_the_units_codes_on_the_import_page(app, client, auth, levels):
    _district, province, _code = levels
    auth.login("p_organizer")
    url = f"/conferences/{province.conference_id}/exports/import"
    html = client.get(url).get_data(as_text=True)
    assert "Mã hội nghị của cấp dưới" in html
    other = province.other_unit_id
    html = client.post(url + "/codes", data={f"code-{other}": " hn-0123456789ab"}, follow_redirects=True)
    assert "không đúng dạng" in html.get_data(as_text=True)
    client.post(url + "/codes", data={f"code-{other}": " hn-0123456789 "}, follow_redirects=True)
    with app.app_context():
        codes = dict(db.session.execute(select(LowerConference.unit_id, LowerConference.code)).all())
        assert codes == {other: "HN-0123456789"}  # the district's code left blank on the form: removed
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "lower_codes")).scalar_one()
        assert entry.after == {"lower_codes": ["Liên đoàn Lao động huyện U Minh Thượng: HN-0123456789"]}


def test_codes_are_checked_before_they_are_saved():
    assert parse_lower_codes({1: " hn-abcdef0123 ", 2: "", 3: None}) == {1: "HN-ABCDEF0123"}
    with pytest.raises(RuleViolation, match="hai đơn vị"):
        parse_lower_codes({1: "HN-ABCDEF0123", 2: "hn-abcdef0123"})
    with pytest.raises(RuleViolation, match="không đúng dạng"):
        parse_lower_codes({1: "Liên đoàn Lao động huyện Vĩnh Thuận"})


def test_more_rows_than_the_districts_quota_imports_nothing(app, client, auth):
    with app.app_context():
        province = make_province(district_seats=19)
        code = get_dossier(province.conference_id).code
        district = make_district(exemplars=20)
        name_sender(province, district)
        set_upper_quota(district.conference_id, 20, code)
        set_upper_delegates(district.conference_id, district.exemplar_ids)
        db.session.commit()
    content = export(client, auth, district.conference_id)
    with app.app_context():
        with pytest.raises(ImportRefused, match=r"Vượt số lượng phân bổ của đơn vị \(19 hồ sơ\)"):
            import_file(province.conference_id, content, None, code, None)
        assert count_nominations(province.conference_id) == 0
        assert db.session.execute(select(func.count()).select_from(ImportedFile)).scalar_one() == 0


def test_a_row_error_shows_in_the_preview_and_nothing_is_imported(app, client, auth):
    with app.app_context():
        province = make_province(district_seats=20)
        code = get_dossier(province.conference_id).code
        district = make_district(exemplars=3)
        name_sender(province, district)
        db.session.get(Delegate, district.exemplar_ids[1]).achievements = None
        db.session.commit()
        set_upper_quota(district.conference_id, 3, code)
        set_upper_delegates(district.conference_id, district.exemplar_ids)
        db.session.commit()
    content = export(client, auth, district.conference_id)
    auth.login("p_organizer")
    html = client.post(f"/conferences/{province.conference_id}/exports/import",
                       data={"file": (io.BytesIO(content), "x.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Thiếu thành tích tiêu biểu." in html and "3 dòng, 1 lỗi." in html
    assert "Nhập 3 hồ sơ" not in html
    client.post(f"/conferences/{province.conference_id}/exports/import/confirm",
                data={"content": base64.b64encode(content).decode(), "filename": "x.xlsx"})
    with app.app_context():
        assert count_nominations(province.conference_id) == 0


def test_a_file_that_is_not_an_export_is_refused_with_a_message(client, auth, levels):
    _district, province, _code = levels
    auth.login("p_organizer")
    html = client.post(f"/conferences/{province.conference_id}/exports/import",
                       data={"file": (io.BytesIO(b"ho ten,nam sinh\n"), "ds.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Tệp không phải tệp Excel (.xlsx)." in html
    book = openpyxl.Workbook()
    book.active.title = "Dữ liệu"
    book.active.append(["STT", "Họ và tên"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRefused, match="không đúng mẫu"):
        read_file(out.getvalue())


def test_validate_row_applies_the_nomination_rules():
    row = {"Cá nhân/Tập thể": "Cá nhân", "Giới tính": "", "Năm sinh": 1920, "Họ và tên": "", "Dân tộc": "Kinh",
           "Chức vụ, nơi công tác": "", "Đơn vị": "", "CNVCLĐ trực tiếp sản xuất": "x", "Đảng viên": "",
           "Danh hiệu thi đua, hình thức khen thưởng": "", "Thành tích tiêu biểu": "", "Số điện thoại": ""}
    data, errors = validate_row(row)
    assert set(errors) >= {"Thiếu giới tính.", "Năm sinh phải là số từ 1930 đến 2010.", "Thiếu họ và tên.",
                           "Thiếu thành tích tiêu biểu."}
    assert data["direct_worker"] is True and data["party_member"] is False


@pytest.mark.parametrize(("birth_date", "education", "error"), [
    ("1985-04-05", "", "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/04/1985."),
    ("05/04/1986", "", "Ngày sinh (05/04/1986) không khớp năm sinh (1985)."),
    ("05/04/1985", "Giỏi", "Trình độ chuyên môn “Giỏi” không có trong danh sách."),
])
def test_a_birth_date_and_an_education_level_are_checked(birth_date, education, error):
    row = {"Cá nhân/Tập thể": "Cá nhân", "Giới tính": "Nữ", "Năm sinh": 1985, "Ngày sinh": birth_date,
           "Họ và tên": "Lê Thị Lan", "Dân tộc": "Kinh", "Trình độ chuyên môn": education,
           "Chức vụ, nơi công tác": "", "Đơn vị": "", "CNVCLĐ trực tiếp sản xuất": "", "Đảng viên": "",
           "Phong trào thi đua": "", "Danh hiệu thi đua, hình thức khen thưởng": "", "Thành tích tiêu biểu": "Có",
           "Số điện thoại": "", "Ghi chú": ""}
    _data, errors = validate_row(row)
    assert errors == [error]
    data, errors = validate_row({**row, "Ngày sinh": "05/04/1985", "Trình độ chuyên môn": "Đại học"})
    assert errors == [] and (data["birth_date"], data["education"]) == (date(1985, 4, 5), "Đại học")


def test_confirm_without_a_file_does_nothing(app, client, auth, levels):
    _district, province, _code = levels
    auth.login("p_organizer")
    response = client.post(f"/conferences/{province.conference_id}/exports/import/confirm", data={"content": "@@"},
                           follow_redirects=True)
    assert "Không có tệp để nhập." in response.get_data(as_text=True)
    with app.app_context():
        assert count_nominations(province.conference_id) == 0


@pytest.mark.parametrize(("kind", "gender"), [(" tập thể ", ""), ("Cá nhân", "NỮ"), ("  cá  NHÂN", " nam ")])
def test_kind_gender_and_yes_no_read_as_the_template_import_reads_them(kind, gender):
    cells = {"unit": "Công đoàn A", "kind": kind, "full_name": "Nguyễn Thị Lan", "gender": gender, "birth": 1985,
             "ethnicity": "Kinh", "party_member": "Có", "direct_worker": "có", "position": "Công nhân",
             "achievements": "Thành tích"}
    context = ImportContext(units={"công đoàn a": 1}, own_unit_id=None, own_unit_name=None, movements=(),
                            titles=())
    template = parse_row(3, [cells.get(column.key) for column in COLUMNS], context)
    dossier, errors = validate_row({
        "Cá nhân/Tập thể": kind, "Giới tính": gender, "Năm sinh": 1985, "Họ và tên": "Nguyễn Thị Lan",
        "Dân tộc": "Kinh", "Chức vụ, nơi công tác": "Công nhân", "Đơn vị": "Công đoàn A",
        "CNVCLĐ trực tiếp sản xuất": "có", "Đảng viên": "Có", "Danh hiệu thi đua, hình thức khen thưởng": "",
        "Thành tích tiêu biểu": "Thành tích", "Số điện thoại": ""})
    assert template.problems == [] and errors == []
    for key in ("kind", "gender", "direct_worker", "party_member"):
        assert dossier[key] == template.data[key], key
    assert dossier["kind"] == ("collective" if "thể" in kind else "individual")
    assert dossier["direct_worker"] is True and dossier["party_member"] is True


def as_previous_format(content: bytes) -> bytes:
    """The file as the previous version of the software wrote it: no summary column, its own fingerprint."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book["Dữ liệu"]
    sheet.delete_cols([c.value for c in sheet[1]].index("Tóm tắt thành tích") + 1)
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    stamp = fingerprint(rows[0][:-1], [row[:-1] for row in rows[1:]], "conference-plain-2")
    for row in sheet.iter_rows(min_row=2):
        row[-1].value = stamp
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_file_of_the_previous_format_still_imports_with_first_sentences_as_summaries(app, client, auth, levels):
    district, province, code = levels
    content = as_previous_format(export(client, auth, district.conference_id))
    assert read_file(content).version == "conference-plain-2"
    with app.app_context():
        import_file(province.conference_id, content, "cu.xlsx", code, None)
        rows = nominations(province.conference_id)
        assert len(rows) == 20
        assert all(n.achievements_summary == first_sentences(n.achievements) for n in rows)
