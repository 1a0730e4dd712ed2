-- The shop (issue 14): currencies, companies, orders, payments, providers.
-- Money is integer minor units of the row's currency; rates are millionths.

-- ISO 4217. `conversion_rate_micro`: units of the currency one euro buys, × 10^6.
CREATE TABLE currencies (
    id                    INTEGER PRIMARY KEY,
    name                  TEXT NOT NULL,
    iso_code              TEXT NOT NULL UNIQUE,
    iso_code_num          TEXT NOT NULL,
    sign                  TEXT NOT NULL,
    exponent              INTEGER NOT NULL CHECK (exponent BETWEEN 0 AND 3),
    conversion_rate_micro INTEGER NOT NULL CHECK (conversion_rate_micro > 0),
    is_enabled            INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO currencies (id, name, iso_code, iso_code_num, sign, exponent, conversion_rate_micro, is_enabled) VALUES
    (1, 'Euro', 'EUR', '978', '€', 2, 1000000, 1),
    (2, 'US Dollar', 'USD', '840', '$', 2, 1080000, 1),
    (3, 'Pound Sterling', 'GBP', '826', '£', 2, 850000, 1),
    (4, 'Swiss Franc', 'CHF', '756', 'CHF', 2, 950000, 1),
    (5, 'Yen', 'JPY', '392', '¥', 0, 160000000, 1);

CREATE TABLE companies (
    id           INTEGER PRIMARY KEY,
    id_owner     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    id_image     INTEGER REFERENCES files(id) ON DELETE SET NULL,
    name         TEXT NOT NULL,
    phone        TEXT,
    email        TEXT NOT NULL,
    url          TEXT,
    vat_number   TEXT,
    date_created INTEGER NOT NULL,
    date_updated INTEGER
) STRICT;
CREATE INDEX companies_of_owner ON companies (id_owner, id);

-- One provider account per user. Only a verified one (staff: `cargo xtask
-- admin verify-provider`) sees the orders that wait for a provider.
CREATE TABLE providers (
    id           INTEGER PRIMARY KEY,
    id_user      INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    id_company   INTEGER NOT NULL REFERENCES companies(id),
    name         TEXT NOT NULL,
    is_verified  INTEGER NOT NULL DEFAULT 0,
    date_created INTEGER NOT NULL,
    date_updated INTEGER
) STRICT;

-- An order's lines keep their unit price; the total is theirs, summed by the
-- server when the order is made. The addresses are the buyer's rows as they
-- were (an address update makes a new row, 0004).
CREATE TABLE shop_orders (
    id                  INTEGER PRIMARY KEY,
    -- Kept when the account goes (accounting), without the person.
    id_user             INTEGER REFERENCES users(id) ON DELETE SET NULL,
    id_address_shipping INTEGER REFERENCES addresses(id) ON DELETE SET NULL,
    id_address_billing  INTEGER REFERENCES addresses(id) ON DELETE SET NULL,
    id_currency         INTEGER NOT NULL REFERENCES currencies(id),
    price_minor         INTEGER NOT NULL CHECK (price_minor > 0),
    status              TEXT NOT NULL DEFAULT 'created' CHECK (status IN
        ('created', 'paid', 'in_production', 'dispatched', 'delivered', 'cancelled', 'returned', 'refunded')),
    -- A provider account that goes (its user's deletion) leaves its past orders.
    id_provider         INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    checkout_session    TEXT UNIQUE,
    checkout_url        TEXT,
    checkout_expires    INTEGER,
    date_created        INTEGER NOT NULL,
    date_updated        INTEGER
) STRICT;
CREATE INDEX shop_orders_of_user ON shop_orders (id_user, id);
CREATE INDEX shop_orders_waiting ON shop_orders (status, id_provider);

CREATE TABLE shop_order_details (
    id                INTEGER PRIMARY KEY,
    id_order          INTEGER NOT NULL REFERENCES shop_orders(id) ON DELETE CASCADE,
    id_item           INTEGER NOT NULL REFERENCES items(id),
    name              TEXT NOT NULL,
    price_minor       INTEGER NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    id_provider       INTEGER REFERENCES providers(id) ON DELETE SET NULL,
    quantity_returned INTEGER,
    quantity_refunded INTEGER,
    delivery_number   TEXT,
    date_dispatched   INTEGER,
    date_delivered    INTEGER,
    provider_data     TEXT,
    date_created      INTEGER NOT NULL
) STRICT;
CREATE INDEX shop_order_details_of_order ON shop_order_details (id_order, id);

-- Every change of an order's status, by whom: one row per transition (a
-- replayed or concurrent change that does not apply writes none).
CREATE TABLE shop_order_history (
    id           INTEGER PRIMARY KEY,
    id_order     INTEGER NOT NULL REFERENCES shop_orders(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    date_created INTEGER NOT NULL
) STRICT;
CREATE INDEX shop_order_history_of_order ON shop_order_history (id_order, id);

-- One row per payment service event that reached us (UNIQUE event_id: a
-- replay changes nothing), with what was paid and the rate to the euro then.
-- At most one paying row per checkout: two events for one session pay once.
-- A payment pays a shop order or a plan's subscription (0025).
CREATE TABLE payments (
    id                    INTEGER PRIMARY KEY,
    id_order              INTEGER REFERENCES shop_orders(id),
    id_subscription       INTEGER,
    id_user               INTEGER REFERENCES users(id) ON DELETE SET NULL,
    id_currency           INTEGER REFERENCES currencies(id),
    currency_paid         TEXT NOT NULL,
    amount_minor          INTEGER NOT NULL,
    conversion_rate_micro INTEGER NOT NULL,
    payment_service       TEXT NOT NULL,
    payment_id            TEXT NOT NULL,
    event_id              TEXT NOT NULL UNIQUE,
    ip                    TEXT NOT NULL DEFAULT '',
    status                INTEGER NOT NULL,
    date_created          INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX payments_paying_once ON payments (payment_service, payment_id) WHERE status = 1;
CREATE INDEX payments_of_user ON payments (id_user, id);
