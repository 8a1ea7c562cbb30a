-- Version 6: a per-line token for the Contact URI (<sip:2001@host:port;line=k3f9a2>), so two
-- lines with the same user on two servers can be told apart. The tokens come from .NET's
-- RandomNumberGenerator, which SQL cannot call, so SchemaMigrator gives the existing rows theirs
-- (LineContactTokens) in this same transaction; '' only ever means "not given yet".
ALTER TABLE line ADD COLUMN contact_token TEXT NOT NULL DEFAULT '';
-- Partial, because every row briefly holds '' between its insert and its token.
CREATE UNIQUE INDEX line_contact_token ON line (contact_token) WHERE contact_token <> '';
