-- Ids are never reused. Without AUTOINCREMENT, SQLite gives a new row the
-- largest id + 1, so deleting the newest account (application, plugin…) hands
-- its id, and everything still keyed by it (call logs, play events), to the
-- next one. Rebuilding these tables with AUTOINCREMENT would fire their
-- foreign keys' ON DELETE actions on D1, so instead each deletion records its
-- id, and inserts take their id from `fresh_ids`: above every id ever used.
CREATE TABLE retired_ids (
    name   TEXT PRIMARY KEY,
    max_id INTEGER NOT NULL
) STRICT;

CREATE TRIGGER users_retire_id AFTER DELETE ON users BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('users', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
CREATE TRIGGER applications_retire_id AFTER DELETE ON applications BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('applications', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
CREATE TRIGGER plugins_retire_id AFTER DELETE ON plugins BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('plugins', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
CREATE TRIGGER api_apps_retire_id AFTER DELETE ON api_apps BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('api_apps', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
CREATE TRIGGER product_groups_retire_id AFTER DELETE ON product_groups BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('product_groups', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;
CREATE TRIGGER files_retire_id AFTER DELETE ON files BEGIN
    INSERT INTO retired_ids (name, max_id) VALUES ('files', OLD.id)
    ON CONFLICT (name) DO UPDATE SET max_id = max(max_id, excluded.max_id);
END;

-- The id the next row of each table gets: `(SELECT next FROM fresh_ids WHERE name = 'users')`.
CREATE VIEW fresh_ids AS
    SELECT 'users' AS name, max(COALESCE((SELECT max(id) FROM users), 0),
        COALESCE((SELECT max_id FROM retired_ids WHERE name = 'users'), 0)) + 1 AS next
    UNION ALL SELECT 'applications', max(COALESCE((SELECT max(id) FROM applications), 0),
        COALESCE((SELECT max_id FROM retired_ids WHERE name = 'applications'), 0)) + 1
    UNION ALL SELECT 'plugins', max(COALESCE((SELECT max(id) FROM plugins), 0),
        COALESCE((SELECT max_id FROM retired_ids WHERE name = 'plugins'), 0)) + 1
    UNION ALL SELECT 'api_apps', max(COALESCE((SELECT max(id) FROM api_apps), 0),
        COALESCE((SELECT max_id FROM retired_ids WHERE name = 'api_apps'), 0)) + 1
    UNION ALL SELECT 'product_groups', max(COALESCE((SELECT max(id) FROM product_groups), 0),
        COALESCE((SELECT max_id FROM retired_ids WHERE name = 'product_groups'), 0)) + 1
    UNION ALL SELECT 'files', max(COALESCE((SELECT max(id) FROM files), 0),
        COALESCE((SELECT max_id FROM retired_ids WHERE name = 'files'), 0)) + 1;
