"""The layers (DESIGN.md, "Layers"): the import-linter contract holds, fails on an upward import, and no project
module is imported inside a function to dodge it (the app factory and the CLI commands excepted)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
#: Where importing inside a function is the documented pattern (Flask's app factory, click commands).
FUNCTION_IMPORTS_ALLOWED = {"conference/__init__.py", "conference/cli.py"}


def _lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--config", str(root / "pyproject.toml")], cwd=root,
                          capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_the_layers_contract_is_kept():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "conference", tmp_path / "conference")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = tmp_path / "conference" / "core" / "text.py"
    text.write_text(text.read_text() + "\nfrom conference.checkin import services  # noqa: E402,F401\n")
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "conference.core is not allowed to import conference.checkin" in result.stdout


def test_no_project_module_is_imported_inside_a_function():
    hidden = []
    for path in sorted((ROOT / "conference").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in FUNCTION_IMPORTS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(), relative)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    module = (inner.module or "") if isinstance(inner, ast.ImportFrom) else ""
                    names = [a.name for a in inner.names] if isinstance(inner, ast.Import) else [module]
                    if isinstance(inner, (ast.Import, ast.ImportFrom)) and any(
                            n == "conference" or n.startswith("conference.") for n in names):
                        hidden.append(f"{relative}:{inner.lineno} in {node.name}()")
    assert hidden == []
