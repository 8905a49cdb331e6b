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
    """One link of a conference's menu; `group` names the drop-down it sits in (None: on the bar itself)."""

    endpoint: str  # a view taking `conference_id`, unless `per_conference` is False
    label: str  # lazy: translated when the page is drawn
    roles: frozenset[str]
    also_active: tuple[str, ...] = ()  # other endpoints whose pages this link stands for
    per_conference: bool = True  # False: a page of the user's organization, the same from every conference
    group: str | None = None


ORGANIZER = frozenset({"organizer"})
#: The drop-downs of the organizer's menu, in the order of the work: before the day, on the day, after it.
PREPARATION = _l("Chuẩn bị")
CONFERENCE_DAY = _l("Ngày hội nghị")
AFTERWARDS = _l("Sau hội nghị")

MENU: tuple[MenuItem, ...] = (
    MenuItem("dashboard.dashboard", _l("Tổng quan"), ORGANIZER),
    MenuItem("units.index", _l("Đơn vị"), ORGANIZER, ("units.edit", "units.import_list"), group=PREPARATION),
    MenuItem("quotas.index", _l("Phân bổ"), ORGANIZER, group=PREPARATION),
    MenuItem("nominations.index", _l("Duyệt hồ sơ"), ORGANIZER, group=PREPARATION),
    MenuItem("nominations.index", _l("Hồ sơ của đơn vị"), frozenset({"unit"})),
    MenuItem("delegates.index", _l("Đại biểu"), ORGANIZER, ("delegates.add_guest", "guests.upload"), group=PREPARATION),
    MenuItem("delegates.presidium", _l("Đoàn Chủ tịch"), ORGANIZER, group=PREPARATION),
    MenuItem("invitations.index", _l("Giấy mời"), ORGANIZER, ("invitations.settings", "invitations.answer"),
             group=PREPARATION),
    MenuItem("seating.index", _l("Chỗ ngồi"), ORGANIZER, ("seating.hall", "seating.move"), group=PREPARATION),
    MenuItem("badges.sheet", _l("Thẻ đại biểu"), ORGANIZER, group=PREPARATION),
    MenuItem("agenda.index", _l("Chương trình"), ORGANIZER, ("agenda.edit", "agenda.control"), group=CONFERENCE_DAY),
    MenuItem("checkin.desk", _l("Đón tiếp"), frozenset({"organizer", "checkin"}), group=CONFERENCE_DAY),
    MenuItem("checkin.board", _l("Theo dõi đến"), ORGANIZER, group=CONFERENCE_DAY),
    MenuItem("ceremony.index", _l("Trao thưởng"), ORGANIZER, ("ceremony.batch", "ceremony.script"),
             group=CONFERENCE_DAY),
    MenuItem("certificates.index", _l("Giấy khen, quyết định"), ORGANIZER, ("certificates.save",),
             group=AFTERWARDS),
    MenuItem("dossier.index", _l("Hồ sơ gửi cấp trên"), ORGANIZER, group=AFTERWARDS),
    MenuItem("honourboard.settings", _l("Bảng vinh danh"), ORGANIZER, group=AFTERWARDS),
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


@dataclass(frozen=True)
class MenuEntry:
    """One place on the bar: a link (`link`), or a drop-down (`label`, `links`) when a group holds two or more."""

    label: str
    active: bool
    link: MenuLink | None = None
    links: tuple[MenuLink, ...] = ()


def menu_links(conference, role: str, endpoint: str | None) -> list[MenuLink]:
    """The links of `conference`'s menu that `role` sees, in menu order; `endpoint` (the current page's) marks the
    active one."""
    return [
        MenuLink(url_for(item.endpoint, **({"conference_id": conference.id} if item.per_conference else {})),
                 str(item.label), endpoint == item.endpoint or endpoint in item.also_active)
        for item in MENU
        if role in item.roles
    ]


def menu_entries(conference, role: str, endpoint: str | None) -> list[MenuEntry]:
    """The bar of `conference`'s menu for `role`: each group of two or more links becomes one drop-down, placed
    where its first link is; a group of one link (a desk's "Đón tiếp") stays a plain link."""
    visible = [item for item in MENU if role in item.roles]
    links = menu_links(conference, role, endpoint)
    sizes: dict[str, int] = {}
    for item in visible:
        if item.group is not None:
            sizes[str(item.group)] = sizes.get(str(item.group), 0) + 1
    entries: list[MenuEntry] = []
    placed: dict[str, int] = {}
    for item, link in zip(visible, links, strict=True):
        group = str(item.group) if item.group is not None else None
        if group is None or sizes[group] < 2:
            entries.append(MenuEntry(link.label, link.active, link=link))
        elif group in placed:
            old = entries[placed[group]]
            entries[placed[group]] = MenuEntry(group, old.active or link.active, links=(*old.links, link))
        else:
            placed[group] = len(entries)
            entries.append(MenuEntry(group, link.active, links=(link,)))
    return entries


def inject_navigation() -> dict:
    """Template context: the menu of the conference the page belongs to (set by the conference loader in
    `g.conference`) for the current user, and the UI language."""
    conference = g.get("conference")
    entries = (menu_entries(conference, current_user.role, request.endpoint)
               if conference is not None and current_user.is_authenticated else [])
    return {"nav_entries": entries, "get_locale": get_locale}
