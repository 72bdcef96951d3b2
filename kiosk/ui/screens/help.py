"""Get help now: every helpline, large, with a QR code to call from your own phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.domain import Helpline
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.labels import wrapped_label as _text
from kiosk.ui.widgets.qr import qr_pixmap
from kiosk.ui.widgets.touch import enable_kinetic_scroll


class HelpScreen(Screen):
    screen_id = "help"
    QR_SIDE = 140

    def __init__(self, helplines: list[Helpline], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Get help now")))
        layout.addWidget(_text(self.tr(
            "You can call any of these. You do not have to give your name."
        )))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        enable_kinetic_scroll(scroll)
        container = QWidget()
        column = QVBoxLayout(container)
        column.setSpacing(18)
        self.cards: list[QFrame] = []
        #: QR labels and their tel: links, drawn the first time the screen is shown.
        self._qr_codes: list[tuple[QLabel, str]] = []
        for line in helplines:
            card = QFrame()
            card.setObjectName("HelplineCard")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            grid = QGridLayout(card)
            grid.addWidget(_text(line.name, "subtitle"), 0, 0)
            number = _text(line.number, "title")
            grid.addWidget(number, 1, 0)
            # Hours and languages only when the promise does not already say them.
            extra = [x for x in (line.hours, line.languages) if x and x not in line.promise]
            details = " · ".join([line.promise, *extra])
            grid.addWidget(_text(details), 2, 0)
            if line.disclosure:
                grid.addWidget(_text(line.disclosure, "small"), 3, 0)
            qr = QLabel()
            qr.setFixedSize(self.QR_SIDE, self.QR_SIDE)
            self._qr_codes.append((qr, line.tel_uri))
            qr.setAccessibleName(self.tr("QR code to call %s") % line.number)
            grid.addWidget(qr, 0, 1, 4, 1, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(0, 1)
            card.setAccessibleName(f"{line.name}, {line.number}")
            self.cards.append(card)
            column.addWidget(card)
        column.addStretch(1)
        scroll.setWidget(container)
        layout.addWidget(scroll, 1)

    def nav_title(self) -> str:
        return self.tr("Get help now")

    def on_shown(self) -> None:
        for label, uri in self._qr_codes:
            if label.pixmap().isNull():
                label.setPixmap(qr_pixmap(uri, self.QR_SIDE))
