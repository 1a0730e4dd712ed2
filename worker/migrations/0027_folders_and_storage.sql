-- Folders (core::api::folders): a user's files arranged in a tree. A folder is
-- deleted only once empty (the worker checks); an account's deletion takes
-- them all (the cascades), and a file whose folder went is in no folder.
CREATE TABLE folders (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    id_user      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_parent    INTEGER REFERENCES folders(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    date_created INTEGER NOT NULL,
    date_updated INTEGER,
    CHECK (id_parent IS NULL OR id_parent <> id)
) STRICT;
CREATE INDEX folders_of_user ON folders (id_user, id_parent);

ALTER TABLE files ADD COLUMN id_folder INTEGER REFERENCES folders(id) ON DELETE SET NULL;
CREATE INDEX files_in_folder ON files (id_folder) WHERE id_folder IS NOT NULL;

-- Storage joins the plan limits (bytes of uploaded files). The table's CHECK
-- names its resources, so it is rebuilt (nothing references it).
CREATE TABLE plan_limits_new (
    id_plan  INTEGER NOT NULL,
    resource TEXT NOT NULL CHECK (resource IN ('products', 'applications', 'plugins', 'storage')),
    max      INTEGER CHECK (max IS NULL OR max >= 0),
    PRIMARY KEY (id_plan, resource)
) STRICT;
INSERT INTO plan_limits_new (id_plan, resource, max) SELECT id_plan, resource, max FROM plan_limits;
DROP TABLE plan_limits;
ALTER TABLE plan_limits_new RENAME TO plan_limits;
INSERT INTO plan_limits (id_plan, resource, max) VALUES
    (0, 'storage', 104857600), (1, 'storage', 1073741824), (2, 'storage', 10737418240);
