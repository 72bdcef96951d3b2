"""Run by the system's python3 (pyatspi is a Debian package, not on PyPI): find the kiosk in
the AT-SPI desktop, as Orca does, go where a visitor would, and print what a screen reader
finds on each screen as one JSON object.

The tour: Home as it starts; "Compare levels" pressed through its tab's action; "Find a
program", a state pressed through its button's action, and the first program of the list
tapped (a pointer click at the row's place on the screen, which AT-SPI reports). The first
state with programs is the one pressed.
"""

import json
import sys
import time

import pyatspi

#: Roles whose words are in their text, not their name (a document, a text field).
TEXT_ROLES = {"text", "document text", "document frame", "paragraph", "entry"}


def find_app(name: str, seconds: float) -> object | None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        time.sleep(0.1)
    return None


def walk(node: object, found: list[tuple[object, dict[str, object]]], depth: int = 0) -> None:
    if node is None or depth > 60:
        return
    states = node.getState()
    if not states.contains(pyatspi.STATE_SHOWING):
        return
    role = node.getRoleName()
    entry: dict[str, object] = {"role": role, "name": node.name or "",
                                "focusable": states.contains(pyatspi.STATE_FOCUSABLE)}
    if role in TEXT_ROLES:
        try:
            text = node.queryText()
            entry["text"] = text.getText(0, min(text.characterCount, 4000))
        except NotImplementedError:
            pass
    found.append((node, entry))
    for i in range(node.childCount):
        walk(node.getChildAtIndex(i), found, depth + 1)


def nodes_of(app: object) -> list[tuple[object, dict[str, object]]]:
    found: list[tuple[object, dict[str, object]]] = []
    walk(app, found)
    return found


def wait_for(app: object, role: str, prefix: str, seconds: float = 10) -> object | None:
    """The first showing node of that role whose name starts with `prefix`, once there."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for node, entry in nodes_of(app):
            if entry["role"] == role and str(entry["name"]).startswith(prefix):
                return node
        time.sleep(0.1)
    return None


def press(node: object) -> None:
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("Press"))


def first_state(app: object, seconds: float = 10) -> object | None:
    """The first state button that can be pressed (one with programs), once shown."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for area, entry in nodes_of(app):
            if entry["name"] != "States":
                continue
            for node, inner in nodes_of(area):
                if inner["role"] == "push button":
                    action = node.queryAction()
                    if "Press" in [action.getName(i) for i in range(action.nActions)]:
                        return node
        time.sleep(0.1)
    return None


def table_of(node: object) -> dict[str, object]:
    """What the AT-SPI Table interface says: its size and its header cells."""
    table = node.queryTable()
    columns = [table.getColumnHeader(c) for c in range(table.nColumns)]
    rows = [table.getRowHeader(r) for r in range(table.nRows)]
    return {"name": node.name or "", "rows": table.nRows, "columns": table.nColumns,
            "column_headers": [h.name if h is not None else "" for h in columns],
            "row_headers": [h.name if h is not None else "" for h in rows]}


def tour(app: object) -> dict[str, object]:
    screens: dict[str, object] = {"home": [e for _n, e in nodes_of(app)]}
    tables: list[dict[str, object]] = []
    press(wait_for(app, "page tab", "Compare levels"))
    if wait_for(app, "heading", "Levels of care") is not None:
        found = nodes_of(app)
        screens["compare"] = [e for _n, e in found]
        tables = [table_of(n) for n, e in found if e["role"] == "table"]
    press(wait_for(app, "page tab", "Find a program"))
    opened = ""
    state = first_state(app)
    if state is not None:
        # Straight on while the list loads and scroll bars come and go, as a reader does.
        press(state)
        programs = wait_for(app, "table", "Programs")
        # The list's first child is its (hidden) corner; the first row comes after it.
        rows = [programs.getChildAtIndex(i) for i in range(min(programs.childCount, 4))] \
            if programs is not None else []
        row = next((r for r in rows if r.getRoleName() == "table cell"), None)
        if row is not None:
            opened = row.name or ""
            box = row.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            pyatspi.Registry.generateMouseEvent(box.x + box.width // 2,
                                                box.y + box.height // 2, "b1c")
            if wait_for(app, "push button", "‹ Back to the list") is not None:
                screens["program"] = [e for _n, e in nodes_of(app)]
    return {"found": True, "screens": screens, "tables": tables, "opened": opened}


def main() -> None:
    app = find_app(sys.argv[1], float(sys.argv[2]))
    if app is None:
        print(json.dumps({"found": False}))  # noqa: T201 - the answer, read by the test
        return
    print(json.dumps(tour(app)))  # noqa: T201 - the answer


if __name__ == "__main__":
    main()
