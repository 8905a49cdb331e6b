"""The invitation letter's words, as plain functions (no Flask, no database).

An invitation (giấy mời) is an administrative document of the organizer: Nghị định 30/2020/NĐ-CP, Phụ lục III
lists "Giấy mời" (abbreviation GM) among the kinds of document, and Phụ lục I gives its parts: the issuing body
under the body above it, the number ("Số: 12/GM-LĐLĐ"), the motto, the place and date, the title, the text, the
recipients ("Nơi nhận") and the signature block. The text is the organizer's, per conference: a template whose
placeholders (`PLACEHOLDERS`) are filled for each person invited. The time and venue come from the plan (Kế
hoạch 65/KH-LĐLĐ, mục II.2.2: "½ ngày ... ngày 10/4/2025"), the seat from the seating plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from conference.core.errors import N_, Message, RuleViolation
from conference.core.xlsx import date_parts
from conference.delegates.rules import honorific

#: The placeholders a body template may hold, with what each one is replaced by (shown on the settings page).
PLACEHOLDERS = {
    "co_quan_ban_hanh": Message(N_("tên cơ quan mời (đơn vị tổ chức hội nghị)")),
    "ong_ba": Message(N_("“Ông”, “Bà” theo giới tính (không rõ: “Ông/Bà”)")),
    "ho_ten": Message(N_("họ và tên người được mời (in đậm)")),
    "chuc_vu": Message(N_("chức vụ")),
    "don_vi": Message(N_("cơ quan, đơn vị công tác (khách mời) hoặc đơn vị (điển hình tiên tiến)")),
    "hoi_nghi": Message(N_("tên hội nghị")),
    "thoi_gian": Message(N_("giờ và ngày tổ chức")),
    "dia_diem": Message(N_("địa điểm")),
    "cho_ngoi": Message(N_("số ghế trong sơ đồ chỗ ngồi")),
}
#: Placeholders whose value is printed in bold.
BOLD = frozenset({"ho_ten"})
#: Placeholders that are words of address, not facts about the person: they never keep a line whose other
#: placeholders are empty ("Ghế của {ong_ba}: {cho_ngoi}" without a seat is left out).
ADDRESS = frozenset({"ong_ba"})
#: The body a conference starts with; every line with only empty placeholders is left out of a letter (no seat
#: assigned yet: no seat line).
DEFAULT_BODY = """Ban Thường vụ {co_quan_ban_hanh} trân trọng kính mời:
{ong_ba}: {ho_ten}
Chức vụ: {chuc_vu}
Cơ quan, đơn vị: {don_vi}
Đến dự {hoi_nghi}.
Thời gian: {thoi_gian}.
Địa điểm: {dia_diem}.
Chỗ ngồi: ghế {cho_ngoi}.
Khi đến, xin {ong_ba} xuất trình mã QR in trên giấy mời này tại bàn đón tiếp đại biểu.
Rất mong {ong_ba} đến dự đúng giờ để Hội nghị thành công tốt đẹp./."""
DEFAULT_RECIPIENTS = "- Như trên;\n- Lưu: VT."
#: The number when the organizer has not given one: the clerk writes the figure before the slash.
DEFAULT_NUMBER = "/GM"
BODY_MAX = 4000
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_body(body: str) -> None:
    """A body template holds only known placeholders, written `{name}`, and no stray brace.

    Raises:
        RuleViolation: empty, longer than `BODY_MAX` characters, an unknown placeholder (named), or a brace not
            part of a placeholder.
    """
    if not (body or "").strip():
        raise RuleViolation(N_("Nhập nội dung giấy mời."))
    if len(body) > BODY_MAX:
        raise RuleViolation(N_("Nội dung giấy mời dài %(length)s ký tự (tối đa %(limit)s)."),
                            length=len(body), limit=BODY_MAX)
    for name in _PLACEHOLDER.findall(body):
        if name not in PLACEHOLDERS:
            raise RuleViolation(N_("Nội dung giấy mời có chỗ điền lạ “{%(name)s}”. Chỉ dùng: %(known)s."),
                                name=name, known=", ".join(f"{{{key}}}" for key in PLACEHOLDERS))
    if "{" in _PLACEHOLDER.sub("", body) or "}" in _PLACEHOLDER.sub("", body):
        raise RuleViolation(N_("Nội dung giấy mời có dấu ngoặc { } lẻ: chỗ điền viết như {ho_ten}."))


@dataclass(frozen=True)
class Run:
    """A piece of a body line: its text and whether it is printed in bold."""

    text: str
    bold: bool = False


def fill_body(body: str, values: dict[str, str]) -> list[list[Run]]:
    """The body for one person: a list of lines, each a list of `Run`s, the placeholders replaced by `values`.

    A line whose placeholders are all empty, words of address (`ADDRESS`) aside, is left out (no seat yet: no
    "Chỗ ngồi" line); a line without placeholders is kept as written, an empty line too (a paragraph break).
    `body` is checked (`check_body`).
    """
    lines = []
    for line in body.replace("\r\n", "\n").split("\n"):
        facts = [name for name in _PLACEHOLDER.findall(line) if name not in ADDRESS]
        if facts and not any((values.get(name) or "").strip() for name in facts):
            continue
        runs: list[Run] = []
        position = 0
        for match in _PLACEHOLDER.finditer(line):
            if match.start() > position:
                runs.append(Run(line[position:match.start()]))
            value = (values.get(match.group(1)) or "").strip()
            if value:
                runs.append(Run(value, match.group(1) in BOLD))
            position = match.end()
        if position < len(line):
            runs.append(Run(line[position:]))
        lines.append(runs)
    return lines


def salutation(gender: str | None) -> str:
    """How the letter addresses a person: "Ông" (male), "Bà" (female), "Ông/Bà" when not recorded
    (`conference.delegates.rules.honorific`)."""
    return honorific(gender, unknown="Ông/Bà")


def addressee(full_name: str, kind: str | None) -> str:
    """The name the letter invites: the person's; for a collective (tập thể) its representative, "đại diện Tập thể
    Tổ Văn phòng" (the plan honours collectives through a person who attends for them)."""
    return f"đại diện {full_name}" if kind == "collective" else full_name


def time_text(day: date, starts_at: time | None) -> str:
    """When the conference opens, as the letter prints it: "07 giờ 30, thứ Năm, ngày 10/4/2025"; without a start
    time (no agenda yet) the day only: "thứ Năm, ngày 10/4/2025". The day and month are written as the letter's
    date line writes them (`conference.core.xlsx.date_parts`, Nghị định 30/2020/NĐ-CP): "thứ Tư, ngày 05/02/2025"."""
    day_part, month, year = date_parts(day)
    when = f"{WEEKDAYS[day.weekday()]}, ngày {day_part}/{month}/{year}"
    return f"{starts_at.hour:02d} giờ {starts_at.minute:02d}, {when}" if starts_at is not None else when


def number_line(number: str | None) -> str:
    """The number line under the issuer: "Số: 12/GM-LĐLĐ"; a number starting with "/" leaves room for the clerk
    to write the figure ("Số:      /GM")."""
    text = (number or DEFAULT_NUMBER).strip()
    room = "\u00a0" * 8 if text.startswith("/") else ""  # no-break spaces: a PDF paragraph keeps them
    return f"Số: {room}{text}"
