"""Editing a unit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from conference.web.forms import Form, WholeNumberField


class UnitForm(Form):
    """A unit's name, block (typed; a new name creates the block), member count and contact."""

    name = StringField(_l("Tên đơn vị"), validators=[DataRequired(message=_l("Nhập tên đơn vị.")), Length(max=200)])
    block_name = StringField(_l("Khối"), validators=[Optional(), Length(max=120)])
    member_count = WholeNumberField(_l("Số đoàn viên"), default=0, validators=[
        Optional(), NumberRange(min=0, max=1_000_000, message=_l("Số đoàn viên từ 0 đến 1.000.000."))])
    contact = StringField(_l("Liên hệ"), validators=[Optional(), Length(max=200)])
