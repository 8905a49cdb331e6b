"""The levels' words in the page's language: the view and template side of `conference.organizations.levels`.

`levels` stays a pure module (no Flask); here the request's locale (Flask-Babel) picks the level's `label` or its
`label_en` from `data/levels.json`. Documents (xlsx, docx, pdf official layouts) keep the Vietnamese `label`.
"""

from __future__ import annotations

from flask_babel import LazyString, get_locale

from conference.organizations.levels import LEVELS, label_in


def level_label(code: str | None) -> str:
    """The conference-level words of a code in the request's UI language: "commune" → "Cấp xã, phường, đặc khu",
    or "Commune, ward or special zone" under `?lang=en`; Vietnamese outside a request; an unknown code as it is
    (templates: `{{ conference.level|level_label }}`)."""
    locale = get_locale()
    return label_in(code, locale.language if locale is not None else None)


#: {level code: its words, chosen when shown}, for tables built at import time (the audit log's values).
LAZY_LEVEL_LABELS = {code: LazyString(level_label, code) for code in LEVELS}
