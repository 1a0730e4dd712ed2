-- Issue 11, the edges.
--
-- Finding 3: where partner credentials go is no longer plugin data. A partner
-- plugin's `base_url` is removed, and since it may already have pointed the
-- owner's credentials (and the cached Eduzz session) at another host, those
-- are dropped: the owner enters them again, and they only ever go to the
-- partner's fixed address.
UPDATE plugins SET data = json_remove(data, '$.base_url'), secrets = NULL
WHERE json_valid(data) AND json_extract(data, '$.base_url') IS NOT NULL;
DELETE FROM partner_tokens
WHERE id_plugin NOT IN (SELECT id FROM plugins WHERE secrets IS NOT NULL);
