"""Forms of the accounts pages: a new unit or desk account, the address printed on login slips, a new password."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from conference.accounts.rules import MAX_PASSWORD_LENGTH
from conference.web.forms import Form


class AccountForm(Form):
    """A new account: role (unit or desk), the unit (for a unit account), username and full name.

    Args:
        units: (id, name) of the host's units, for the unit list.
    """

    role = SelectField(_l("Loại tài khoản"), choices=[SelectChoice("unit", _l("Đơn vị trực thuộc")),
                                                      SelectChoice("checkin", _l("Bàn đón tiếp"))])
    unit_id = SelectField(_l("Đơn vị"), coerce=int, validators=[Optional()])
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(message=_l("Nhập tên đăng nhập.")),
                                                             Length(max=80)],
                           filters=[lambda value: value.strip().lower() if isinstance(value, str) else value])
    full_name = StringField(_l("Họ tên hoặc tên hiển thị"), validators=[Optional(), Length(max=120)])

    def __init__(self, units: list[tuple[int, str]], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unit_id.choices = [SelectChoice(0, _l("— Chọn đơn vị —")),
                                *(SelectChoice(unit_id, name) for unit_id, name in units)]

    def validate_unit_id(self, field) -> None:
        if self.role.data == "unit" and not field.data:
            raise ValidationError(_l("Chọn đơn vị của tài khoản."))


#: The longest address a slip prints in full with the password and the note below it (three lines of the
#: address's column; static/css/accounts-slips.css): a longer one would push the password out of the slip.
SLIP_ADDRESS_MAX = 60


class SlipsForm(Form):
    """The address of the app printed on the login slips (the one the units open), at most SLIP_ADDRESS_MAX
    characters."""

    address = StringField(_l("Địa chỉ truy cập in trên phiếu"), validators=[
        DataRequired(message=_l("Nhập địa chỉ truy cập.")),
        Length(max=SLIP_ADDRESS_MAX, message=_l("Địa chỉ in trên phiếu dài quá %(max)d ký tự: phiếu không in hết "
                                                "được mật khẩu. Dùng địa chỉ IP của máy, ví dụ "
                                                "https://192.168.1.20:5000"))])

    def validate_address(self, field) -> None:
        if not field.data.strip().lower().startswith(("http://", "https://")):
            raise ValidationError(_l("Địa chỉ bắt đầu bằng http:// hoặc https://."))


class ChangePasswordForm(Form):
    """The current password and the new one, typed twice."""

    current_password = PasswordField(_l("Mật khẩu hiện tại"), validators=[
        DataRequired(message=_l("Nhập mật khẩu hiện tại.")), Length(max=MAX_PASSWORD_LENGTH)])
    new_password = PasswordField(_l("Mật khẩu mới"), validators=[
        DataRequired(message=_l("Nhập mật khẩu mới."))])
    confirm_password = PasswordField(_l("Nhập lại mật khẩu mới"), validators=[
        DataRequired(message=_l("Nhập lại mật khẩu mới.")),
        EqualTo("new_password", message=_l("Hai lần nhập mật khẩu mới không giống nhau."))])
