-- Recovery Guide Kiosk content database: the single source of truth for its schema.
-- Built by db/build.py; opened read-only by the kiosk. Bump user_version (and
-- kiosk.store.connect.SCHEMA_VERSION) on any change.
PRAGMA application_id = 1380401995;  -- 'RGKK'
PRAGMA user_version = 2;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- ---------------------------------------------------------------- content --
CREATE TABLE guide_section (
    id       TEXT NOT NULL,
    lang     TEXT NOT NULL,
    position INTEGER NOT NULL,
    topic    TEXT NOT NULL,
    title    TEXT NOT NULL,
    body_md  TEXT NOT NULL,
    PRIMARY KEY (lang, id)
);
CREATE TABLE faq (
    id        TEXT NOT NULL,
    lang      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    question  TEXT NOT NULL,
    answer_md TEXT NOT NULL,
    PRIMARY KEY (lang, id)
);
CREATE TABLE care_level (
    id             TEXT NOT NULL,
    lang           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    short_name     TEXT NOT NULL,
    summary        TEXT NOT NULL,
    where_you_live TEXT NOT NULL,
    weekly_hours   TEXT NOT NULL,
    best_for       TEXT NOT NULL,
    cost           TEXT NOT NULL,
    supervision    TEXT NOT NULL,
    PRIMARY KEY (lang, id)
);
CREATE TABLE checklist_item (
    id         TEXT NOT NULL,
    lang       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    item_group TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (lang, id)
);
CREATE TABLE helpline (
    id         TEXT NOT NULL,
    lang       TEXT NOT NULL,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    number     TEXT NOT NULL,
    tel        TEXT NOT NULL,
    promise    TEXT NOT NULL,
    hours      TEXT NOT NULL,
    languages  TEXT NOT NULL,
    disclosure TEXT NOT NULL,
    featured   INTEGER NOT NULL CHECK (featured IN (0, 1)),
    PRIMARY KEY (lang, id)
);
-- The directory's service labels and group titles in languages other than the directory's
-- own English (resources/content/<lang>/services.toml); keyed by SAMHSA code and by the
-- English group title the importer stores in directory_service.category.
CREATE TABLE service_text (
    lang  TEXT NOT NULL,
    code  TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (lang, code)
) WITHOUT ROWID;
CREATE TABLE service_category_text (
    lang     TEXT NOT NULL,
    category TEXT NOT NULL,
    title    TEXT NOT NULL,
    PRIMARY KEY (lang, category)
) WITHOUT ROWID;

-- -------------------------------------------------------------- directory --
-- (owned by the directory importer)
-- SAMHSA's National Directory, substance use facilities only (kiosk/importers/samhsa.py).
-- Service codes in plain language, grouped for visitors; `position` orders groups then codes.
CREATE TABLE directory_service (
    code            TEXT PRIMARY KEY,
    label           TEXT NOT NULL,
    category        TEXT NOT NULL,
    position        INTEGER NOT NULL,
    source_label    TEXT NOT NULL,
    source_category TEXT NOT NULL
) WITHOUT ROWID;
-- levels: space-separated kiosk.domain.DIRECTORY_LEVELS; services: space-separated codes;
-- intake_phones: newline-separated; position_kind: exact (locator) | approximate (ZIP) | none;
-- website: an http(s) address ('' when the source has none; SAMHSA's directory never has).
-- Version 2 added website (version 1 had the same columns without it).
CREATE TABLE facility (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name2         TEXT NOT NULL,
    street1       TEXT NOT NULL,
    street2       TEXT NOT NULL,
    city          TEXT NOT NULL,
    state         TEXT NOT NULL,
    zip           TEXT NOT NULL CHECK (length(zip) = 5),
    phone         TEXT NOT NULL,
    intake_phones TEXT NOT NULL,
    levels        TEXT NOT NULL,
    services      TEXT NOT NULL,
    latitude      REAL,
    longitude     REAL,
    position_kind TEXT NOT NULL CHECK (position_kind IN ('exact', 'approximate', 'none')),
    website       TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX facility_state ON facility (state, name);
-- Local programs from a library's HSDS list (local_source, local_program) are kept apart
-- from `facility` in tables kiosk/store/local_sources.py creates on the first import.
-- directory_pack (chunk, part, data): the directory screen's index packed from `facility`
-- by kiosk/store/directory.py's pack_index, which every search index build runs.
-- Every US ZIP's centroid (from the offline `zipcodes` package) for "near my ZIP".
CREATE TABLE zip_centroid (
    zip       TEXT PRIMARY KEY,
    state     TEXT NOT NULL,
    latitude  REAL NOT NULL,
    longitude REAL NOT NULL
) WITHOUT ROWID;

-- ----------------------------------------------------------------- search --
-- (owned by search) Filled by kiosk.store.search.build_index after the content and
-- the directory are loaded. One row per searchable thing; text is plain (Markdown removed).
-- lang is '' for facilities (they are the same in every language).
CREATE TABLE search_doc (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('guide', 'faq', 'facility')),
    ref_id   TEXT NOT NULL,
    lang     TEXT NOT NULL,
    title    TEXT NOT NULL,
    place    TEXT NOT NULL,
    keywords TEXT NOT NULL,
    body     TEXT NOT NULL,
    levels   TEXT NOT NULL DEFAULT '',  -- facilities: space-separated DIRECTORY_LEVELS
    UNIQUE (kind, lang, ref_id)
);
-- Every index word with the number of rows it occurs in: the typo-correction vocabulary.
CREATE TABLE search_term (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
-- The same words per content language: that language's guide and FAQs plus the facilities
-- (which every language searches), so a Spanish typo is corrected to a Spanish word.
CREATE TABLE search_term_lang (
    lang TEXT NOT NULL,
    term TEXT NOT NULL,
    docs INTEGER NOT NULL,
    PRIMARY KEY (lang, term)
) WITHOUT ROWID;
-- When the building SQLite has FTS5, build_index also creates two external-content indexes
-- over search_doc (the kiosk falls back to a plain scan when its SQLite lacks FTS5):
--   search_content_fts(title, keywords, body)   guide sections and FAQs
--   search_facility_fts(title, place, keywords)  facilities (keywords: the state's name),
--                                                in state, city, name order
