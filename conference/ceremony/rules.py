"""Rules of the honouring ceremony and of the MC's script, as plain functions (no Flask, no database).

Batches: Kế hoạch 65/KH-LĐLĐ, mục II.3 ("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến") honours the
approved exemplars on stage in batches (đợt trao thưởng), each handed its awards by one leader. The script: the
plan's programme (mục II.3), item by item, in the words the MC reads (kịch bản dẫn chương trình).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conference.core.collation import unit_then_name_key, vietnamese_key
from conference.core.errors import N_, RuleViolation
from conference.core.excerpt import cut_at_word, excerpt, one_line, sentences
from conference.core.text import fold
from conference.core.vocabulary import ENTRY_STATUS

DEFAULT_BATCH_SIZE = 10
BATCH_SIZE_MAX = 50
#: Collectives are honoured before individuals (the order of the plan's "các tập thể, cá nhân", mục I.2).
KIND_ORDER = ("collective", "individual")
#: What the organizer decides for an awardee during the ceremony (the words: `conference.core.vocabulary`).
ENTRY_STATUSES = ENTRY_STATUS


def default_form(issuer: str) -> str:
    """The form of commendation (hình thức khen thưởng) handed at a conference hosted by `issuer` unless the
    organizer names another: the host's executive committee's certificate of merit (Giấy khen của Ban Thường vụ
    …), the award a union directly above the grassroots gives (Luật Thi đua, khen thưởng 2022, Điều 75; Hướng dẫn
    khen thưởng của Tổng Liên đoàn)."""
    return f"Giấy khen của Ban Thường vụ {issuer}"


@dataclass(frozen=True)
class Awardee:
    """What batching needs of one exemplar: `kind` ('individual'/'collective'), `form` of commendation, the unit's
    name (None: no unit) and the full name."""

    delegate_id: int
    kind: str
    form: str
    unit: str | None
    full_name: str


@dataclass(frozen=True)
class PlannedBatch:
    """A batch as `plan_batches` makes it: its kind, form and awardees' delegate ids in calling order."""

    kind: str
    form: str
    delegate_ids: tuple[int, ...]


def batch_sizes(count: int, size: int) -> list[int]:
    """Split `count` awardees into the fewest batches of at most `size`, as even as possible, larger first:
    23 by 10 → [8, 8, 7] (three batches of about equal length on stage rather than 10, 10, 3).

    Raises:
        ValueError: `size` < 1 or `count` < 0.
    """
    if size < 1 or count < 0:
        raise ValueError("size >= 1 and count >= 0")
    batches = math.ceil(count / size)
    if not batches:
        return []
    base, extra = divmod(count, batches)
    return [base + 1] * extra + [base] * (batches - extra)


def plan_batches(awardees: Iterable[Awardee], size: int = DEFAULT_BATCH_SIZE) -> list[PlannedBatch]:
    """Group `awardees` into honouring batches: by kind (collectives first), then by form of commendation
    (Vietnamese order), each group "unit, then name" (`conference.core.collation.unit_then_name_key`, the order of
    the commendation decision's list too; no unit last), cut into batches of at most `size` (`batch_sizes`). A batch never mixes two forms or kinds.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.3 (biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến).
    """
    groups: dict[tuple[str, str], list[Awardee]] = {}
    for awardee in awardees:
        groups.setdefault((awardee.kind, awardee.form), []).append(awardee)
    planned = []
    for kind, form in sorted(groups, key=lambda key: (_kind_rank(key[0]), vietnamese_key(key[1]))):
        people = sorted(groups[(kind, form)], key=lambda a: (
            unit_then_name_key(a.unit, a.full_name, a.kind == "collective"), a.delegate_id))
        start = 0
        for length in batch_sizes(len(people), size):
            planned.append(PlannedBatch(kind, form, tuple(a.delegate_id for a in people[start:start + length])))
            start += length
    return planned


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def ensure_batch_size(size: int) -> None:
    """A batch holds 1 to `BATCH_SIZE_MAX` awardees (the stage's row).

    Raises:
        RuleViolation: `size` outside that range.
    """
    if not 1 <= size <= BATCH_SIZE_MAX:
        raise RuleViolation(N_("Số người mỗi đợt phải từ 1 đến %(max)s."), max=BATCH_SIZE_MAX)


def ensure_may_regenerate(edited: bool, overwrite: bool) -> None:
    """Generating the batches again replaces them: refused when they were changed by hand, unless the organizer
    confirmed (`overwrite`).

    Raises:
        RuleViolation: `edited` and not `overwrite`.
    """
    if edited and not overwrite:
        raise RuleViolation(N_("Các đợt trao thưởng đã được sửa bằng tay. Xác nhận để tạo lại (các thay đổi sẽ mất)."))


