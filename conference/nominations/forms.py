"""Nomination form (one exemplar) and the review's return form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

KIND_CHOICES = [SelectChoice("individual", _l("Cá nhân")), SelectChoice("collective", _l("Tập thể"))]
GENDER_CHOICES = [SelectChoice("", _l("— Chọn —")), SelectChoice("male", _l("Nam")), SelectChoice("female", _l("Nữ"))]
ACHIEVEMENTS_MAX = 2000


class NominationForm(FlaskForm):
    """The fields of one exemplar's nomination (hồ sơ giới thiệu điển hình tiên tiến)."""

    kind = SelectField(_l("Loại"), choices=KIND_CHOICES, default="individual")
    full_name = StringField(_l("Họ và tên (hoặc tên tập thể)"),
                            validators=[DataRequired(message=_l("Nhập họ và tên.")), Length(max=200)])
    gender = SelectField(_l("Giới tính"), choices=GENDER_CHOICES, validators=[Optional()])
    birth_year = IntegerField(_l("Năm sinh"), validators=[Optional(), NumberRange(
        min=1930, max=2010, message=_l("Năm sinh phải từ 1930 đến 2010."))])
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

    def validate_gender(self, field):
        """An individual needs a gender (the list has Nam/Nữ columns)."""
        if self.kind.data == "individual" and not field.data:
            raise ValidationError(_l("Chọn giới tính."))

    def validate_birth_year(self, field):
        """An individual needs a year of birth."""
        if self.kind.data == "individual" and not field.data:
            raise ValidationError(_l("Nhập năm sinh."))

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
