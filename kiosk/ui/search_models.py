"""The search results as one list: a heading row per group, then that group's results."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from kiosk.domain import SearchHit, SearchResults
from kiosk.ui import theme

Index = QModelIndex | QPersistentModelIndex

#: The SearchHit of a result row (None for a heading or a note).
HitRole = Qt.ItemDataRole.UserRole + 1
#: The id of the result that opens Get help now (its kind is "help").
CRISIS_HIT_ID = "crisis"
#: "heading", "hit" or "note".
RowKindRole = Qt.ItemDataRole.UserRole + 2


def _row_font(row_kind: str) -> QFont | None:
    """Headings bold and larger, notes in italics, at the visitor's text size now."""
    if row_kind not in ("heading", "note"):
        return None
    font = QFont()
    if row_kind == "heading":
        font.setBold(True)
        font.setPointSize(theme.point_size(theme.BASE_POINT_SIZE + 2))
    else:
        font.setItalic(True)
    return font


class SearchResultsModel(QAbstractListModel):
    """Rows: ("heading", text) / ("hit", SearchHit) / ("note", text). Only hits can be chosen."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, SearchHit | None]] = []

    def headings(self) -> dict[str, str]:
        return {"help": self.tr("Help right now"), "guide": self.tr("Guide"),
                "faq": self.tr("Questions and answers"), "facility": self.tr("Programs")}

    def set_results(self, results: SearchResults, crisis_first: bool = False) -> None:
        """`crisis_first`: a row opening Get help now comes before every other result."""
        headings = self.headings()
        rows: list[tuple[str, str, SearchHit | None]] = []
        if crisis_first:
            crisis = SearchHit(
                "help", CRISIS_HIT_ID, self.tr("Get help now: 988 and other crisis lines"),
                self.tr("Call or text 988 any time, day or night. In an emergency, call 911."))
            rows.append(("heading", headings["help"], None))
            rows.append(("hit", f"{crisis.title}\n{crisis.snippet}", crisis))
        for kind, hits in (("guide", results.guide), ("faq", results.faqs),
                           ("facility", results.programs)):
            if not hits:
                continue
            rows.append(("heading", headings[kind], None))
            rows += [("hit", f"{h.title}\n{h.snippet}" if h.snippet else h.title, h)
                     for h in hits]
            if kind == "facility" and results.more_programs:
                rows.append(("note", self.tr(
                    "More programs match. Add a city, a state or a ZIP code to see fewer."),
                    None))
        self._replace_rows(rows)

    def _replace_rows(self, rows: list[tuple[str, str, SearchHit | None]]) -> None:
        """Tell the view only what changed: nothing when the next letter finds the same
        results (the common case while a word is typed), else the rows between the
        unchanged start and end are removed and inserted. A reset would make the list
        measure and repaint every row each time."""
        old = self._rows
        if rows == old:
            return
        start = 0
        while start < min(len(old), len(rows)) and old[start] == rows[start]:
            start += 1
        end_old, end_new = len(old), len(rows)
        while end_old > start and end_new > start and old[end_old - 1] == rows[end_new - 1]:
            end_old -= 1
            end_new -= 1
        if end_old > start:
            self.beginRemoveRows(QModelIndex(), start, end_old - 1)
            self._rows = old[:start] + old[end_old:]
            self.endRemoveRows()
        if end_new > start:
            self.beginInsertRows(QModelIndex(), start, end_new - 1)
            self._rows = rows
            self.endInsertRows()
        self._rows = rows

    def clear(self) -> None:
        self.set_results(SearchResults(query=""))

    def hit(self, row: int) -> SearchHit | None:
        return self._rows[row][2] if 0 <= row < len(self._rows) else None

    def hits(self) -> list[SearchHit]:
        return [hit for _, _, hit in self._rows if hit is not None]

    def row_kind_and_text(self, row: int) -> tuple[str, str]:
        """The row's kind ("heading", "hit" or "note") and its text: the wrapping delegate
        reads a row's font and colours once per kind (they depend on nothing else)."""
        kind, text, _hit = self._rows[row]
        return kind, text

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][0] == "hit":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row_kind, text, hit = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if hit is None:
                return text
            return f"{self.headings()[hit.kind]}: {hit.title}. {hit.snippet}".strip()
        if role == HitRole:
            return hit
        if role == RowKindRole:
            return row_kind
        if role == Qt.ItemDataRole.FontRole:
            return _row_font(row_kind)
        if role == Qt.ItemDataRole.ForegroundRole and row_kind == "heading":
            return QBrush(QColor(theme.colours().heading))
        if role == Qt.ItemDataRole.BackgroundRole and row_kind == "heading":
            return QBrush(QColor(theme.colours().button))
        return None
