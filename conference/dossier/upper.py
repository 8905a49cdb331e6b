"""Choosing the delegates for the upper-level conference (đại biểu dự Hội nghị cấp trên), in order.

Source: Kế hoạch 65/KH-LĐLĐ, mục II.3 ("Thông qua danh sách đại biểu dự Hội nghị cấp trên") and mục III.1
(the dossier to the provincial federation: "Báo cáo danh sách trích ngang đại biểu dự Hội nghị cấp tỉnh").
The upper level gives the conference a quota (`Dossier.upper_quota`); only exemplars are chosen (the
upper level's seats are exemplar seats); the chosen list is ordered 1..n (database: unique per conference,
exemplars only). `ensure_*` and `parse_order` are plain rules; the writes run in `locked_write`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from conference.audit.services import record
from conference.conferences.models import Conference
from conference.core.errors import N_, Message, RuleViolation
from conference.core.text import whole_number
from conference.core.vocabulary import PRIORITY_GROUP
from conference.db import lock
from conference.delegates.models import Delegate
from conference.delegates.rules import PRIORITY_GROUPS, priority_counts
from conference.dossier.queries import get_dossier
from conference.dossier.services import stored_dossier
from conference.extensions import db


def parse_order(raw: Mapping[int, str]) -> list[int]:
    """The chosen delegates, in order, from the numbers typed beside them ({delegate id: "3", ...}).

    Blank means not chosen. The numbers decide the order only (1, 2, 5 gives places 1, 2, 3).

    Raises:
        RuleViolation: a value that is not a whole number ≥ 1, or the same number twice.
    """
    chosen: list[tuple[int, int]] = []
    for delegate_id, value in raw.items():
        value = (value or "").strip()
        if not value:
            continue
        number = whole_number(value, max_digits=6)
        if number is None or number < 1:
            raise RuleViolation(N_("Thứ tự “%(value)s” không hợp lệ: nhập số nguyên từ 1 trở lên, hoặc để trống."),
                                value=value)
        chosen.append((number, delegate_id))
    numbers = [n for n, _ in chosen]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise RuleViolation(N_("Thứ tự %(numbers)s được nhập cho hai đại biểu."),
                            numbers=", ".join(map(str, repeated)))
    return [delegate_id for _, delegate_id in sorted(chosen)]


def ensure_within_upper_quota(count: int, quota: int | None) -> None:
    """Refuse more delegates than the upper level allows.

    Raises:
        RuleViolation: no quota entered yet (and count > 0), or count > quota.
    """
    if count and quota is None:
        raise RuleViolation(N_("Chưa nhập số lượng đại biểu cấp trên phân bổ cho hội nghị này."))
    if quota is not None and count > quota:
        raise RuleViolation(N_("Cấp trên phân bổ %(quota)s đại biểu; đã chọn %(count)s. Bỏ bớt %(extra)s đại biểu."),
                            quota=quota, count=count, extra=count - quota)


@dataclass(frozen=True)
class PriorityShare:
    """One priority group among the chosen delegates and among all exemplars (for the soft rule); `label` is a
    `Message` (`{{ share.label|translated }}`)."""

    label: str
    chosen: int
    chosen_total: int
    pool: int
    pool_total: int

    @property
    def chosen_pct(self) -> float | None:
        return 100 * self.chosen / self.chosen_total if self.chosen_total else None

    @property
    def pool_pct(self) -> float | None:
        return 100 * self.pool / self.pool_total if self.pool_total else None


def priority_shares(chosen: Sequence, pool: Sequence) -> list[PriorityShare]:
    """The plan's priority groups among the chosen and among all exemplars, as shares of their individuals.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.3: "ưu tiên CNVCLĐ trực tiếp lao động sản xuất, lao động nữ, lao
    động là người dân tộc thiểu số". A soft rule: shown, never refused. Counted by
    `conference.delegates.rules.priority_counts`, as on the dashboard and the review page; items need kind,
    gender, ethnicity and direct_worker attributes.
    """
    picked, every = priority_counts(chosen), priority_counts(pool)
    return [PriorityShare(Message(PRIORITY_GROUP[group]), picked[group], picked.individuals, every[group],
                          every.individuals) for group in PRIORITY_GROUPS]


def _lock(conference_id: int):
    return select(Conference.id).where(Conference.id == conference_id)


def set_upper_quota(conference_id: int, quota: int | None, upper_code: str | None) -> None:
    """Record the upper level's quota and its conference code.

    Raises:
        RuleViolation: a negative quota, or fewer than the delegates already chosen. Nothing changes then.
    """
    lock(db.session, _lock(conference_id))
    if quota is not None and quota < 0:
        raise RuleViolation(N_("Số lượng cấp trên phân bổ không được âm."))
    chosen = len(db.session.execute(
        select(Delegate.id).where(Delegate.conference_id == conference_id, Delegate.upper_order.is_not(None))
    ).all())
    if quota is not None and quota < chosen:
        raise RuleViolation(N_("Đã chọn %(chosen)s đại biểu, nhiều hơn số lượng mới (%(quota)s). Bỏ bớt trước."),
                            chosen=chosen, quota=quota)
    dossier = stored_dossier(get_dossier(conference_id))
    before = {"upper_quota": dossier.upper_quota, "upper_code": dossier.upper_code}
    dossier.upper_quota = quota
    dossier.upper_code = (upper_code or "").strip().upper() or None
    record("dossier", dossier.id, "upper_quota", conference_id=conference_id, before=before,
           after={"upper_quota": dossier.upper_quota, "upper_code": dossier.upper_code})
    db.session.flush()


def set_upper_delegates(conference_id: int, delegate_ids: list[int]) -> None:
    """Make `delegate_ids`, in this order, the delegates chosen for the upper-level conference.

    Raises:
        RuleViolation: more than the upper quota (or no quota), a repeated delegate, a guest, or a
            delegate of another conference. Nothing changes then.
    """
    lock(db.session, _lock(conference_id))
    if len(set(delegate_ids)) != len(delegate_ids):
        raise RuleViolation(N_("Một đại biểu được chọn hai lần."))
    quota = get_dossier(conference_id).upper_quota  # read under the lock
    ensure_within_upper_quota(len(delegate_ids), quota)
    members = {d.id: d for d in db.session.execute(
        select(Delegate).where(Delegate.id.in_(delegate_ids), Delegate.conference_id == conference_id)
    ).scalars()}
    if len(members) != len(delegate_ids):
        raise RuleViolation(N_("Đại biểu được chọn phải là đại biểu của hội nghị này."))
    guests = [d.full_name for d in members.values() if d.category != "exemplar"]
    if guests:
        raise RuleViolation(N_("Chỉ chọn đại biểu điển hình tiên tiến; %(names)s là khách mời."),
                            names=", ".join(guests))
    previous = []
    for current in db.session.execute(
        select(Delegate).where(Delegate.conference_id == conference_id, Delegate.upper_order.is_not(None))
        .order_by(Delegate.upper_order)
    ).scalars():
        previous.append(current.id)
        current.upper_order = None
    db.session.flush()
    for order, delegate_id in enumerate(delegate_ids, start=1):
        members[delegate_id].upper_order = order
    record("delegate", None, "upper_list", conference_id=conference_id, before={"upper_list": previous},
           after={"upper_list": delegate_ids})
    db.session.flush()
