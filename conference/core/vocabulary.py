"""The words people read for the codes the app stores, each written once (GLOSSARY.md: one term per concept).

The database and the audit log keep English codes (`exemplar`, `collective`, `female`, `submitted`); pages,
the audit log page, badges and the exports print these words. Each word is a `Message`: the Vietnamese text,
its id marked with `N_` (Babel extracts it). `vietnamese()` gives it as it is, for what is filed or read back
by software (the official lists, the plain data sheet, stored default labels); `word()` gives it in the page's
language.

Sources of the words: GLOSSARY.md; Kế hoạch 65/KH-LĐLĐ, mục II.2.3 ("Đại biểu khách mời; các tập thể, cá nhân
điển hình tiên tiến ... ưu tiên CNVCLĐ trực tiếp lao động sản xuất, lao động nữ, lao động là người dân tộc
thiểu số") and mục II.2.4 ("Đoàn Chủ tịch").
"""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

from conference.core.errors import N_, Message
from conference.core.text import fold

#: A delegate's category (`Delegate.category`).
CATEGORY = {"exemplar": Message(N_("Điển hình tiên tiến")), "guest": Message(N_("Khách mời"))}
#: An exemplar is a person or a group (`kind` of nominations and delegates).
KIND = {"individual": Message(N_("Cá nhân")), "collective": Message(N_("Tập thể"))}
GENDER = {"male": Message(N_("Nam")), "female": Message(N_("Nữ"))}
#: A nomination's status, as every list of nominations and the audit log show it.
STATUS = {
    "draft": Message(N_("Nháp")),
    "submitted": Message(N_("Chờ duyệt")),
    "resubmitted": Message(N_("Đã gửi lại")),
    "approved": Message(N_("Đã duyệt")),
    "returned": Message(N_("Đã trả lại")),
    "withdrawn": Message(N_("Đã rút")),
}
#: What a badge says its holder is: the presidium, the two delegate categories, and two kinds of people who
#: are not delegates. The default labels of the badge categories.
BADGE_KIND = {
    "presidium": Message(N_("Đoàn Chủ tịch")),
    "exemplar": Message(N_("Đại biểu điển hình tiên tiến")),
    "guest": Message(N_("Đại biểu khách mời")),
    "press": Message(N_("Phóng viên")),
    "staff": Message(N_("Phục vụ")),
}
#: The plan's priority groups, in the plan's order (see `conference.delegates.rules.priority_groups`).
PRIORITY_GROUP = {
    "direct_worker": Message(N_("CNVCLĐ trực tiếp lao động sản xuất")),
    "women": Message(N_("Lao động nữ")),
    "ethnic_minority": Message(N_("Người dân tộc thiểu số")),
}#: A guest's answer to the invitation (giấy mời), as the organizer records it (`Delegate.invitation_answer`):
#: comes, does not come, or sends a deputy who takes the guest's seat.
INVITATION_ANSWER = {
    "confirmed": Message(N_("Xác nhận dự")),
    "declined": Message(N_("Từ chối")),
    "deputy": Message(N_("Cử người dự thay")),
}
#: What the organizer decides for an awardee during the honouring ceremony (`HonouringEntry.status`).
ENTRY_STATUS = {
    "called": Message(N_("Gọi tên")),
    "skipped": Message(N_("Bỏ qua")),
    "represented": Message(N_("Người nhận thay")),
}
#: What the desk's scan of a badge came to (`conference.checkin.services.RESULTS`): shown in large type at the desk
#: and in the audit log's refusals at sync.
SCAN_RESULT = {
    "checked_in": Message(N_("Đã điểm danh")),
    "already_checked_in": Message(N_("Đã điểm danh trước đó")),
    "invalid": Message(N_("Mã không hợp lệ")),
    "revoked": Message(N_("Thẻ đã thu hồi")),
    "wrong_conference": Message(N_("Sai hội nghị")),
    "out_of_window": Message(N_("Giờ quét ngoài thời gian hội nghị")),
}

#: Every group of words by name: `vietnamese("category", "guest")`.
WORDS: dict[str, dict[str, Message]] = {
    "category": CATEGORY,
    "kind": KIND,
    "gender": GENDER,
    "status": STATUS,
    "badge_kind": BADGE_KIND,
    "priority_group": PRIORITY_GROUP,
    "invitation_answer": INVITATION_ANSWER,
    "entry_status": ENTRY_STATUS,
    "scan_result": SCAN_RESULT,
}


def vietnamese(group: str, code: str | None) -> str:
    """The Vietnamese word for a code, e.g. ("category", "guest") → "Khách mời".

    None and "" give ""; a code the group does not know is returned as it is (a new code still shows).
    """
    if not code:
        return ""
    return WORDS[group].get(code, code)


def word(group: str, code: str | None) -> str:
    """The word for a code in the page's language (Vietnamese outside a request)."""
    text = vietnamese(group, code)
    return text.translated(gettext) if isinstance(text, Message) else text


def lazy_words(group: str) -> dict:
    """{code: the word, translated when shown}, for tables built at import time (form choices, audit labels)."""
    return {code: lazy_gettext(text.message) for code, text in WORDS[group].items()}


def code_for(group: str, text: str | None) -> str | None:
    """The code of a Vietnamese word typed in a file, ignoring case, spacing and Unicode form: "  tập THỂ" →
    "collective"; None when no word of the group matches."""
    key = fold(text)
    return next((code for code, vi in WORDS[group].items() if fold(vi) == key), None) if key else None
