"""The dashboard's charts, each with the table that says the same (for screen readers and printing).

A `Chart` holds what static/js/charts.js draws with the vendored Chart.js (`config`, put in the canvas's
`data-chart` attribute: the Content-Security-Policy allows no inline script) and the table the page prints under
it (`headers`, `rows`, as text; `wide` charts take the page's whole width). Built from the figures of `conference.dashboard.queries`; words in the page's
language. The plan's targets: exemplars ~70 % and guests ~30 % of the delegates (Kế hoạch 65/KH-LĐLĐ, mục II.2.3),
priority to direct production workers, women and ethnic minorities (same section).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from conference.core.numbers import percent
from conference.core.vocabulary import word
from conference.dashboard.queries import Arrivals, Dashboard, UnitSeats

#: The colours of the series (Bootstrap's palette, as the rest of the pages).
BLUE, GREEN, ORANGE, GREY, RED, TEAL = "#0d6efd", "#198754", "#fd7e14", "#adb5bd", "#dc3545", "#20c997"
STATUS_COLOURS = {"draft": GREY, "submitted": ORANGE, "resubmitted": "#ffc107", "returned": RED,
                  "approved": GREEN, "withdrawn": "#6c757d"}
#: Nomination statuses in the order of their life.
STATUS_ORDER = ("draft", "submitted", "resubmitted", "returned", "approved", "withdrawn")
#: Height in pixels of one unit's bars in the seats chart, and of its axes and legend.
UNIT_ROW_PX, CHART_FRAME_PX = 22, 70


@dataclass(frozen=True)
class Chart:
    """One chart: `key` names it in the page (ids, tests), `title`, the Chart.js `config` (see static/js/charts.js
    for its keys) and the table: `headers` and `rows` of text; `empty` says why there is nothing to draw (or "")."""

    key: str
    title: str
    config: dict
    headers: list[str]
    rows: list[list[str]]
    note: str = ""
    empty: str = ""
    wide: bool = False


def _dataset(label: str, data: list, colour: str, **more) -> dict:
    return {"label": label, "data": data, "color": colour, **more}


def seats_chart(units: list[UnitSeats]) -> Chart:
    """Seats per unit: allocated against used (horizontal bars, one pair per unit)."""
    labels = [unit.name for unit in units]
    config = {"type": "bar", "horizontal": True, "labels": labels,
              "height": CHART_FRAME_PX + UNIT_ROW_PX * max(len(units), 1),
              "datasets": [_dataset(_("Phân bổ"), [u.allocated for u in units], GREY),
                           _dataset(_("Đã dùng"), [u.used for u in units], BLUE)]}
    rows = [[u.name, str(u.allocated), str(u.used), str(u.allocated - u.used)] for u in units]
    if units:
        rows.append([_("Tổng cộng"), str(sum(u.allocated for u in units)), str(sum(u.used for u in units)),
                     str(sum(u.allocated - u.used for u in units))])
    return Chart(key="seats", title=_("Chỗ của từng đơn vị: phân bổ và đã dùng"), config=config,
                 headers=[_("Đơn vị"), _("Phân bổ"), _("Đã dùng"), _("Còn lại")], rows=rows,
                 note=_("Đã dùng: hồ sơ chờ duyệt, đã gửi lại và đã duyệt."),
                 empty="" if units else _("Chưa phân bổ chỗ cho đơn vị nào."), wide=True)


def split_chart(figures: Dashboard) -> Chart:
    """Exemplars and guests among the delegates against the plan's target (two stacked percentage bars)."""
    exemplars, guests = figures.delegates["exemplar"], figures.delegates["guest"]
    total = exemplars + guests
    target = figures.split.target_pct
    now_exemplar = round(100 * exemplars / total, 1) if total else 0
    now_guest = round(100 - now_exemplar, 1) if total else 0
    config = {"type": "bar", "horizontal": True, "stacked": True, "percent": True,
              "labels": [_("Hiện tại"), _("Mục tiêu")],
              "datasets": [_dataset(word("category", "exemplar"), [now_exemplar, target], BLUE),
                           _dataset(word("category", "guest"), [now_guest, 100 - target], ORANGE)]}
    rows = [[word("category", "exemplar"), str(exemplars), percent(exemplars, total), f"{target}%"],
            [word("category", "guest"), str(guests), percent(guests, total), f"{100 - target}%"]]
    note = _("Mục tiêu %(t)s%% ± %(tol)s điểm.", t=target, tol=figures.split.tolerance_pct)
    if not figures.split.within:
        note = f"{note} {_('Lệch khỏi mục tiêu')}."
    return Chart(key="split", title=_("Tỷ lệ điển hình tiên tiến / khách mời"), config=config,
                 headers=[_("Loại đại biểu"), _("Số đại biểu"), _("Tỷ lệ"), _("Mục tiêu")], rows=rows, note=note,
                 empty="" if total else _("Chưa có đại biểu."))


