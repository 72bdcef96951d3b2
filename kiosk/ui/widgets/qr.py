"""QR codes drawn with segno, as Qt pixmaps."""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from PySide6.QtGui import QImage, QPixmap


@lru_cache(maxsize=32)
def qr_image(payload: str, scale: int = 6, border: int = 2) -> QImage:
    """A black-on-white QR code for `payload` (error correction M)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(
        buffer, kind="png", scale=scale, border=border
    )
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image


def qr_pixmap(payload: str, side: int) -> QPixmap:
    image = qr_image(payload)
    return QPixmap.fromImage(image).scaled(side, side)
