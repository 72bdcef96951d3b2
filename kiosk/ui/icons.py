"""Line icons (resources/icons, Lucide) drawn in the colour of the text beside them.

Pictures let a visitor who reads little, or reads another language, find Home, the guide or
the directory. The SVGs say `stroke="currentColor"`; we put the theme's colour in its place
and let Qt's SVG image plugin draw them at the size asked, so they stay sharp at any scale.
A missing plugin or file leaves the button with its words only: the icon is a help, never
the only way to know what a control does.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import QAbstractButton

from kiosk.paths import resources_dir
from kiosk.ui import theme

log = logging.getLogger(__name__)

#: The icon for each screen in the menu, and for each Home tile's destination.
SCREEN_ICONS = {
    "home": "house",
    "guide": "book-open",
    "faq": "circle-help",
    "compare": "layers",
    "directory": "map-pin",
    "checklist": "list-checks",
    "help": "phone",
}


@functools.cache
def _svg(name: str) -> bytes:
    try:
        return (resources_dir() / "icons" / f"{name}.svg").read_bytes()
    except OSError as exc:
        log.warning("icon %s could not be read: %s", name, exc)
        return b""


def pixmap(name: str, colour: str, side: int, ratio: float = 1.0) -> QPixmap:
    """The icon `name` drawn `side` pixels square (device-independent) in `colour`;
    a null pixmap if it cannot be drawn."""
    if not name:
        return QPixmap()
    data = _svg(name).replace(b"currentColor", colour.encode("ascii"))
    if not data:
        return QPixmap()
    device = QBuffer()
    device.setData(QByteArray(data))
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(device, QByteArray(b"svg"))
    physical = max(1, round(side * ratio))
    reader.setScaledSize(QSize(physical, physical))
    image = reader.read()
    if image.isNull():
        log.warning("icon %s could not be drawn: %s", name, reader.errorString())
        return QPixmap()
    image.setDevicePixelRatio(ratio)
    return QPixmap.fromImage(image)


def set_button_icon(button: QAbstractButton, name: str, side: int) -> bool:
    """Give `button` the icon `name`: ink when off, white when checked or primary.
    False (and no icon) if it could not be drawn."""
    ratio = button.devicePixelRatioF()
    primary = bool(button.property("primary"))
    colours = theme.colours()
    off = pixmap(name, colours.on_accent if primary else colours.ink, side, ratio)
    if off.isNull():
        return False
    icon = QIcon()
    icon.addPixmap(off, QIcon.Mode.Normal, QIcon.State.Off)
    icon.addPixmap(pixmap(name, colours.on_accent, side, ratio), QIcon.Mode.Normal,
                   QIcon.State.On)
    button.setIcon(icon)
    button.setIconSize(QSize(side, side))
    return True
