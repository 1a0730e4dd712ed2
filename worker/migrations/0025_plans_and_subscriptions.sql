-- Plans (annual subscriptions, documented) and what each unlocks: a
-- configuration table read by every check (`plan_limits`), where the row
-- with id_plan 0 is an account without a plan and a NULL max is no limit.
CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    id_currency  INTEGER NOT NULL REFERENCES currencies(id),
    name         TEXT NOT NULL,
    -- Months one period lasts.
    duration     INTEGER NOT NULL CHECK (duration > 0),
    price_minor  INTEGER NOT NULL CHECK (price_minor > 0),
    is_enabled   INTEGER NOT NULL DEFAULT 1,
    date_created INTEGER NOT NULL DEFAULT (unixepoch()),
    date_updated INTEGER
) STRICT;
INSERT INTO plans (id, id_currency, name, duration, price_minor) VALUES
    (1, 1, 'Basic', 12, 12000),
    (2, 1, 'Premium', 12, 36000);

CREATE TABLE plan_limits (
    id_plan  INTEGER NOT NULL,
    resource TEXT NOT NULL CHECK (resource IN ('products', 'applications', 'plugins')),
    max      INTEGER CHECK (max IS NULL OR max >= 0),
    PRIMARY KEY (id_plan, resource)
) STRICT;
INSERT INTO plan_limits (id_plan, resource, max) VALUES
    (0, 'products', 100), (0, 'applications', 100), (0, 'plugins', 50),
    (1, 'products', 1000), (1, 'applications', 1000), (1, 'plugins', 100),
    (2, 'products', NULL), (2, 'applications', NULL), (2, 'plugins', NULL);

-- A subscription is bought like an order (a checkout, paid by a verified
-- event); once paid it runs from the end of the account's last one (or now)
-- for `months`.
CREATE TABLE subscriptions (
    id                 INTEGER PRIMARY KEY,
    id_user            INTEGER REFERENCES users(id) ON DELETE SET NULL,
    id_plan            INTEGER NOT NULL REFERENCES plans(id),
    id_address_billing INTEGER REFERENCES addresses(id) ON DELETE SET NULL,
    id_currency        INTEGER NOT NULL REFERENCES currencies(id),
    months             INTEGER NOT NULL CHECK (months > 0),
    price_minor        INTEGER NOT NULL CHECK (price_minor > 0),
    status             TEXT NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'paid', 'cancelled')),
    checkout_session   TEXT UNIQUE,
    checkout_url       TEXT,
    checkout_expires   INTEGER,
    date_start         INTEGER,
    date_end           INTEGER,
    date_created       INTEGER NOT NULL,
    date_updated       INTEGER
) STRICT;
CREATE INDEX subscriptions_of_user ON subscriptions (id_user, status, date_end);
