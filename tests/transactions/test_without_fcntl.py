"""The package imports and serves where the `fcntl` module does not exist (Windows)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
sys.modules["fcntl"] = None  # `import fcntl` now raises ImportError, as on Windows
import conference
from conference import create_app
from conference.extensions import db
app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "sqlite:///" + sys.argv[1]})
with app.app_context():
    db.create_all()
print(app.test_client().get("/login").status_code)
"""


def test_import_conference_and_serve_a_page_without_fcntl(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "w.db")], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "200"
