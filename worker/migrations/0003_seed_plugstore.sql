-- The first-party plugstore. Forms and actions per kind live in core (plugins.rs);
-- a test checks that every kind here is one core knows, with the same names.
INSERT INTO plugstores (id, kind, display_name_fr, display_name_en, category) VALUES
    (1, 'phone', 'Appel', 'Call', 'Communication'),
    (2, 'sms', 'Messages', 'Text message', 'Communication'),
    (3, 'email', 'E-mail', 'E-mail', 'Communication'),
    (4, 'vcard', 'Carte de visite', 'vCard', 'Bureautique'),
    (5, 'website', 'Site web', 'Website', 'Utilitaires'),
    (6, 'linkedin', 'LinkedIn', 'LinkedIn', 'Réseaux Sociaux'),
    (7, 'telegram', 'Telegram', 'Telegram', 'Communication'),
    (8, 'whatsapp', 'WhatsApp', 'WhatsApp', 'Communication'),
    (9, 'instagram', 'Instagram', 'Instagram', 'Réseaux Sociaux'),
    (10, 'facebook', 'Facebook', 'Facebook', 'Réseaux Sociaux'),
    (11, 'x', 'X', 'X', 'Réseaux Sociaux'),
    (12, 'youtube', 'YouTube', 'YouTube', 'Réseaux Sociaux'),
    (13, 'tiktok', 'TikTok', 'TikTok', 'Réseaux Sociaux'),
    (14, 'address', 'Adresse', 'Address', 'Utilitaires'),
    (15, 'wifi', 'Wi-Fi', 'Wi-Fi', 'Utilitaires'),
    (16, 'text', 'Note', 'Note', 'Bureautique');
