"""The answer to an invitation (with the deputy's details) and the letter's settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from conference.core.vocabulary import lazy_words
from conference.delegates.forms import GENDER_CHOICES
from conference.invitations.rules import BODY_MAX
from conference.web.forms import Form


class AnswerForm(Form):
    """A guest's answer: confirmed, declined, or a deputy (name and position required then: checked by
    `services.record_answer`, which knows the answer)."""

    answer = RadioField(_l("Trả lời giấy mời"),
                        choices=[SelectChoice(code, label) for code, label in lazy_words("invitation_answer").items()],
                        validators=[InputRequired(message=_l("Chọn một câu trả lời."))])
    deputy_name = StringField(_l("Họ và tên người dự thay"), validators=[Optional(), Length(max=200)])
    deputy_position = StringField(_l("Chức vụ"), validators=[Optional(), Length(max=300)])
    deputy_workplace = StringField(_l("Cơ quan, đơn vị công tác"), validators=[Optional(), Length(max=300)])
    deputy_gender = SelectField(_l("Giới tính"), choices=GENDER_CHOICES, validators=[Optional()])

    def deputy(self) -> dict:
        """The deputy's fields as `services.record_answer` takes them."""
        return {"full_name": self.deputy_name.data, "position": self.deputy_position.data,
                "workplace": self.deputy_workplace.data, "gender": self.deputy_gender.data or None}


class SettingsForm(Form):
    """The letter's number, date, body template and recipients."""

    number = StringField(_l("Số, ký hiệu"), validators=[Optional(), Length(max=60)])
    signed_on = DateField(_l("Ngày ký"), validators=[Optional()])
    body = TextAreaField(_l("Nội dung giấy mời"),
                         validators=[DataRequired(message=_l("Nhập nội dung giấy mời.")), Length(max=BODY_MAX)])
    recipients = TextAreaField(_l("Nơi nhận"), validators=[Optional(), Length(max=1000)])
