"""QR codes drawn with segno, as Qt pixmaps.

segno is imported on first use, not at start-up: it pulls in urllib and http.client
(never used here; the kiosk is offline), which costs tens of milliseconds before the
first frame.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QPaintEvent, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.memory import defer_module


@lru_cache(maxsize=32)
def qr_image(payload: str, scale: int = 6, border: int = 2) -> QImage:
    """A black-on-white QR code for `payload` (error correction M)."""
    defer_module("urllib.request")  # segno's writers only name it: see defer_module
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(
        buffer, kind="png", scale=scale, border=border
    )
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image


def qr_modules(payload: str, border: int = 2) -> int:
    """The QR code's width in modules (quiet zone included), for crisp scaling."""
    defer_module("urllib.request")
    import segno

    return int(segno.make(payload, error="m", micro=False).symbol_size(scale=1, border=border)[0])


def qr_pixmap(payload: str, side: int) -> QPixmap:
    image = qr_image(payload)
    return QPixmap.fromImage(image).scaled(side, side)


class QrLabel(QLabel):
    """A QR code that is drawn just after the label is first painted (blank until then).

    The window's first frame never waits for the QR encoder: a timer started before the
    window is shown would run before its first paint.
    """

    def __init__(self, payload: str, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._payload = payload
        self._side = side
        self._drawn = False
        self.setFixedSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._drawn:
            self._drawn = True
            QTimer.singleShot(0, self, self._draw)  # after this frame is on the screen

    def _draw(self) -> None:
        self.setPixmap(qr_pixmap(self._payload, self._side))
