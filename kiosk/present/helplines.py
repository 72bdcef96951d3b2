"""The helplines in the order a visitor sees them."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.domain import Helpline

#: The numbers for a crisis (988) and an emergency such as an overdose (911): on the crisis
#: strip of every screen, and first on "Get help now".
CRISIS_TELS = ("988", "911")
#: SAMHSA's National Helpline: free, federal, 24/7, in English and Spanish.
SAMHSA_TEL = "18006624357"


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


def help_screen_order(helplines: Sequence[Helpline]) -> list[Helpline]:
    """"Get help now": 988 and 911 first, then SAMHSA's free National Helpline, then the
    rest in their own order (the featured line first among them)."""
    rank = {tel: i for i, tel in enumerate((*CRISIS_TELS, SAMHSA_TEL))}
    return sorted(helplines, key=lambda h: rank.get(h.tel, len(rank)))
