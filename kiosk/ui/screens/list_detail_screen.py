"""A screen that is one titled list beside the chosen item's text (the guide, the FAQs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QWidget

from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.list_detail import ListDetail

T = TypeVar("T")


class ListDetailScreen(Screen, Generic[T]):
    """Loads its items the first time it is shown; `show_item(id)` opens one by its id."""

    def __init__(self, title: str, list_name: str, items: Callable[[], list[T]],
                 render: Callable[[T], tuple[str, str]], item_id: Callable[[T], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items = items
        self._render = render
        self._item_id = item_id
        layout = page_layout(self)
        layout.addWidget(heading(title))
        self.detail: ListDetail[T] = ListDetail(render, list_name)
        layout.addWidget(self.detail, 1)
        self._loaded = False

    def on_shown(self) -> None:
        if not self._loaded:
            self.detail.set_items([(self._render(item)[0], item) for item in self._items()])
            self._loaded = True

    def show_item(self, item_id: str) -> None:
        self.on_shown()
        for row in range(self.detail.model.rowCount()):
            if self._item_id(self.detail.model.item(row)) == item_id:
                self.detail.select(row)
                return

    def current_item_id(self) -> str:
        """The id of the item open now ("" before the screen was first shown)."""
        row = self.detail.current_row()
        if not self._loaded or not 0 <= row < self.detail.model.rowCount():
            return ""
        return self._item_id(self.detail.model.item(row))

    def reset(self) -> None:
        if self._loaded:
            self.detail.select(0)
