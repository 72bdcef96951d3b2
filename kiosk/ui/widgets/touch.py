"""Touch helpers: minimum target sizes and kinetic scrolling."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.ui import theme

if TYPE_CHECKING:
    # Imported where used: each Qt class PySide first meets costs its enums at start-up.
    from PySide6.QtWidgets import QAbstractItemView, QListView


class TouchButton(QPushButton):
    """A push button that is never smaller than a touch target; with `whole`, never
    narrower than its words either (Quick exit, the language), in any language and at any
    text size: the layout gives way elsewhere, or the window grows."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, primary: bool = False,
                 checkable: bool = False, whole: bool = False) -> None:
        super().__init__(text, parent)
        self._side = theme.touch_target_px(self)
        self._whole = whole
        self.setCheckable(checkable)
        # Tapping does not leave a focus ring behind; Tab still reaches every button.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        if primary:
            self.setProperty("primary", True)

    def minimumSizeHint(self) -> QSize:
        # A touch target at least, and never shorter than its own line of text: with the
        # visitor's largest text a squeezed grid must scroll rather than cut its labels.
        # (A hint, not setMinimumSize, so it follows the font when the text size changes.)
        hint = super().minimumSizeHint()
        width = max(self._side, self.sizeHint().width()) if self._whole else self._side
        return QSize(width, max(self._side, hint.height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter presses a button as Space does: what keyboard and switch users expect.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            event.accept()
            self.click()
            return
        super().keyPressEvent(event)


def content_width(button: QPushButton) -> int:
    """The width inside `button`'s borders and padding at its current size.

    Found from the button's size hint, which is its text's width plus the style sheet's
    padding, border and margin (the "box" the style takes off again for the contents),
    rather than from the style: the first Python look at the style has PySide build
    QStyle's class, some 560 enum values, before the kiosk's first frame."""
    if button.icon().isNull() and button.menu() is None:
        text = button.text() or "XXXX"  # QPushButton measures an empty label as this
        chrome = (button.sizeHint().width()
                  - button.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text).width())
        return button.width() - chrome
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    option = QStyleOptionButton()
    button.initStyleOption(option)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                         button).width()


def label_fits(button: QPushButton, text: str) -> bool:
    """Whether `text` fits inside `button`'s borders and padding at its current size."""
    return button.fontMetrics().horizontalAdvance(text) <= content_width(button)


