"""The conference settings form."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from conference.conferences.letterhead import DEFAULT_SIGNER_TITLE, SIGNATURE_FOR
from conference.conferences.rules import DEFAULT_DURATION
from conference.web.forms import Form, WholeNumberField


class ConferenceForm(Form):
    """Name, date, seats, deadlines and signer of a conference (Kế hoạch 65/KH-LĐLĐ, mục II.2).

    The conference's level is its organizer's (`conference.organizations.levels`, set when it is created), and the
    body above is the organizer's parent: `upper_body` is typed only for an organizer without one in the system.
    """

    name = TextAreaField(_l("Tên hội nghị"), validators=[DataRequired(), Length(max=1000)])
    plan_reference = StringField(_l("Số kế hoạch"), validators=[Optional(), Length(max=120)])
    upper_body = StringField(_l("Cơ quan cấp trên"), validators=[Optional(), Length(max=200)],
                             description=_l("Văn bản ghi cấp trên của đơn vị tổ chức trong hệ thống; chỉ ghi ở đây "
                                            "khi đơn vị tổ chức chưa có cấp trên trong hệ thống."))
    signature_for = StringField(_l("Dòng thay mặt (TM.)"), validators=[Optional(), Length(max=120)],
                                render_kw={"placeholder": SIGNATURE_FOR})
    signer_title = StringField(_l("Chức vụ người ký"), validators=[Optional(), Length(max=120)],
                               render_kw={"placeholder": DEFAULT_SIGNER_TITLE})
    signer_name = StringField(_l("Họ tên người ký"), validators=[Optional(), Length(max=120)])
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
