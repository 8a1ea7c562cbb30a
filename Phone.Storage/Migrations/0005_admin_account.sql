-- Version 5: the web admin account. Only a salted PBKDF2 hash is stored, never the password.
CREATE TABLE admin_account (
    user_name     TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    changed_at    TEXT NOT NULL
);
