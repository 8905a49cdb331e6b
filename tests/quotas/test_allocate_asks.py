""""Phân bổ theo tỷ lệ" overwrites every quota, those typed by hand too: once quotas exist the button asks first
(the page's `data-confirm`, which static/js/ui.js turns into a confirmation; tests/browser/test_csp.py checks
that a Cancel posts nothing)."""

from __future__ import annotations

import re

from conference.extensions import db
from tests.factories import make_world


def _allocate_form(html: str) -> str:
    return re.search(r'<form[^>]*quotas/allocate[^>]*>', html).group(0)


def test_the_proportional_allocation_asks_before_it_overwrites_quotas(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(2, 3, 1))
        db.session.commit()
    auth.login("organizer")
    form = _allocate_form(client.get(f"/conferences/{world.conference_id}/quotas").get_data(as_text=True))
    assert 'data-confirm="Phân bổ theo tỷ lệ thay toàn bộ 6 chỗ đã phân bổ, kể cả số đã sửa tay. Tiếp tục?"' in form


def test_with_nothing_allocated_it_does_not_ask(app, client, auth):
    with app.app_context():
        world = make_world(quotas=None)
        db.session.commit()
    auth.login("organizer")
    form = _allocate_form(client.get(f"/conferences/{world.conference_id}/quotas").get_data(as_text=True))
    assert "data-confirm" not in form
