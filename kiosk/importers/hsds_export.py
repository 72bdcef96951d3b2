"""Write the whole directory, SAMHSA's programs and local ones, as an Open Referral HSDS 3.0
data package that a 211, a county list or another kiosk can import.

Ids are UUIDs made from the kiosk's own ids (uuid5), so exporting the same directory twice
gives the same package. SAMHSA's service codes become attributes pointing at terms of a
taxonomy of their own ("SAMHSA National Directory service codes"). Only positions SAMHSA's
locator gave are written as coordinates: a ZIP code's centre is not the program's place.

HSDS 3.0 has no holiday table and no time zone name, so two kinds of schedule row carry
what the kiosk knows, marked in their `notes` (and read back by kiosk.importers.hsds):
"Closed on these dates." with valid_from/valid_to, "Special hours on these dates." with
opening times, and "Times are local time in <zone>." on rows whose zone has a name.
"""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain import Facility, OpeningHours
from kiosk.importers.hsds_package import DESCRIPTOR
from kiosk.store import local_sources
from kiosk.store.directory import DirectoryRepository

NAMESPACE = uuid.UUID("6f1c9a52-2b0e-4d6a-9a57-3f0f3c1d9e21")
SAMHSA_TAXONOMY = "SAMHSA National Directory service codes"
LOCAL_TAXONOMY = "Local list terms (as imported)"

CLOSED_NOTE = "Closed on these dates."
SPECIAL_NOTE = "Special hours on these dates."
ZONE_NOTE = "Times are local time in {zone}."
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

#: (table, file, [(field, Table Schema type, required)]): the 3.0 fields this kiosk writes.
S, N, D, T = "string", "number", "date", "time"
TABLES: tuple[tuple[str, str, tuple[tuple[str, str, bool], ...]], ...] = (
    ("organization", "organizations.csv", (("id", S, True), ("name", S, True),
                                           ("description", S, True), ("website", S, False),
                                           ("email", S, False))),
    ("service", "services.csv", (("id", S, True), ("organization_id", S, True),
                                 ("name", S, True), ("description", S, False),
                                 ("url", S, False), ("email", S, False), ("status", S, True),
                                 ("application_process", S, False),
                                 ("fees_description", S, False),
                                 ("eligibility_description", S, False))),
    ("location", "locations.csv", (("id", S, True), ("location_type", S, True),
                                   ("organization_id", S, False), ("name", S, False),
                                   ("latitude", N, False), ("longitude", N, False))),
    ("service_at_location", "service_at_location.csv", (
        ("id", S, True), ("service_id", S, True), ("location_id", S, True))),
    ("address", "addresses.csv", (("id", S, True), ("location_id", S, False),
                                  ("address_1", S, True), ("address_2", S, False),
                                  ("city", S, True), ("state_province", S, True),
                                  ("postal_code", S, True), ("country", S, True),
                                  ("address_type", S, True))),
    ("phone", "phones.csv", (("id", S, True), ("service_id", S, False),
                             ("number", S, True), ("extension", N, False),
                             ("type", S, False), ("description", S, False))),
    ("schedule", "schedules.csv", (("id", S, True), ("service_id", S, False),
                                   ("valid_from", D, False), ("valid_to", D, False),
                                   ("timezone", N, False), ("freq", S, False),
                                   ("byday", S, False), ("description", S, False),
                                   ("opens_at", T, False), ("closes_at", T, False),
                                   ("notes", S, False))),
    ("language", "languages.csv", (("id", S, True), ("service_id", S, False),
                                   ("name", S, False))),
    ("accessibility", "accessibility.csv", (("id", S, True), ("location_id", S, False),
                                            ("description", S, False))),
    ("service_area", "service_areas.csv", (("id", S, True), ("service_id", S, False),
                                           ("name", S, False))),
    ("taxonomy", "taxonomies.csv", (("id", S, True), ("name", S, True),
                                    ("description", S, True))),
    ("taxonomy_term", "taxonomy_terms.csv", (("id", S, True), ("code", S, False),
                                             ("name", S, True), ("description", S, True),
                                             ("taxonomy", S, False), ("taxonomy_id", S, False))),
    ("attribute", "attributes.csv", (("id", S, True), ("link_id", S, True),
                                     ("taxonomy_term_id", S, True), ("link_type", S, False),
                                     ("link_entity", S, True))),
)
_LINKS = {
    "service": (("organization_id", "organization"),),
    "location": (("organization_id", "organization"),),
    "service_at_location": (("service_id", "service"), ("location_id", "location")),
    "address": (("location_id", "location"),),
    "phone": (("service_id", "service"),),
    "schedule": (("service_id", "service"),),
    "language": (("service_id", "service"),),
    "accessibility": (("location_id", "location"),),
    "service_area": (("service_id", "service"),),
    "taxonomy_term": (("taxonomy_id", "taxonomy"),),
    "attribute": (("taxonomy_term_id", "taxonomy_term"),),
}


