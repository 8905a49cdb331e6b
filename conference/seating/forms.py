"""Seating forms: the hall's layout, and moving one delegate to a seat."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from conference.core.text import row_id
from conference.seating import rules
from conference.web.forms import Form, WholeNumberField


def _bounded(label, low: int, high: int, default: int) -> WholeNumberField:
    return WholeNumberField(label, default=default, validators=[
        InputRequired(message=_l("Nhập một số.")),
        NumberRange(min=low, max=high, message=_l("Từ %(min)s đến %(max)s."))])


class HallForm(Form):
    """The hall: blocks (khu) side by side, rows a block, seats a row, seats at the presidium table."""

    blocks = _bounded(_l("Số khu ghế (A, B, …)"), 1, rules.MAX_BLOCKS, 2)
    rows = _bounded(_l("Số hàng mỗi khu"), 1, rules.MAX_ROWS, 12)
    seats = _bounded(_l("Số ghế mỗi hàng"), 1, rules.MAX_SEATS_PER_ROW, 10)
    stage_seats = _bounded(_l("Số ghế bàn Đoàn Chủ tịch"), 0, rules.MAX_STAGE_SEATS, 7)


class MoveForm(Form):
    """One delegate to one seat; `swap` lets the two change places when the seat is taken. `choices`: (delegate
    id, "name — seat") for every delegate of the conference."""

    # the service refuses a stranger; row_id: a number no row can have (2**63) is "not a valid choice"
    delegate = SelectField(_l("Đại biểu"), coerce=row_id, validate_choice=False)
    seat = StringField(_l("Đến ghế"), validators=[DataRequired(message=_l("Nhập số ghế, ví dụ B-03-07.")),
                                                 Length(max=20)])
    swap = BooleanField(_l("Nếu ghế đã có người: đổi chỗ hai người cho nhau"))

    def __init__(self, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.delegate.choices = choices
