-- Version 9: auto-provisioning. One settings row (id 1) and the fetch attempts. The cache
-- validators (etag, last_modified) belong to the URL they came from (validators_url): a new
-- URL or device id is a different file and must be fetched whole. The password is a Data
-- Protection ciphertext, like the lines' SIP passwords.
CREATE TABLE provisioning (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL DEFAULT '',
    device_id TEXT NOT NULL DEFAULT '',
    user TEXT NOT NULL DEFAULT '',
    password_protected TEXT NULL,
    ca_certificate_pem TEXT NOT NULL DEFAULT '',
    interval_hours INTEGER NOT NULL DEFAULT 24,
    check_sync INTEGER NOT NULL DEFAULT 1,
    etag TEXT NULL,
    last_modified TEXT NULL,
    validators_url TEXT NULL,
    last_applied TEXT NOT NULL DEFAULT ''
);
INSERT INTO provisioning (id) VALUES (1);

CREATE TABLE provisioning_attempt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    trigger TEXT NOT NULL,
    url TEXT NOT NULL,
    http_status INTEGER NULL,
    etag TEXT NULL,
    bytes INTEGER NOT NULL DEFAULT 0,
    tries INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

-- Bounded to the newest 50 rows in the inserting transaction: a phone that fails every hour
-- for a year must not grow its file.
CREATE TRIGGER provisioning_attempt_bound AFTER INSERT ON provisioning_attempt
BEGIN
    DELETE FROM provisioning_attempt WHERE id <= NEW.id - 50;
END;
