-- Version 10: the sync log stores events, not sentences: the event's code and its arguments
-- (a JSON array of {"kind","value"}), worded in the viewer's language when shown. Rows written
-- before keep code and args NULL and show their stored text. New rows keep a plain fallback in
-- text (code and argument values) for tools that read the table directly.
ALTER TABLE sync_log ADD COLUMN code TEXT NULL;
ALTER TABLE sync_log ADD COLUMN args TEXT NULL;