def priority_chart(figures: Dashboard) -> Chart:
    """The plan's priority groups as shares of the individual exemplars (bars in percent)."""
    individuals = figures.priority.individuals
    groups = [("direct_worker", figures.direct_workers), ("women", figures.women),
              ("ethnic_minority", figures.ethnic_minorities)]
    config = {"type": "bar", "percent": True, "labels": [word("priority_group", code) for code, _n in groups],
              "datasets": [_dataset(_("Tỷ lệ trong cá nhân điển hình"),
                                    [round(100 * n / individuals, 1) if individuals else 0 for _c, n in groups],
                                    TEAL)]}
    rows = [[word("priority_group", code), str(n), percent(n, individuals)] for code, n in groups]
    return Chart(key="priority", title=_("Nhóm ưu tiên"), config=config,
                 headers=[_("Nhóm"), _("Số cá nhân"), _("Tỷ lệ")], rows=rows,
                 note=_("Trong %(n)s cá nhân điển hình tiên tiến.", n=individuals),
                 empty="" if individuals else _("Chưa có cá nhân điển hình tiên tiến."))


def status_chart(by_status: dict[str, int]) -> Chart:
    """Nominations by status, in the order of their life (bars)."""
    counts = [(status, by_status.get(status, 0)) for status in STATUS_ORDER]
    config = {"type": "bar", "labels": [word("status", s) for s, _n in counts], "legend": False,
              "datasets": [{"label": _("Hồ sơ"), "data": [n for _s, n in counts],
                            "colors": [STATUS_COLOURS[s] for s, _n in counts]}]}
    total = sum(n for _s, n in counts)
    rows = [[word("status", s), str(n), percent(n, total)] for s, n in counts]
    return Chart(key="statuses", title=_("Hồ sơ theo trạng thái"), config=config,
                 headers=[_("Trạng thái"), _("Số hồ sơ"), _("Tỷ lệ")], rows=rows,
                 empty="" if total else _("Chưa có hồ sơ."))


def arrivals_chart(arrivals: Arrivals) -> Chart:
    """Arrivals over time on the day: per slot (bars) and in total (a line, on its own axis)."""
    days = {start.date() for start, _n, _t in arrivals.slots}
    pattern = "%H:%M" if len(days) <= 1 else "%d/%m %H:%M"
    labels = [start.strftime(pattern) for start, _n, _t in arrivals.slots]
    config = {"type": "bar", "labels": labels, "second_axis": True,
              "datasets": [_dataset(_("Đến trong %(n)s phút", n=arrivals.minutes),
                                    [n for _s, n, _t in arrivals.slots], BLUE),
                           _dataset(_("Tổng số đã đến"), [t for _s, _n, t in arrivals.slots], GREEN,
                                    type="line", axis="y1")]}
    rows = [[label, str(n), str(t)] for label, (_s, n, t) in zip(labels, arrivals.slots, strict=True)]
    return Chart(key="arrivals", title=_("Đại biểu đến theo thời gian"), config=config,
                 headers=[_("Từ"), _("Số đến"), _("Tổng số đã đến")], rows=rows,
                 empty="" if arrivals.slots else _("Chưa có đại biểu nào đến."))


def dashboard_charts(figures: Dashboard, units: list[UnitSeats], arrivals: Arrivals) -> list[Chart]:
    """The dashboard's charts, in the page's order."""
    return [split_chart(figures), priority_chart(figures), status_chart(figures.by_status), arrivals_chart(arrivals),
            seats_chart(units)]
