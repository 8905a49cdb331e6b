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
from conference.core.errors import RuleViolation
from conference.db import locked_write
from conference.delegates.models import Delegate
from conference.dossier.columns import is_minority
from conference.dossier.models import Dossier
from conference.dossier.queries import get_dossier
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
        if not value.isdigit() or int(value) < 1:
            raise RuleViolation(f"Thứ tự “{value}” không hợp lệ: nhập số nguyên từ 1 trở lên, hoặc để trống.")
        chosen.append((int(value), delegate_id))
    numbers = [n for n, _ in chosen]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise RuleViolation(f"Thứ tự {', '.join(map(str, repeated))} được nhập cho hai đại biểu.")
    return [delegate_id for _, delegate_id in sorted(chosen)]


def ensure_within_upper_quota(count: int, quota: int | None) -> None:
    """Refuse more delegates than the upper level allows.

    Raises:
        RuleViolation: no quota entered yet (and count > 0), or count > quota.
    """
    if count and quota is None:
        raise RuleViolation("Chưa nhập số lượng đại biểu cấp trên phân bổ cho hội nghị này.")
    if quota is not None and count > quota:
        raise RuleViolation(f"Cấp trên phân bổ {quota} đại biểu; đã chọn {count}. Bỏ bớt {count - quota} đại biểu.")


@dataclass(frozen=True)
class PriorityShare:
    """One priority group among the chosen delegates and among all exemplars (for the soft rule)."""

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
    """Women, ethnic minorities and direct production workers among the chosen and among all exemplars.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.3: "ưu tiên CNVCLĐ trực tiếp lao động sản xuất, lao động nữ, lao
    động là người dân tộc thiểu số". A soft rule: shown, never refused. Items need gender, ethnicity and
    direct_worker attributes.
    """
    groups = (
        ("CNVCLĐ trực tiếp lao động sản xuất", lambda d: d.direct_worker),
        ("Lao động nữ", lambda d: d.gender == "female"),
        ("Người dân tộc thiểu số", lambda d: is_minority(d.ethnicity)),
    )
    return [PriorityShare(label, sum(1 for d in chosen if test(d)), len(chosen), sum(1 for d in pool if test(d)),
                          len(pool)) for label, test in groups]


def _lock(conference_id: int):
    return select(Conference.id).where(Conference.id == conference_id)


def set_upper_quota(conference_id: int, quota: int | None, upper_code: str | None) -> None:
    """Record the upper level's quota and its conference code. Commits.

    Raises:
        RuleViolation: a negative quota, or fewer than the delegates already chosen. Nothing changes then.
    """
    get_dossier(conference_id)
    with locked_write(db.session, _lock(conference_id)):
        if quota is not None and quota < 0:
            raise RuleViolation("Số lượng cấp trên phân bổ không được âm.")
        chosen = len(db.session.execute(
            select(Delegate.id).where(Delegate.conference_id == conference_id, Delegate.upper_order.is_not(None))
        ).all())
        if quota is not None and quota < chosen:
            raise RuleViolation(f"Đã chọn {chosen} đại biểu, nhiều hơn số lượng mới ({quota}). Bỏ bớt trước.")
        dossier = db.session.execute(select(Dossier).where(Dossier.conference_id == conference_id)).scalar_one()
        before = {"upper_quota": dossier.upper_quota, "upper_code": dossier.upper_code}
        dossier.upper_quota = quota
        dossier.upper_code = (upper_code or "").strip().upper() or None
        record("dossier", dossier.id, "upper_quota", conference_id=conference_id, before=before,
               after={"upper_quota": dossier.upper_quota, "upper_code": dossier.upper_code})


def set_upper_delegates(conference_id: int, delegate_ids: list[int]) -> None:
    """Make `delegate_ids`, in this order, the delegates chosen for the upper-level conference. Commits.

    Raises:
        RuleViolation: more than the upper quota (or no quota), a repeated delegate, a guest, or a
            delegate of another conference. Nothing changes then.
    """
    dossier = get_dossier(conference_id)
    dossier_id = dossier.id
    with locked_write(db.session, _lock(conference_id)):
        if len(set(delegate_ids)) != len(delegate_ids):
            raise RuleViolation("Một đại biểu được chọn hai lần.")
        quota = db.session.get(Dossier, dossier_id).upper_quota
        ensure_within_upper_quota(len(delegate_ids), quota)
        members = {d.id: d for d in db.session.execute(
            select(Delegate).where(Delegate.id.in_(delegate_ids), Delegate.conference_id == conference_id)
        ).scalars()}
        if len(members) != len(delegate_ids):
            raise RuleViolation("Đại biểu được chọn phải là đại biểu của hội nghị này.")
        guests = [d.full_name for d in members.values() if d.category != "exemplar"]
        if guests:
            raise RuleViolation(f"Chỉ chọn đại biểu điển hình tiên tiến; {', '.join(guests)} là khách mời.")
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
