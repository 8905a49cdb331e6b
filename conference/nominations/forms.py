"""Nomination form (one exemplar) and the review's return form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, StopValidation

KIND_CHOICES = [SelectChoice("individual", _l("Cá nhân")), SelectChoice("collective", _l("Tập thể"))]
GENDER_CHOICES = [SelectChoice("", _l("— Chọn —")), SelectChoice("male", _l("Nam")), SelectChoice("female", _l("Nữ"))]
ACHIEVEMENTS_MAX = 2000


class RequiredForIndividual:
    """Field validator: required when the nomination is an individual, optional for a collective.

    The delegate summary list puts an individual's year of birth in its Nam or Nữ column, so both are
    needed; a collective (tập thể) has neither. An empty optional field stops validation quietly.
    """

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        raw = field.raw_data[0].strip() if field.raw_data else ""
        if raw:
            return
        field.errors[:] = []  # drop "Not a valid integer value" for an empty box
        if form.kind.data == "individual":
            raise StopValidation(self.message)
        raise StopValidation()


class NominationForm(FlaskForm):
    """The fields of one exemplar's nomination (hồ sơ giới thiệu điển hình tiên tiến)."""

    kind = SelectField(_l("Loại"), choices=KIND_CHOICES, default="individual")
    full_name = StringField(_l("Họ và tên (hoặc tên tập thể)"),
                            validators=[DataRequired(message=_l("Nhập họ và tên.")), Length(max=200)])
    gender = SelectField(_l("Giới tính"), choices=GENDER_CHOICES,
                         validators=[RequiredForIndividual(_l("Chọn giới tính."))])
    birth_year = IntegerField(_l("Năm sinh"), validators=[
        RequiredForIndividual(_l("Nhập năm sinh (số, ví dụ 1985).")),
        NumberRange(min=1930, max=2010, message=_l("Năm sinh phải từ 1930 đến 2010."))])
    ethnicity = StringField(_l("Dân tộc"), default="Kinh", validators=[Optional(), Length(max=60)])
    position = StringField(_l("Chức vụ, nơi công tác"), validators=[Optional(), Length(max=300)])
    direct_worker = BooleanField(_l("CNVCLĐ trực tiếp lao động sản xuất"))
    party_member = BooleanField(_l("Đảng viên"))
    titles = TextAreaField(_l("Danh hiệu thi đua, hình thức khen thưởng đã đạt"),
                           validators=[Optional(), Length(max=1000)])
    achievements = TextAreaField(_l("Thành tích tiêu biểu"),
                                 validators=[DataRequired(message=_l("Nhập thành tích tiêu biểu.")),
                                             Length(max=ACHIEVEMENTS_MAX)])
    phone = StringField(_l("Số điện thoại"), validators=[Optional(), Length(max=30), Regexp(
        r"^[0-9 +().-]*$", message=_l("Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . -"))])

    def service_data(self) -> dict:
        """The values as the nomination service takes them."""
        return {
            "kind": self.kind.data,
            "full_name": self.full_name.data,
            "gender": self.gender.data or None,
            "birth_year": self.birth_year.data,
            "ethnicity": self.ethnicity.data,
            "position": self.position.data,
            "direct_worker": bool(self.direct_worker.data),
            "party_member": bool(self.party_member.data),
            "titles": self.titles.data,
            "achievements": self.achievements.data,
            "phone": self.phone.data,
        }


class ReturnForm(FlaskForm):
    """Returning a nomination needs a reason the unit will read."""

    reason = TextAreaField(_l("Lý do trả lại"), validators=[DataRequired(message=_l("Nhập lý do trả lại.")),
                                                            Length(max=1000)])


class ApproveForm(FlaskForm):
    """Approve a nomination (CSRF only)."""