def new_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


@dataclass
class Written:
    path: Path
    programs: int = 0
    local: int = 0
    samhsa: int = 0
    #: Programs written without an address: HSDS needs a street line, city, state, ZIP and
    #: country, and the directory lacks one of them (SAMHSA's "- - -" streets).
    without_address: int = 0


@dataclass
class _Rows:
    tables: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {name: [] for name, _, _ in TABLES})
    terms: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)

    def add(self, table: str, **values: str) -> None:
        self.tables[table].append(values)


def _descriptor(date: str) -> dict[str, object]:
    resources = []
    for name, file, columns in TABLES:
        schema: dict[str, object] = {
            "fields": [{"name": f, "type": t, **({"format": "uuid"} if f.endswith("id")
                                                 and t == S else {}),
                        "constraints": {"required": r}} for f, t, r in columns],
            "primaryKey": "id",
            "foreignKeys": [{"fields": f, "reference": {"resource": other, "fields": "id"}}
                            for f, other in _LINKS.get(name, ())],
        }
        resources.append({"name": name, "path": file, "format": "csv", "encoding": "utf-8",
                          "profile": "tabular-data-resource", "schema": schema})
    return {"name": "recovery-guide-kiosk-directory", "title": "Recovery Guide Kiosk directory",
            "profile": "tabular-data-package", "version": "3.0.0", "updated": date,
            "resources": resources}


def _split_phone(number: str) -> tuple[str, str]:
    main, _, extension = number.partition(" ext. ")
    return main, extension if extension.isdigit() else ""


def _phones(rows: _Rows, service: str, phones: Iterable[tuple[str, str]]) -> None:
    for number, label in phones:
        main, extension = _split_phone(number)
        phone = new_id("phone", service, number)
        if phone in rows.phones:
            continue  # the same line listed twice (main and intake, say): once
        rows.phones.add(phone)
        rows.add("phone", id=phone, service_id=service, number=main, extension=extension,
                 type="voice", description=label)


def readable(part: str) -> bool:
    """False for the directory's placeholder parts ("- - -")."""
    return any(ch.isalnum() for ch in part)


def _address(rows: _Rows, location: str, f: Facility, country: str) -> None:
    street = f.street1 if readable(f.street1) else ""
    if not street or not f.city or not f.state or not f.zip or not country:
        return  # HSDS needs all of these; a partial address is left out, not made up
    rows.add("address", id=new_id("address", location), location_id=location,
             address_1=street, address_2=f.street2 if readable(f.street2) else "",
             city=f.city, state_province=f.state, postal_code=f.zip, country=country,
             address_type="physical")


def _zone_fields(hours: OpeningHours) -> tuple[str, str]:
    """(timezone number, note) for a schedule row."""
    text = hours.timezone
    if text[:1] in "+-" and ":" in text:
        sign = -1 if text[0] == "-" else 1
        h, m = text[1:].split(":")
        value = sign * (int(h) + int(m) / 60)
        return (f"{value:g}", "")
    return "", ZONE_NOTE.format(zone=text)


