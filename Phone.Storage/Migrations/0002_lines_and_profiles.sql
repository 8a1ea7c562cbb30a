-- Version 2: PBX profiles and SIP lines. Enums are stored by name so a reordered enum
-- cannot silently change meaning.
CREATE TABLE pbx_profile (
    id                         INTEGER PRIMARY KEY AUTOINCREMENT,
    name                       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    sync_method                TEXT NOT NULL,
    accept_ua_csta             INTEGER NOT NULL DEFAULT 0,
    dnd_on_code                TEXT NOT NULL DEFAULT '',
    dnd_off_code               TEXT NOT NULL DEFAULT '',
    forward_always_on_code     TEXT NOT NULL DEFAULT '',
    forward_always_off_code    TEXT NOT NULL DEFAULT '',
    forward_busy_on_code       TEXT NOT NULL DEFAULT '',
    forward_busy_off_code      TEXT NOT NULL DEFAULT '',
    forward_no_answer_on_code  TEXT NOT NULL DEFAULT '',
    forward_no_answer_off_code TEXT NOT NULL DEFAULT '',
    forward_pattern            TEXT NOT NULL DEFAULT '{code}{number}',
    seconds_per_ring           INTEGER NOT NULL DEFAULT 6,
    event_package              TEXT NOT NULL DEFAULT 'as-feature-event'
);

CREATE TABLE line (
    number              INTEGER PRIMARY KEY NOT NULL CHECK (number >= 1),
    enabled             INTEGER NOT NULL DEFAULT 0,
    label               TEXT NOT NULL DEFAULT '',
    user                TEXT NOT NULL DEFAULT '',
    display_name        TEXT NOT NULL DEFAULT '',
    auth_user           TEXT NOT NULL DEFAULT '',
    -- Data Protection ciphertext; NULL when no password is set. Never plaintext.
    password_protected  TEXT NULL,
    registrar_host      TEXT NOT NULL DEFAULT '',
    port                INTEGER NOT NULL DEFAULT 5060,
    transport           TEXT NOT NULL DEFAULT 'Udp',
    outbound_proxy      TEXT NULL,
    registration_expiry INTEGER NOT NULL DEFAULT 3600,
    feature_sync        INTEGER NOT NULL DEFAULT 0,
    -- RESTRICT: a profile in use cannot disappear under a line.
    pbx_profile_id      INTEGER NULL REFERENCES pbx_profile (id) ON DELETE RESTRICT
);
CREATE INDEX line_pbx_profile ON line (pbx_profile_id);
