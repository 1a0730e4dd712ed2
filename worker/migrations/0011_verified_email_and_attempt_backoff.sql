-- Issue 11 §4: the address an account proved it receives mail at. An
-- invitation by address reaches an account only when verified_email = email.
-- Set by activation, by a password reset link, and by the confirmation link
-- sent to a new address; never by an unconfirmed change.
ALTER TABLE users ADD COLUMN verified_email TEXT COLLATE NOCASE;
-- An activated account proved its sign-up address, unless it later took
-- another one through the old change-email flow, which never checked it.
UPDATE users SET verified_email = email
    WHERE is_active = 1 AND NOT EXISTS (
        SELECT 1 FROM procedures p WHERE p.id_user = users.id AND p.kind = 'change_email' AND p.date_used IS NOT NULL);

-- Issue 11 §6/§7: attempt limits back off. Each time a key reaches its limit
-- its next window doubles (capped per key kind); a success or a quiet day
-- starts it afresh.
ALTER TABLE login_failures ADD COLUMN strikes INTEGER NOT NULL DEFAULT 0;
