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
-- One SELECT over a JSON list of the names, not a UNION of six: D1 allows at
-- most five terms in a compound SELECT.
CREATE VIEW fresh_ids AS
    SELECT t.value AS name, max(
        COALESCE(CASE t.value
            WHEN 'users' THEN (SELECT max(id) FROM users)
            WHEN 'applications' THEN (SELECT max(id) FROM applications)
            WHEN 'plugins' THEN (SELECT max(id) FROM plugins)
            WHEN 'api_apps' THEN (SELECT max(id) FROM api_apps)
            WHEN 'product_groups' THEN (SELECT max(id) FROM product_groups)
            WHEN 'files' THEN (SELECT max(id) FROM files)
        END, 0),
        COALESCE((SELECT r.max_id FROM retired_ids r WHERE r.name = t.value), 0)) + 1 AS next
    FROM json_each('["users","applications","plugins","api_apps","product_groups","files"]') t;
