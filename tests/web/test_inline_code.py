"""No template holds code or styles the Content-Security-Policy would block (conference/web/headers.py: no
'unsafe-inline'): no inline <script> (JSON data blocks are data, allowed), no on…= event handler, no style=
attribute or <style> element, no javascript: URL. Their behaviour lives in static/js, their looks in static/css
(dynamic values through data- attributes that static/js/ui.js applies)."""

from __future__ import annotations

import re
from pathlib import Path

from conference.config import ROOT

TEMPLATES = ROOT / "templates"

#: (what, pattern) checked on each template's source, Jinja included (so `f(style=...)` and
#: `{"style": ...}|xmlattr` count too).
FORBIDDEN = tuple((what, re.compile(pattern, re.IGNORECASE)) for what, pattern in (
    ("inline script", r"<script\b(?![^>]*\bsrc=)(?![^>]*type=[\"']application/json[\"'])[^>]*>"),
    ("event handler attribute", r"\son[a-z]+\s*="),
    ("style attribute", r"\bstyle\s*="),
    ("style attribute in a dict", r"[\"']style[\"']\s*:"),
    ("style element", r"<style\b"),
    ("javascript: URL", r"javascript:"),
))


def problems(source: str) -> list[tuple[str, str]]:
    """What of FORBIDDEN `source` holds: [("style attribute", "style="), ...]."""
    return [(what, match.group(0)) for what, pattern in FORBIDDEN for match in pattern.finditer(source)]


def test_no_template_holds_inline_scripts_handlers_or_styles():
    found = {str(path.relative_to(TEMPLATES)): problems(path.read_text(encoding="utf-8"))
             for path in sorted(TEMPLATES.rglob("*.html"))}

    assert len(found) > 30  # every template was read
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_scan_sees_each_kind_of_inline_code():
    samples = {
        "<script>alert(1)</script>": "inline script",
        '<script type="module">x()</script>': "inline script",
        '<button onclick="window.print()">': "event handler attribute",
        "<form onsubmit=\"return confirm('x')\">": "event handler attribute",
        '<div style="width: 5%">': "style attribute",
        '{{ form.minimum(class_="x", style="width:7rem") }}': "style attribute",
        '{{ stat(card_attrs={"style": "border: 0"}) }}': "style attribute in a dict",
        "<style>@page { size: A4 }</style>": "style element",
        '<a href="javascript:void(0)">': "javascript: URL",
    }
    for source, what in samples.items():
        assert [kind for kind, _text in problems(source)] == [what], source
    allowed = ('<script src="/static/js/ui.js"></script>',
               '<script type="application/json" id="desk-titles">{"a": 1}</script>',
               '<link rel="stylesheet" href="/static/css/app.css">', '<div data-width="40" class="lifestyle">',
               '<p>Hội nghị tuyên dương</p>')
    for source in allowed:
        assert problems(source) == [], source


def test_static_scripts_never_write_style_attributes_or_evaluate_strings():
    """Scripts set styles through the CSSOM (element.style), which the policy allows; a style attribute written as
    text, eval or new Function would be blocked. Vendored libraries are not ours to check here."""
    pattern = re.compile(r"setAttribute\(\s*[\"']style|\beval\(|new Function\b|style=[\"']")
    scripts = sorted(p for p in (ROOT / "static" / "js").rglob("*.js"))
    assert scripts
    assert {str(Path(p).relative_to(ROOT)): pattern.findall(p.read_text(encoding="utf-8"))
            for p in scripts if pattern.search(p.read_text(encoding="utf-8"))} == {}


#: Folders of served files this check covers: our scripts and styles, and the vendored libraries whose source-map
#: comment was removed on vendoring (their VERSION file says so).
SOURCE_MAPPED = ("static/js", "static/css", "static/vendor")
SOURCE_MAP = re.compile(r"[#@]\s*sourceMappingURL=(\S+?)(?:\s*\*/)?\s*$", re.MULTILINE)


def test_no_served_script_or_stylesheet_points_to_a_source_map_that_is_not_there():
    """A `sourceMappingURL` comment makes a browser's developer tools fetch the map: a missing one is a 404 in
    every session that opens them (and in the server's log)."""
    files = sorted(p for folder in SOURCE_MAPPED for p in (ROOT / folder).rglob("*") if p.suffix in (".js", ".css"))
    assert any(p.name == "chart.umd.min.js" for p in files)
    missing = {str(p.relative_to(ROOT)): url for p in files
               for url in SOURCE_MAP.findall(p.read_text(encoding="utf-8"))
               if not (p.parent / url.split("?")[0]).is_file()}
    assert missing == {}
    assert SOURCE_MAP.findall("x()\n//# sourceMappingURL=chart.umd.min.js.map\n") == ["chart.umd.min.js.map"]
    assert SOURCE_MAP.findall("a{}\n/*# sourceMappingURL=bootstrap.min.css.map */\n") == ["bootstrap.min.css.map"]


def test_no_vendored_script_evaluates_strings():
    """The policy has no 'unsafe-eval' (the desk's 'wasm-unsafe-eval' allows WebAssembly only): a vendored library
    that builds code from strings (eval, new Function, a string to setTimeout) would fail in the browser."""
    pattern = re.compile(r"\beval\(|\bnew Function\b|\bFunction\(\s*[\"'`]|\bset(?:Timeout|Interval)\(\s*[\"'`]")
    scripts = sorted((ROOT / "static" / "vendor").rglob("*.js"))
    assert any(p.name == "chart.umd.min.js" for p in scripts)
    assert {str(p.relative_to(ROOT)): pattern.findall(p.read_text(encoding="utf-8"))
            for p in scripts if pattern.search(p.read_text(encoding="utf-8"))} == {}
    assert pattern.findall("a=new Function('return this')();eval(x);setTimeout('f()',1)") == [
        "new Function", "eval(", "setTimeout('"]
