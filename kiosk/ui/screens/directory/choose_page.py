"""Choose where to look: a grid of states with their counts, or a ZIP on the keypad."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import theme
from kiosk.ui.screens.base import heading
from kiosk.ui.screens.directory.us_names import US_NAMES
from kiosk.ui.screens.directory.width_fitted import WidthFittedPage
from kiosk.ui.widgets.keypad import NumericKeypad
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

#: The state grid never has more columns than this, however wide the screen.
MAX_COLUMNS = 5
#: The narrowest a state button is made.
STATE_BUTTON_PX = 215

def state_name(code: str) -> str:
    """"California" for "CA"; a code the `us` package does not know stays as it is."""
    return US_NAMES.get(code, code)


class ChoosePage(WidthFittedPage):
    """State buttons (each with its number of programs) beside a ZIP field and keypad."""

    state_chosen = Signal(str)
    zip_entered = Signal(str)
    local_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = 0
        self.state_buttons: dict[str, TouchButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Find a program")))
        intro = QLabel(self.tr("Choose your state, or enter a ZIP code to see the nearest "
                               "programs first."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # Every program of the library's own lists, wherever it is (some have no US state).
        self.local_button = TouchButton("")
        self.local_button.clicked.connect(self.local_chosen)
        self.local_button.hide()
        layout.addWidget(self.local_button)
        row = self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(16)
        layout.addLayout(row, 1)
        self._stacked = False

        self.state_area = QScrollArea()
        self.state_area.setWidgetResizable(True)
        self.state_area.setFrameShape(QFrame.Shape.NoFrame)
        self.state_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.state_area.setAccessibleName(self.tr("States"))
        self.state_area.installEventFilter(self)
        enable_kinetic_scroll(self.state_area)
        grid_host = QWidget()
        self._state_grid = QGridLayout(grid_host)
        self._state_grid.setContentsMargins(0, 0, 8, 0)
        self._state_grid.setSpacing(8)
        self.state_area.setWidget(grid_host)
        row.addWidget(self.state_area, 3)
        row.addWidget(self._build_zip_box(), 2)

    def set_local_text(self, text: str) -> None:
        """Offer the local programs on their own ("" hides the button)."""
        self.local_button.setText(text)
        self.local_button.setAccessibleName(text)
        self.local_button.setVisible(bool(text))

    def fit_width(self, width: int) -> None:
        # Beside the ZIP keypad, a narrow page leaves the states a column too thin for
        # their names; there the keypad goes on top and the states below it, full width.
        stacked = self.wants_stacked(width)
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self._row.setDirection(QBoxLayout.Direction.BottomToTop if stacked
                               else QBoxLayout.Direction.LeftToRight)
        button_height = next(iter(self.state_buttons.values())).height() \
            if self.state_buttons else theme.touch_target_px(self)
        self.state_area.setMinimumHeight(3 * button_height if stacked else 0)

    def _build_zip_box(self) -> QWidget:
        zip_box = QVBoxLayout()
        zip_label = QLabel(self.tr("Your ZIP code"))
        zip_label.setProperty("role", "subtitle")
        zip_box.addWidget(zip_label)
        self.zip_edit = QLineEdit()
        self.zip_edit.setMaxLength(5)
        self.zip_edit.setValidator(QRegularExpressionValidator(r"\d{0,5}", self.zip_edit))
        self.zip_edit.setPlaceholderText(self.tr("5 digits"))
        self.zip_edit.setAccessibleName(self.tr("ZIP code"))
        self.zip_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.zip_edit.setMinimumHeight(56)
        self.zip_edit.setProperty("bigDigits", True)
        self.zip_edit.returnPressed.connect(self._on_zip_edit_return_pressed)
        zip_label.setBuddy(self.zip_edit)
        zip_box.addWidget(self.zip_edit)
        self.keypad = NumericKeypad(self.zip_edit, done_text=self.tr("Show programs"))
        self.keypad.done.connect(self._on_keypad_done)
        keys = self.keypad.layout()
        if isinstance(keys, QGridLayout):
            for column in range(3):
                keys.setColumnStretch(column, 1)
        zip_box.addWidget(self.keypad)
        self.zip_error = QLabel()
        self.zip_error.setWordWrap(True)
        self.zip_error.setProperty("role", "error")
        zip_box.addWidget(self.zip_error)
        zip_box.addStretch(1)
        zip_host = QWidget()
        zip_host.setLayout(zip_box)
        zip_host.setMinimumWidth(300)
        zip_host.setMaximumWidth(420)
        return zip_host

    # ---------------------------------------------------------------- states --
    def has_states(self) -> bool:
        return bool(self.state_buttons)

    def set_state_counts(self, counts: dict[str, int]) -> None:
        """One button per state and territory (and any other code in `counts`), by name."""
        for button in self.state_buttons.values():
            self._state_grid.removeWidget(button)
            button.deleteLater()
        self.state_buttons = {}
        self._columns = 0
        names = dict(US_NAMES)
        for code in counts:
            names.setdefault(code, code)
        for code, name in sorted(names.items(), key=lambda item: item[1]):
            self.state_buttons[code] = self._state_button(code, name, counts.get(code, 0))
        self._layout_state_grid()

    def _state_button(self, code: str, name: str, count: int) -> TouchButton:
        text = (self.tr("{state}\n1 program").format(state=name) if count == 1 else
                self.tr("{state}\n{count} programs").format(state=name, count=f"{count:,}"))
        button = TouchButton(text)
        button.setProperty("stateButton", True)
        button.setAccessibleName(text.replace("\n", ", "))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_state_button(button)
        button.setEnabled(count > 0)
        button.clicked.connect(lambda _=False, c=code: self.state_chosen.emit(c))
        return button

    @staticmethod
    def _fit_state_button(button: TouchButton) -> None:
        # Two lines of its font: measured again when the visitor's text size changes.
        button.ensurePolished()
        button.setFixedHeight(max(2 * button.fontMetrics().lineSpacing() + 24,
                                  button.minimumSizeHint().height()))

    def refit(self) -> None:
        for button in self.state_buttons.values():
            self._fit_state_button(button)
        self._layout_state_grid()
        super().refit()

    def _layout_state_grid(self) -> None:
        width = self.state_area.width() - 24
        # As many columns as the widest name leaves room for ("Northern Mariana Islands"
        # is half as wide again as most), never narrower than a button for normal text.
        spacing = self._state_grid.spacing()
        hints = (button.sizeHint().width() for button in self.state_buttons.values())
        widest = max(STATE_BUTTON_PX, *hints)
        columns = max(1, min(MAX_COLUMNS, (width + spacing) // (widest + spacing)))
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.state_buttons.values():
            self._state_grid.removeWidget(button)
        for i, button in enumerate(self.state_buttons.values()):
            self._state_grid.addWidget(button, i // columns, i % columns)
        for column in range(MAX_COLUMNS):
            self._state_grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.state_area and event.type() == QEvent.Type.Resize \
                and self.state_buttons:
            self._layout_state_grid()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------- ZIP --
    def set_zip_error(self, text: str) -> None:
        self.zip_error.setText(text)

    def _on_keypad_done(self) -> None:
        self.zip_entered.emit(self.zip_edit.text())

    def _on_zip_edit_return_pressed(self) -> None:
        self.zip_entered.emit(self.zip_edit.text())

    # --------------------------------------------------------------- session --
    def reset(self, zip_code: str) -> None:
        """Back to `zip_code` (the kiosk's own, or empty) with no undo history or error."""
        self.zip_edit.setText("")
        self.zip_edit.setText(zip_code)
        self.zip_error.setText("")
        self.state_area.verticalScrollBar().setValue(0)
