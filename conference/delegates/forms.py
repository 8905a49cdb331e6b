"""Guest form."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from conference.core.text import whole_number
from conference.core.vocabulary import lazy_words
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN, MAJORITY_ETHNICITY, PRESIDIUM_GROUPS
from conference.web.forms import Form, WholeNumberField

GENDER_CHOICES = [SelectChoice("", _l("— Chọn —")),
                  *(SelectChoice(code, label) for code, label in lazy_words("gender").items())]


class GuestForm(Form):
    """A guest (đại biểu khách mời): name, position (chức vụ) and organisation (cơ quan, đơn vị công tác), optional
    details."""

    full_name = StringField(_l("Họ và tên"), validators=[DataRequired(message=_l("Nhập họ và tên.")),
                                                         Length(max=200)])
    gender = SelectField(_l("Giới tính"), choices=GENDER_CHOICES, validators=[Optional()])
    birth_year = WholeNumberField(_l("Năm sinh"), validators=[Optional(), NumberRange(min=BIRTH_YEAR_MIN, max=BIRTH_YEAR_MAX)])
    ethnicity = StringField(_l("Dân tộc"), default=MAJORITY_ETHNICITY, validators=[Optional(), Length(max=60)])
    position = StringField(_l("Chức vụ"),
                           validators=[DataRequired(message=_l("Nhập chức vụ.")), Length(max=300)])
    workplace = StringField(_l("Cơ quan, đơn vị công tác"), validators=[Optional(), Length(max=300)])
    party_member = BooleanField(_l("Đảng viên"))
    notes = TextAreaField(_l("Ghi chú"), validators=[Optional(), Length(max=500)])

    def service_data(self) -> dict:
        """The values as `add_guest` takes them."""
        data = {name: self[name].data for name in
                ("full_name", "birth_year", "ethnicity", "position", "workplace", "party_member", "notes")}
        data["gender"] = self.gender.data or None
        return data


#: A presidium seat field of the presidium page: "seat-<n>", n from 1 to 99.
_SEAT = re.compile(r"^seat-([1-9][0-9]?)$")


def chosen_seats(form) -> dict[int, int]:
    """{seat: delegate id} of every filled "seat-<n>" field of the posted presidium form, in seat order.

    Every seat sent counts, also beyond the conference's maximum (the page shows that many): an 8th member
    is then refused with its reason by `services.set_presidium`, never dropped in silence. A value that is not
    a whole number (`conference.core.text.whole_number`) leaves its seat empty.
    """
    seats = {}
    for key, value in form.items():
        match = _SEAT.match(key)
        if match and (number := whole_number(value)) is not None:
            seats[int(match.group(1))] = number
    return dict(sorted(seats.items()))


def chosen_groups(form, seats: dict[int, int]) -> list[str | None]:
    """The composition group posted as "group-<n>" for each of `seats` (`chosen_seats`), in seat order; None for a
    seat whose group is empty or not one of `rules.PRESIDIUM_GROUPS`."""
    return [value if (value := form.get(f"group-{seat}")) in PRESIDIUM_GROUPS else None for seat in seats]
