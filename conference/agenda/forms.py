"""Agenda forms: one item, the programme's clock, the hall screen's buttons."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from conference.agenda import rules
from conference.core.text import whole_number
from conference.web.forms import Form, WholeNumberField


class AgendaItemForm(Form):
    """Fixed start (optional), duration in minutes, title, presenter of one agenda item."""

    starts_at = TimeField(_l("Giờ cố định (nếu có)"), validators=[Optional()])
    duration_min = WholeNumberField(
        _l("Thời lượng (phút)"), default=rules.DEFAULT_DURATION_MIN,
        validators=[InputRequired(message=_l("Nhập thời lượng (phút).")),
                    NumberRange(min=0, max=rules.MAX_DURATION_MIN,
                                message=_l("Thời lượng từ %(min)s đến %(max)s phút."))],
    )
    title = TextAreaField(_l("Nội dung"), validators=[DataRequired(message=_l("Nhập nội dung.")), Length(max=1000)])
    presenter = StringField(_l("Người thực hiện"), validators=[Optional(), Length(max=200)])

    def service_data(self) -> dict:
        """Trimmed values for the agenda service."""
        return {
            "starts_at": self.starts_at.data,
            "duration_min": self.duration_min.data,
            "title": self.title.data.strip(),
            "presenter": (self.presenter.data or "").strip() or None,
        }


class AgendaClockForm(Form):
    """When the programme starts and by when the half day must be over."""

    day_start = TimeField(_l("Giờ bắt đầu hội nghị"),
                          validators=[InputRequired(message=_l("Nhập giờ bắt đầu."))])
    ends_by = TimeField(_l("Kết thúc chậm nhất lúc"),
                        validators=[InputRequired(message=_l("Nhập giờ kết thúc."))])

    def validate_ends_by(self, field) -> None:
        if self.day_start.data and field.data and field.data <= self.day_start.data:
            raise ValidationError(_l("Giờ kết thúc phải sau giờ bắt đầu."))


class ShowForm(Form):
    """A hall-screen button: the item to show (empty: the opening screen)."""

    item_id = HiddenField()

    def validate_item_id(self, field) -> None:
        if field.data and whole_number(field.data) is None:
            raise ValidationError(_l("Nội dung không hợp lệ."))

    def item(self) -> int | None:
        """The item's id, None for the opening screen."""
        return whole_number(self.item_id.data) if self.item_id.data else None
