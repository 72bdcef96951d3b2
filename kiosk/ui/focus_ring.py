"""A visible focus ring for keyboard users only: 3 px, 3:1 or more against what it sits on.

The ring follows keyboard focus across the window and is drawn over the focused control's
own edge after the control has painted itself, so it needs no widget of its own (nothing
extra in the accessibility tree) and moves with the control when a page scrolls. A tap or
click hides it: a ring left behind after a touch reads as "selected" to everyone else.

Its colour is picked per surface: the outer 3 px contrast with what lies around the
control (the light page, the menu, the dark helpline panel, the red crisis strip), and when
that colour would not also stand out against the control's own fill (a dark primary button
on the light page), a 2 px inner line in the other ring colour follows it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPointerEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from kiosk.ui import theme
from kiosk.ui.palette import Palette, contrast, focus_ring_for
from kiosk.ui.screens.base import Screen

RING_PX = 3
INNER_PX = 2
PAGE_INSET_PX = 6
NON_TEXT_MIN = 3.0
_T = QEvent.Type
#: The only kinds of event the ring follows besides paints: keys, presses and touches,
#: focus, and its control hidden.
_FOLLOWED = (QKeyEvent, QPointerEvent, QFocusEvent, QHideEvent)


def _painted_part(widget: QWidget) -> QWidget:
    """What shows a control's edge: a list's viewport, the page inside a scroll area."""
    if isinstance(widget, QScrollArea) and widget.widget() is not None:
        content = widget.widget()
        assert content is not None
        return content
    if isinstance(widget, QAbstractScrollArea):
        return widget.viewport()
    return widget


def surface_behind(widget: QWidget, colours: Palette) -> str:
    """The colour of the surface a control sits on, from the panels it is inside."""
    surfaces = {"HelplinePanel": colours.help_bg, "CrisisStrip": colours.crisis_bg,
                "OnScreenKeyboard": colours.keyboard_bg, "NavRail": colours.nav_bg,
                "OverlayCard": colours.surface}
    parent = widget.parentWidget()
    while parent is not None:
        found = surfaces.get(parent.objectName())
        if found is not None:
            return found
        parent = parent.parentWidget()
    return colours.paper


class FocusRing(QObject):
    """Watches focus and input for the whole application; owned by the main window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._keyboard = False
        self._target: QWidget | None = None
        self._painted: QWidget | None = None
        self._outer = QColor()
        self._inner: QColor | None = None
        self._app = QApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)
        window.destroyed.connect(self.uninstall)

    def uninstall(self) -> None:
        app, self._app = self._app, None
        if app is not None and shiboken6.isValid(self):
            app.removeEventFilter(self)

    # ----------------------------------------------------------------- state --
    def target(self) -> QWidget | None:
        """The control the ring is drawn on now (None: no ring)."""
        return self._target

    def painted(self) -> QWidget | None:
        """The widget the ring is drawn on (a list's viewport, a scrolled page's content)."""
        return self._painted

    def ring_rect(self) -> QRect:
        """Where the ring runs, in the painted widget's coordinates."""
        painted = self._painted
        if painted is None:
            return QRect()
        viewport = painted.parentWidget()
        if viewport is not None and isinstance(viewport.parentWidget(), QScrollArea):
            # Inset, so the whole ring lies on the page, clear of the strips around it.
            inset = PAGE_INSET_PX
            return painted.visibleRegion().boundingRect().adjusted(inset, inset, -inset, -inset)
        return painted.rect()

    def colours(self) -> tuple[QColor, QColor | None]:
        """The outer ring colour and the inner line's (None: no inner line needed)."""
        return self._outer, self._inner

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Told apart by class first: cheaper than reading event.type() in Python for each
        # of the hundreds of events a page shown sends to its widgets.
        if isinstance(event, QPaintEvent):
            return watched is self._painted and self._paint_over(watched, event)
        if not isinstance(event, _FOLLOWED):
            return False
        if isinstance(event, QHideEvent):  # a page hidden hides a hundred widgets
            if watched is self._target:
                self._follow(None)
            return False
        kind = event.type()
        if kind == _T.KeyPress:
            if not self._keyboard:
                self._keyboard = True
                self._follow(QApplication.focusWidget())
        elif kind in (_T.MouseButtonPress, _T.TouchBegin):
            if self._keyboard:
                self._keyboard = False
                self._follow(None)
        elif kind == _T.FocusIn and isinstance(event, QFocusEvent) \
                and isinstance(watched, QWidget):
            # Only real input decides: Qt also moves focus "by Tab" when a focused
            # control is hidden, which is no sign of a keyboard.
            if event.reason() == Qt.FocusReason.MouseFocusReason:
                self._keyboard = False
            self._follow(watched if self._keyboard else None)
        elif kind == _T.FocusOut and watched is self._target:
            self._follow(None)
        return False

    def _follow(self, widget: QWidget | None) -> None:
        if widget is not None and (widget.window() is not self._window
                                   or not self._worth_a_ring(widget)):
            widget = None
        old = self._painted
        self._target = widget
        self._painted = None
        if old is not None and shiboken6.isValid(old):
            old.update()
        if widget is None:
            return
        painted = _painted_part(widget)
        self._pick_colours(widget, painted)
        self._painted = painted
        painted.update()

    @staticmethod
    def _worth_a_ring(widget: QWidget) -> bool:
        # A whole page taking focus (after a menu choice) is where reading starts, not a
        # control: no ring around the screen.
        return widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(widget, Screen)

    def _pick_colours(self, widget: QWidget, painted: QWidget) -> None:
        colours = theme.colours()
        around = surface_behind(widget, colours)
        outer = focus_ring_for(colours, around)
        fill = self._fill_of(painted)
        self._outer = QColor(outer)
        self._inner = None
        if contrast(outer, fill) < NON_TEXT_MIN:
            self._inner = QColor(focus_ring_for(colours, fill))

    def _fill_of(self, painted: QWidget) -> str:
        """The control's own fill, read from how it paints (just inside its top edge)."""
        self._painted = None  # grab the control as it is without the ring
        self._painted = painted
        rect = self.ring_rect()
        self._painted = None
        image = painted.grab(rect).toImage()
        if image.isNull() or image.width() < 2 or image.height() < 12:
            return theme.colours().surface
        ratio = image.devicePixelRatio()
        colour = image.pixelColor(round(image.width() / 2), round(8 * ratio))
        return colour.name()

    def _paint_over(self, widget: QObject, event: QPaintEvent) -> bool:
        assert isinstance(widget, QWidget)
        # The control paints itself first, then the ring goes over its edge.
        widget.event(event)
        painter = QPainter(widget)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        area = QRectF(self.ring_rect())
        half = RING_PX / 2
        painter.setPen(QPen(self._outer, RING_PX))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(area.adjusted(half, half, -half, -half))
        if self._inner is not None:
            inset = RING_PX + INNER_PX / 2
            painter.setPen(QPen(self._inner, INNER_PX))
            painter.drawRect(area.adjusted(inset, inset, -inset, -inset))
        painter.end()
        return True
