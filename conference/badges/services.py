"""Badge codes, badge categories (label and colour per kind) and revoking a badge by issuing a new one.

No Flask imports. Default labels follow Kế hoạch 65/KH-LĐLĐ (Đoàn Chủ tịch, đại biểu điển hình tiên tiến,
đại biểu khách mời) plus two optional kinds for people who are not delegates (Phóng viên, Phục vụ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from conference.audit.services import changed, record
from conference.badges.codes import make_badge_code
from conference.badges.models import BADGE_KINDS, BadgeCategory
from conference.conferences.models import Conference
from conference.core.errors import N_, Message, RuleViolation
from conference.core.shortcode import new_short_code, new_token, spaced
from conference.core.text import character_name, control_character
from conference.core.vocabulary import BADGE_KIND
from conference.db import lock
from conference.delegates.models import Delegate
from conference.delegates.services import fallback_codes
from conference.extensions import db

#: kind -> (default label, default colour, enabled by default). Colours: union blue, red for the presidium,
#: gold for guests, green for the press, grey for staff.
#: The labels are the words of `conference.core.vocabulary.BADGE_KIND`.
DEFAULT_CATEGORIES = {
    "presidium": (BADGE_KIND["presidium"], "#c8102e", True),
    "exemplar": (BADGE_KIND["exemplar"], "#0b4f9c", True),
    "guest": (BADGE_KIND["guest"], "#b8860b", True),
    "press": (BADGE_KIND["press"], "#2e7d32", False),
    "staff": (BADGE_KIND["staff"], "#616161", False),
}
#: kind -> (label, colour) of the defaults.
DEFAULT_STYLES = {kind: (label, colour) for kind, (label, colour, _on) in DEFAULT_CATEGORIES.items()}
#: Kinds every conference prints; the others can be switched off.
REQUIRED_KINDS = ("presidium", "exemplar", "guest")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: The audit log's keys of a badge category's look.
_STYLE_KEYS = ("label", "colour", "enabled")


class CategoryError(RuleViolation):
    """A badge category edit was refused (a `RuleViolation`: message id and params, for the organizer)."""


def badge_code(secret_key: str, delegate: Delegate) -> str:
    """The signed code printed in `delegate`'s QR (conference, delegate, the badge's token)."""
    return make_badge_code(secret_key, delegate.conference_id, delegate.id, delegate.badge_token)


def fallback_code(delegate: Delegate) -> str:
    """The fallback code printed under the QR, as printed ("ACDE-FGHJ"; `conference.core.shortcode.spaced`)."""
    return spaced(delegate.fallback_code)


def reissue_badge(delegate: Delegate) -> None:
    """Revoke the delegate's printed badge and issue a new one: a new random token and fallback code, serial + 1;
    logged.

    Under the delegate's lock, so two clerks reprinting at once both revoke the old codes (the later one wins;
    each draw is random, so no code is issued twice).
    """
    lock(db.session, select(Delegate.id).where(Delegate.id == delegate.id))
    db.session.execute(db.update(Delegate).where(Delegate.id == delegate.id)
                       .values(badge_serial=Delegate.badge_serial + 1, badge_token=new_token(),
                               fallback_code=new_short_code(fallback_codes(delegate.conference_id))))
    db.session.refresh(delegate)
    record("delegate", delegate.id, "reissue_badge", conference_id=delegate.conference_id,
           before={"badge_serial": delegate.badge_serial - 1}, after={"badge_serial": delegate.badge_serial})


def badge_kind(delegate: Delegate) -> str:
    """The badge kind of a delegate (`conference.delegates.rules.badge_kind`)."""
    return delegate.badge_kind


def categories(conference_id: int) -> dict[str, BadgeCategory]:
    """The conference's badge categories by kind, in BADGE_KINDS order; missing ones get the defaults.

    The defaults are not written here (a GET never writes); `save_categories` stores them.
    """
    stored = {c.kind: c for c in db.session.execute(
        select(BadgeCategory).where(BadgeCategory.conference_id == conference_id)).scalars()}
    result = {}
    for kind in BADGE_KINDS:
        if kind in stored:
            result[kind] = stored[kind]
        else:
            label, colour, enabled = DEFAULT_CATEGORIES[kind]
            result[kind] = BadgeCategory(conference_id=conference_id, kind=kind, label=label, colour=colour,
                                         enabled=enabled)
    return result


def category_styles(conference_id: int) -> dict[str, tuple[str, str]]:
    """kind -> (label, colour) of the conference's badge kinds, defaults for those not stored (one light query:
    the desk's hot path)."""
    styles = dict(DEFAULT_STYLES)
    styles.update({kind: (label, colour) for kind, label, colour in db.session.execute(
        select(BadgeCategory.kind, BadgeCategory.label, BadgeCategory.colour)
        .where(BadgeCategory.conference_id == conference_id))})
    return styles


