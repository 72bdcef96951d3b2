"""Get help now: every helpline, large, with a QR code to call from your own phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QWidget

from kiosk.domain import Helpline
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.labels import wrapped_label as _text
from kiosk.ui.widgets.qr import qr_pixmap
from kiosk.ui.widgets.touch import enable_kinetic_scroll


class HelpScreen(Screen):
    """988 and 911 first, then SAMHSA's National Helpline, then the others (the shell's
    order: kiosk.present.helplines.help_screen_order), two to a row where the page is wide
    enough, so that at laptop size all of them fit without scrolling."""

    screen_id = "help"
    lists_every_helpline = True
    QR_SIDE = 80
    #: Below this width the cards stack in one column.
    TWO_COLUMN_MIN_WIDTH = 620

    def __init__(self, helplines: list[Helpline], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Get help now")))
        layout.addWidget(_text(self.tr(
            "You can call any of these. You do not have to give your name."
        )))
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        enable_kinetic_scroll(self.scroll_area)
        container = QWidget()
        self._grid = QGridLayout(container)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(12)
        self.cards: list[QFrame] = []
        #: QR labels and their tel: links, drawn the first time the screen is shown.
        self._qr_codes: list[tuple[QLabel, str]] = []
        for line in helplines:
            self.cards.append(self._card(line))
        self._columns = 0
        self._place_cards(2)
        self.scroll_area.setWidget(container)
        layout.addWidget(self.scroll_area, 1)

    def _card(self, line: Helpline) -> QFrame:
        card = QFrame()
        card.setObjectName("HelplineCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(card)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setVerticalSpacing(4)
        grid.addWidget(_text(line.name, "subtitle"), 0, 0)
        number = _text(line.number, "title")
        grid.addWidget(number, 1, 0)
        # Hours and languages only when the promise does not already say them.
        extra = [x for x in (line.hours, line.languages) if x and x not in line.promise]
        details = " · ".join([line.promise, *extra])
        grid.addWidget(_text(details), 2, 0)
        if line.disclosure:  # below the QR too: a long disclosure in full width, fewer lines
            grid.addWidget(_text(line.disclosure, "small"), 3, 0, 1, 2)
        qr = QLabel()
        qr.setFixedSize(self.QR_SIDE, self.QR_SIDE)
        self._qr_codes.append((qr, line.tel_uri))
        qr.setAccessibleName(self.tr("QR code to call %s") % line.number)
        grid.addWidget(qr, 0, 1, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(4, 1)  # a taller neighbour's extra height goes below the text
        card.setAccessibleName(f"{line.name}, {line.number}")
        return card

    def _place_cards(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self._grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self._grid.addWidget(card, i // columns, i % columns)
        for row in range(len(self.cards) + 1):
            self._grid.setRowStretch(row, 0)
        self._grid.setRowStretch(-(-len(self.cards) // columns), 1)
        for column in range(2):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_cards(2 if event.size().width() >= self.TWO_COLUMN_MIN_WIDTH else 1)


    def on_shown(self) -> None:
        for label, uri in self._qr_codes:
            if label.pixmap().isNull():
                label.setPixmap(qr_pixmap(uri, self.QR_SIDE))
