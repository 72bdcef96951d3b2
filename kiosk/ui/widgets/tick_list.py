"""A list of tick boxes where the whole row is the touch target."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView, QWidget

from kiosk.ui.models import CheckListModel
from kiosk.ui.widgets.touch import enable_kinetic_scroll


class TickListView(QListView):
    def __init__(self, model: CheckListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setWordWrap(True)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.clicked.connect(self._on_self_clicked)
        enable_kinetic_scroll(self)

    def _on_self_clicked(self, index: QModelIndex) -> None:
        self._model.toggle(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self._model.toggle(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)