def _schedules(rows: _Rows, service: str, hours: OpeningHours) -> None:
    timezone, zone_note = _zone_fields(hours)
    groups: dict[tuple[str, str, str, str], list[int]] = {}
    for o in hours.openings:
        groups.setdefault((o.opens, o.closes, o.valid_from, o.valid_to), []).append(o.weekday)
    description = " ".join(hours.notes)
    for n, ((opens, closes, start, end), days) in enumerate(sorted(groups.items())):
        rows.add("schedule", id=new_id("schedule", service, str(n)), service_id=service,
                 valid_from=start, valid_to=end, timezone=timezone, freq="WEEKLY",
                 byday=",".join(_DAYS[d] for d in sorted(set(days))),
                 description=description if n == 0 else "",
                 opens_at=f"{opens}:00", closes_at=f"{closes}:00", notes=zone_note)
    for n, e in enumerate(hours.exceptions):
        special = not e.closed
        rows.add("schedule", id=new_id("exception", service, str(n)), service_id=service,
                 valid_from=e.start, valid_to=e.end, timezone=timezone,
                 freq="WEEKLY" if special else "", byday=",".join(_DAYS) if special else "",
                 description="", opens_at=f"{e.opens}:00" if special else "",
                 closes_at=f"{e.closes}:00" if special else "",
                 notes=" ".join(x for x in (SPECIAL_NOTE if special else CLOSED_NOTE,
                                           zone_note) if x))
    if not groups and description:
        rows.add("schedule", id=new_id("schedule", service, "words"), service_id=service,
                 valid_from="", valid_to="", timezone="", freq="", byday="",
                 description=description, opens_at="", closes_at="", notes="")


def _term(rows: _Rows, taxonomy: str, code: str, name: str, description: str) -> str:
    term = new_id("term", taxonomy, code or name)
    if term not in rows.terms:
        rows.terms.add(term)
        rows.add("taxonomy_term", id=term, code=code, name=name,
                 description=description or name, taxonomy=taxonomy,
                 taxonomy_id=new_id("taxonomy", taxonomy))
    return term


def _attribute(rows: _Rows, service: str, term: str) -> None:
    rows.add("attribute", id=new_id("attribute", service, term), link_id=service,
             taxonomy_term_id=term, link_type="service_type", link_entity="service")


def _samhsa(rows: _Rows, f: Facility, source: str) -> None:
    org, service, location = (new_id(k, f.id) for k in ("organization", "service",
                                                         "location"))
    rows.add("organization", id=org, name=f.name, website="", email="",
             description=f"Listed in {source}.")
    rows.add("service", id=service, organization_id=org, name=f.name,
             description=f.name2, url="", email="", status="active",
             application_process="", fees_description="", eligibility_description="")
    exact = f.position_kind == "exact" and f.latitude is not None and f.longitude is not None
    rows.add("location", id=location, location_type="physical", organization_id=org,
             name=f.name, latitude=f"{f.latitude}" if exact else "",
             longitude=f"{f.longitude}" if exact else "")
    rows.add("service_at_location", id=new_id("sal", f.id), service_id=service,
             location_id=location)
    _address(rows, location, f, "US")
    _phones(rows, service, [(f.phone, "main")] if f.phone else [])
    _phones(rows, service, [(p, "intake") for p in f.intake_phones if p != f.phone])
    for s in f.services:
        _attribute(rows, service, _term(rows, SAMHSA_TAXONOMY, s.code, s.label, s.category))


