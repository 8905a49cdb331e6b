"""What a certificate and the draft commendation decision say, and in what order (pure; no Flask, no database).

Who is honoured: the conference's exemplar delegates (each comes from an approved nomination), as Kế hoạch
65/KH-LĐLĐ, mục II.3 ("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến") calls them on stage. The
decision lists the collectives first, then the individuals (the usual order of a quyết định khen thưởng's
"danh sách kèm theo"), each group in the order the organizer chose (`LIST_ORDERS`).
Legal bases of the decision (editable defaults): Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP (in force
since 1 July 2025); the union's own commendation regulation; the conference's plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from conference.core.collation import listed_name_key, unit_then_name_key
from conference.core.errors import N_, RuleViolation
from conference.core.excerpt import excerpt
from conference.delegates.rules import honorific as delegates_honorific
from conference.delegates.rules import position_line

PAPERS = ("blank", "preprinted")
CITATION_SOURCES = ("common", "achievements")
#: 'unit': by unit, then name (Vietnamese order); 'name': by name; 'approval': in the order the organizer
#: approved the nominations.
LIST_ORDERS = ("unit", "name", "approval")
#: The largest printer offset accepted, in millimetres (a printer further off needs its paper guides set).
MAX_OFFSET_MM = 30
#: Certificates print on A4 landscape, in millimetres.
PAGE_MM = (297.0, 210.0)

DEFAULT_TITLE = "GIẤY KHEN"
DEFAULT_CITATION = ("Đã có thành tích xuất sắc trong phong trào thi đua yêu nước trong công nhân, viên chức, lao "
                    "động giai đoạn 2020 - 2025.")
DEFAULT_SUBJECT = "Về việc khen thưởng các tập thể, cá nhân điển hình tiên tiến"
#: The decision's legal bases, one per line, before the conference's plan (Luật Thi đua, khen thưởng số
#: 06/2022/QH15; Nghị định 152/2025/NĐ-CP; the union's regulation, whose number the office fills in).
DEFAULT_LEGAL_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;",
    ("Căn cứ Quy chế khen thưởng của tổ chức Công đoàn ban hành kèm theo Quyết định số ....../QĐ-TLĐ của Đoàn Chủ "
     "tịch Tổng Liên đoàn Lao động Việt Nam;"),
)
DEFAULT_PROPOSAL = "Xét đề nghị của Ban Tổ chức Hội nghị."
DEFAULT_RECIPIENTS = ("Như Điều 3;", "Lưu VT.")
#: An award amount left for the office to write in.
BLANK_AMOUNT = "................ đồng"

#: The fields printed on a pre-printed blank.
FIELDS = ("name", "unit", "citation", "date")
#: Default positions on a landscape A4 blank: [x, y] in mm, x the centre of the line from the left edge, y the
#: baseline from the top edge (a common layout of Giấy khen blanks: the name under the title, the date above the
#: signature on the right).
DEFAULT_POSITIONS: dict[str, list[float]] = {
    "name": [148.5, 100.0], "unit": [148.5, 113.0], "citation": [148.5, 127.0], "date": [210.0, 160.0],
}
#: Width the citation wraps in, in mm.
CITATION_WIDTH_MM = 210.0
#: The longest citation taken from an exemplar's achievements, in characters (three printed lines).
CITATION_MAX = 300


@dataclass(frozen=True)
class Honoured:
    """One honoured exemplar as the documents print it: `kind` 'individual'/'collective', `gender`
    'male'/'female'/None, `position` (chức vụ, nơi công tác) and `unit_name` may be None, `approved_at` the
    nomination's review time (None for an exemplar without one); `achievements` (thành tích tiêu biểu) and
    `achievements_summary` (tóm tắt thành tích, its one- to three-line form) may be None."""

    delegate_id: int
    kind: str
    full_name: str
    gender: str | None = None
    position: str | None = None
    unit_name: str | None = None
    achievements: str | None = None
    approved_at: datetime | None = None
    achievements_summary: str | None = None

    @property
    def is_collective(self) -> bool:
        return self.kind == "collective"


@dataclass(frozen=True)
class Template:
    """The certificate and decision texts with every default filled in (see `effective`)."""

    title: str
    awarding_body: str
    citation_source: str
    citation_text: str
    paper: str
    positions: dict[str, list[float]]
    list_order: str
    decision_number: str
    decision_subject: str
    legal_bases: list[str]
    award_collective: str
    award_individual: str
    recipients: list[str]


def default_awarding_body(signature_for: str, issuer: str) -> str:
    """The body that awards, as a certificate prints it above "TẶNG": the committee the signer acts for (from
    "TM. BAN THƯỜNG VỤ") and the issuer, in capitals: "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN"."""
    committee = re.sub(r"^\s*(TM|KT|Q)\.\s*", "", signature_for or "", flags=re.IGNORECASE).strip()
    return f"{committee} {issuer}".strip().upper()


def plan_basis(plan_reference: str | None, conference_name: str) -> str | None:
    """The legal basis naming the conference's plan ("Căn cứ Kế hoạch số 65/KH-LĐLĐ về tổ chức …;"), or None
    when the conference has no plan reference."""
    if not plan_reference:
        return None
    return f"Căn cứ Kế hoạch số {plan_reference.strip()} về việc tổ chức {_lower_first(conference_name)};"


def effective(stored: dict, *, signature_for: str, issuer: str, plan_reference: str | None,
              conference_name: str) -> Template:
    """The `Template` of a conference from its stored settings (`stored`: column name → value, None meaning the
    default) and its letterhead: defaults for every missing text, positions merged over `DEFAULT_POSITIONS`."""
    def text(name: str, default: str) -> str:
        value = stored.get(name)
        return value.strip() if isinstance(value, str) and value.strip() else default

    bases = _lines(stored.get("legal_bases"))
    if not bases:
        bases = [*DEFAULT_LEGAL_BASES, *filter(None, [plan_basis(plan_reference, conference_name)]), DEFAULT_PROPOSAL]
    return Template(
        title=text("title", DEFAULT_TITLE),
        awarding_body=text("awarding_body", default_awarding_body(signature_for, issuer)),
        citation_source=stored.get("citation_source") or "common",
        citation_text=text("citation_text", DEFAULT_CITATION),
        paper=stored.get("paper") or "blank",
        positions=merged_positions(stored.get("positions")),
        list_order=stored.get("list_order") or "unit",
        decision_number=text("decision_number", ""),
        decision_subject=text("decision_subject", DEFAULT_SUBJECT),
        legal_bases=bases,
        award_collective=text("award_collective", ""),
        award_individual=text("award_individual", ""),
        recipients=_lines(stored.get("recipients")) or list(DEFAULT_RECIPIENTS),
    )


def merged_positions(stored: dict | None) -> dict[str, list[float]]:
    """{field: [x_mm, y_mm]} for every field of `FIELDS`: the stored ones that are two numbers inside the page,
    the defaults for the rest."""
    positions = {field: list(xy) for field, xy in DEFAULT_POSITIONS.items()}
    for field, value in (stored or {}).items():
        if field in positions and isinstance(value, list | tuple) and len(value) == 2:
            x, y = value
            if _number(x) and _number(y) and 0 <= x <= PAGE_MM[0] and 0 <= y <= PAGE_MM[1]:
                positions[field] = [float(x), float(y)]
    return positions


def check_offset(value: float | None) -> float:
    """A printer offset in mm (None → 0), rounded to a tenth.

    Raises:
        RuleViolation: beyond ±`MAX_OFFSET_MM`.
    """
    offset = round(float(value or 0), 1)
    if abs(offset) > MAX_OFFSET_MM:
        raise RuleViolation(N_("Độ lệch máy in tối đa là ±%(max)s mm; hãy chỉnh lại khay giấy của máy in."),
                            max=MAX_OFFSET_MM)
    return offset


def honorific(kind: str, gender: str | None) -> str:
    """"Ông" / "Bà" before an individual's name (by recorded gender, `conference.delegates.rules.honorific`); ""
    for collectives and unknown gender."""
    return "" if kind == "collective" else delegates_honorific(gender)


def name_line(person: Honoured) -> str:
    """The name as a certificate prints it: "Bà Nguyễn Thị Ánh"; a collective's name as it is."""
    title = honorific(person.kind, person.gender)
    return f"{title} {person.full_name}" if title else person.full_name


