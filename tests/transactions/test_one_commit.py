"""Why the crash tests' import and bulk approval stand for every request (the guest import, the ceremony's
batches, the seating plan, the certificates...): no code of the app commits or opens a connection of its own
except the request's end (`conference.register_transactions`), the `flask` commands and the demo loader. A
request is then one transaction, which a SIGKILL leaves whole or absent."""

from __future__ import annotations

import ast

from tests.ops.servers import ROOT

#: The files that may commit: the request's end, the command line, the demo loader (run from the command line).
MAY_COMMIT = {"conference/__init__.py", "conference/cli.py", "conference/demo/loader.py"}


def test_only_the_end_of_a_request_and_the_commands_commit():
    found = []
    for path in sorted((ROOT / "conference").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            call = node.func.attr
            owner = ast.unparse(node.func.value)
            if (call == "commit" and name not in MAY_COMMIT) or (call in ("begin", "connect") and "engine" in owner):
                found.append(f"{name}:{node.lineno} {owner}.{call}()")

    assert found == []
