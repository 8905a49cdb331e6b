"""The summary of achievements (tóm tắt thành tích): its bound, the first-sentences rule for rows without one, the
form and the Excel template that carry it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select, text

from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.importing import COLUMNS, DATA_SHEET, ImportContext, parse_row
from conference.nominations.models import Nomination
from conference.nominations.rules import ACHIEVEMENTS_SUMMARY_MAX, first_sentences
from conference.nominations.services import NOMINATION_FIELDS, Actor, submit_nomination, update_nomination
from tests.factories import make_world, nomination_data
from tests.nominations.helpers import person_row

CITATION = ("Năm 2024 có 2 sáng kiến cải tiến kỹ thuật làm lợi 1.500.000 đồng. Đạt danh hiệu Chiến sĩ thi đua cơ "
            "sở 3 năm liền!\n\n- Tích cực tham gia phong trào “Xanh - Sạch - Đẹp”\n- Hỗ trợ 5 đoàn viên khó khăn")


def test_first_sentences_keeps_whole_sentences_that_fit():
    assert first_sentences(CITATION, 80) == "Năm 2024 có 2 sáng kiến cải tiến kỹ thuật làm lợi 1.500.000 đồng."
    assert first_sentences(CITATION) == (
        "Năm 2024 có 2 sáng kiến cải tiến kỹ thuật làm lợi 1.500.000 đồng. Đạt danh hiệu Chiến sĩ thi đua cơ sở 3 năm "
        "liền! Tích cực tham gia phong trào “Xanh - Sạch - Đẹp”. Hỗ trợ 5 đoàn viên khó khăn")  # lines as sentences
    assert first_sentences("Một câu ngắn.") == "Một câu ngắn."
    assert first_sentences("") is None and first_sentences(None) is None and first_sentences(" \n- \n") is None


def test_a_first_sentence_longer_than_the_bound_is_cut_at_a_word():
    citation = "Có nhiều sáng kiến " * 30
    summary = first_sentences(citation)
    assert len(summary) <= ACHIEVEMENTS_SUMMARY_MAX and summary.endswith("…")
    assert citation.startswith(summary[:-1] + " ")  # whole words


@given(st.text(max_size=2500))
def test_a_summary_is_never_longer_than_its_bound_nor_holds_a_line_break(citation):
    summary = first_sentences(citation)
    assert summary is None or (0 < len(summary) <= ACHIEVEMENTS_SUMMARY_MAX and "\n" not in summary)


def test_both_tables_hold_the_bounded_column():
    for model in (Nomination, Delegate):
        assert model.__table__.c.achievements_summary.type.length == ACHIEVEMENTS_SUMMARY_MAX


def post(client, world, **fields):
    data = {"kind": "individual", "full_name": "Đinh Thị Thu", "gender": "female", "birth_year": "1988",
            "ethnicity": "Kinh", "achievements": CITATION, **fields}
    return client.post(f"/conferences/{world.conference_id}/nominations/new", data=data, follow_redirects=True)


def stored(app):
    with app.app_context():
        return db.session.execute(select(Nomination.achievements, Nomination.achievements_summary)).all()


SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])  # the form, not the database, is under test


@SQLITE_ONLY
def test_the_form_keeps_a_typed_summary_and_fills_a_blank_one(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    html = post(client, world, achievements_summary="x" * 301).get_data(as_text=True)
    assert "Tóm tắt thành tích tối đa 300 ký tự." in html and stored(app) == []
    assert "data-counter=\"summary-count\"" in html and 'maxlength="300"' in html
    post(client, world, achievements_summary="Hai sáng kiến;\r\nba năm Chiến sĩ thi đua.")
    lines = "\r\n".join(["Có sáng kiến."] * 142)  # 1,987 characters; 2,128 counting CR LF as two
    post(client, world, full_name="Lê Văn Hai", achievements=lines)
    assert stored(app) == [(CITATION, "Hai sáng kiến;\nba năm Chiến sĩ thi đua."),
                           ("\n".join(["Có sáng kiến."] * 142), first_sentences("Có sáng kiến. " * 142))]


def test_the_excel_template_carries_the_summary():
    context = ImportContext(units={"công đoàn a": 1}, own_unit_id=None, own_unit_name=None,
                            movements=("Lao động giỏi, Lao động sáng tạo",), titles=("Lao động tiên tiến",))
    typed = parse_row(2, person_row("Lê Thị Lan", unit="Công đoàn A", achievements_summary="Tóm tắt."), context)
    blank = parse_row(3, person_row("Lê Thị Mai", unit="Công đoàn A", achievements=CITATION), context)
    long = parse_row(4, person_row("Lê Thị Cúc", unit="Công đoàn A", achievements_summary="y" * 301), context)
    assert typed.problems == [] and typed.data["achievements_summary"] == "Tóm tắt."
    assert blank.data["achievements_summary"] == first_sentences(CITATION)
    assert long.problems == ["Tóm tắt thành tích dài 301 ký tự (tối đa 300)."]
    assert [c.key for c in COLUMNS].index("achievements_summary") == [c.key for c in COLUMNS].index("achievements") + 1


@SQLITE_ONLY
def test_the_template_limits_the_summary_in_excel_too(client, auth):
    with client.application.app_context():
        world = make_world()
    auth.login("unit1")
    sheet = load_workbook(io.BytesIO(client.get(
        f"/conferences/{world.conference_id}/nominations/template.xlsx").data))[DATA_SHEET]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in COLUMNS].index("achievements_summary")]
    [rule] = [v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{column}2")]
    assert (rule.type, rule.operator, rule.formula1) == ("textLength", "lessThanOrEqual", "300")


def test_the_migration_gives_stored_rows_their_first_sentences(tmp_path):
    from flask_migrate import upgrade

    from conference import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}", "TESTING": True})
    with app.app_context():
        upgrade(revision="d6c0ffee0009")
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO organizations (id, name, level, member_count) VALUES "
                                    "(1, 'LĐLĐ', 'district', 0), (2, 'CĐCS', 'grassroots', 0)"))
            connection.execute(text(
                "INSERT INTO conferences (id, host_id, name, level, held_on, duration, delegate_cap,"
                " exemplar_share_pct, split_tolerance_pct, presidium_max, created_at) VALUES (1, 1, 'Hội nghị',"
                " 'district', :day, 'half_day', 250, 70, 5, 7, :day)"), {"day": date(2025, 4, 10)})
            for table, extra in (("nominations", ", unit_id, status, has_photo, submitted_at"),
                                 ("delegates", ", category, badge_serial, badge_token, fallback_code, created_at")):
                values = (", 2, 'approved', false, '2025-03-01'" if table == "nominations"
                          else ", 'exemplar', 1, '0123456789abcdef', 'ABCD234' || :i, '2025-03-01'")
                for i, achievements in ((1, CITATION), (2, None)):
                    connection.execute(text(
                        f"INSERT INTO {table} (id, conference_id, kind, full_name, direct_worker, party_member,"
                        f" achievements{extra}) VALUES (:i, 1, 'individual', :name, false, false, :a{values})"),
                        {"i": i, "name": f"Người {i}", "a": achievements})
        upgrade(revision="d7c0ffee0010")
        with db.engine.connect() as connection:
            for table in ("nominations", "delegates"):
                assert connection.execute(text(f"SELECT id, achievements_summary FROM {table} ORDER BY id")).all() \
                    == [(1, first_sentences(CITATION)), (2, None)]
        db.engine.dispose()


def test_a_summary_made_from_the_achievements_follows_them_and_a_typed_one_stays(ctx):
    world = make_world()
    today = date(2025, 3, 1)
    made = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(achievements="Câu một."),
                             Actor(None), today)
    typed = submit_nomination(world.conference_id, world.unit_ids[0],
                              nomination_data("Lê Văn Hai", achievements="Câu một.", achievements_summary="Riêng."),
                              Actor(None), today)
    for nomination in (made, typed):
        data = {key: getattr(nomination, key) for key in NOMINATION_FIELDS}
        update_nomination(nomination.id, {**data, "achievements": "Câu hai. Câu ba."}, Actor(None), today)
    assert (made.achievements_summary, typed.achievements_summary) == ("Câu hai. Câu ba.", "Riêng.")
