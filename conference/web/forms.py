"""Forms shared by every capability: the base of every form (text without control characters, a JSON body read
safely, WTForms' own messages in the UI language), a bare POST (CSRF only), a file upload and a whole-number
field."""

from __future__ import annotations

import inspect

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from flask_wtf.form import SUBMIT_METHODS
from werkzeug.datastructures import ImmutableMultiDict
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


#: FlaskForm's default `formdata`: "read the request" (Flask-WTF's own sentinel).
_FROM_REQUEST = inspect.signature(FlaskForm.__init__).parameters["formdata"].default


def json_formdata() -> ImmutableMultiDict:
    """A JSON request body read as a form's data: the items of a JSON object whose values are text or lists of
    text; anything else (a list, a number, null, a nested object, a body that is not JSON or is nested deeper than
    Python's recursion limit) reads as an empty form, which the form's validators then refuse field by field.

    Flask-WTF reads a JSON body with `ImmutableMultiDict(request.get_json())`, which fails with a server error on
    anything but an object of flat values.
    """
    try:
        payload = request.get_json(silent=True)
    except RecursionError:  # "[[[[…" thousands deep: the JSON decoder recurses
        payload = None
    if not isinstance(payload, dict):
        return ImmutableMultiDict()
    return ImmutableMultiDict([
        (key, item) for key, value in payload.items()
        for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)])


#: WTForms' own messages, which it has no Vietnamese catalogue for: shown in the UI language instead of English
#: (keyed by WTForms' English text; a plural's singular and plural forms both listed).
WTFORMS_MESSAGES = {
    "This field is required.": _l("Chưa nhập mục này."),
    "Field cannot be longer than %(max)d character.": _l("Tối đa %(max)d ký tự."),
    "Field cannot be longer than %(max)d characters.": _l("Tối đa %(max)d ký tự."),
    "Field must be at least %(min)d character long.": _l("Tối thiểu %(min)d ký tự."),
    "Field must be at least %(min)d characters long.": _l("Tối thiểu %(min)d ký tự."),
    "Field must be exactly %(max)d character long.": _l("Phải đúng %(max)d ký tự."),
    "Field must be exactly %(max)d characters long.": _l("Phải đúng %(max)d ký tự."),
    "Field must be between %(min)d and %(max)d characters long.": _l("Từ %(min)d đến %(max)d ký tự."),
    "Number must be at least %(min)s.": _l("Số nhỏ nhất là %(min)s."),
    "Number must be at most %(max)s.": _l("Số lớn nhất là %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Số phải từ %(min)s đến %(max)s."),
    "Date must be at least %(min)s.": _l("Ngày sớm nhất là %(min)s."),
    "Date must be at most %(max)s.": _l("Ngày muộn nhất là %(max)s."),
    "Date must be between %(min)s and %(max)s.": _l("Ngày phải từ %(min)s đến %(max)s."),
    "Invalid input.": _l("Giá trị không hợp lệ."),
    "Invalid email address.": _l("Địa chỉ thư điện tử không hợp lệ."),
    "Invalid value, must be one of: %(values)s.": _l("Giá trị không hợp lệ, phải là một trong: %(values)s."),
    "Invalid Choice: could not coerce.": _l("Lựa chọn không hợp lệ."),
    "Not a valid choice.": _l("Lựa chọn không hợp lệ."),
    "Invalid choice(s): one or more data inputs could not be coerced.": _l("Có lựa chọn không hợp lệ."),
    "'%(value)s' is not a valid choice for this field.": _l("“%(value)s” không phải là lựa chọn hợp lệ."),
    "'%(value)s' are not valid choices for this field.": _l("“%(value)s” không phải là lựa chọn hợp lệ."),
    "Not a valid datetime value.": _l("Ngày giờ không hợp lệ."),
    "Not a valid date value.": _l("Ngày không hợp lệ."),
    "Not a valid time value.": _l("Giờ không hợp lệ (giờ:phút, ví dụ 07:30)."),
    "Not a valid integer value.": _l("Nhập một số nguyên."),
    "Not a valid decimal value.": _l("Nhập một số."),
    "Not a valid float value.": _l("Nhập một số."),
}


class _Messages:
    """WTForms' translations object (`gettext`, `ngettext`): `WTFORMS_MESSAGES` in the UI language, anything else
    from `fallback` (Flask-WTF's translations, or WTForms' English when there are none)."""

    def __init__(self, fallback) -> None:
        self.fallback = fallback

    def gettext(self, string: str) -> str:
        if string in WTFORMS_MESSAGES:
            return str(WTFORMS_MESSAGES[string])
        return self.fallback.gettext(string) if self.fallback is not None else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        chosen = singular if n == 1 else plural
        if chosen in WTFORMS_MESSAGES:
            return str(WTFORMS_MESSAGES[chosen])
        return self.fallback.ngettext(singular, plural, n) if self.fallback is not None else chosen


class Form(FlaskForm):
    """The base of every form of the app: a FlaskForm (CSRF) whose text fields (`StringField` and its kinds: text
    areas, hidden and password fields) all refuse control characters (`PlainText`; tabs and line breaks allowed in
    text areas), so no form can forget the rule; a JSON body is read by `json_formdata`; WTForms' own messages
    are in the UI language (`WTFORMS_MESSAGES`)."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _Messages(super().get_translations(form))

        def wrap_formdata(self, form, formdata):
            if (formdata is _FROM_REQUEST and request.is_json and request.method in SUBMIT_METHODS
                    and not request.files and not request.form):
                return json_formdata()
            return super().wrap_formdata(form, formdata)

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