def ensure_representative(status: str, representative: str | None) -> None:
    """A status of `ENTRY_STATUSES`; 'represented' needs the name of who receives the award.

    Raises:
        RuleViolation: an unknown status, or 'represented' without a name.
    """
    if status not in ENTRY_STATUSES:
        raise RuleViolation(N_("Trạng thái không hợp lệ."))
    if status == "represented" and not (representative or "").strip():
        raise RuleViolation(N_("Nhập họ tên người nhận thay."))


def moved(items: Sequence, index: int, step: int) -> list:
    """`items` with the one at `index` moved `step` places (-1 up, +1 down); unchanged at either end."""
    target = index + step
    result = list(items)
    if 0 <= index < len(result) and 0 <= target < len(result):
        result[index], result[target] = result[target], result[index]
    return result


def called_status(status: str, checked_in: bool) -> str:
    """How the script treats an awardee: 'called' (present, or not yet decided but present), 'absent' (not checked
    in and nothing decided: marked for the MC), 'skipped' (left out), 'represented' (a representative is called)."""
    if status in ("skipped", "represented"):
        return status
    return "called" if checked_in else "absent"


#: A citation longer than this is cut at a word (the MC reads one line per awardee).
CITATION_MAX = 160


def citation(summary: str | None, achievements: str | None) -> str:
    """The one-line citation the MC reads for an awardee: the achievement summary (tóm tắt thành tích) when there is
    one, else the first sentence of the achievements (`conference.core.excerpt.sentences`); at most `CITATION_MAX`
    characters: whole sentences when they fill at least half of that, else cut at a word with "…" (the rule of a
    certificate's citation too, `conference.core.excerpt.excerpt`); "" when neither is recorded."""
    if one_line(summary):
        return excerpt(summary, CITATION_MAX, fill=CITATION_MAX // 2)
    return cut_at_word(next(iter(sentences(achievements)), ""), CITATION_MAX)  # one sentence: whole, or cut


# The MC's script

#: Marks a template line where the generated list goes: the delegates introduced, the honouring batches.
INTRODUCTION_MARK = "[Giới thiệu đại biểu]"
HONOURS_MARK = "[Danh sách khen thưởng]"
MARKS = (INTRODUCTION_MARK, HONOURS_MARK)
#: The placeholders a template may hold, filled when the script is made (`fill`).
PLACEHOLDERS = ("[Tên hội nghị]", "[Nội dung]", "[Người thực hiện]", "[Giờ]", "[Ngày]", "[Địa điểm]",
                "[Đơn vị tổ chức]", "[Chủ trì]")

#: The kinds of programme items, each with the words that recognise it in an item's title (compared with
#: `conference.core.text.fold`) and its default text. Kế hoạch 65/KH-LĐLĐ, mục II.3 lists the plan's items.
ITEM_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("performance", ("văn nghệ",)),
    ("reasons", ("tuyên bố lý do",)),
    ("introduction", ("giới thiệu đại biểu",)),
    ("opening", ("khai mạc",)),
    ("speech", ("diễn văn",)),
    ("discussion", ("tham luận",)),
    ("report", ("báo cáo",)),
    ("honouring", ("khen thưởng", "tôn vinh", "trao thưởng")),
    ("launch", ("phát động",)),
    ("response", ("hưởng ứng",)),
    ("upper_list", ("thông qua danh sách",)),
    ("closing", ("bế mạc",)),
)

