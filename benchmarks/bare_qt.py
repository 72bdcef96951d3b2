"""The baseline for benchmarks/startup.py: a bare QApplication and a QLabel.

Shown like the kiosk (full screen), it prints `first paint <unix time>` once its window's
first frame is painted and quits. Also frozen with PyInstaller for the frozen comparison.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._seen = False

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        print(f"first paint {time.time():.6f}", flush=True)
        self._app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = QLabel("Recovery Guide")
    # On its window alone, as the kiosk's --exit-after-first-paint watches its own.
    label.installEventFilter(FirstPaint(app))
    label.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
