"""Check an HSDS data package against its own Table Schema with frictionless.

frictionless is imported inside `validate()` only: the kiosk itself never loads it (it
pulls in pydantic, jinja2 and more); only `kiosk-admin import hsds` and the export check do.

Only the tables the kiosk reads are checked; a link between them that the kiosk does not
follow (a location's organization, a term's vocabulary) is reported as a note, not an
error, because sample and real packages often leave those dangling and a visitor never
sees them. Everything else the validator finds stops the import.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from kiosk.importers.hsds_package import (
    DESCRIPTOR,
    V3,
    Problem,
    Table,
    resource_file,
    resources,
)

#: The tables the kiosk reads, per HSDS version.
USED_TABLES = {
    V3: ("organization", "service", "service_at_location", "location", "address", "phone",
         "schedule", "language", "accessibility", "cost_option", "service_area",
         "taxonomy_term", "attribute"),
    "1.1/2.0": ("organization", "service", "service_at_location", "location",
                "physical_address", "postal_address", "phone", "regular_schedule",
                "holiday_schedule", "language", "accessibility_for_disabilities",
                "eligibility", "payment_accepted", "service_area", "taxonomy",
                "service_taxonomy"),
}

_SCHEDULES = ("schedule", "regular_schedule", "holiday_schedule")
_PLACES = ("service_id", "location_id", "service_at_location_id")
#: Links the kiosk follows: a broken one would attach hours, phones or an address to the
#: wrong program or to none, so it stops the import.
USED_LINKS: frozenset[tuple[str, str]] = frozenset({
    ("service", "organization_id"),
    ("service_at_location", "service_id"), ("service_at_location", "location_id"),
    *((table, f) for table in _SCHEDULES for f in _PLACES),
    *(("phone", f) for f in (*_PLACES, "organization_id")),
    ("address", "location_id"), ("physical_address", "location_id"),
    ("postal_address", "location_id"),
    ("language", "service_id"), ("language", "location_id"),
    ("accessibility", "location_id"), ("accessibility_for_disabilities", "location_id"),
    ("cost_option", "service_id"), ("service_area", "service_id"),
    ("eligibility", "service_id"), ("payment_accepted", "service_id"),
    ("service_taxonomy", "service_id"), ("service_taxonomy", "taxonomy_id"),
    ("attribute", "taxonomy_term_id"),
})

#: Field formats older HSDS packages use that Table Schema spells differently.
_FORMAT_SPELLINGS = {"url": "uri"}


def _is_remote(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://", "ftp:"))


def checked_descriptor(descriptor: dict[str, Any], version: str
                       ) -> tuple[dict[str, Any], list[Problem], list[Problem]]:
    """The part of the descriptor the kiosk reads, ready for the validator; (descriptor,
    errors, notes). Remote parts are errors: the kiosk never goes on the network."""
    errors: list[Problem] = []
    notes: list[Problem] = []
    wanted = [n for n in USED_TABLES[version] if n in resources(descriptor)]
    if "service" not in wanted:
        errors.append(Problem(DESCRIPTOR, "the package has no service table"))
    kept: list[dict[str, Any]] = []
    for name in wanted:
        resource = copy.deepcopy(resources(descriptor)[name])
        for key in ("path", "schema", "dialect", "profile"):
            value = resource.get(key)
            if _is_remote(value) or (isinstance(value, list) and any(map(_is_remote, value))):
                errors.append(Problem(DESCRIPTOR, f"resource {name}: its {key} is on the "
                                      "internet; the kiosk reads only local files"))
        schema = resource.get("schema")
        if not isinstance(schema, dict):
            errors.append(Problem(DESCRIPTOR, f"resource {name} has no schema written into "
                                  f"{DESCRIPTOR}"))
            continue
        resource.setdefault("encoding", "utf-8")
        for spec in schema.get("fields", []):
            spelled = _FORMAT_SPELLINGS.get(str(spec.get("format", "")))
            if spelled:
                notes.append(Problem(DESCRIPTOR, f"resource {name}, field {spec.get('name')}:"
                                     f" format \"{spec['format']}\" read as \"{spelled}\""))
                spec["format"] = spelled
        schema["foreignKeys"] = [
            fk for fk in schema.get("foreignKeys", [])
            if isinstance(fk, dict) and fk.get("reference", {}).get("resource", "") in wanted]
        kept.append(resource)
    checked = {k: v for k, v in descriptor.items() if k != "resources"}
    if _is_remote(checked.get("profile")):
        checked.pop("profile")
    checked["resources"] = kept
    return checked, errors, notes


def _message(error: Any) -> str:
    note = str(getattr(error, "note", "") or "")
    kind = str(getattr(error, "type", ""))
    plain = {
        "type-error": "not a valid value",
        "constraint-error": "breaks a rule of the schema",
        "primary-key": "the same id appears on an earlier row",
        "unique-error": "the same value appears on an earlier row",
        "foreign-key": "names something the package does not have",
        "missing-cell": "the row has fewer values than the header",
        "extra-cell": "the row has more values than the header",
        "blank-header": "a column has no name",
        "duplicate-label": "two columns have the same name",
        "encoding-error": "not UTF-8 text",
    }.get(kind, kind.replace("-", " "))
    return f"{plain} ({note})" if note else plain


def validate(folder: Path, descriptor: dict[str, Any], version: str,
             tables: dict[str, Table]) -> tuple[list[Problem], list[Problem]]:
    """(errors, notes) for the package in `folder`; line numbers from `tables`."""
    checked, errors, notes = checked_descriptor(descriptor, version)
    if errors:
        return errors, notes
    from frictionless import Package, system  # only for the admin command (see above)

    with system.use_context(trusted=False):
        try:
            package = Package(checked, basepath=str(folder))
            report = package.validate(limit_errors=10_000)
        except Exception as exc:  # noqa: BLE001 - any descriptor fault is one report line
            return [Problem(DESCRIPTOR, f"the validator could not read it: {exc}")], notes
    for task_error in report.errors:
        errors.append(Problem(DESCRIPTOR, _message(task_error)))
    for task in report.tasks:
        table = tables.get(str(task.name))
        file = table.file if table is not None else str(task.place)
        # An empty line holds no program: the reader skips it, so it is only noted (with
        # the "no id" the validator also finds on it).
        blank = {getattr(e, "row_number", None) for e in task.errors if e.type == "blank-row"}
        notes.extend(Problem(file, "empty line skipped", line=table.line_of(row) if table
                             and row else None) for row in sorted(r for r in blank if r))
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if row in blank:
                continue
            line = table.line_of(row) if table is not None and row else None
            names = getattr(error, "field_names", None) or []
            field_name = str(getattr(error, "field_name", "") or ", ".join(names))
            problem = Problem(file, _message(error), row=row, line=line, field=field_name)
            link = (str(task.name), names[0] if len(names) == 1 else field_name)
            if error.type == "foreign-key" and link not in USED_LINKS:
                notes.append(Problem(file, problem.message + "; the kiosk does not use "
                                     "this link, so it imports the row", row=row, line=line,
                                     field=field_name))
            else:
                errors.append(problem)
    return errors, notes


def validate_export(folder: Path, schema_descriptor: Path) -> list[Problem]:
    """Check the CSVs of an exported package in `folder` against a reference HSDS
    datapackage.json (the official 3.0 schema): each exported table is validated with the
    reference's schema for it. Returns the problems (none: it passes)."""
    import csv
    import json

    from frictionless import Package, system

    reference = {str(r["name"]): r for r in json.loads(
        schema_descriptor.read_text(encoding="utf-8"))["resources"]}
    ours = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    problems: list[Problem] = []
    kept = []
    for resource in ours["resources"]:
        official = copy.deepcopy(reference[resource["name"]])
        by_name = {f["name"]: f for f in official["schema"]["fields"]}
        file = resource_file(resource)
        with (folder / file).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        # The package may leave optional fields out and order them its own way; each field
        # it writes must be one of the table's, of its type, and every required one present.
        problems.extend(Problem(file, "not a field of this HSDS 3.0 table", field=name)
                        for name in header if name not in by_name)
        problems.extend(Problem(file, "required by HSDS 3.0 but not written", field=name)
                        for name, spec in by_name.items()
                        if spec.get("constraints", {}).get("required") and name not in header)
        official["schema"]["fields"] = [by_name[name] for name in header if name in by_name]
        official["path"] = file
        kept.append(official)
    names = {r["name"] for r in kept}
    for resource in kept:
        written = {f["name"] for f in resource["schema"]["fields"]}
        resource["schema"]["foreignKeys"] = [
            fk for fk in resource["schema"].get("foreignKeys", [])
            if fk["reference"]["resource"] in names and fk["fields"] in written]
    with system.use_context(trusted=False):
        report = Package({"name": "export", "resources": kept},
                         basepath=str(folder)).validate(limit_errors=10_000)
    problems.extend(Problem(DESCRIPTOR, _message(e)) for e in report.errors)
    for task in report.tasks:
        problems.extend(Problem(str(task.place), _message(e),
                                row=getattr(e, "row_number", None),
                                field=str(getattr(e, "field_name", "") or ""))
                        for e in task.errors)
    return problems
