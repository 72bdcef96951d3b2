"""Thin Qt item models over domain objects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

ItemRole = Qt.ItemDataRole.UserRole + 1


class TitledListModel(QAbstractListModel, Generic[T]):
    """A list of (title, item) pairs; `ItemRole` returns the domain object."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, T]] = []

    def set_items(self, rows: list[tuple[str, T]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._rows[row][1]

    def row_kind_and_text(self, row: int) -> tuple[str, str]:
        """Every row looks alike (see kiosk.ui.widgets.wrap_delegate): one kind, its title."""
        return "item", self._rows[row][0]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        title, item = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return title
        if role == ItemRole:
            return item
        return None


#: True for a CheckListModel group heading.
HeadingRole = Qt.ItemDataRole.UserRole + 10


class CheckListModel(QAbstractListModel):
    """Checkable rows (title, key) under optional group headings; ticks live only in memory
    and are cleared by reset. A heading row (key "") is neither ticked nor chosen."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []
        self._ticked: set[str] = set()

    def set_items(self, rows: list[tuple[str, str]]) -> None:
        self.set_grouped_items([(title, key, "") for title, key in rows])

    def set_grouped_items(self, rows: list[tuple[str, str, str]]) -> None:
        """(title, key, group) in order; a heading row before each run of one group, as on
        the printout."""
        listed: list[tuple[str, str]] = []
        previous = ""
        for title, key, group in rows:
            if group and group != previous:
                listed.append((group, ""))
            previous = group
            listed.append((title, key))
        self.beginResetModel()
        self._rows = listed
        self._ticked.clear()
        self.endResetModel()

    def is_heading(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and not self._rows[row][1]

    def item_rows(self) -> list[int]:
        """The rows that can be ticked, in order."""
        return [row for row, (_, key) in enumerate(self._rows) if key]

    def clear_ticks(self) -> None:
        if self._ticked:
            self._ticked.clear()
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def ticked_keys(self) -> list[str]:
        return [key for _, key in self._rows if key and key in self._ticked]

    def set_ticked(self, keys: Iterable[str]) -> None:
        """Tick exactly the items with these keys (the others are unticked)."""
        wanted = {key for _, key in self._rows if key} & set(keys)
        if wanted != self._ticked:
            self._ticked = wanted
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def toggle(self, row: int) -> None:
        if self.is_heading(row):
            return
        index = self.index(row)
        current = self.data(index, Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if current == Qt.CheckState.Checked else Qt.CheckState.Checked
        self.setData(index, new, Qt.ItemDataRole.CheckStateRole)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_heading(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        # Checkable, so a screen reader says "check box, not checked"; TickListView toggles
        # the whole row on tap, Space or Enter (its painter leaves the tick box to it).
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        title, key = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return title
        if role == HeadingRole:
            return not key
        if role == Qt.ItemDataRole.CheckStateRole and key:
            return Qt.CheckState.Checked if key in self._ticked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self._rows[index.row()][1]
        if not key:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._ticked.add(key)
        else:
            self._ticked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
