-- Recovery Guide Kiosk content database: the single source of truth for its schema.
-- Built by db/build.py; opened read-only by the kiosk. Bump user_version (and
-- kiosk.store.connect.SCHEMA_VERSION) on any change.
PRAGMA application_id = 1380401995;  -- 'RGKK'
PRAGMA user_version = 1;

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

-- -------------------------------------------------------------- directory --
-- (owned by the directory importer, issue 4)

-- ----------------------------------------------------------------- search --
-- (owned by search, issue 5)
