"""QR codes drawn with segno, as Qt pixmaps.

segno is imported on first use, not at start-up: it pulls in urllib and http.client
(never used here; the kiosk is offline), which costs tens of milliseconds before the
first frame.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PySide6.QtGui import QImage, QPixmap


@lru_cache(maxsize=32)
def qr_image(payload: str, scale: int = 6, border: int = 2) -> QImage:
    """A black-on-white QR code for `payload` (error correction M)."""
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
    import segno

    return int(segno.make(payload, error="m", micro=False).symbol_size(scale=1, border=border)[0])


def qr_pixmap(payload: str, side: int) -> QPixmap:
    image = qr_image(payload)
    return QPixmap.fromImage(image).scaled(side, side)
