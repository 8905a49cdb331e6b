"""What the audit log page shows for the codes the log stores: the kind of thing changed (`entity`), how
(`action`), the changed fields (the keys of `before`/`after`) and their coded values, in the UI language.

The log keeps English codes (`delegate`, `approve`, `full_name`, `submitted`); the organizer reads
"Đại biểu", "Đã duyệt", "Họ và tên", "Chờ duyệt": the words the rest of the app uses for the same things
(the forms' labels, the nomination status badges, the glossary). A code this module does not know is shown
as it is, so a new kind of log row still displays.

Pure functions over an entry's `entity`, `action`, `before`, `after`; Flask-Babel only for the translations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from conference.accounts import labels as accounts
from conference.core.clock import to_local
from conference.core.vocabulary import lazy_words
from conference.dossier.columns import FIELDS as LIST_COLUMNS
from conference.organizations.labels import LAZY_LEVEL_LABELS

#: Shown for a missing value (None, an empty text or list).
EMPTY = "—"
#: Joins the items of a list value (names may hold commas: "Lao động giỏi, Lao động sáng tạo").
LIST_JOIN = "; "

#: Every `entity` the app writes to the log.
ENTITY_LABELS = {
    "nomination": _l("Hồ sơ"),
    "quota": _l("Phân bổ"),
    "unit": _l("Đơn vị"),
    "block": _l("Khối"),
    "delegate": _l("Đại biểu"),
    "checkin": _l("Đón tiếp"),
    "reference_list": _l("Danh mục"),
    "dossier": _l("Hồ sơ gửi cấp trên"),
    "conference": _l("Hội nghị"),
    "organization": _l("Tổ chức công đoàn"),
    "agenda_item": _l("Chương trình hội nghị"),
    "agenda": _l("Giờ của chương trình"),
    "hall_screen": _l("Màn hình hội trường"),
    "badge_category": _l("Loại thẻ đại biểu"),
    "hall_layout": _l("Hội trường"),
    "seating": _l("Sơ đồ chỗ ngồi"),
    "seat": _l("Chỗ ngồi"),
    "account": _l("Tài khoản"),
    "honouring_batch": _l("Đợt trao thưởng"),
    "honouring_entry": _l("Người nhận khen thưởng"),
    "script": _l("Kịch bản dẫn chương trình"),
    "honour_board": _l("Bảng vinh danh"),
    "certificate_settings": _l("Mẫu giấy khen và quyết định khen thưởng"),
    "certificate_printer": _l("Máy in giấy khen"),
    "invitation": _l("Giấy mời"),
}

#: Every `action` the app writes to the log; nomination actions in the words of the status they lead to.
ACTION_LABELS = {
    "create": _l("Đã thêm"),
    "update": _l("Đã cập nhật"),
    "delete": _l("Đã xoá"),
    "import": _l("Đã nhập từ tệp"),
    "undo": _l("Đã hủy"),
    "presidium": _l("Đã cập nhật Đoàn Chủ tịch"),
    "upper_list": _l("Đã chọn đại biểu dự Hội nghị cấp trên"),
    "upper_quota": _l("Đã cập nhật số lượng cấp trên phân bổ"),
    "settings": _l("Đã lưu thông tin văn bản và các cột"),
    "lower_codes": _l("Đã lưu mã hội nghị của cấp dưới"),
    "deadline": _l("Đã đặt thời hạn gửi hồ sơ"),
    "draft": _l("Đã lưu nháp"),
    "submit": _l("Đã gửi"),
    "resubmit": _l("Đã gửi lại"),
    "withdraw": _l("Đã rút"),
    "approve": _l("Đã duyệt"),
    "return": _l("Đã trả lại"),
    "move": _l("Đã chuyển vị trí"),
    "show": _l("Đã chuyển nội dung trên màn hình"),
    "reissue_badge": _l("Đã cấp lại thẻ đại biểu"),
    "answer": _l("Đã ghi nhận trả lời giấy mời"),
    "deputy": _l("Đã cử người dự thay"),
    "auto_assign": _l("Đã xếp chỗ tự động"),
    "refuse_sync": _l("Đã từ chối khi đồng bộ"),
    "close_desks": _l("Đã đóng bàn đón tiếp"),
    "generate": _l("Đã tạo các đợt trao thưởng"),
    "reopen_desks": _l("Đã mở lại bàn đón tiếp"),
    "new_link": _l("Đã tạo liên kết mới"),
    **{action: words for action, words in accounts.ACTION_LABELS.items() if action != "create"},
}
#: An (entity, action) whose words differ from the action's alone.
ENTITY_ACTION_LABELS = {
    ("invitation", "settings"): _l("Đã lưu nội dung giấy mời"),
    ("checkin", "create"): _l("Đã điểm danh"),
    ("seat", "move"): _l("Đã đổi chỗ ngồi"),
    ("certificate_settings", "settings"): _l("Đã lưu mẫu giấy khen và quyết định"),
    ("checkin", "undo"): _l("Đã hủy lượt điểm danh"),
    ("checkin", "refuse_sync"): _l("Không ghi nhận lượt quét ngoại tuyến"),
    ("account", "create"): accounts.ACTION_LABELS["create"],
}

#: Every key of a `before`/`after` dict, labelled as the app's forms and lists label the same field.
FIELD_LABELS = {
    # nominations (NOMINATION_FIELDS, status, return_reason) and delegates
    "kind": _l("Cá nhân / tập thể"),
    "full_name": _l("Họ và tên"),
    "gender": _l("Giới tính"),
    "birth_year": _l("Năm sinh"),
    "birth_date": _l("Ngày sinh"),
    "ethnicity": _l("Dân tộc"),
    "education": _l("Trình độ chuyên môn"),
    "position": _l("Chức vụ, nơi công tác"),
    "direct_worker": _l("CNVCLĐ trực tiếp lao động sản xuất"),
    "party_member": _l("Đảng viên"),
    "movements": _l("Phong trào thi đua"),
    "titles": _l("Danh hiệu thi đua, hình thức khen thưởng"),
    "achievements": _l("Thành tích tiêu biểu"),
    "achievements_summary": _l("Tóm tắt thành tích"),
    "phone": _l("Số điện thoại"),
    "status": _l("Trạng thái"),
    "return_reason": _l("Lý do trả lại"),
    "category": _l("Loại đại biểu"),
    "workplace": _l("Cơ quan, đơn vị công tác"),
    "invitation_answer": _l("Trả lời giấy mời"),
    "deputy_of": _l("Dự thay cho"),
    "presidium": _l("Đoàn Chủ tịch"),
    "presidium_groups": _l("Thành phần Đoàn Chủ tịch"),
    "batches": _l("Số đợt trao thưởng"),
    "awardees": _l("Số người nhận khen thưởng"),
    "form": _l("Hình thức khen thưởng"),
    "representative": _l("Người nhận thay"),
    "entry_status": _l("Trạng thái"),
    "items": _l("Nội dung chương trình"),
    "upper_list": _l("Đại biểu dự Hội nghị cấp trên"),
    "lower_codes": _l("Mã hội nghị của cấp dưới"),
    # imported nominations
    "line": _l("Dòng"),
    "file": _l("Tệp"),
    "source_code": _l("Mã hội nghị cấp dưới"),
    # quotas, units, blocks
    "seats": _l("Số lượng phân bổ"),
    "name": _l("Tên đơn vị"),
    "member_count": _l("Số đoàn viên"),
    "contact": _l("Liên hệ"),
    "block": _l("Khối"),
    "deadline": _l("Thời hạn gửi hồ sơ"),
    # check-in
    "delegate_id": _l("Đại biểu"),
    "desk": _l("Tên bàn"),
    "offline": _l("Điểm danh ngoại tuyến"),
    "closed_at": _l("Giờ đóng bàn đón tiếp"),
    "arrived": _l("Số đại biểu có mặt"),
    "absent": _l("Số đại biểu vắng"),
    "desk_session": _l("Mã phiên của bàn"),
    "result": _l("Kết quả quét"),
    "scanned_at": _l("Giờ quét trên thiết bị"),
    "checked_in_at": _l("Giờ điểm danh"),
    "nonce": _l("Mã lượt quét"),
    # reference lists (the keys are the list kinds)
    "movement": _l("Phong trào thi đua"),
    "title": _l("Danh hiệu thi đua, hình thức khen thưởng"),
    # dossier
    "upper_quota": _l("Số lượng đại biểu cấp trên phân bổ"),
    "upper_code": _l("Mã hội nghị cấp trên"),
    "document_number": _l("Số, ký hiệu danh sách gửi cấp trên"),
    "place": _l("Địa danh ghi trên văn bản"),
    "signer_title": _l("Chức vụ người ký"),
    "signer_name": _l("Họ tên người ký"),
    "signature_for": _l("Dòng thay mặt (TM.)"),
    "place_name": _l("Địa danh"),
    "parent_id": _l("Cấp trên"),
    "recipients": _l("Nơi nhận"),
    "columns": _l("Các cột của danh sách"),
    # conference settings (conference.dashboard.services.CONFERENCE_FIELDS), as the settings form labels them
    "level": _l("Cấp hội nghị"),
    "plan_reference": _l("Số kế hoạch"),
    "upper_body": _l("Cơ quan cấp trên"),
    "venue": _l("Địa điểm"),
    "held_on": _l("Ngày tổ chức"),
    "duration": _l("Thời lượng"),
    "delegate_cap": _l("Số đại biểu tối đa"),
    "exemplar_share_pct": _l("Tỷ lệ đại biểu điển hình tiên tiến (%)"),
    "split_tolerance_pct": _l("Sai lệch cho phép (điểm %)"),
    "presidium_max": _l("Số thành viên Đoàn Chủ tịch tối đa"),
    "nomination_deadline": _l("Thời hạn đơn vị gửi hồ sơ"),
    "dossier_deadline": _l("Thời hạn gửi hồ sơ lên cấp trên"),
    # agenda items (their position and title: ENTITY_FIELD_LABELS)
    "starts_at": _l("Giờ bắt đầu"),
    "presenter": _l("Người thực hiện"),
    "duration_min": _l("Thời lượng (phút)"),
    "day_start": _l("Giờ bắt đầu hội nghị"),
    "ends_by": _l("Kết thúc chậm nhất lúc"),
    "shown_item": _l("Nội dung trên màn hình"),
    # badges
    "badge_kind": _l("Loại thẻ"),
    "label": _l("Nhãn in trên thẻ"),
    "colour": _l("Màu"),
    "enabled": _l("In"),
    "badge_serial": _l("Lần cấp thẻ"),
    # seating plan
    "blocks": _l("Số khu ghế"),
    "rows_per_block": _l("Số hàng mỗi khu"),
    "seats_per_row": _l("Số ghế mỗi hàng"),
    "stage_seats": _l("Số ghế bàn Đoàn Chủ tịch"),
    "unseated": _l("Số đại biểu mất ghế"),
    "seat": _l("Ghế"),
    "seated": _l("Số đại biểu đã xếp chỗ"),
    "kept": _l("Số chỗ xếp tay được giữ"),
    # the honour board (its public switch: ENTITY_FIELD_LABELS)
    "introduction": _l("Lời giới thiệu"),
    "show_position": _l("Công khai chức vụ, nơi công tác"),
    "show_titles": _l("Công khai danh hiệu thi đua, hình thức khen thưởng"),
    "show_birth_year": _l("Công khai năm sinh"),
    "show_ethnicity": _l("Công khai dân tộc"),
    "show_party_member": _l("Công khai Đảng viên"),
    "show_phone": _l("Công khai số điện thoại"),
    # certificates and the commendation decision (the printer's name: ENTITY_FIELD_LABELS)
    "awarding_body": _l("Cơ quan tặng"),
    "citation_source": _l("Lời khen trên giấy"),
    "citation_text": _l("Lời khen chung"),
    "paper": _l("Giấy in"),
    "positions": _l("Vị trí trên phôi in sẵn"),
    "list_order": _l("Thứ tự trong danh sách"),
    "decision_number": _l("Số, ký hiệu quyết định"),
    "decision_subject": _l("Trích yếu quyết định"),
    "legal_bases": _l("Căn cứ"),
    "award_collective": _l("Mức thưởng mỗi tập thể"),
    "award_individual": _l("Mức thưởng mỗi cá nhân"),
    "offset_x_mm": _l("Lệch ngang (mm)"),
    "offset_y_mm": _l("Lệch dọc (mm)"),
    # accounts (their name: ENTITY_FIELD_LABELS)
    **{key: words for key, words in accounts.FIELD_LABELS.items() if key != "full_name"},
}
#: An (entity, key) whose label differs from the key's alone.
ENTITY_FIELD_LABELS = {
    ("invitation", "number"): _l("Số, ký hiệu giấy mời"),
    ("invitation", "signed_on"): _l("Ngày ký giấy mời"),
    ("invitation", "body"): _l("Nội dung giấy mời"),
    ("block", "name"): _l("Khối"),
    ("conference", "name"): _l("Tên hội nghị"),
    ("certificate_printer", "name"): _l("Tên máy in"),
    ("certificate_settings", "title"): _l("Tên giấy"),
    ("account", "full_name"): accounts.FIELD_LABELS["full_name"],
    ("agenda_item", "position"): _l("Thứ tự"),
    ("honouring_batch", "position"): _l("Thứ tự"),
    ("honouring_batch", "presenter"): _l("Người trao thưởng"),
    ("agenda_item", "title"): _l("Nội dung"),
    ("honour_board", "enabled"): _l("Công khai bảng vinh danh"),
}

#: Coded values, by key: the words of `conference.core.vocabulary` (the nomination status badges' words, the
#: delegate categories, kinds, genders, badge kinds) and the levels of `conference.organizations.levels` (data).
VALUE_LABELS = {
    "status": lazy_words("status"),
    "category": lazy_words("category"),
    "kind": lazy_words("kind"),
    "gender": lazy_words("gender"),
    "badge_kind": lazy_words("badge_kind"),
    "invitation_answer": lazy_words("invitation_answer"),
    "entry_status": lazy_words("entry_status"),  # honouring entries
    "result": lazy_words("scan_result"),  # a desk's scan refused at sync
    "level": LAZY_LEVEL_LABELS,  # data: conference.organizations.levels, English from its label_en
}
#: Keys whose values are ISO dates, shown dd/mm/yyyy as elsewhere in the app.
DATE_KEYS = frozenset({"signed_on", "birth_date", "deadline", "held_on", "nomination_deadline", "dossier_deadline"})
#: Keys whose values are ISO timestamps in naive UTC (how every time is stored), shown in Vietnam's time.
MOMENT_KEYS = frozenset({"scanned_at", "checked_in_at", "closed_at"})
#: How a timestamp reads on the page: "07:42:10 05/12/2024".
MOMENT_FORMAT = "%H:%M:%S %d/%m/%Y"
#: Keys whose values are delegate ids (or lists of them), shown by name with the id ("Nguyễn Văn An #12"), or
#: "#12" alone for a delegate removed since.
DELEGATE_ID_KEYS = frozenset({"delegate_id", "presidium", "upper_list"})
#: Keys whose value is a comma-separated list of delegate-list column keys (`dossier.columns.FIELDS`).
COLUMN_KEYS = frozenset({"columns"})
_COLUMN_LABELS = {field.key: field.label for field in LIST_COLUMNS}


def entity_label(entity: str) -> str:
    """The words for an entity code, e.g. 'delegate' → "Đại biểu"; an unknown code as it is."""
    label = ENTITY_LABELS.get(entity)
    return str(label) if label is not None else entity


def action_label(entity: str, action: str) -> str:
    """The words for what happened, e.g. ('nomination', 'approve') → "Đã duyệt", ('checkin', 'create') →
    "Đã điểm danh"; an unknown action as it is."""
    label = ENTITY_ACTION_LABELS.get((entity, action)) or ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def field_label(entity: str, key: str) -> str:
    """The label of a changed field, e.g. 'full_name' → "Họ và tên", ('block', 'name') → "Khối"; an unknown
    key as it is."""
    label = ENTITY_FIELD_LABELS.get((entity, key)) or FIELD_LABELS.get(key)
    return str(label) if label is not None else key


def value_text(key: str, value, names: Mapping[int, str] | None = None) -> str:
    """A logged value as the page shows it.

    None, "" and [] → "—"; booleans → "Có"/"Không"; a known code of `VALUE_LABELS[key]` → its words
    ('status': 'submitted' → "Chờ duyệt"); dates → dd/mm/yyyy; timestamps → Vietnam's time (`MOMENT_FORMAT`);
    delegate ids → "<name> #12" from `names` ({delegate id: name}), "#12" when the id is not there; list column
    keys → their labels; lists → items joined by "; "; anything else → `str(value)`.
    """
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, list | tuple):
        return LIST_JOIN.join(value_text(key, item, names) for item in value)
    if key in DELEGATE_ID_KEYS and isinstance(value, int):
        name = (names or {}).get(value)
        return f"{name} #{value}" if name else f"#{value}"
    if isinstance(value, str):
        label = VALUE_LABELS.get(key, {}).get(value)
        if label is not None:
            return str(label)
        if key in DATE_KEYS:
            return _date_text(value)
        if key in MOMENT_KEYS:
            return _moment_text(value)
        if key in COLUMN_KEYS:
            return LIST_JOIN.join(gettext(_COLUMN_LABELS[part]) if part in _COLUMN_LABELS else part
                                  for part in value.split(",") if part)
        return value
    return str(value)


def delegate_ids(values: Mapping | None) -> set[int]:
    """The delegate ids a `before`/`after` dict names under `DELEGATE_ID_KEYS` (for one lookup of their names)."""
    found: set[int] = set()
    for key in DELEGATE_ID_KEYS & set(values or {}):
        value = values[key]
        found.update(item for item in (value if isinstance(value, list | tuple) else [value])
                     if isinstance(item, int) and not isinstance(item, bool))
    return found


def _moment_text(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return to_local(moment).strftime(MOMENT_FORMAT)


def _date_text(value: str) -> str:
    try:
        return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return value


@dataclass(frozen=True)
class Change:
    """One field of a before/after column: the raw `key`, its `label`, the `value` as text."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class Described:
    """What one log row shows: the raw `entity` and `action` codes with their labels, and the labelled
    `before`/`after` fields in the logged order (empty lists when the row has none)."""

    entity: str
    entity_label: str
    action: str
    action_label: str
    before: list[Change]
    after: list[Change]


def changes(entity: str, values: Mapping | None, names: Mapping[int, str] | None = None) -> list[Change]:
    """The labelled fields of a `before`/`after` dict (None → []); `names` as for `value_text`."""
    return [Change(str(key), field_label(entity, str(key)), value_text(str(key), value, names))
            for key, value in (values or {}).items()]


def describe(entry, names: Mapping[int, str] | None = None) -> Described:
    """The labels of an `AuditEntry` (anything with `entity`, `action`, `before`, `after`); `names` ({delegate
    id: name}) names the delegates its values refer to."""
    return Described(entry.entity, entity_label(entry.entity), entry.action, action_label(entry.entity, entry.action),
                     changes(entry.entity, entry.before, names), changes(entry.entity, entry.after, names))


def entity_choices(entities) -> list[tuple[str, str]]:
    """(code, label) of each entity code, for the page's filter."""
    return [(code, entity_label(code)) for code in entities]
