"""A directory page laid out one way when wide and another when narrow."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui import theme

#: Pages narrower than this at normal text (wider at a larger text size) put their two
#: columns one above the other, or the filters on a sheet of their own.
STACK_BELOW_WIDTH = 640


class WidthFittedPage(QWidget):
    """Fitted to its width when resized, and again when the visitor's text size changes:
    larger words need the wider page, and the page's size does not change with them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme.changes().changed.connect(self.refit)

    def wants_stacked(self, width: int) -> bool:
        return width < theme.text_scaled(STACK_BELOW_WIDTH)

    def fit_width(self, width: int) -> None:
        raise NotImplementedError

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_width(event.size().width())

    def refit(self) -> None:
        """After a text size change; a page with parts measured for their text extends it."""
        self.fit_width(self.width())
