"""Guest form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from conference.core.vocabulary import lazy_words
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN, MAJORITY_ETHNICITY

GENDER_CHOICES = [SelectChoice("", _l("— Chọn —")),
                  *(SelectChoice(code, label) for code, label in lazy_words("gender").items())]


class GuestForm(FlaskForm):
    """A guest (đại biểu khách mời): name, position and workplace, optional details."""

    full_name = StringField(_l("Họ và tên"), validators=[DataRequired(message=_l("Nhập họ và tên.")),
                                                         Length(max=200)])
    gender = SelectField(_l("Giới tính"), choices=GENDER_CHOICES, validators=[Optional()])
    birth_year = IntegerField(_l("Năm sinh"), validators=[Optional(), NumberRange(min=BIRTH_YEAR_MIN, max=BIRTH_YEAR_MAX)])
    ethnicity = StringField(_l("Dân tộc"), default=MAJORITY_ETHNICITY, validators=[Optional(), Length(max=60)])
    position = StringField(_l("Chức vụ, nơi công tác"),
                           validators=[DataRequired(message=_l("Nhập chức vụ, nơi công tác.")), Length(max=300)])
    party_member = BooleanField(_l("Đảng viên"))
    notes = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=500)])

    def service_data(self) -> dict:
        """The values as `add_guest` takes them."""
        data = {name: self[name].data for name in
                ("full_name", "birth_year", "ethnicity", "position", "party_member", "notes")}
        data["gender"] = self.gender.data or None
        return data
