"""The dossier settings form (official layout fields, columns) and the import forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from conference.core.text import whole_number
from conference.dossier.columns import FIELDS
from conference.web.forms import Form, WholeNumberField


class DossierForm(Form):
    """Number/symbol, place, signer and recipients of the documents; the columns are posted as
    `col-<key>` (checked) and `pos-<key>` (order number) and read by `chosen_columns`."""

    document_number = StringField(_l("Số, ký hiệu danh sách gửi cấp trên"), validators=[Optional(), Length(max=60)])
    place = StringField(_l("Địa danh ghi trên văn bản"), validators=[Optional(), Length(max=100)])
    signer_title = StringField(_l("Chức vụ người ký"), validators=[Optional(), Length(max=120)])
    signer_name = StringField(_l("Họ tên người ký"), validators=[Optional(), Length(max=120)])
    recipients = TextAreaField(_l("Nơi nhận (mỗi dòng một nơi)"), validators=[Optional(), Length(max=2000)])


def chosen_columns(form_data) -> list[str]:
    """The checked columns ordered by their order numbers (blank or invalid numbers go last, in list order)."""
    chosen = []
    for index, field in enumerate(FIELDS):
        if form_data.get(f"col-{field.key}"):
            raw = (form_data.get(f"pos-{field.key}") or "").strip()
            position = whole_number(raw, max_digits=4)
            position = 10_000 if position is None or position < 0 else position
            chosen.append((position, index, field.key))
    return [key for _, _, key in sorted(chosen)]


class ConfirmForm(Form):
    """The previewed file, carried back (base64) to be imported after the organizer confirms."""

    content = HiddenField()
    filename = HiddenField()


class UpperQuotaForm(Form):
    """The upper level's quota for this conference and the upper conference's code (on its import page)."""

    upper_quota = WholeNumberField(_l("Số lượng đại biểu cấp trên phân bổ"),
                               validators=[Optional(), NumberRange(min=0, max=10000)])
    upper_code = StringField(_l("Mã hội nghị cấp trên"), validators=[Optional(), Length(max=40)])
