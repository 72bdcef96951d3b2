"""What screen readers are told beyond Qt's own accessibility interfaces.

Qt describes most widgets well by itself; a few of ours need a different role or state,
given through one interface factory installed at start:
- labels styled as titles and subtitles are headings (a reader can jump between them);
- the menu is a tab list: each entry a tab, the current page's "selected", never a
  "checked" check box;
- overlays (the PIN pad, the idle warning, the display options) are dialogs or alerts, and
  while one is up the page behind it is left out of the tree, as it is out of reach.

While a screen reader runs, Qt describes a widget as it is built (a label announces its
text from its constructor) and keeps that description: a label asked about before its
style role was set would stay a plain label. Such a label is looked at again once built,
and so is a widget given a role by `mark`.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAccessibleWidget,
    QLabel,
    QWidget,
)

#: Label style roles that are headings.
HEADING_ROLES = frozenset({"title", "subtitle", "display"})
#: Dynamic properties that ask for a role: a widget's "a11y" property is one of these.
TAB_LIST = "tabList"
TAB = "tab"
DIALOG = "dialog"
ALERT = "alert"
#: A message in the page (the printer could not print): announced, not modal.
STATUS = "status"
#: The part of the window an overlay covers: left out of the tree while one is up.
BEHIND_OVERLAYS = "behindOverlays"

_installed = False
#: The role each kind of `mark` gives (headings are labels with a heading style role).
_ROLES = {TAB_LIST: QAccessible.Role.PageTabList, TAB: QAccessible.Role.PageTab,
          DIALOG: QAccessible.Role.Dialog, ALERT: QAccessible.Role.AlertMessage,
          STATUS: QAccessible.Role.AlertMessage, BEHIND_OVERLAYS: QAccessible.Role.Grouping}


class _Heading(QAccessibleWidget):
    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._label.accessibleName() or self._label.text()
        return str(super().text(kind))


class _Tab(QAccessibleWidget):
    """A menu entry: a tab, "selected" when it is the page shown."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.PageTab)
        self._button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._button.accessibleName() or self._button.text()
        return str(super().text(kind))

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = False
        state.checked = False
        state.selectable = True
        state.selected = self._button.isChecked()
        return state

    def actionNames(self) -> list[str]:
        return [QAccessibleWidget.pressAction(), *super().actionNames()]

    def doAction(self, action: str) -> None:
        if action == QAccessibleWidget.pressAction():
            # Pressed once the reader's request is answered, as Qt's own buttons are: the
            # page it opens builds and replaces widgets, not something to do in the middle
            # of answering the screen reader.
            QTimer.singleShot(0, self._button, self._button.click)
            return
        super().doAction(action)


class _Overlay(QAccessibleWidget):
    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)

    def state(self) -> QAccessible.State:
        state = super().state()
        state.modal = True
        return state


class _Behind(QAccessibleWidget):
    """The window's page and top bar: no children while an overlay covers them."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Grouping)
        self._widget = widget

    def _covered(self) -> bool:
        window = self._widget.parentWidget()
        if window is None:
            return False
        return any(child.isVisible() and child.property("a11y") in (DIALOG, ALERT)
                   for child in window.children() if isinstance(child, QWidget))

    def childCount(self) -> int:
        return 0 if self._covered() else int(super().childCount())

    def state(self) -> QAccessible.State:
        state = super().state()
        if self._covered():
            state.invisible = True
        return state


def _is_heading(widget: QWidget) -> bool:
    return isinstance(widget, QLabel) and (widget.property("role") in HEADING_ROLES
                                           or widget.property("a11y") == "heading")


def _wanted_role(widget: QWidget) -> QAccessible.Role | None:
    """The role this module gives `widget`, or None when Qt's own description stands."""
    if _is_heading(widget):
        return QAccessible.Role.Heading
    return _ROLES.get(widget.property("a11y"))


def _look_again(widget: QWidget) -> None:
    # Forget a description made too early; the next question gets this module's.
    if not shiboken6.isValid(widget):
        return
    wanted = _wanted_role(widget)
    if wanted is None:
        return
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is not None and iface.role() != wanted:
        QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(iface))
        # Tell the reader the widget is (now) there, described anew.
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.ObjectCreated))


#: Classes Qt describes with its scroll-area interface, which reads its n-th child without
#: checking that there still is one: a scroll bar that hides between a reader's "how many
#: children" and "child n" (as a list loads) made the kiosk crash. Qt's plain widget
#: interface checks; it is used for these instead.
_SCROLL_AREA_KEYS = frozenset({"QScrollArea", "QAbstractScrollArea"})


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget) or not shiboken6.isValid(obj):
        return None
    if key in _SCROLL_AREA_KEYS and isinstance(obj, QAbstractScrollArea):
        return QAccessibleWidget(obj, QAccessible.Role.Client)
    kind = obj.property("a11y")
    if isinstance(obj, QLabel) and _is_heading(obj):
        return _Heading(obj)
    if (isinstance(obj, QLabel) and kind is None and obj.property("role") is None
            and QAccessible.isActive()):
        # Perhaps asked from its constructor: its role may be set just after.
        QTimer.singleShot(0, obj, lambda: _look_again(obj))
    if kind == TAB and isinstance(obj, QAbstractButton):
        return _Tab(obj)
    if kind == TAB_LIST:
        return QAccessibleWidget(obj, QAccessible.Role.PageTabList)
    if kind == DIALOG:
        return _Overlay(obj, QAccessible.Role.Dialog)
    if kind == ALERT:
        return _Overlay(obj, QAccessible.Role.AlertMessage)
    if kind == STATUS:
        return QAccessibleWidget(obj, QAccessible.Role.AlertMessage)
    if kind == BEHIND_OVERLAYS:
        return _Behind(obj)
    return None


def install() -> None:
    """Install the factory once per process (before any window is built)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def mark(widget: QWidget, kind: str) -> None:
    """Give `widget` one of the roles above (set before it is first shown)."""
    widget.setProperty("a11y", kind)
    if QAccessible.isActive():
        _look_again(widget)


def announce(widget: QWidget) -> None:
    """Tell a screen reader that `widget` (an alert) has just appeared."""
    event: Any = QAccessibleEvent(widget, QAccessible.Event.Alert)
    QAccessible.updateAccessibility(event)
