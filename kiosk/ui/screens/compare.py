"""Compare care levels: a table on wide screens, one card per level on narrow ones."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import CareLevel
from kiosk.store.content import ContentRepository
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.labels import wrapped_label
from kiosk.ui.widgets.touch import enable_kinetic_scroll

#: Below this content width the table becomes cards.
CARD_BREAKPOINT = 1000


def _cell(text: str, role: str = "") -> QLabel:
    return wrapped_label(text, role, align=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)


class CompareTable(QTableWidget):
    """Levels across, questions down; cells wrap and rows grow to their whole text."""

    def __init__(self, levels: list[CareLevel], rows: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(len(rows), len(levels), parent)
        self.setObjectName("CompareTable")
        self.setHorizontalHeaderLabels([level.name for level in levels])
        self.setVerticalHeaderLabels([label for label, _attr in rows])
        for r, (_label, attr) in enumerate(rows):
            for c, level in enumerate(levels):
                item = QTableWidgetItem(str(getattr(level, attr)))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.setItem(r, c, item)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        # Tab leaves the table (arrows move between its cells): no keyboard trap.
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QTableWidget.ScrollMode.ScrollPerPixel)
        wrap = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        top = self.horizontalHeader()
        top.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top.setDefaultAlignment(wrap | Qt.TextFlag.TextWordWrap)
        top.sectionResized.connect(self._on_header_section_resized)
        side = self.verticalHeader()
        side.setDefaultAlignment(wrap | Qt.TextFlag.TextWordWrap)
        enable_kinetic_scroll(self)

    def _on_header_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()

    def _fit_rows(self) -> None:
        # The level names wrap in the header; each row is as tall as its longest cell.
        header = self.horizontalHeader()
        items = [self.horizontalHeaderItem(c) for c in range(self.columnCount())]
        names = [item.text() for item in items if item is not None]
        metrics = header.fontMetrics()
        width = max(40, header.sectionSize(0) - 12) if self.columnCount() else 40
        tallest = max((metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap),
                                            name).height() for name in names), default=0)
        header.setMinimumHeight(tallest + 16)
        self.resizeRowsToContents()
        # Room for the last wrapped line however the cell's width is rounded.
        spare = self.fontMetrics().lineSpacing() // 2
        for row in range(self.rowCount()):
            self.setRowHeight(row, self.rowHeight(row) + spare)


class CompareScreen(Screen):
    screen_id = "compare"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._levels: list[CareLevel] = content.care_levels()
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Levels of care, side by side")))
        intro = _cell(self.tr("From most support (left) to least (right). "
                              "Intensive outpatient (IOP) is in the middle. "
                              "Which level is right for you is decided by an assessment "
                              "of your whole situation, not by how bad things seem."))
        layout.addWidget(intro)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        enable_kinetic_scroll(self.scroll_area)
        layout.addWidget(self.scroll_area, 1)
        self.mode = ""
        self._build("table")


    def rows(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Where you live"), "where_you_live"),
            (self.tr("Hours each week"), "weekly_hours"),
            (self.tr("Best for"), "best_for"),
            (self.tr("Cost"), "cost"),
            (self.tr("Supervision"), "supervision"),
        ]

    def _build(self, mode: str) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        container = QWidget()
        self.table: CompareTable | None = None
        if mode == "table":
            # A real table (header cells for levels and rows), which a screen reader can
            # move through by row and column, rather than loose labels in a grid.
            self.table = CompareTable(self._levels, self.rows())
            self.table.setAccessibleName(self.tr("Levels of care, side by side"))
            column = QVBoxLayout(container)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.table)
        else:
            column = QVBoxLayout(container)
            column.setSpacing(16)
            for level in self._levels:
                card = QFrame()
                card.setFrameShape(QFrame.Shape.StyledPanel)
                card.setObjectName("CareCard")
                inner = QGridLayout(card)
                inner.addWidget(_cell(level.name, "subtitle"), 0, 0, 1, 2)
                inner.addWidget(_cell(level.summary), 1, 0, 1, 2)
                for r, (label, attr) in enumerate(self.rows(), start=2):
                    inner.addWidget(_cell(label, "muted"), r, 0)
                    inner.addWidget(_cell(getattr(level, attr)), r, 1)
                inner.setColumnStretch(1, 1)
                column.addWidget(card)
            column.addStretch(1)
        self.scroll_area.setWidget(container)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_mode(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # Later, never during the change: the font changes while Qt is going over every
            # widget, and this replaces some of them.
            QTimer.singleShot(0, self, self._on_font_changed)

    def _on_font_changed(self) -> None:
        self._fit_mode(self.width())

    def _fit_mode(self, width: int) -> None:
        # Larger text needs wider columns: the table gives way to cards sooner.
        breakpoint_px = CARD_BREAKPOINT * theme.look().text_percent / 100
        self._build("cards" if width < breakpoint_px else "table")
