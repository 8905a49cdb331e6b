"""The agenda-timing migration keeps the times of a programme made before items had durations: the first time
becomes the programme's start, each gap a duration, and only a time that does not follow is kept fixed; going
back pins every item at the time it had."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from conference import create_app
from conference.extensions import db

BEFORE = "c3c0ffee0003"
TIMING = "d1c0ffee0004"


def test_an_old_programme_keeps_its_times_through_the_migration_and_back(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}", "TESTING": True})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO organizations (id, name, level, member_count) VALUES (1, 'LĐLĐ', 'district', 0)"))
            connection.execute(text(
                "INSERT INTO conferences (id, host_id, name, level, held_on, duration, delegate_cap,"
                " exemplar_share_pct, split_tolerance_pct, presidium_max, created_at) VALUES (1, 1, 'Hội nghị',"
                " 'district', '2025-04-10', '½ ngày', 250, 70, 5, 7, '2025-01-01 00:00:00')"))
            for position, at in enumerate(("07:30:00.000000", "07:45:00.000000", "09:00:00.000000", None,
                                           "08:00:00.000000"), start=1):
                connection.execute(text(
                    "INSERT INTO agenda_items (conference_id, position, starts_at, title) VALUES (1, :p, :at, :t)"),
                    {"p": position, "at": at, "t": f"Mục {position}"})
        upgrade(revision=TIMING)
        with db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT substr(starts_at, 1, 5), duration_min FROM agenda_items ORDER BY position")).all()
            start = connection.execute(text(
                "SELECT substr(starts_at, 1, 5), substr(ends_by, 1, 5) FROM agenda_schedules")).one()
        # 07:30 → 07:45 → 09:00 flow (15 and 75 minutes); the item without a time runs 09:15-09:30;
        # the last one's 08:00 does not follow its end (09:30), so it stays fixed.
        assert [tuple(row) for row in rows] == [(None, 15), (None, 75), (None, 15), (None, 15), ("08:00", 15)]
        assert tuple(start) == ("07:30", "11:30")

        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            times = connection.execute(text(
                "SELECT substr(starts_at, 1, 5) FROM agenda_items ORDER BY position")).scalars().all()
        assert times == ["07:30", "07:45", "09:00", "09:15", "08:00"]
        db.engine.dispose()
