"""The helplines in the order a visitor sees them."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.domain import Helpline


def ordered_helplines(helplines: Sequence[Helpline], order: Sequence[str],
                      featured: str = "") -> list[Helpline]:
    """Helplines in the administrator's order (unknown ids ignored, new lines last),
    with `featured` first when given."""
    position = {line_id: i for i, line_id in enumerate(order)}
    lines = (sorted(helplines, key=lambda h: (position.get(h.id, len(position)), h.position))
             if order else list(helplines))
    if featured:
        lines.sort(key=lambda h: h.id != featured)
    return lines
