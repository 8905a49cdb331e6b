"""Forms shared by every capability: a bare POST (CSRF only) and a file upload."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired


class CSRFForm(FlaskForm):
    """A bare POST (a button: submit, withdraw, approve, delete, move): only the CSRF token is checked."""


class UploadForm(FlaskForm):
    """One uploaded file; its content is checked by the reader of what it holds (`core.spreadsheet`)."""

    file = FileField(_l("Tệp"), validators=[FileRequired(message=_l("Chọn tệp để tải lên."))])
