"""SECURITY.md tells operators what to run and set: every command it names exists, every setting it names is one
the app reads, and the code and files it points to are where it says."""

from __future__ import annotations

import importlib
import re

from conference import create_app
from conference.auth.models import ROLES
from conference.config import Config
from conference.honourboard.rules import PUBLISHABLE_KEYS
from tests.ops.servers import ROOT

TEXT = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_every_flask_command_named_in_security_md_exists():
    named = set(re.findall(r"flask --app wsgi\s+([a-z-]+)", TEXT))
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite://"})

    assert {"backup", "restore", "check-passwords", "set-password", "init-db"} <= named
    assert named <= set(app.cli.list_commands(None))


def test_every_setting_named_in_security_md_is_read_by_the_app():
    named = set(re.findall(r"`([A-Z][A-Z_]{3,})`", TEXT)) - {"HTTPS"}  # `HTTPS=1 make run` is a make variable too

    assert {"SECRET_KEY", "BACKUP_FOLDER", "RATELIMIT_STORAGE_URI", "LOGIN_FAILURES_PER_USERNAME"} <= named
    assert named <= {name for name in dir(Config) if name.isupper()} | {"CONFERENCE_ENV"}


def test_the_code_and_files_security_md_points_to_exist():
    files = set(re.findall(r"`([\w/]+\.py)`", TEXT))
    names = set(re.findall(r"`(conference(?:\.\w+)+)`", TEXT))
    assert "tests/auth/test_access.py" in files and "conference.web.access.roles_required" in names

    assert [path for path in files if not (ROOT / path).is_file()] == []
    for name in names:
        module, attribute = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), attribute), name


def test_every_address_security_md_names_is_a_route_of_the_app():
    named = set(re.findall(r"`(/[\w/<>.-]*)`", TEXT))
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    routes = {re.sub(r"<[^>]*>", "<>", rule.rule) for rule in app.url_map.iter_rules()}

    assert {"/honour/<token>", "/conferences/<id>/invitations/"} <= named
    assert {path for path in named if re.sub(r"<[^>]*>", "<>", path) not in routes} == set()


def test_the_honour_board_fields_and_the_roles_security_md_lists_are_the_apps():
    board = TEXT[TEXT.index("**The public honour board.**"):]
    board = board[:board.index("\n\n")]
    published = re.findall(r"\(`([a-z_]+)`\)", board)

    assert tuple(published) == PUBLISHABLE_KEYS  # a field the organizer may publish is named, in the page's order
    assert "one of three roles (`conference.auth.models.ROLES`)" in " ".join(TEXT.split()) and len(ROLES) == 3