def save_categories(conference_id: int, values: dict[str, dict]) -> None:
    """Store the labels, colours and switches of the badge kinds; changes nothing when refused. Each kind whose
    look changed (from its stored or its default look) is logged.

    `values`: kind -> {"label": str, "colour": "#rrggbb", "enabled": bool}; every kind of BADGE_KINDS.
    Raises CategoryError: empty or too long label, a control character in it, colour not `#rrggbb`, a required
    kind switched off.
    """
    cleaned = {}
    for kind in BADGE_KINDS:
        entry = values.get(kind) or {}
        label = " ".join(str(entry.get("label") or "").split())
        colour = str(entry.get("colour") or "").strip()
        if not label or len(label) > 60:
            raise CategoryError(N_("Nhãn thẻ “%(kind)s” phải có từ 1 đến 60 ký tự."),
                                kind=Message(DEFAULT_CATEGORIES[kind][0]))
        if (char := control_character(label)) is not None:
            raise CategoryError(N_("Nhãn thẻ “%(kind)s” có ký tự điều khiển không hợp lệ (%(char)s)."),
                                kind=Message(DEFAULT_CATEGORIES[kind][0]), char=character_name(char))
        if not COLOUR.match(colour):
            raise CategoryError(N_("Màu của thẻ “%(label)s” phải có dạng #rrggbb."), label=label)
        enabled = bool(entry.get("enabled")) or kind in REQUIRED_KINDS
        cleaned[kind] = (label, colour.lower(), enabled)
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    current = {c.kind: c for c in db.session.execute(
        select(BadgeCategory).where(BadgeCategory.conference_id == conference_id)).scalars()}
    for kind, (label, colour, enabled) in cleaned.items():
        row = current.get(kind) or BadgeCategory(conference_id=conference_id, kind=kind)
        shown = (row.label, row.colour, row.enabled) if kind in current else DEFAULT_CATEGORIES[kind]
        row.label, row.colour, row.enabled = label, colour, enabled
        db.session.add(row)
        db.session.flush()
        before, after = changed(dict(zip(_STYLE_KEYS, shown)),
                                dict(zip(_STYLE_KEYS, (label, colour, enabled))))
        if after:  # what the badges of this kind look like changed (stored or default before)
            record("badge_category", row.id, "update", conference_id=conference_id, before=before,
                   after={"badge_kind": kind, **after})


@dataclass(frozen=True)
class Badge:
    """What one printed badge shows: name, unit line, kind label and colour, the QR code's text, the fallback
    code printed under it ("ACDE-FGHJ") and the seat."""

    delegate_id: int | None
    name: str
    unit: str
    kind: str
    label: str
    colour: str
    code: str | None
    fallback: str | None = None
    #: The delegate's seat ("B-03-07", `conference.seating.rules`), None without one: printed "Ghế B-03-07".
    seat: str | None = None


def badge_for(secret_key: str, delegate: Delegate, cats: dict[str, BadgeCategory], seat: str | None = None) -> Badge:
    """The badge of one delegate with the conference's categories (`categories()`) and its seat label (from
    `conference.seating.queries.seat_labels`; None: no seat printed)."""
    kind = badge_kind(delegate)
    return Badge(delegate.id, delegate.full_name, delegate.affiliation, kind, cats[kind].label,
                 cats[kind].colour, badge_code(secret_key, delegate), fallback_code(delegate), seat)


def blank_badges(cats: dict[str, BadgeCategory], kind: str, count: int) -> list[Badge]:
    """`count` badges without a name or QR for an optional kind (press, staff): filled in by hand.

    Raises CategoryError when the kind is not an enabled optional kind or `count` is not 0..200.
    """
    if kind in REQUIRED_KINDS or kind not in cats or not cats[kind].enabled:
        raise CategoryError(N_("Loại thẻ này không in thẻ trống."))
    if not 0 <= count <= 200:
        raise CategoryError(N_("Số thẻ trống phải từ 0 đến 200."))
    return [Badge(None, "", "", kind, cats[kind].label, cats[kind].colour, None) for _ in range(count)]
