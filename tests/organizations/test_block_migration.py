"""The migration turns each unit's block string into a row of `blocks` (one per host and name)."""

from flask_migrate import downgrade, upgrade

from conference import create_app
from conference.extensions import db


def test_block_strings_become_block_rows_and_come_back_on_downgrade(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}", "TESTING": True})
    with app.app_context():
        upgrade(revision="d4e0b2c3f402")
        db.session.execute(db.text(
            "INSERT INTO organizations (id, name, level, member_count) VALUES (1, 'LĐLĐ huyện', 'district', 0), "
            "(2, 'LĐLĐ huyện khác', 'district', 0)"))
        db.session.execute(db.text(
            "INSERT INTO organizations (name, level, member_count, parent_id, block) VALUES "
            "('Trường A', 'grassroots', 5, 1, 'Giáo dục'), ('Trường B', 'grassroots', 5, 1, ' Giáo dục'), "
            "('Trường C', 'grassroots', 5, 2, 'Giáo dục'), ('Xã D', 'grassroots', 5, 1, NULL)"))
        db.session.commit()
        upgrade()
        rows = db.session.execute(db.text(
            "SELECT o.name, b.organization_id, b.name FROM organizations o LEFT JOIN blocks b ON b.id = o.block_id "
            "WHERE o.parent_id IS NOT NULL ORDER BY o.name")).all()
        db.session.commit()
        assert rows == [("Trường A", 1, "Giáo dục"), ("Trường B", 1, "Giáo dục"), ("Trường C", 2, "Giáo dục"),
                        ("Xã D", None, None)]
        assert db.session.execute(db.text("SELECT count(*) FROM blocks")).scalar_one() == 2
        db.session.commit()
        downgrade(revision="d4e0b2c3f402")
        back = db.session.execute(db.text(
            "SELECT name, block FROM organizations WHERE parent_id IS NOT NULL ORDER BY name")).all()
        assert back == [("Trường A", "Giáo dục"), ("Trường B", "Giáo dục"), ("Trường C", "Giáo dục"), ("Xã D", None)]
        db.session.remove()
        db.engine.dispose()
