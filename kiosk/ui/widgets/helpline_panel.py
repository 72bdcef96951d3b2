"""The helpline panel shown on every screen: featured line large, its QR code, the others."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import Helpline
from kiosk.present.helplines import CRISIS_TELS
from kiosk.ui.widgets.labels import wrapped_label as _label
from kiosk.ui.widgets.qr import QrLabel
from kiosk.ui.widgets.touch import enable_kinetic_scroll

PANEL_WIDTH = 360
#: The side column on a 1024-pixel-wide landscape screen, so the page keeps room for its
#: buttons and filter chips (the crisis strip above still shows 988 and 911 in full).
NARROW_PANEL_WIDTH = 290
QWIDGETSIZE_MAX = (1 << 24) - 1


def _block(*widgets: QWidget) -> QWidget:
    block = QWidget()
    column = QVBoxLayout(block)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    for widget in widgets:
        column.addWidget(widget)
    return block


class HelplinePanel(QFrame):
    """A column beside the content (landscape) or a strip below it (portrait).

    988 and 911 are on the crisis strip above every screen, so the panel lists the other
    lines (SAMHSA's free National Helpline among them) under the featured one. Compact mode
    (short screens) leaves out only the heading.
    """

    QR_SIDE = 132

    def __init__(self, helplines: list[Helpline], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HelplinePanel")
        # The full-width column to start with (the style sheet knows [narrow="true"] only):
        # the window's first PANEL_WIDTH is then no change to restyle every label for.
        self.setProperty("narrow", False)
        self.setAccessibleName(self.tr("Helplines"))
        # A column on a short screen scrolls rather than squeezing its lines on top of each
        # other; as a strip (portrait) it takes the height its text needs.
        self._area = QScrollArea()
        self._area.setFrameShape(QFrame.Shape.NoFrame)
        self._area.setWidgetResizable(True)
        self._area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        enable_kinetic_scroll(self._area)
        inner = QWidget()
        self._area.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._area)
        self._grid = QGridLayout(inner)
        self._grid.setContentsMargins(20, 16, 20, 16)
        self._grid.setHorizontalSpacing(20)
        self._grid.setVerticalSpacing(10)
        self.featured: Helpline | None = helplines[0] if helplines else None
        self.heading = _label(self.tr("Need to talk to someone now?"), role="subtitle")
        self.others: list[QLabel] = []
        f = self.featured
        if f is None:
            self.top = _block(self.heading, _label(self.tr("Ask a staff member for help.")))
            self.qr_block = _block()
            self.bottom = _block()
        else:
            self.name_label = _label(f.name, name="HelplineName")
            self.number_label = _label(f.number, name="HelplineNumber")
            self.number_label.setAccessibleName(self.tr("Phone number %s") % f.number)
            self.promise_label = _label(f.promise)
            self.qr_label = QrLabel(f.tel_uri, self.QR_SIDE)
            self.qr_label.setObjectName("HelplineQr")
            self.qr_label.setAccessibleName(self.tr("QR code to call %s") % f.number)
            self.qr_caption = _label(self.tr("Scan to call from your phone."), role="small")
            self.disclosure_label = _label(f.disclosure, name="HelplineDisclosure", role="small")
            self.disclosure_label.setVisible(bool(f.disclosure))
            for other in helplines[1:]:
                if other.tel in CRISIS_TELS:
                    continue
                label = _label(f"{other.name}: {other.number}", name="HelplineOther")
                label.setAccessibleDescription(other.promise)
                self.others.append(label)
            self.top = _block(self.heading, self.name_label, self.number_label,
                              self.promise_label)
            self.qr_block = _block(self.qr_label, self.qr_caption)
            self.bottom = _block(self.disclosure_label, *self.others)
            self.setAccessibleDescription(f"{f.name}, {f.number}. {f.promise}")
        self.wide = True
        self._column_width = PANEL_WIDTH
        self.set_wide(False)

    def _fit_strip_height(self) -> None:
        """As a strip: exactly the height its text needs at this width, no more."""
        grid = self._grid
        height = grid.totalHeightForWidth(max(1, self.width())) if grid.hasHeightForWidth() \
            else -1
        self._area.setFixedHeight(height if height > 0 else grid.totalSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.wide and event.size().width() != event.oldSize().width():
            self._fit_strip_height()

    def set_compact(self, compact: bool) -> None:
        self.heading.setVisible(not compact)

    def set_column_width(self, width: int) -> None:
        """The side column's width (PANEL_WIDTH or NARROW_PANEL_WIDTH)."""
        self._column_width = width
        narrow = width < PANEL_WIDTH
        if self.property("narrow") != narrow:
            # The number in smaller type, so it still fits the narrower column whole; and
            # slimmer sides, so that with the largest text the longest number of the other
            # lines (1-800-662-4357, which never breaks) fits beside its scroll bar.
            self.setProperty("narrow", narrow)
            side = 14 if narrow else 20
            self._grid.setContentsMargins(side, 16, side, 16)
            for label in self.findChildren(QLabel):
                # One not styled yet (the window being built) gets the new look when first
                # shown; asking for the style would have PySide build QStyle's Python class
                # (some 560 enum values) before the first frame.
                if label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                    style = label.style()
                    style.unpolish(label)
                    style.polish(label)
        if not self.wide:
            self.setFixedWidth(width)

    def set_wide(self, wide: bool) -> None:
        """Lay out as a bottom strip (wide) or a side column."""
        if wide == self.wide:
            return
        self.wide = wide
        grid = self._grid
        for block in (self.top, self.qr_block, self.bottom):
            grid.removeWidget(block)
        for row in range(4):
            grid.setRowStretch(row, 0)
        if wide:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
            self._area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self._fit_strip_height()
            grid.addWidget(self.top, 0, 0)
            grid.addWidget(self.bottom, 1, 0)
            grid.addWidget(self.qr_block, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 0)
        else:
            self.setFixedWidth(self._column_width)
            self._area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self._area.setMinimumHeight(0)
            self._area.setMaximumHeight(QWIDGETSIZE_MAX)
            # Never let the panel's text set the window's minimum height: on short screens
            # the shell switches it to compact instead (MainWindow.resizeEvent).
            self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
            grid.addWidget(self.top, 0, 0)
            grid.addWidget(self.qr_block, 1, 0)
            grid.addWidget(self.bottom, 2, 0)
            grid.setRowStretch(3, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 0)
