-- Version 3: the last known state of each feature of each line, so it survives a restart.
CREATE TABLE feature_state (
    line        INTEGER NOT NULL REFERENCES line (number) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    enabled     INTEGER NOT NULL,
    target      TEXT NULL,
    ring_count  INTEGER NULL,
    standing    TEXT NOT NULL,
    origin      TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    detail      TEXT NULL,
    PRIMARY KEY (line, kind)
) WITHOUT ROWID;
