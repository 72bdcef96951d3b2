"""In-window overlays: the idle warning, the neutral quick-exit screen, the PIN pad's frame.

An overlay is a child of the main window (never a separate top-level window, which a
stay-on-top kiosk window could hide), covers the window below the top bar so the Quick exit
button stays reachable, or the whole window (`cover_top_bar=True`), and follows resizes.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRegion,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import accessibility, theme
from kiosk.ui.widgets.labels import wrapped_label
from kiosk.ui.widgets.touch import TouchButton

#: Keys that leave the neutral screen, as a touch does.
_BEGIN_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space,
                         Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab})


def topmost(host: QWidget) -> Overlay | None:
    """The overlay shown over everything else in `host`, if any."""
    for child in reversed(host.children()):  # children are kept in stacking order
        if isinstance(child, Overlay) and child.isVisible():
            return child
    return None


def _label(text: str, role: str = "") -> QLabel:
    return wrapped_label(text, role, align=Qt.AlignmentFlag.AlignCenter)


class Overlay(QWidget):
    """A widget laid over `host` (a QMainWindow), below `top_bar` unless it covers it too."""

    #: Escape was pressed while this overlay was the topmost: its owner backs out of it.
    escape_pressed = Signal()

    def __init__(self, host: QWidget, top_bar: QWidget | None = None, *,
                 cover_top_bar: bool = False, opaque: bool = False,
                 keep_clear: QWidget | None = None,
                 on_place: Callable[[QSize], None] | None = None) -> None:
        super().__init__(host)
        self._on_place = on_place
        self._host = host
        self._top_bar = top_bar
        self._keep_clear = keep_clear
        self._cover_top_bar = cover_top_bar
        #: Opaque: the page colour; else the theme's veil, through which the page shows.
        self._opaque = opaque
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        #: Where keyboard focus was before this opened; it goes back there after.
        self._return_focus: QWidget | None = None
        accessibility.mark(self, accessibility.DIALOG)
        host.installEventFilter(self)
        self.hide()

    def card(self, width: int = 560, *, scrolls: bool = False) -> tuple[QFrame, QVBoxLayout]:
        """A centred white card in the overlay; returns it and its layout.

        `scrolls`: a card that can be taller than the overlay (the largest text on a short
        screen) scrolls within it, its controls kept at their whole height, instead of
        being squeezed until their words no longer show.
        """
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 24, 24, 24)
        card = QFrame()
        card.setObjectName("OverlayCard")
        card.setMinimumWidth(width)
        card.setMaximumWidth(max(width, 720))
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        if scrolls:
            area = QScrollArea()
            area.setObjectName("OverlayScroll")
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidgetResizable(True)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            # Centred while it fits; the holder's minimum (the card's) makes it scroll.
            # (A row of its own, not an alignment: the column then measures the card's
            # wrapped words at the width it gives the card, not at the column's.)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(card)
            row.addStretch(1)
            column.addStretch(1)
            column.addLayout(row)
            column.addStretch(1)
            area.setWidget(holder)
            # As tall as its words need, never squeezed: the area scrolls instead.
            card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            grid.addWidget(area, 0, 0, 3, 3)
            return card, layout
        grid.addWidget(card, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        return card, layout

    def place(self) -> None:
        top = 0
        bar = self._top_bar
        if bar is not None and not self._cover_top_bar and bar.isVisible():
            top = bar.mapTo(self._host, bar.rect().bottomLeft()).y() + 1
        self.setGeometry(0, top, self._host.width(), max(0, self._host.height() - top))
        clear = self._keep_clear
        if clear is not None and clear.isVisible():
            # A hole in the overlay: that widget stays bright, readable and tappable.
            corner = clear.mapTo(self._host, QPoint(0, 0)) - QPoint(0, top)
            self.setMask(QRegion(self.rect()).subtracted(QRegion(QRect(corner, clear.size()))))
        else:
            self.clearMask()
        if self._on_place is not None:
            self._on_place(self.size())

    def open(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and not self.isAncestorOf(focus) and focus is not self:
            self._return_focus = focus
        self.place()
        self.show()
        self.raise_()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        back, self._return_focus = self._return_focus, None
        focus = QApplication.focusWidget()
        inside = focus is None or focus is self or self.isAncestorOf(focus)
        if back is not None and shiboken6.isValid(back) and back.isVisible() and inside:
            back.setFocus(Qt.FocusReason.OtherFocusReason)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab stays inside an open overlay: what is behind it is out of reach.
        controls = [w for w in self.findChildren(QWidget)
                    if w.isVisible() and w.isEnabled()
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        if not controls:
            return True
        current = QApplication.focusWidget()
        index = controls.index(current) if current in controls else -1
        step = 1 if next else -1
        if index < 0 and not next:
            index = 0
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        controls[(index + step) % len(controls)].setFocus(reason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._host and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = theme.colours()
        if self._opaque:
            colour = QColor(colours.paper)
        else:
            colour = QColor(colours.dim)
            colour.setAlpha(colours.dim_alpha)
        QPainter(self).fillRect(self.rect(), colour)


class IdleWarning(Overlay):
    """"Still there? Touch to continue", with the seconds left before the screen starts over."""

    continue_requested = Signal()

    def __init__(self, host: QWidget, top_bar: QWidget | None = None,
                 keep_clear: QWidget | None = None) -> None:
        # Dims the whole window, top bar too (a bright bar above a dim page reads as "only
        # part of the screen is affected"), all but `keep_clear`: the crisis lines stay
        # bright. Any touch on the dimmed part continues the session.
        super().__init__(host, top_bar, cover_top_bar=True, keep_clear=keep_clear)
        self.setAccessibleName(self.tr("Still there?"))
        _card, layout = self.card()
        self.title = _label(self.tr("Still there?"), "title")
        self.text = _label("")
        self.button = TouchButton(self.tr("Touch to continue"), primary=True)
        self.button.setAccessibleName(self.tr("Touch to continue"))
        self.button.clicked.connect(self.continue_requested.emit)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.button)
        self.set_seconds_left(20)
        self.escape_pressed.connect(self.continue_requested.emit)
        accessibility.mark(self, accessibility.ALERT)
        self.setAccessibleDescription(self.text.text())

    def open(self) -> None:
        super().open()
        # Announced, and focus on its one button, so Enter or Space continues.
        self.button.setFocus(Qt.FocusReason.OtherFocusReason)
        accessibility.announce(self)

    def set_seconds_left(self, seconds: int) -> None:
        seconds = max(0, seconds)
        text = (self.tr("This screen will start over in 1 second and clear everything on it.")
                if seconds == 1 else
                self.tr("This screen will start over in %1 seconds and clear everything on it.")
                .replace("%1", str(seconds)))
        self.text.setText(text)
        self.setAccessibleDescription(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.continue_requested.emit()
        event.accept()


class NeutralScreen(Overlay):
    """What Quick exit shows at once: a plain welcome with nothing about the visitor's topic."""

    dismissed = Signal()

    def __init__(self, host: QWidget, top_bar: QWidget | None = None) -> None:
        super().__init__(host, top_bar, cover_top_bar=True, opaque=True)
        self.setObjectName("NeutralScreen")
        # Opaque: nothing under it is painted while it is up (and it shows at once).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAccessibleName(self.tr("Welcome"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.escape_pressed.connect(self.dismissed.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(2)
        # Large and calm, like an ordinary start page, not a small note on an empty screen.
        self.title = _label(self.tr("Welcome"), "display")
        self.text = _label(self.tr("Touch the screen to begin."), "subtitle")
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(3)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.dismissed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()
        if event.key() in _BEGIN_KEYS:
            self.dismissed.emit()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab begins, like a touch, instead of moving to a control hidden behind the screen.
        self.dismissed.emit()
        return True
