-- Version 1: the settings table that records facts about this database itself.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('created_utc', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
