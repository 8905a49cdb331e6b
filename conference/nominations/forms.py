"""Nomination form (one exemplar), the return form and the reference lists form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from conference.core.text import clean_text
from conference.core.vocabulary import lazy_words
from conference.delegates.forms import GENDER_CHOICES
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN, MAJORITY_ETHNICITY
from conference.nominations.models import ACHIEVEMENTS_MAX, ACHIEVEMENTS_SUMMARY_MAX, EDUCATION_LEVELS
from conference.web.forms import Form, WholeNumberField

KIND_CHOICES = [SelectChoice(code, label) for code, label in lazy_words("kind").items()]
EDUCATION_CHOICES = [SelectChoice("", _l("— Chọn —"))] + [SelectChoice(level, _l(level)) for level in EDUCATION_LEVELS]
LIST_SEPARATOR = "; "
__all__ = ["ACHIEVEMENTS_MAX", "ACHIEVEMENTS_SUMMARY_MAX", "NominationForm", "ReturnForm"]


def split_list(value: str | None) -> list[str]:
    """A stored "a; b" list as ["a", "b"]."""
    return [part.strip() for part in (value or "").split(";") if part.strip()]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist):
        super().process_formdata([value for value in valuelist if value])


class RequiredForIndividual:
    """Field validator: required when the nomination is an individual, optional for a collective.

    The delegate summary list puts an individual's year of birth in its Nam or Nữ column, so both are
    needed; a collective (tập thể) has neither. `unless`: another field that, when filled, stands in for
    this one (a date of birth gives the year). An empty optional field stops validation quietly.
    """

    def __init__(self, message, unless: str | None = None):
        self.message = message
        self.unless = unless

    def __call__(self, form, field):
        raw = field.raw_data[0].strip() if field.raw_data else ""
        if raw:
            return
        field.errors[:] = []  # drop "Not a valid integer value" for an empty box
        other = getattr(form, self.unless, None) if self.unless else None
        if form.kind.data == "individual" and not (other is not None and other.data):
            raise StopValidation(self.message)
        raise StopValidation()


class NominationForm(Form):
    """The fields of one exemplar's nomination (hồ sơ giới thiệu điển hình tiên tiến).

    `references`: {'movement': [...], 'title': [...]} of the host organization, the checkbox choices.
    A value already stored but no longer in the list stays choosable, so editing never loses it.
    """

    kind = SelectField(_l("Loại"), choices=KIND_CHOICES, default="individual")
    full_name = StringField(_l("Họ và tên (hoặc tên tập thể)"),
                            validators=[DataRequired(message=_l("Nhập họ và tên.")), Length(max=200)])
    gender = SelectField(_l("Giới tính"), choices=GENDER_CHOICES,
                         validators=[RequiredForIndividual(_l("Chọn giới tính."))])
    birth_date = DateField(_l("Ngày sinh"), validators=[Optional()])
    birth_year = WholeNumberField(_l("Năm sinh"), validators=[
        RequiredForIndividual(_l("Nhập năm sinh (số, ví dụ 1985)."), unless="birth_date"),
        NumberRange(min=BIRTH_YEAR_MIN, max=BIRTH_YEAR_MAX, message=_l(
            "Năm sinh phải từ %(first)s đến %(last)s.", first=BIRTH_YEAR_MIN, last=BIRTH_YEAR_MAX))])
    ethnicity = StringField(_l("Dân tộc"), default=MAJORITY_ETHNICITY, validators=[Optional(), Length(max=60)])
    education = SelectField(_l("Trình độ chuyên môn"), choices=EDUCATION_CHOICES, validators=[Optional()])
    position = StringField(_l("Chức vụ, nơi công tác"), validators=[Optional(), Length(max=300)])
    direct_worker = BooleanField(lazy_words("priority_group")["direct_worker"])
    party_member = BooleanField(_l("Đảng viên"))
    movements = MultiCheckboxField(_l("Phong trào thi đua"), choices=[], validate_choice=True)
    titles = MultiCheckboxField(_l("Chọn nhanh danh hiệu, hình thức khen thưởng theo danh mục"), choices=[])
    titles_other = StringField(_l("Danh hiệu thi đua, hình thức khen thưởng đã đạt"),
                               validators=[Optional(), Length(max=1000)])
    # Line breaks counted once, as the browser's counter and `maxlength` count them (a browser posts CR LF).
    achievements = TextAreaField(_l("Thành tích tiêu biểu"), filters=[clean_text],
                                 validators=[DataRequired(message=_l("Nhập thành tích tiêu biểu.")),
                                             Length(max=ACHIEVEMENTS_MAX, message=_l(
                                                 "Thành tích tiêu biểu tối đa %(max)d ký tự.",
                                                 max=ACHIEVEMENTS_MAX))])
    achievements_summary = TextAreaField(_l("Tóm tắt thành tích"), filters=[clean_text], validators=[Optional(), Length(
        max=ACHIEVEMENTS_SUMMARY_MAX, message=_l("Tóm tắt thành tích tối đa %(max)d ký tự.",
                                                 max=ACHIEVEMENTS_SUMMARY_MAX))])
    phone = StringField(_l("Số điện thoại"), validators=[Optional(), Length(max=30), Regexp(
        r"^[0-9 +().-]*$", message=_l("Số điện thoại chỉ gồm chữ số, dấu cách và + ( ) . -"))])
    photo = FileField(_l("Ảnh (JPEG hoặc PNG, tối đa 2 MB)"))
    remove_photo = BooleanField(_l("Xoá ảnh"))

    def __init__(self, *args, references: dict[str, list[str]], nomination=None, **kwargs):
        if nomination is not None and "data" not in kwargs:
            kwargs["data"] = self.initial_data(nomination, references)
        super().__init__(*args, **kwargs)
        kept = kwargs.get("data", {})
        self.movements.choices = self._choices(references["movement"], kept.get("movements"))
        self.titles.choices = self._choices(references["title"], kept.get("titles"))

    @staticmethod
    def _choices(names, current):
        names = list(names) + [name for name in (current or []) if name not in names]
        return [(name, name) for name in names]

    @staticmethod
    def initial_data(nomination, references) -> dict:
        """The form's values for an existing nomination; stored titles outside the list go to "khác"."""
        data = {key: getattr(nomination, key) for key in (
            "kind", "full_name", "gender", "birth_date", "birth_year", "ethnicity", "education", "position",
            "direct_worker", "party_member", "achievements", "achievements_summary", "phone")}
        data["gender"] = data["gender"] or ""
        data["education"] = data["education"] or ""
        data["movements"] = split_list(nomination.movements)
        titles = split_list(nomination.titles)
        data["titles"] = [t for t in titles if t in references["title"]]
        data["titles_other"] = LIST_SEPARATOR.join(t for t in titles if t not in references["title"]) or None
        return data

    def service_data(self) -> dict:
        """The values as the nomination service takes them."""
        titles = list(self.titles.data or []) + split_list(self.titles_other.data)
        return {
            "kind": self.kind.data,
            "full_name": self.full_name.data,
            "gender": self.gender.data or None,
            "birth_date": self.birth_date.data,
            "birth_year": self.birth_year.data,
            "ethnicity": self.ethnicity.data,
            "education": self.education.data or None,
            "position": self.position.data,
            "direct_worker": bool(self.direct_worker.data),
            "party_member": bool(self.party_member.data),
            "movements": LIST_SEPARATOR.join(self.movements.data or []) or None,
            "titles": LIST_SEPARATOR.join(titles) or None,
            "achievements": self.achievements.data,
            "achievements_summary": self.achievements_summary.data,
            "phone": self.phone.data,
        }


class ReturnForm(Form):
    """Returning a nomination needs a reason the unit will read."""

    reason = TextAreaField(_l("Lý do trả lại"), validators=[DataRequired(message=_l("Nhập lý do trả lại.")),
                                                            Length(max=1000)])


class ReferenceForm(Form):
    """The organizer's reference lists, one entry a line."""

    movements = TextAreaField(_l("Phong trào thi đua (mỗi dòng một phong trào)"),
                              validators=[DataRequired(message=_l("Danh mục cần ít nhất một dòng."))])
    titles = TextAreaField(_l("Danh hiệu thi đua, hình thức khen thưởng (mỗi dòng một mục)"),
                           validators=[DataRequired(message=_l("Danh mục cần ít nhất một dòng."))])