def break_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` broken at spaces into lines of `width` pixels, each as full as it goes (a word
    too long for any line keeps a line to itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def wrapped_lines(button: QPushButton, text: str) -> str:
    """`text` broken into lines at spaces so each fits `button`."""
    return "\n".join(break_lines(text, button.fontMetrics(), content_width(button)))


class FittingButton(TouchButton):
    """A touch button that shows a shorter label when its full one would be cut off."""

    def __init__(self, text: str, short_text: str, parent: QWidget | None = None, *,
                 primary: bool = False) -> None:
        super().__init__(text, parent, primary=primary)
        self._full = text
        self._short = short_text
        self.setAccessibleName(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setText(self._full if label_fits(self, self._full) else self._short)


class WrapButton(TouchButton):
    """A touch button whose label wraps onto more lines instead of being cut off (a long
    heading on a narrow page). The button's own text stays empty; `label` draws it."""

    def __init__(self, text: str, parent: QWidget | None = None, *,
                 checkable: bool = False) -> None:
        super().__init__("", parent, checkable=checkable)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_label(self, text: str) -> None:
        self.label.setText(text)

    def label_text(self) -> str:
        return self.label.text()


#: While the kiosk builds its first frame: the areas whose kinetic scrolling waits for it.
_held_areas: list[QAbstractScrollArea] | None = None


def hold_kinetic_scroll() -> Callable[[bool], None]:
    """Until the returned function is called, enable_kinetic_scroll() only notes each area;
    the call sets them all up. The kiosk holds it while it builds its first frame: handing
    a scroll area's viewport to Python makes PySide create a Python class (and its enums)
    for every kind of widget Qt has, about 8 ms, and nobody can flick a page not yet on the
    screen. `release(False)` ends the hold without setting anything up (the window went
    before its first frame)."""
    global _held_areas
    held: list[QAbstractScrollArea] = []
    _held_areas = held

    def release(set_up: bool = True) -> None:
        global _held_areas
        if _held_areas is held:
            _held_areas = None
        waiting, held[:] = list(held), []
        for area in waiting if set_up else ():
            if shiboken6.isValid(area):
                _set_up_kinetic_scroll(area)

    return release


def enable_kinetic_scroll(area: QAbstractScrollArea) -> None:
    """Flick to scroll with a finger, or by dragging with the mouse: many touch monitors
    report a finger as a mouse, so a drag must scroll too."""
    if area.inherits("QAbstractItemView"):
        view = cast("QAbstractItemView", area)
        view.setVerticalScrollMode(view.ScrollMode.ScrollPerPixel)
        # A tap chooses a row without leaving a focus frame on it; Tab still reaches it.
        area.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    if _held_areas is not None:
        _held_areas.append(area)
    else:
        _set_up_kinetic_scroll(area)


def _set_up_kinetic_scroll(area: QAbstractScrollArea) -> None:
    from PySide6.QtWidgets import QScroller, QScrollerProperties

    # One gesture per target: Qt turns an unhandled touch into a mouse press, so the
    # mouse gesture serves fingers too.
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(area.viewport())
    properties = scroller.scrollerProperties()
    # A tap goes to the row or button at once (no held-back press): it is painted in the
    # same frame; only a press that moves past the drag distance becomes a scroll.
    properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(properties)


class _Opaque(QObject):
    """Keeps widgets opaque (filling their own background) across style sheet polishes:
    Qt's style sheet style turns a widget's, or a scroll area's viewport's, background fill
    off each time it polishes it, and draws the background over whatever is under it."""

    def __init__(self, owner: QWidget, widgets: list[QWidget], role: QPalette.ColorRole) -> None:
        super().__init__(owner)
        self._widgets = widgets
        self._role = role
        owner.installEventFilter(self)
        self.fill()

    def fill(self) -> None:
        for widget in self._widgets:
            # Set only what changed: each is filled again whenever it is shown, and setting
            # a background role, even the same one, updates the widget's background.
            if widget.backgroundRole() != self._role:
                widget.setBackgroundRole(self._role)
            if not widget.autoFillBackground():
                widget.setAutoFillBackground(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A filter sees Polish before the widget hands it to the style (which then turns
        # the fill off), so Show, which comes after, fills again.
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange, QEvent.Type.Show):
            self.fill()
        return False


def paint_opaque(view: QAbstractScrollArea) -> None:
    """The list's rows (its viewport) and its scroll bar's strip fill their own white
    background. Qt then repaints just them when the rows change, instead of every
    see-through layer under them up to the window (about seven times the pixels)."""
    strip = view.verticalScrollBar().parentWidget()
    widgets = [view.viewport(), *([strip] if strip is not None and strip is not view else [])]
    _Opaque(view, widgets, QPalette.ColorRole.Base)


def fill_own_background(widget: QWidget) -> None:
    """`widget` paints its page colour itself, so changes to the controls on it (chips
    whose counts change on every tap) repaint it alone, not every layer under it."""
    _Opaque(widget, [widget], QPalette.ColorRole.Window)


def set_up_wrapping_list(view: QListView, accessible_name: str) -> None:
    """A read-only touch list whose rows wrap their text instead of cutting it off."""
    paint_opaque(view)
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setResizeMode(view.ResizeMode.Adjust)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # A scroll bar that comes and goes changes the width after rows were measured,
    # which cuts off the last line of wrapped rows.
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    view.setEditTriggers(view.EditTrigger.NoEditTriggers)
    view.setAccessibleName(accessible_name)
    enable_kinetic_scroll(view)
