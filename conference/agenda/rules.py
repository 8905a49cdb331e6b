"""Where an agenda item goes, as a plain function (no Flask, no database)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time


def place_by_time(times: Sequence[time | None], starts_at: time | None) -> int:
    """The index (0-based) at which an item starting at `starts_at` goes among items starting at `times` (in
    their order): before the first one that starts later, so a 10:20 item lands before the 10:30 closing; an item
    without a time goes at the end.

    >>> from datetime import time as t
    >>> place_by_time([t(8), t(10, 30)], t(10, 20)), place_by_time([t(8), None, t(9)], t(8, 30)), place_by_time([t(8)], None)
    (1, 2, 1)
    """
    if starts_at is not None:
        for index, at in enumerate(times):
            if at is not None and at > starts_at:
                return index
    return len(times)
