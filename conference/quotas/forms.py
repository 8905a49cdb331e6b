"""The quota table: one number per unit, read from the posted form."""

from __future__ import annotations

from wtforms.validators import InputRequired, NumberRange

from conference.core.errors import N_, RuleViolation
from conference.core.text import whole_number
from conference.web.forms import Form, WholeNumberField


class AllocateForm(Form):
    """Proportional allocation: the minimum seats each unit gets first."""

    minimum = WholeNumberField(default=1, validators=[InputRequired(), NumberRange(min=0, max=1000)])


def parse_seats(form_data, units) -> dict[int, int]:
    """Read `seats-<unit_id>` values for `units` from posted form data.

    Returns:
        {unit_id: seats} for every unit.

    Raises:
        RuleViolation: a value that is not a whole number ≥ 0 (names the unit).
    """
    result = {}
    for unit in units:
        raw = (form_data.get(f"seats-{unit.id}") or "").strip()
        if raw == "":
            raw = "0"
        seats = whole_number(raw, max_digits=6)
        if seats is None or seats < 0:
            raise RuleViolation(N_("%(unit)s: số lượng phân bổ phải là số nguyên không âm."), unit=unit.name)
        result[unit.id] = seats
    return result
