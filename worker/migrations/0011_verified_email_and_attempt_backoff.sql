-- Issue 11 §6/§7: attempt limits back off. Each time a key reaches its limit
-- its next window doubles (capped per key kind); a success or a quiet day
-- starts it afresh.
ALTER TABLE login_failures ADD COLUMN strikes INTEGER NOT NULL DEFAULT 0;
