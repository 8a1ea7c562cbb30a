-- Version 4: bounded diagnostics. Rows are trimmed by the repositories after each insert.
CREATE TABLE sync_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    time     TEXT NOT NULL,
    line     INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    origin   TEXT NOT NULL,
    outcome  TEXT NOT NULL,
    text     TEXT NOT NULL
);
CREATE INDEX sync_log_line ON sync_log (line, id);

CREATE TABLE sip_trace (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    time        TEXT NOT NULL,
    line        INTEGER NULL,
    direction   TEXT NOT NULL,
    remote      TEXT NOT NULL,
    first_line  TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX sip_trace_line ON sip_trace (line, id);
