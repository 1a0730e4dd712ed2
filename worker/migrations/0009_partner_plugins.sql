-- Partner-backed plugins: their plugstore entries (forms and connectors in
-- core::plugins and worker::partners), the owner's sealed credentials on the
-- plugin (never returned by any route), and Eduzz JWTs kept sealed until
-- shortly before they lapse.
INSERT INTO plugstores (id, kind, display_name_fr, display_name_en, category, developer_name) VALUES
    (17, 'eduzz_product', 'Produit Eduzz', 'Eduzz product', 'Partenaires', 'Eduzz'),
    (18, 'eduzz_best_sellers', 'Meilleures ventes Eduzz', 'Eduzz best sellers', 'Partenaires', 'Eduzz'),
    (19, 'sengerio_quote', 'Demande de devis (autocar)', 'Charter quote request', 'Partenaires', 'Sengerio'),
    (20, 'sengerio_vehicle', 'Véhicule', 'Vehicle', 'Partenaires', 'Sengerio');

ALTER TABLE plugins ADD COLUMN secrets TEXT;

CREATE TABLE partner_tokens (
    id_plugin    INTEGER PRIMARY KEY REFERENCES plugins(id) ON DELETE CASCADE,
    token_sealed TEXT NOT NULL,
    valid_until  INTEGER NOT NULL
) STRICT;
