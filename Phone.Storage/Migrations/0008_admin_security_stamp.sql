-- Version 8: a security stamp for the admin account. Every browser session carries the stamp
-- it was signed in with; a password change or "sign out everywhere" writes a new one, which
-- ends every session holding the old. stamp_session names the one session that made the change
-- and keeps its sign-in ('' = none). randomblob gives each existing row its own first stamp here,
-- so no account is ever without one.
ALTER TABLE admin_account ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
ALTER TABLE admin_account ADD COLUMN stamp_session TEXT NOT NULL DEFAULT '';
UPDATE admin_account SET security_stamp = lower(hex(randomblob(16)));
