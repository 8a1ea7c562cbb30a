-- Version 7: the settings of the SIP trust policy (only a line's own server may change the
-- line). A profile's trusted hosts are the other members of its server cluster, kept as the
-- administrator wrote them ('' = none); a line takes calls from anywhere unless it is told
-- otherwise, as common desk phones do.
ALTER TABLE pbx_profile ADD COLUMN trusted_hosts TEXT NOT NULL DEFAULT '';
ALTER TABLE line ADD COLUMN accept_calls_only_from_server INTEGER NOT NULL DEFAULT 0;