def _local(rows: _Rows, f: Facility) -> None:
    listing = f.local
    assert listing is not None
    org_name = listing.organization or f.name
    org = new_id("organization", listing.source_id, org_name)
    if org not in {r["id"] for r in rows.tables["organization"]}:
        rows.add("organization", id=org, name=org_name, website="", email="",
                 description=f"From {listing.source_name}, updated {listing.source_date}.")
    service, location = new_id("service", f.id), new_id("location", f.id)
    eligibility = [f"Ages {listing.ages}"] if listing.ages else []
    rows.add("service", id=service, organization_id=org, name=f.name,
             description=listing.description, url=listing.website, email=listing.email,
             status="active", application_process=listing.how_to_apply,
             fees_description="; ".join(listing.fees),
             eligibility_description="; ".join([*eligibility, *listing.eligibility]))
    if f.street1 or f.city or f.latitude is not None:
        exact = f.position_kind == "exact"
        rows.add("location", id=location, location_type="physical", organization_id=org,
                 name=f.name, latitude=f"{f.latitude}" if exact else "",
                 longitude=f"{f.longitude}" if exact else "")
        rows.add("service_at_location", id=new_id("sal", f.id), service_id=service,
                 location_id=location)
        us_state = len(f.state) == 2 and f.state.isupper()
        _address(rows, location, f, listing.country or ("US" if us_state else ""))
        for n, text in enumerate(listing.accessibility):
            rows.add("accessibility", id=new_id("access", f.id, str(n)), location_id=location,
                     description=text)
    _phones(rows, service, listing.phones)
    if listing.hours is not None:
        _schedules(rows, service, listing.hours)
    for n, name in enumerate(listing.languages):
        rows.add("language", id=new_id("language", f.id, str(n)), service_id=service,
                 name=name)
    for n, name in enumerate(listing.service_areas):
        rows.add("service_area", id=new_id("area", f.id, str(n)), service_id=service,
                 name=name)
    for term in listing.taxonomy_terms:
        _attribute(rows, service, _term(rows, LOCAL_TAXONOMY, "", term, ""))


def _write(folder: Path, rows: _Rows, date: str) -> None:
    taxonomies = {r["taxonomy"] for r in rows.tables["taxonomy_term"]}
    for name in sorted(taxonomies):
        rows.add("taxonomy", id=new_id("taxonomy", name), name=name,
                 description=("SAMHSA's service codes, as the kiosk groups them"
                              if name == SAMHSA_TAXONOMY else "Terms as the local list gave"))
    for name, file, columns in TABLES:
        with (folder / file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c for c, _, _ in columns])
            for row in rows.tables[name]:
                writer.writerow([row.get(c, "") for c, _, _ in columns])
    (folder / DESCRIPTOR).write_text(json.dumps(_descriptor(date), indent=1) + "\n",
                                     encoding="utf-8")


def _count_addresses(rows: _Rows, written: Written) -> None:
    located = {r["location_id"] for r in rows.tables["address"]}
    written.without_address = sum(1 for r in rows.tables["service_at_location"]
                                  if r["location_id"] not in located)


def export(conn: sqlite3.Connection, out: Path) -> Written:
    """Write the package into the folder `out` (made if needed; its files are replaced),
    or into the .zip `out`."""
    repo = DirectoryRepository(conn)
    rows = _Rows()
    written = Written(path=out)
    source = repo.source() or "SAMHSA's National Directory"
    for f in repo.search_facilities():
        if local_sources.is_local(f.id):
            _local(rows, f)
            written.local += 1
        else:
            _samhsa(rows, f, source)
            written.samhsa += 1
    written.programs = written.local + written.samhsa
    _count_addresses(rows, written)
    dates = [s.data_date for s in repo.local_sources()] + [repo.data_date()]
    date = max((d for d in dates if len(d) == 10), default="")
    if out.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="kiosk-export-") as temp:
            _write(Path(temp), rows, date)
            partial = out.with_name(out.name + ".partial")
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zipped:
                for file in sorted(Path(temp).iterdir()):
                    zipped.write(file, file.name)
            partial.replace(out)
        return written
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-export-", dir=out) as temp:
        _write(Path(temp), rows, date)
        for file in Path(temp).iterdir():
            shutil.move(str(file), out / file.name)
    return written
