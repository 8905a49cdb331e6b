"""Forms shared by every capability: the base of every form (text without control characters), a bare POST
(CSRF only), a file upload and a whole-number field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import ValidationError

from conference.core.text import character_name, control_character, whole_number


class PlainText:
    """Field validator: the text holds no control character (`conference.core.text.control_character`): NUL,
    escape, backspace… are refused with a message naming the character; a text area (`multiline`) may hold tabs
    and line breaks. Such characters cannot be shown, PostgreSQL refuses NUL, and a badge's SVG would not be XML.
    """

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form, field) -> None:
        values = field.data if isinstance(field.data, list | tuple) else [field.data]
        for value in values:
            char = control_character(value, multiline=self.multiline) if isinstance(value, str) else None
            if char is not None:
                raise ValidationError(_l("Có ký tự điều khiển không hợp lệ (%(char)s): hãy gõ lại nội dung này.",
                                         char=character_name(char)))


class Form(FlaskForm):
    """The base of every form of the app: a FlaskForm (CSRF) whose text fields (`StringField` and its kinds: text
    areas, hidden and password fields) all refuse control characters (`PlainText`; tabs and line breaks allowed in
    text areas), so no form can forget the rule."""

    def validate(self, extra_validators=None) -> bool:
        extra = {name: list(validators) for name, validators in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if isinstance(field, StringField):
                extra.setdefault(name, []).append(PlainText(multiline=isinstance(field, TextAreaField)))
        return super().validate(extra_validators=extra)


class CSRFForm(Form):
    """A bare POST (a button: submit, withdraw, approve, delete, move): only the CSRF token is checked."""


class UploadForm(Form):
    """One uploaded file; its content is checked by the reader of what it holds (`core.spreadsheet`)."""

    file = FileField(_l("Tệp"), validators=[FileRequired(message=_l("Chọn tệp để tải lên."))])


class WholeNumberField(IntegerField):
    """A whole number typed in ASCII digits 0–9, at most 9 of them (`conference.core.text.whole_number`).

    WTForms' IntegerField takes whatever Python's `int()` takes: full-width "１９８５" and Arabic-Indic digits
    become numbers, and a 20-digit number overflows the database column. Here they are refused with a message in
    the UI language; an empty box is left to the field's Optional / InputRequired validators, as with
    IntegerField.
    """

    def process_formdata(self, valuelist) -> None:
        if not valuelist:
            return
        self.data = whole_number(valuelist[0])
        if self.data is None:
            raise ValueError(_l("Nhập một số nguyên, chỉ gồm các chữ số 0–9 (tối đa 9 chữ số)."))
