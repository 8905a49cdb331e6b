"""The database keeps the level codes of the data file (CHECK constraints), and the migration to them moves the
dossier's signer to its conference and maps the new levels back on downgrade."""

from __future__ import annotations

from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy.exc import IntegrityError

from conference import create_app
from conference.conferences.models import Conference
from conference.extensions import db
from conference.organizations.models import Organization


def test_the_database_refuses_a_level_the_data_file_does_not_know(ctx):
    db.session.add(Organization(name="Công đoàn ấp Mỹ Phú", level="hamlet"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    commune = Organization(name="Công đoàn xã Vĩnh Thuận", level="commune")
    db.session.add(commune)
    db.session.flush()
    db.session.add(Conference(host_id=commune.id, name="Hội nghị", level="grassroots", held_on=date(2025, 10, 1)))
    with pytest.raises(IntegrityError):  # a grassroots union holds no conference
        db.session.flush()
    db.session.rollback()


def test_the_levels_migration_moves_the_signer_to_the_conference_and_back(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}", "TESTING": True})
    with app.app_context():
        upgrade(revision="d7c0ffee0010")
        db.session.execute(db.text(
            "INSERT INTO organizations (id, name, level, member_count) VALUES (1, 'LĐLĐ huyện', 'district', 0)"))
        db.session.execute(db.text(
            "INSERT INTO conferences (id, host_id, name, level, held_on, duration, delegate_cap, exemplar_share_pct,"
            " split_tolerance_pct, presidium_max, created_at) VALUES (1, 1, 'Hội nghị', 'district', '2025-04-10',"
            " '½ ngày', 250, 70, 5, 7, '2025-01-01 00:00:00'), (2, 1, 'Hội nghị khác', 'district', '2025-05-10',"
            " '½ ngày', 250, 70, 5, 7, '2025-01-01 00:00:00')"))
        db.session.execute(db.text(
            "INSERT INTO dossiers (conference_id, code, signer_title, signer_name) VALUES (1, 'HN-1', 'Chủ tịch',"
            " 'Lê Kim Tho')"))
        db.session.commit()
        upgrade()
        rows = db.session.execute(db.text(
            "SELECT id, signer_title, signer_name, signature_for FROM conferences ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "Chủ tịch", "Lê Kim Tho", None), (2, None, None, None)]
        db.session.execute(db.text("UPDATE organizations SET level = 'commune', place_name = 'Vĩnh Thuận'"))
        db.session.execute(db.text("UPDATE conferences SET level = 'commune'"))
        db.session.commit()
        downgrade(revision="d7c0ffee0010")
        assert db.session.execute(db.text("SELECT level FROM organizations")).scalar_one() == "district"
        assert db.session.execute(db.text(
            "SELECT signer_title, signer_name FROM dossiers")).one() == ("Chủ tịch", "Lê Kim Tho")
        db.session.remove()
        db.engine.dispose()
