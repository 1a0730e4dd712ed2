-- Insight events arrive through a queue, which delivers a batch again when its
-- consumer failed before acknowledging it: each row carries the id its event
-- got at the play (a play's scan and view share it), and is written once.
ALTER TABLE play_events ADD COLUMN event_id TEXT;
CREATE UNIQUE INDEX play_events_once ON play_events (event_id, kind);
