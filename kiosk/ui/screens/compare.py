"""Compare care levels: a table on wide screens, one card per level on narrow ones."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
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
    """Levels across, questions down; cells wrap and rows grow to their whole text.

    `summary`, when given, heads a first row holding each level's one-line summary (a
    narrow card's "What it is"), so that row reads like every other question and answer.
    `fit_height` makes the table exactly as tall as its rows, for a card on a scrolling page
    (the page scrolls, never the card).
    """

    def __init__(self, levels: list[CareLevel], rows: list[tuple[str, str]],
                 parent: QWidget | None = None, *, summary: str = "",
                 fit_height: bool = False) -> None:
        attrs = (["summary"] if summary else []) + [attr for _label, attr in rows]
        super().__init__(len(attrs), len(levels), parent)
        self._fit_height = fit_height
        # Rows are measured once things settle: a change of text size reaches the table's
        # font, its headers and its width one after another, and a row measured between
        # two of them would be too short for its words.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_rows)
        self.setObjectName("CompareTable")
        self.setHorizontalHeaderLabels([level.name for level in levels])
        # The empty top-left cell is a "select all" button in Qt's tables: nothing here is
        # selected, so it does nothing; it still is as tall as a finger (the header row
        # below) and named after the table, for whoever lands on it.
        self.setCornerButtonEnabled(False)
        self.setVerticalHeaderLabels(([summary] if summary else []) + [label for label, _ in rows])
        for r, attr in enumerate(attrs):
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
        top.setMinimumHeight(theme.MIN_TOUCH_PX)
        side = self.verticalHeader()
        side.setDefaultAlignment(wrap | Qt.TextFlag.TextWordWrap)
        if fit_height:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            # Nothing in a card to tap: a finger's drag or the wheel over it scrolls the
            # page it sits on. Tab and the arrow keys still reach every cell.
            self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.viewport().setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        else:
            enable_kinetic_scroll(self)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        corner = self.findChild(QAbstractButton)
        if corner is not None:
            corner.setAccessibleName(name)

    def _on_header_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self._refit.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_height and event.size().width() != event.oldSize().width():
            self._refit.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_rows()  # the first frame already fitted; again once things settle
        self._refit.start()

    @staticmethod
    def _header_metrics(header: QHeaderView) -> tuple[QFontMetrics, int]:
        font = QFont(header.font())
        font.setBold(True)  # the style sheet's header sections are bold
        metrics = QFontMetrics(font)
        # The sections' 0.3 em each side, a border, and a little to spare for rounding.
        return metrics, metrics.height() + 6

    def _side_labels(self) -> tuple[QFontMetrics, int, list[str]]:
        metrics, padding = self._header_metrics(self.verticalHeader())
        items = (self.verticalHeaderItem(r) for r in range(self.rowCount()))
        return metrics, padding, [item.text() if item else "" for item in items]

    def _fit_side_header_width(self) -> None:
        # On a narrow card the questions take at most two fifths of its width and wrap
        # there, so the answers keep room to be read.
        metrics, padding, labels = self._side_labels()
        words = [word for label in labels for word in label.split()]
        longest_word = max((metrics.horizontalAdvance(w) for w in words), default=0)
        natural = max((metrics.horizontalAdvance(t) for t in labels), default=0) + padding
        width = min(natural, max(longest_word + padding, self.width() * 2 // 5))
        side = self.verticalHeader()
        if side.maximumWidth() != width:
            side.setMaximumWidth(width)
            self.updateGeometries()  # the column's new width, for the rows measured next

    def _fit_side_header_rows(self) -> None:
        # A row grows for a question that wraps.
        metrics, padding, labels = self._side_labels()
        inner = max(1, self.verticalHeader().width() - padding)
        for row, label in enumerate(labels):
            need = metrics.boundingRect(0, 0, inner, 10_000, int(Qt.TextFlag.TextWordWrap),
                                        label).height() + padding
            if self.rowHeight(row) < need:
                self.setRowHeight(row, need)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._refit.start()

    def _fit_rows(self) -> None:
        # The level names wrap in the header; each row is as tall as its longest cell.
        if self._fit_height:
            self._fit_side_header_width()
        header = self.horizontalHeader()
        items = [self.horizontalHeaderItem(c) for c in range(self.columnCount())]
        names = [item.text() for item in items if item is not None]
        metrics, padding = self._header_metrics(header)
        width = max(40, header.sectionSize(0) - padding) if self.columnCount() else 40
        tallest = max((metrics.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap),
                                            name).height() for name in names), default=0)
        height = max(theme.MIN_TOUCH_PX, tallest + padding)
        if header.minimumHeight() != height:
            header.setMinimumHeight(height)
            self.updateGeometries()
        self.resizeRowsToContents()
        # Room for the last wrapped line however the cell's width is rounded.
        spare = self.fontMetrics().lineSpacing() // 2
        for row in range(self.rowCount()):
            self.setRowHeight(row, self.rowHeight(row) + spare)
        if self._fit_height:
            self._fit_side_header_rows()
            rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
            head = max(header.minimumHeight(), header.sizeHint().height())
            self.setFixedHeight(rows + head + 2 * self.frameWidth())


class CompareScreen(Screen):
    screen_id = "compare"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._levels: list[CareLevel] = content.care_levels()
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Levels of care, side by side")))
        self.intro = _cell("")
        layout.addWidget(self.intro)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        enable_kinetic_scroll(self.scroll_area)
        layout.addWidget(self.scroll_area, 1)
        self.mode = ""
        self.tables: list[CompareTable] = []
        self._build("table")
        theme.changes().changed.connect(self._on_theme_changed)

    def levels(self) -> list[CareLevel]:
        return list(self._levels)

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
        # Where the levels are: across the table, or one card above the other.
        self.intro.setText(
            self.tr("From most support (left) to least (right). "
                    "Intensive outpatient (IOP) is in the middle. "
                    "Which level is right for you is decided by an assessment "
                    "of your whole situation, not by how bad things seem.") if mode == "table"
            else self.tr("From most support (top) to least (bottom). "
                         "Intensive outpatient (IOP) is in the middle. "
                         "Which level is right for you is decided by an assessment "
                         "of your whole situation, not by how bad things seem."))
        container = QWidget()
        column = QVBoxLayout(container)
        # A real table (header cells for levels and rows), which a screen reader can move
        # through by row and column, rather than loose labels in a grid. Narrow, each level
        # is a card, and each card is such a table: the level's name heads its one column.
        if mode == "table":
            column.setContentsMargins(0, 0, 0, 0)
            table = CompareTable(self._levels, self.rows())
            table.setAccessibleName(self.tr("Levels of care, side by side"))
            self.tables = [table]
            column.addWidget(table)
        else:
            column.setSpacing(16)
            self.tables = []
            for level in self._levels:
                table = CompareTable([level], self.rows(), summary=self.tr("What it is"),
                                     fit_height=True)
                table.setObjectName("CareCard")
                table.setAccessibleName(level.name)
                self.tables.append(table)
                column.addWidget(table)
            column.addStretch(1)
        self.scroll_area.setWidget(container)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_mode(event.size().width())

    def _on_theme_changed(self) -> None:
        # Once the new text size is on every widget (never during the change: this
        # replaces some of them).
        self._fit_mode(self.width())

    def _fit_mode(self, width: int) -> None:
        # Larger text needs wider columns: the table gives way to cards sooner.
        self._build("cards" if width < theme.text_scaled(CARD_BREAKPOINT) else "table")
