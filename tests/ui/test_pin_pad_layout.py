"""The staff PIN pad fits every supported screen: on a short one (1024x600) the keypad moves
beside the field instead of squeezing its keys on top of each other."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtWidgets import QAbstractButton

from kiosk.ui import theme

SIZES = [(1024, 600), (1366, 768), (1920, 1080), (1080, 1920), (600, 1024)]


def _rect(widget: Any, window: Any) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_pin_key_is_whole_finger_sized_and_apart(make_shell: Any,
                                                       size: tuple[int, int]) -> None:
    shell = make_shell(size=size)
    window = shell.window
    window.fit_to(*size)
    shell.session.open_pin_pad()
    QCoreApplication.processEvents()
    pad = shell.session.pin_pad
    keys = [b for b in pad.findChildren(QAbstractButton) if b.isVisible()]
    assert len(keys) == 14  # 0-9, Clear, Delete, Unlock, Cancel
    rects = [_rect(k, window) for k in keys]
    for key, rect in zip(keys, rects, strict=True):
        assert rect.height() >= theme.MIN_TOUCH_PX and rect.width() >= theme.MIN_TOUCH_PX, \
            key.text()
        assert window.rect().contains(rect), key.text()
    overlapping = [(a.text(), b.text()) for i, (a, ra) in enumerate(zip(keys, rects, strict=True))
                   for b, rb in list(zip(keys, rects, strict=True))[i + 1:] if ra.intersects(rb)]
    assert not overlapping
    field = _rect(pad.field, window)
    assert not any(field.intersects(r) for r in rects)
    assert pad.is_side_by_side() == (size[1] <= 768 and size[0] > size[1])
