-- Version 11: the SIP trace keeps our end of each message (TRANSPORT:address:port, as remote),
-- so a capture can be written with both addresses and ports and one TCP stream per connection.
-- Rows stored before keep an empty local; the capture then uses a placeholder address.
ALTER TABLE sip_trace ADD COLUMN local TEXT NOT NULL DEFAULT '';
