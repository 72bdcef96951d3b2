"""A touch list of titles beside the text of the chosen one, with Previous / Next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QListView, QVBoxLayout, QWidget

from kiosk.ui.models import TitledListModel
from kiosk.ui.screens.base import heading
from kiosk.ui.widgets.markdown_view import MarkdownView
from kiosk.ui.widgets.touch import TouchButton, set_up_wrapping_list
from kiosk.ui.widgets.wrap_delegate import paint_whole_rows

T = TypeVar("T")


class ListDetail(QWidget, Generic[T]):
    def __init__(self, render: Callable[[T], tuple[str, str]], list_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._render = render
        self.model: TitledListModel[T] = TitledListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        set_up_wrapping_list(self.list, list_name)
        paint_whole_rows(self.list)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)

        self.title = heading("", role="subtitle")
        self.view = MarkdownView()
        self.previous_button = TouchButton(self.tr("‹ Previous"))
        self.next_button = TouchButton(self.tr("Next ›"), primary=True)
        for button in (self.previous_button, self.next_button):
            # Never narrower than their words (a 1024x600 screen squeezed them to "Previou");
            # TouchButton's explicit minimum would otherwise let the layout go below them.
            button.ensurePolished()
            button.setMinimumWidth(button.sizeHint().width())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))

        detail = QVBoxLayout()
        detail.addWidget(self.title)
        detail.addWidget(self.view, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.list, 2)
        columns.addLayout(detail, 3)
        # Previous and Next run under both columns, not the text's alone: longer words
        # (Spanish "Siguiente") then never make the page wider than a 1024-pixel screen.
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

    def set_items(self, rows: list[tuple[str, T]]) -> None:
        self.model.set_items(rows)
        self.select(0)

    def select(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self.title.setText("")
            self.view.show_markdown("")
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._show(row)

    def current_row(self) -> int:
        return self.list.currentIndex().row()

    def step(self, delta: int) -> None:
        self.select(self.current_row() + delta)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show(current.row())

    def _show(self, row: int) -> None:
        title, body = self._render(self.model.item(row))
        self.title.setText(title)
        self.title.setAccessibleName(title)
        # The text itself is read from the document; its name says which section it is.
        self.view.setAccessibleName(title)
        self.view.show_markdown(body)
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.model.rowCount() - 1)
        self.list.scrollTo(self.model.index(row))
