"""The certificate settings form, and the printers' forms (add one, set its offset, remove it)."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional
from wtforms.widgets import TextInput

from conference.certificates import rules
from conference.core.text import whole_number
from conference.web.forms import Form

_NUMBER = re.compile(r"^[+-]?[0-9]{1,3}([.,][0-9]{1,2})?$")  # ASCII digits: float() also reads "１" and "١"


class MillimetreField(Field):
    """A length in millimetres typed with a comma or a dot ("1,5", "-2", "148.5"); empty → None."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:g}".replace(".", ",")

    def process_formdata(self, valuelist) -> None:
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            self.data = None
            return
        if not _NUMBER.match(raw):
            self.data = None
            raise ValueError(_l("Nhập số mi-li-mét, ví dụ 1,5 hoặc -2."))
        self.data = float(raw.replace(",", "."))


#: The fields of a pre-printed blank, as the form labels them.
FIELD_LABELS = {"name": _l("Họ tên"), "unit": _l("Đơn vị"), "citation": _l("Lời khen"), "date": _l("Ngày tháng")}


class SettingsForm(Form):
    """The certificate template (title, awarding body, citation, paper, positions on a blank) and the decision's
    texts. Positions are `pos_<field>_x` / `pos_<field>_y` for each of `rules.FIELDS`."""

    title = StringField(_l("Tên giấy"), validators=[Optional(), Length(max=60)])
    awarding_body = StringField(_l("Cơ quan tặng (in trên chữ TẶNG)"), validators=[Optional(), Length(max=300)])
    citation_source = SelectField(_l("Lời khen trên giấy"), choices=[
        SelectChoice("common", _l("Một lời khen chung cho mọi người")),
        SelectChoice("achievements", _l("Thành tích tiêu biểu của từng người (lời khen chung khi để trống)")),
    ])
    citation_text = TextAreaField(_l("Lời khen chung"), validators=[Optional(), Length(max=1000)])
    paper = SelectField(_l("Giấy in"), choices=[
        SelectChoice("blank", _l("Giấy A4 trắng (in cả khung viền, quốc hiệu, chữ ký)")),
        SelectChoice("preprinted", _l("Phôi in sẵn (chỉ in các ô thông tin theo vị trí)")),
    ])
    list_order = SelectField(_l("Thứ tự trong danh sách và khi in"), choices=[
        SelectChoice("unit", _l("Theo đơn vị, rồi theo tên")),
        SelectChoice("name", _l("Theo tên")),
        SelectChoice("approval", _l("Theo thứ tự duyệt hồ sơ")),
    ])
    decision_number = StringField(_l("Số, ký hiệu quyết định"), validators=[Optional(), Length(max=60)])
    decision_subject = StringField(_l("Trích yếu quyết định"), validators=[Optional(), Length(max=500)])
    legal_bases = TextAreaField(_l("Căn cứ (mỗi dòng một căn cứ)"), validators=[Optional(), Length(max=4000)])
    award_collective = StringField(_l("Mức thưởng mỗi tập thể"), validators=[Optional(), Length(max=200)])
    award_individual = StringField(_l("Mức thưởng mỗi cá nhân"), validators=[Optional(), Length(max=200)])
    recipients = TextAreaField(_l("Nơi nhận (mỗi dòng một nơi)"), validators=[Optional(), Length(max=2000)])


for _field in rules.FIELDS:
    setattr(SettingsForm, f"pos_{_field}_x", MillimetreField(_l("%(field)s: cách mép trái (mm, giữa dòng)",
                                                                 field=FIELD_LABELS[_field])))
    setattr(SettingsForm, f"pos_{_field}_y", MillimetreField(_l("%(field)s: cách mép trên (mm, chân chữ)",
                                                                 field=FIELD_LABELS[_field])))


def positions_of(form: SettingsForm) -> dict[str, list[float]]:
    """{field: [x, y]} of the position boxes filled in (a field with a box left empty keeps its default)."""
    positions = {}
    for field in rules.FIELDS:
        x, y = form[f"pos_{field}_x"].data, form[f"pos_{field}_y"].data
        if x is not None and y is not None:
            positions[field] = [x, y]
    return positions


def fill_positions(form: SettingsForm, positions: dict[str, list[float]]) -> None:
    """Show `positions` ({field: [x, y]}) in the form's boxes (on a GET)."""
    for field, (x, y) in positions.items():
        form[f"pos_{field}_x"].data = x
        form[f"pos_{field}_y"].data = y


class PrinterForm(Form):
    """A new printer, with the offset measured on its calibration page (x: + to the right; y: + downwards)."""

    name = StringField(_l("Tên máy in"), validators=[Length(max=80)])
    offset_x = MillimetreField(_l("Lệch ngang (mm)"))
    offset_y = MillimetreField(_l("Lệch dọc (mm)"))


class OffsetForm(Form):
    """A printer's new offset; the printer's id in a hidden field."""

    printer_id = HiddenField()
    offset_x = MillimetreField(_l("Lệch ngang (mm)"))
    offset_y = MillimetreField(_l("Lệch dọc (mm)"))

    def printer(self) -> int | None:
        """The posted printer id, or None when it is not a whole number (`conference.core.text.whole_number`)."""
        return whole_number(self.printer_id.data)
