"""What every page's layout needs: the menu of the conference it belongs to, and the UI language.

The menu is one list (`MENU`): a link per page, the roles that see it and the pages where it is the current one.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user


@dataclass(frozen=True)
class MenuItem:
    """One link of a conference's menu."""

    endpoint: str  # a view taking `conference_id`, unless `per_conference` is False
    label: str  # lazy: translated when the page is drawn
    roles: frozenset[str]
    also_active: tuple[str, ...] = ()  # other endpoints whose pages this link stands for
    per_conference: bool = True  # False: a page of the user's organization, the same from every conference


ORGANIZER = frozenset({"organizer"})

MENU: tuple[MenuItem, ...] = (
    MenuItem("dashboard.dashboard", _l("Tổng quan"), ORGANIZER),
    MenuItem("quotas.index", _l("Phân bổ"), ORGANIZER),
    MenuItem("units.index", _l("Đơn vị"), ORGANIZER, ("units.edit", "units.import_list")),
    MenuItem("nominations.index", _l("Duyệt hồ sơ"), ORGANIZER),
    MenuItem("nominations.index", _l("Hồ sơ của đơn vị"), frozenset({"unit"})),
    MenuItem("delegates.index", _l("Đại biểu"), ORGANIZER,
             ("delegates.add_guest", "guests.upload")),
    MenuItem("delegates.presidium", _l("Đoàn Chủ tịch"), ORGANIZER),
    MenuItem("agenda.index", _l("Chương trình"), ORGANIZER, ("agenda.edit", "agenda.control")),
    MenuItem("ceremony.index", _l("Trao thưởng"), ORGANIZER,
             ("ceremony.batch", "ceremony.script", "certificates.index", "certificates.save")),
    MenuItem("seating.index", _l("Chỗ ngồi"), ORGANIZER, ("seating.hall", "seating.move")),
    MenuItem("invitations.index", _l("Giấy mời"), ORGANIZER, ("invitations.settings", "invitations.answer")),
    MenuItem("badges.sheet", _l("Thẻ đại biểu"), ORGANIZER),
    MenuItem("checkin.desk", _l("Đón tiếp"), frozenset({"organizer", "checkin"})),
    MenuItem("checkin.board", _l("Theo dõi đến"), ORGANIZER),
    MenuItem("honourboard.settings", _l("Bảng vinh danh"), ORGANIZER),
    MenuItem("auditlog.index", _l("Nhật ký"), ORGANIZER),
    MenuItem("accounts.index", _l("Tài khoản"), ORGANIZER, ("accounts.create",), per_conference=False),
    # The organizer's page is reached from "Tài khoản" (its menu is full); the user's name in the bar links here too.
    MenuItem("accounts.change_password", _l("Đổi mật khẩu"), frozenset({"unit", "checkin"}), per_conference=False),
)


@dataclass(frozen=True)
class MenuLink:
    """A menu link as the layout draws it."""

    url: str
    label: str
    active: bool


def menu_links(conference, role: str, endpoint: str | None) -> list[MenuLink]:
    """The links of `conference`'s menu that `role` sees; `endpoint` (the current page's) marks the active one."""
    return [
        MenuLink(url_for(item.endpoint, **({"conference_id": conference.id} if item.per_conference else {})),
                 str(item.label), endpoint == item.endpoint or endpoint in item.also_active)
        for item in MENU
        if role in item.roles
    ]


def inject_navigation() -> dict:
    """Template context: the menu of the conference the page belongs to (set by the conference loader in
    `g.conference`) for the current user, and the UI language."""
    conference = g.get("conference")
    links = (menu_links(conference, current_user.role, request.endpoint)
             if conference is not None and current_user.is_authenticated else [])
    return {"nav_links": links, "get_locale": get_locale}
