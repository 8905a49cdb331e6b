"""A view that carries on after a refused change: the page it shows next says why, nothing is half written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from conference.core.errors import RuleViolation
from conference.web.errors import show_refusal


@contextmanager
def refusal_shown() -> Iterator[None]:
    """Run the block; a RuleViolation raised in it is shown (`web.errors.show_refusal`) and the view goes on
    after the block. A form view thus re-renders what the user typed, with the reason above it:

        if form.validate_on_submit():
            with refusal_shown():
                services.add_guest(conference.id, form.service_data())
                flash(_("Đã thêm."), "success")
                return redirect(url_for("delegates.index", conference_id=conference.id))
        return render_template("delegates/guest_form.html", form=form)
    """
    try:
        yield
    except RuleViolation as error:
        show_refusal(error)