DEFAULT_TEXTS = {
    "performance": N_("Kính thưa quý vị đại biểu! Mở đầu chương trình, xin mời quý vị đại biểu cùng thưởng thức "
                      "chương trình văn nghệ chào mừng Hội nghị do [Người thực hiện] biểu diễn."),
    "reasons": N_("Kính thưa các đồng chí lãnh đạo, quý vị đại biểu khách mời cùng toàn thể các đồng chí đại biểu "
                  "điển hình tiên tiến!\nHôm nay, [Ngày], tại [Địa điểm], [Đơn vị tổ chức] long trọng tổ chức "
                  "[Tên hội nghị]. Hội nghị nhằm tổng kết, đánh giá kết quả các phong trào thi đua yêu nước trong các "
                  "cấp công đoàn; tuyên dương, tôn vinh các tập thể, cá nhân điển hình tiên tiến, qua đó tạo động lực "
                  "thực hiện thắng lợi nhiệm vụ chính trị của tổ chức công đoàn."),
    "introduction": N_("Đến dự Hội nghị hôm nay, chúng tôi trân trọng giới thiệu:\n[Giới thiệu đại biểu]\n"
                       "Cùng toàn thể các đồng chí đại biểu điển hình tiên tiến đại diện cho các tập thể, cá nhân "
                       "trong các cấp công đoàn. Xin trân trọng kính chào!"),
    "opening": N_("Xin trân trọng kính mời [Chủ trì] thay mặt Đoàn Chủ tịch phát biểu khai mạc Hội nghị."),
    "speech": N_("Xin trân trọng kính mời [Người thực hiện] trình bày [Nội dung]."),
    "report": N_("Kính thưa Hội nghị! Tiếp theo chương trình, xin trân trọng kính mời [Người thực hiện] trình bày "
                 "[Nội dung]."),
    "discussion": N_("Tiếp theo chương trình là phần báo cáo tham luận và giao lưu điển hình tiên tiến. Xin trân "
                     "trọng kính mời [Người thực hiện] lên trình bày tham luận."),
    "honouring": N_("Kính thưa Hội nghị! Tiếp theo chương trình là phần biểu dương, tôn vinh, khen thưởng các tập "
                    "thể, cá nhân điển hình tiên tiến. Ban Tổ chức trân trọng kính mời các đồng chí có tên sau đây "
                    "lên sân khấu nhận khen thưởng:\n[Danh sách khen thưởng]\nMột lần nữa, xin chúc mừng các tập "
                    "thể, cá nhân vừa được tuyên dương, khen thưởng!"),
    "launch": N_("Kính thưa Hội nghị! Tiếp theo chương trình, xin trân trọng kính mời [Người thực hiện] lên phát "
                 "động phong trào thi đua."),
    "response": N_("Xin trân trọng kính mời [Người thực hiện] phát biểu hưởng ứng phong trào thi đua."),
    "upper_list": N_("Kính thưa Hội nghị! Tiếp theo, xin trân trọng kính mời [Người thực hiện] thông qua danh sách "
                     "đại biểu dự Hội nghị cấp trên."),
    "closing": N_("Kính thưa Hội nghị! Đến đây, chương trình Hội nghị đã hoàn thành. Xin trân trọng kính mời "
                  "[Chủ trì] thay mặt Đoàn Chủ tịch phát biểu bế mạc Hội nghị."),
    "other": N_("Tiếp theo chương trình: [Nội dung]. Xin trân trọng kính mời [Người thực hiện]."),
}


def item_parts(title: str) -> tuple[str, ...]:
    """The kinds (`ITEM_KINDS`) an agenda item's title names, in the order the title names them: "Tuyên bố lý do,
    giới thiệu đại biểu và khai mạc" → ('reasons', 'introduction', 'opening'); ('other',) when none. "Báo cáo tham
    luận" is a discussion, not a report; "biểu dương" alone does not make the honouring (the report "đánh giá,
    biểu dương phong trào" is a report)."""
    key = fold(title)
    found = []
    for kind, words in ITEM_KINDS:
        places = [key.find(fold(w)) for w in words if fold(w) in key]
        if places:
            found.append((min(places), kind))
    kinds = [kind for _, kind in sorted(found)]
    if "discussion" in kinds and "report" in kinds:
        kinds.remove("report")
    if "opening" in kinds and "speech" in kinds:
        kinds.remove("speech")
    return tuple(kinds) or ("other",)


def default_script(title: str, translate=lambda text: text) -> str:
    """The default words for an item titled `title`: the default text of each of its kinds (`item_parts`), one
    paragraph each; `translate` (e.g. gettext) gives them in the page's language."""
    return "\n".join(translate(DEFAULT_TEXTS[kind]) for kind in item_parts(title))


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each placeholder of `values` ("[Nội dung]" → the item's title) replaced; other brackets stay."""
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


@dataclass(frozen=True)
class Block:
    """A piece of an item's script: 'text' (a paragraph to read) or one of the generated lists ('introduction',
    'honours'), in the template's order."""

    kind: str
    text: str = ""


def blocks(text: str) -> list[Block]:
    """Split a filled template into paragraphs and the generated lists: a line that is exactly a mark
    (`INTRODUCTION_MARK`, `HONOURS_MARK`) stands for its list; blank lines are dropped."""
    result = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == INTRODUCTION_MARK:
            result.append(Block("introduction"))
        elif stripped == HONOURS_MARK:
            result.append(Block("honours"))
        elif stripped:
            result.append(Block("text", stripped))
    return result


def same_text(a: str | None, b: str | None) -> bool:
    """Two templates read the same (line endings and trailing spaces aside): a saved text equal to the default is
    not kept, so the item follows the default."""
    def norm(value):
        return "\n".join(line.rstrip() for line in (value or "").replace("\r\n", "\n").strip().split("\n"))
    return norm(a) == norm(b)
