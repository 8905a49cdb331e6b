"""The words of the accounts pages and of the accounts' entries in the audit log (each written once)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: The words of the roles on the accounts page ("Đơn vị": a unit is a grassroots union under a commune union, a
#: commune union under a province, ...).
ROLE_LABELS = {"organizer": _l("Ban Tổ chức"), "checkin": _l("Bàn đón tiếp"), "unit": _l("Đơn vị")}
#: The words of the accounts' actions (`services.account_log`, the audit log page).
ACTION_LABELS = {"create": _l("Tạo tài khoản"), "deactivate": _l("Khoá"), "reactivate": _l("Mở lại"),
                 "reset_password": _l("Đặt lại mật khẩu"), "change_password": _l("Tự đổi mật khẩu"),
                 "set_password": _l("Đặt mật khẩu bằng dòng lệnh")}
#: The words of an account's logged fields (`services.AUDITED`).
FIELD_LABELS = {"username": _l("Tên đăng nhập"), "full_name": _l("Họ tên hoặc tên hiển thị"),
                "role": _l("Loại tài khoản"), "organization_id": _l("Đơn vị"), "active": _l("Đang dùng"),
                "must_change_password": _l("Chờ đổi mật khẩu")}
