"""The levels of the trade union (cấp công đoàn) as data: `data/levels.json`, read once at import (no Flask).

Names of levels, the words for "cấp trên" and the name prefixes that lead to a place name are all in the file, never
in code: since 1 July 2025 the level directly above the grassroots is the commune or ward union (công đoàn xã,
phường, đặc khu), the sector union or the industrial-zone union; the former district federation (LĐLĐ huyện) stays
a level for old data. Sources are listed in the file ("sources"): Điều lệ Công đoàn Việt Nam, Điều 9; the 2025
law on two-tier local government; Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.a for the place name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "levels.json"
TIERS = ("central", "province", "above_grassroots", "grassroots")


@dataclass(frozen=True)
class Level:
    """One level of the union (one entry of `data/levels.json`).

    `name`: what bodies of this level are ("Công đoàn xã, phường, đặc khu"); `label`: the conference level as pages
    and the audit log show it ("Cấp xã, phường, đặc khu"); `label_en`: the same in the English interface ("Commune,
    ward or special zone"; documents stay Vietnamese); `abbreviation`: the issuing body's short form in a
    document's symbol ("LĐLĐ" in "DS-LĐLĐ", Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4); `conference_of`: the words after "Hội nghị" for a
    conference of this level ("cấp tỉnh" → "Hội nghị cấp tỉnh"); `parent_level`: the usual level above (a code);
    `until`: the last day the level existed (None: it exists); `prefixes`: name prefixes that come before a place
    name ("Công đoàn phường"), each with its administrative unit word ("phường").
    """

    code: str
    name: str
    label: str
    label_en: str
    abbreviation: str
    conference_of: str
    tier: str
    parent_level: str | None
    hosts_conference: bool
    until: date | None
    prefixes: tuple[tuple[str, str], ...]

    def current_on(self, day: date) -> bool:
        """True when the level exists on `day` (the former district federation: until 30/6/2025)."""
        return self.until is None or day <= self.until


def _load(path: Path) -> tuple[dict[str, Level], tuple[tuple[str, str | None], ...]]:
    """Read and check the file: known tiers, unique codes, parent levels that exist, an English label for each.

    Raises:
        ValueError: the file breaks one of these.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    levels: dict[str, Level] = {}
    for entry in raw["levels"]:
        if entry["code"] in levels or entry["tier"] not in TIERS:
            raise ValueError(f"levels.json: repeated code or unknown tier in {entry['code']!r}")
        if not str(entry.get("label_en") or "").strip():
            raise ValueError(f"levels.json: {entry['code']!r} has no English label (label_en)")
        prefixes = tuple((f"{body} {unit}", unit) for body in entry["bodies"] for unit in entry["units"])
        levels[entry["code"]] = Level(
            code=entry["code"], name=entry["name"], label=entry["label"], label_en=entry["label_en"], abbreviation=entry["abbreviation"],
            conference_of=entry["conference_of"],
            tier=entry["tier"], parent_level=entry["parent_level"], hosts_conference=bool(entry["hosts_conference"]),
            until=date.fromisoformat(entry["until"]) if entry["until"] else None, prefixes=prefixes)
    for level in levels.values():
        if level.parent_level is not None and level.parent_level not in levels:
            raise ValueError(f"levels.json: {level.code!r} has an unknown parent level {level.parent_level!r}")
    # Longest first, so "Liên đoàn Lao động thành phố" wins over "Liên đoàn Lao động"; the bare bodies come last.
    prefixes = {prefix: unit for level in levels.values() for prefix, unit in level.prefixes}
    prefixes.update({body: None for body in raw.get("any_level_bodies", []) if body not in prefixes})
    ordered = tuple(sorted(prefixes.items(), key=lambda item: -len(item[0])))
    return levels, ordered


LEVELS, _PREFIXES = _load(DATA_FILE)
#: Every level code, in the file's order (the database's CHECK constraint on `organizations.level`).
LEVEL_CODES: tuple[str, ...] = tuple(LEVELS)
#: The levels that hold a conference (the CHECK constraint on `conferences.level`).
CONFERENCE_LEVEL_CODES: tuple[str, ...] = tuple(code for code, level in LEVELS.items() if level.hosts_conference)
#: The level of a conference made without one: the first current level directly above the grassroots.
DEFAULT_CONFERENCE_LEVEL: str = next(code for code, level in LEVELS.items()
                                     if level.hosts_conference and level.tier == "above_grassroots" and not level.until)


def level(code: str | None) -> Level | None:
    """The `Level` of a code; None for None or an unknown code."""
    return LEVELS.get(code) if code else None


def label_of(code: str | None) -> str:
    """The conference-level words of a code ("province" → "Cấp tỉnh"); an unknown code as it is."""
    found = level(code)
    return found.label if found else (code or "")


def label_in(code: str | None, language: str | None) -> str:
    """The conference-level words of a code in a UI language: English for "en" ("commune" → "Commune, ward or
    special zone"), Vietnamese for any other language or None ("Cấp xã, phường, đặc khu"); an unknown code as it
    is. Pure: the caller (a view, a template filter) gives the language of the request."""
    found = level(code)
    if found is None:
        return code or ""
    return found.label_en if language == "en" else found.label


def is_above(upper: str | None, lower: str | None) -> bool:
    """True when a body of level `upper` can be the parent of one of level `lower`: its tier is higher in the
    system (`TIERS`: central > province > above_grassroots > grassroots). Unknown levels are never above."""
    upper_level, lower_level = level(upper), level(lower)
    if upper_level is None or lower_level is None:
        return False
    return TIERS.index(upper_level.tier) < TIERS.index(lower_level.tier)


def in_check(column: str, codes: tuple[str, ...]) -> str:
    """The SQL of a CHECK constraint "column IN ('a', 'b')" over `codes` (plain ASCII codes, checked here).

    Raises:
        ValueError: a code that is not lowercase ASCII letters and underscores.
    """
    for code in codes:
        if not re.fullmatch(r"[a-z_]+", code):
            raise ValueError(f"level code {code!r} must be lowercase ASCII letters and underscores")
    return f"{column} IN ({', '.join(repr(code) for code in codes)})"


def place_in_name(name: str | None) -> str | None:
    """The place name inside an organization's name, or None when its name holds none.

    "Công đoàn phường Rạch Giá" → "Rạch Giá"; "Liên đoàn Lao động huyện Vĩnh Thuận" → "Vĩnh Thuận"; a unit named by
    a number keeps its unit word, capitalised: "Công đoàn phường 12" → "Phường 12" (Nghị định 30/2020/NĐ-CP,
    Phụ lục I, mục II.5.a). The prefixes come from `data/levels.json`, matched without regard to case.
    """
    text = " ".join(unicodedata.normalize("NFC", name or "").split())
    folded = text.casefold()
    for prefix, unit in _PREFIXES:
        if folded.startswith(prefix.casefold() + " "):
            rest = text[len(prefix) + 1:].strip()
            if not rest:
                return None
            if unit and rest.isdigit():
                return f"{unit[:1].upper()}{unit[1:]} {rest}"
            return rest
    return None
