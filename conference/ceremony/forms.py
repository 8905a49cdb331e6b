"""Forms of the ceremony pages: how batches are made, one batch's presenter and form, an awardee's status, and the
MC's texts."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from conference.ceremony import rules
from conference.core.text import whole_number
from conference.core.vocabulary import lazy_words
from conference.delegates.queries import table_line
from conference.web.forms import Form, WholeNumberField


class GenerateForm(Form):
    """Batch size and the forms of commendation; submitting makes the batches again."""

    batch_size = WholeNumberField(_l("Số người mỗi đợt"), default=rules.DEFAULT_BATCH_SIZE,
                                  validators=[InputRequired(message=_l("Nhập số người mỗi đợt.")),
                                              NumberRange(min=1, max=rules.BATCH_SIZE_MAX)])
    collective_form = StringField(_l("Hình thức khen thưởng tập thể"), validators=[Optional(), Length(max=300)])
    individual_form = StringField(_l("Hình thức khen thưởng cá nhân"), validators=[Optional(), Length(max=300)])
    overwrite = BooleanField(_l("Tạo lại, bỏ các thay đổi đã sửa bằng tay"))


class BatchForm(Form):
    """One batch's presenter (người trao thưởng: the presidium and the guests) and form of commendation."""

    presenter = SelectField(_l("Người trao thưởng"), choices=[], validators=[Optional()])
    form = StringField(_l("Hình thức khen thưởng"), validators=[DataRequired(message=_l("Nhập hình thức khen thưởng.")),
                                                                  Length(max=300)])

    def __init__(self, presenters, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.presenter.choices = [SelectChoice("", _l("— Chưa chọn —"))] + [
            SelectChoice(str(d.id), " — ".join(part for part in (d.full_name, table_line(d)) if part))
            for d in presenters]

    def presenter_id(self) -> int | None:
        """The chosen presenter's delegate id, None for none."""
        return whole_number(self.presenter.data) if self.presenter.data else None


class StatusForm(Form):
    """What happens to an awardee during the ceremony (`rules.ENTRY_STATUSES`) and who receives in their place."""

    status = SelectField(_l("Xử lý"), choices=[SelectChoice(code, label)
                                               for code, label in lazy_words("entry_status").items()])
    representative = StringField(_l("Người nhận thay"), validators=[Optional(), Length(max=200)])


#: An MC text field of the script page: "text-<agenda item id>".
_TEXT = re.compile(r"^text-([1-9][0-9]{0,9})$")


def posted_texts(form) -> dict[int, str]:
    """{agenda item id: text} of every "text-<id>" field of the posted script form."""
    return {int(match.group(1)): value for key, value in form.items() if (match := _TEXT.match(key))}
