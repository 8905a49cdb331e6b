"""The organizer's form for the honour board: the public switch, the introduction and one switch per field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length

from conference.honourboard.rules import PUBLISHABLE
from conference.web.forms import Form

INTRODUCTION_MAX = 2000


class HonourBoardForm(Form):
    """`enabled`, `introduction` and `show_<field>` for each field of `rules.PUBLISHABLE` (labels from there)."""

    enabled = BooleanField(_l("Công khai bảng vinh danh (ai có liên kết đều xem được, không cần đăng nhập)"))
    introduction = TextAreaField(_l("Lời giới thiệu"), validators=[Length(max=INTRODUCTION_MAX)])


for _key, _label in PUBLISHABLE:
    setattr(HonourBoardForm, f"show_{_key}", BooleanField(_l(_label)))
del _key, _label
