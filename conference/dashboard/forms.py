"""The conference settings form."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from conference.conferences.rules import DEFAULT_DURATION
from conference.web.forms import Form, WholeNumberField

LEVEL_CHOICES = [
    SelectChoice("district", _l("Cấp huyện")),
    SelectChoice("province", _l("Cấp tỉnh")),
    SelectChoice("national", _l("Toàn quốc")),
]


class ConferenceForm(Form):
    """Name, level, date, seats and deadlines of a conference (Kế hoạch 65/KH-LĐLĐ, mục II.2)."""

    name = TextAreaField(_l("Tên hội nghị"), validators=[DataRequired(), Length(max=1000)])
    level = SelectField(_l("Cấp hội nghị"), choices=LEVEL_CHOICES)
    plan_reference = StringField(_l("Số kế hoạch"), validators=[Optional(), Length(max=120)])
    upper_body = StringField(_l("Cơ quan cấp trên"), validators=[Optional(), Length(max=200)])
    venue = StringField(_l("Địa điểm"), validators=[Optional(), Length(max=200)])
    held_on = DateField(_l("Ngày tổ chức"), validators=[DataRequired(message=_l("Nhập ngày tổ chức."))])
    duration = StringField(_l("Thời lượng"), default=DEFAULT_DURATION, validators=[Optional(), Length(max=60)])
    delegate_cap = WholeNumberField(_l("Số đại biểu tối đa"), default=250,
                                validators=[InputRequired(), NumberRange(min=1, max=100000)])
    exemplar_share_pct = WholeNumberField(_l("Tỷ lệ đại biểu điển hình tiên tiến (%)"), default=70,
                                      validators=[InputRequired(), NumberRange(min=0, max=100)])
    split_tolerance_pct = WholeNumberField(_l("Sai lệch cho phép (điểm %)"), default=5,
                                       validators=[InputRequired(), NumberRange(min=0, max=100)])
    presidium_max = WholeNumberField(_l("Số thành viên Đoàn Chủ tịch tối đa"), default=7,
                                 validators=[InputRequired(), NumberRange(min=1, max=50)])
    nomination_deadline = DateField(_l("Thời hạn đơn vị gửi hồ sơ"), validators=[Optional()])
    dossier_deadline = DateField(_l("Thời hạn gửi hồ sơ lên cấp trên"), validators=[Optional()])
