"""Agenda item form."""

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, Optional

from conference.web.forms import Form


class AgendaItemForm(Form):
    """Start time, title, presenter of one agenda item."""

    starts_at = TimeField(_l("Giờ bắt đầu"), validators=[Optional()])
    title = TextAreaField(_l("Nội dung"), validators=[DataRequired(message=_l("Nhập nội dung.")), Length(max=1000)])
    presenter = StringField(_l("Người thực hiện"), validators=[Optional(), Length(max=200)])

    def service_data(self) -> dict:
        """Trimmed values for the agenda service."""
        return {
            "starts_at": self.starts_at.data,
            "title": self.title.data.strip(),
            "presenter": (self.presenter.data or "").strip() or None,
        }
