"""Run by the system's python3 (pyatspi is a Debian package, not on PyPI): find the kiosk in
the AT-SPI desktop, as Orca does, and print what a screen reader finds as one JSON object."""

import json
import sys
import time

import pyatspi


def find_app(name: str, seconds: float) -> object | None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.25)
    return None


def walk(node: object, found: list[dict[str, object]], depth: int = 0) -> None:
    if node is None or depth > 60:
        return
    states = node.getState()
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    found.append({"role": node.getRoleName(), "name": node.name or "",
                  "focusable": states.contains(pyatspi.STATE_FOCUSABLE)})
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), found, depth + 1)


app = find_app(sys.argv[1], float(sys.argv[2]))
if app is None:
    print(json.dumps({"found": False}))  # noqa: T201 - the answer, read by the test
    sys.exit(0)
nodes: list[dict[str, object]] = []
walk(app, nodes)
print(json.dumps({"found": True, "nodes": nodes}))  # noqa: T201 - the answer