def unit_line(person: Honoured) -> str:
    """The line under the name: an individual's position and workplace (chức vụ, nơi công tác, one field for an
    exemplar) when recorded, else the unit; a collective's unit. "" when neither is known. The one rule of a
    position line (`conference.delegates.rules.position_line`)."""
    position = None if person.is_collective else (person.position or "").strip()
    return position_line(position, None, (person.unit_name or "").strip())


def citation(person: Honoured, source: str, common_text: str) -> str:
    """The citation printed under the name. `source` 'common': `common_text`; 'achievements': the exemplar's
    achievement summary (tóm tắt thành tích), else its achievements (thành tích tiêu biểu), on one line and at most
    `CITATION_MAX` characters: whole sentences when they fill at least half of that, else cut at a word with "…"
    (`conference.core.excerpt.excerpt`); `common_text` when neither is recorded."""
    own = (person.achievements_summary or "").strip() or (person.achievements or "").strip()
    if source != "achievements" or not own:
        return common_text
    return excerpt(own, CITATION_MAX, fill=CITATION_MAX // 2)


def ordered(people: Iterable[Honoured], order: str) -> tuple[list[Honoured], list[Honoured]]:
    """(collectives, individuals), each sorted by `order` (`LIST_ORDERS`): 'unit' by the unit's name then the
    name (`conference.core.collation.unit_then_name_key`, the order the MC calls the honouring batches in; no unit
    last), 'name' by the name, 'approval' by approval time; names in Vietnamese order (given name first for
    individuals, `core.collation`), ties by delegate id."""
    def key(person: Honoured):
        if order == "approval":
            return (person.approved_at is None, person.approved_at or datetime.min, person.delegate_id)
        if order == "name":
            return (listed_name_key(person.full_name, person.is_collective), person.delegate_id)
        return (unit_then_name_key(person.unit_name, person.full_name, person.is_collective), person.delegate_id)

    people = list(people)
    return (sorted((p for p in people if p.is_collective), key=key),
            sorted((p for p in people if not p.is_collective), key=key))


def article_one(template: Template, collectives: int, individuals: int, conference_name: str) -> str:
    """Điều 1 of the decision: who is awarded the certificate ("Tặng Giấy khen cho 3 tập thể và 12 cá nhân …"),
    with the count of each group (a group with none is left out)."""
    groups = [f"{n:02d} {group}" for n, group in ((collectives, "tập thể"), (individuals, "cá nhân")) if n]
    whom = " và ".join(groups) or "các tập thể, cá nhân"
    award = template.title[:1].upper() + template.title[1:].lower()
    return (f"Tặng {award} cho {whom} đã có thành tích xuất sắc, được tuyên dương tại "
            f"{conference_name.strip()} (có danh sách kèm theo).")


def article_two(template: Template, collectives: int, individuals: int) -> str:
    """Điều 2: the award that goes with the certificate, per collective and per individual; an amount not set
    is left as dots for the office to fill in."""
    parts = []
    if collectives:
        parts.append(f"mỗi tập thể được thưởng {template.award_collective or BLANK_AMOUNT}")
    if individuals:
        parts.append(f"mỗi cá nhân được thưởng {template.award_individual or BLANK_AMOUNT}")
    parts = parts or [f"mỗi tập thể, cá nhân được thưởng {BLANK_AMOUNT}"]
    return (f"Kèm theo {template.title.lower()}, {'; '.join(parts)}, trích từ quỹ khen thưởng theo quy định "
            "hiện hành.")


ARTICLE_THREE = ("Văn phòng, các ban, các công đoàn cơ sở có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
                 "căn cứ Quyết định thi hành. Quyết định này có hiệu lực kể từ ngày ký.")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _lower_first(text: str) -> str:
    text = text.strip()
    return text[:1].lower() + text[1:] if text else text


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def as_text_lines(lines: Sequence[str]) -> str:
    """Lines joined for a text area (the inverse of reading one line per entry)."""
    return "\n".join(lines)
