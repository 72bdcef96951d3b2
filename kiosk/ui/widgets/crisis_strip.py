"""The crisis strip: 988 and 911, large, on every screen at every size.

It sits under the top bar, outside the page area, so no page, the on-screen keyboard (a
dock below the pages) or an in-window overlay (they start below it) can cover it. Its two
lines wrap rather than elide, and stack when the window is too narrow for one row.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QSizePolicy, QWidget

from kiosk.ui.widgets.labels import wrapped_label
from kiosk.ui.widgets.qr import QrLabel

#: The Lifeline's own link: calls 988 (texting is offered in the words beside it).
CRISIS_TEL_URI = "tel:988"
#: Below this width the two lines stack instead of sharing one row.
ONE_ROW_MIN_WIDTH = 900


class CrisisStrip(QFrame):
    QR_SIDE = 64

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrisisStrip")
        self.setAccessibleName(self.tr("Crisis help"))
        self.crisis_label = wrapped_label(self.tr("In crisis? Call or text 988"),
                                          name="CrisisLine")
        self.crisis_label.setAccessibleName(self.tr(
            "In crisis? Call or text 988, the Suicide and Crisis Lifeline"))
        self.emergency_label = wrapped_label(self.tr("Emergency (overdose): 911"),
                                             name="CrisisLine")
        self.emergency_label.setAccessibleName(self.tr(
            "Emergency, such as an overdose: call 911"))
        self.qr_label = QrLabel(CRISIS_TEL_URI, self.QR_SIDE)
        self.qr_label.setObjectName("CrisisQr")
        self.qr_label.setAccessibleName(self.tr("QR code to call 988"))

        self._lines = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._lines.setSpacing(4)
        for label in (self.crisis_label, self.emergency_label):
            self._lines.addWidget(label)
        self._lines.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 4, 16, 4)
        row.setSpacing(16)
        row.addLayout(self._lines, 1)
        row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignVCenter)
        # The lines stack (below) rather than widen the window: one row of longer words (a
        # translation, large text) must never push the kiosk past a 1024-pixel screen.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def _one_row_width(self) -> int:
        """The width both lines need side by side, unwrapped, with the QR code."""
        margins = self.contentsMargins()
        row = self.layout()
        spacing = row.spacing() if row is not None else 0
        lines = sum(label.fontMetrics().horizontalAdvance(label.text()) + 2
                    for label in (self.crisis_label, self.emergency_label))
        return margins.left() + margins.right() + 16 + 16 + lines + 48 + spacing + self.QR_SIDE

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        one_row = event.size().width() >= max(ONE_ROW_MIN_WIDTH, self._one_row_width())
        direction = (QBoxLayout.Direction.LeftToRight if one_row
                     else QBoxLayout.Direction.TopToBottom)
        if self._lines.direction() != direction:
            self._lines.setDirection(direction)
            self._lines.setSpacing(48 if one_row else 4)
            for label in (self.crisis_label, self.emergency_label):
                # One row: each line at its full width (there is room); stacked: they wrap
                # rather than elide if a large font needs more than the width.
                label.setWordWrap(not one_row)
