-- Issue 11, finding 14.
--
-- Partner credentials and cached partner tokens are now sealed field by field,
-- bound to their plugin, their field and the partner's address in this
-- deployment (core::partners::vault). Values sealed before carry no binding
-- and would not open any more: they are removed, and owners enter their
-- partner credentials again (the dashboard shows them as not set).
UPDATE plugins SET secrets = NULL WHERE secrets IS NOT NULL;
DELETE FROM partner_tokens;

-- Fixed-window counters of the rate limits (core::rate, worker/src/rate.rs):
-- one row per limit × object × person (a user id, or a keyed hash of the IP).
CREATE TABLE rate_limits (
    key          TEXT PRIMARY KEY,
    hits         INTEGER NOT NULL,
    window_start INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
