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

-- One row per table (the compound SELECT a view over six tables needs is
-- beyond D1's limits): the id the next row gets is above both.
INSERT INTO retired_ids (name, max_id) VALUES
    ('users', 0), ('applications', 0), ('plugins', 0), ('api_apps', 0), ('product_groups', 0), ('files', 0);

-- `(SELECT next FROM fresh_ids WHERE name = 'users')`: the id for a new row.
CREATE VIEW fresh_ids AS
    SELECT name, max(max_id, COALESCE(CASE name
        WHEN 'users' THEN (SELECT max(id) FROM users)
        WHEN 'applications' THEN (SELECT max(id) FROM applications)
        WHEN 'plugins' THEN (SELECT max(id) FROM plugins)
        WHEN 'api_apps' THEN (SELECT max(id) FROM api_apps)
        WHEN 'product_groups' THEN (SELECT max(id) FROM product_groups)
        WHEN 'files' THEN (SELECT max(id) FROM files)
    END, 0)) + 1 AS next
    FROM retired_ids;
