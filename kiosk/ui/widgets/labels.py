"""Text labels as the kiosk shows them: plain text (never HTML), wrapped, with a style role."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.ui.widgets.touch import fill_own_background


def wrapped_label(text: str = "", role: str = "", *, name: str = "",
                  align: Qt.AlignmentFlag | None = None) -> QLabel:
    """A word-wrapped plain-text label; `role` picks a style (title, subtitle, small, muted)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    if align is not None:
        label.setAlignment(align)
    return label


class StatusLine(QWidget):
    """A line of text that changes on nearly every tap or keystroke (a count, a hint).

    A QLabel in a layout asks the whole page to lay out again each time its text changes.
    Here the label is placed by this holder, whose height changes only when new text needs
    a different number of lines at the current width, so new text is just repainted; and
    the holder paints its own page background, so that repaint stops at the line instead
    of going through every see-through layer under it up to the window.
    """

    def __init__(self, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fill_own_background(self)
        self.label = wrapped_label(role=role,
                                   align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        if text != self.label.text():
            self.label.setText(text)
            self._fit()

    def sizeHint(self) -> QSize:
        return QSize(self.label.sizeHint().width(), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.height())

    def _fit(self) -> None:
        self.label.ensurePolished()  # its role's font comes from the style sheet
        width = max(1, self.width())
        needed = max(self.label.heightForWidth(width), self.label.fontMetrics().lineSpacing())
        if needed != self.height():
            self.setFixedHeight(needed)
        self.label.setGeometry(0, 0, width, needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
