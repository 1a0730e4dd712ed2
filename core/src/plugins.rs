//! First-party plugin kinds: their forms (the `/v1/plugstores/{id}/form` shape)
//! and what a tap on their tile does (a link, a vCard download, Wi-Fi details, text).

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The first-party plugstore. The `name` of each kind is its stable identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Kind {
    Phone,
    Sms,
    Email,
    Vcard,
    Website,
    Linkedin,
    Telegram,
    Whatsapp,
    Instagram,
    Facebook,
    X,
    Youtube,
    Tiktok,
    Address,
    Wifi,
    Text,
    /// Partner-backed (content fetched by the worker with the owner's credentials).
    EduzzProduct,
    EduzzBestSellers,
    SengerioQuote,
    SengerioVehicle,
    /// A visitor leaves their details for the owner (worker::plays::exchange).
    ContactExchange,
    /// A developer's plugstore entry: its form and action are the published
    /// version's (core::custom_plugin). Not in [`store`]: entries are rows.
    Custom,
}

/// The partner-backed kinds, plugstore ids 17 to 20 after [`ALL_KINDS`].
pub const PARTNER_KINDS: [Kind; 4] =
    [Kind::EduzzProduct, Kind::EduzzBestSellers, Kind::SengerioQuote, Kind::SengerioVehicle];

/// First-party kinds that answer the visitor through the worker, plugstore ids
/// from 21 (after the partner kinds, so no id ever moves).
pub const FORM_KINDS: [Kind; 1] = [Kind::ContactExchange];

/// The whole plugstore in id order (id = index + 1).
pub fn store() -> impl Iterator<Item = Kind> {
    ALL_KINDS.into_iter().chain(PARTNER_KINDS).chain(FORM_KINDS)
}

/// The first-party kinds, plugstore ids 1 to 16.
pub const ALL_KINDS: [Kind; 16] = [
    Kind::Phone,
    Kind::Sms,
    Kind::Email,
    Kind::Vcard,
    Kind::Website,
    Kind::Linkedin,
    Kind::Telegram,
    Kind::Whatsapp,
    Kind::Instagram,
    Kind::Facebook,
    Kind::X,
    Kind::Youtube,
    Kind::Tiktok,
    Kind::Address,
    Kind::Wifi,
    Kind::Text,
];

/// One form field: `attributes.name` is the key in the plugin's `data`.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub input: &'static str,
    pub required: bool,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    /// A `select`'s choices: (value stored, label fr, label en).
    pub options: &'static [(&'static str, &'static str, &'static str)],
}

const fn f(name: &'static str, input: &'static str, required: bool, fr: &'static str, en: &'static str) -> Field {
    Field { name, input, required, label_fr: fr, label_en: en, options: &[] }
}

/// The Wi-Fi security choices: the values the Wi-Fi QR code format (`T:`) takes.
const WIFI_SECURITY: [(&str, &str, &str); 3] = [
    ("WPA", "WPA / WPA2 / WPA3", "WPA / WPA2 / WPA3"),
    ("WEP", "WEP", "WEP"),
    ("nopass", "Aucune (réseau ouvert)", "None (open network)"),
];

const USERNAME: [Field; 1] = [f("username", "text", true, "Nom d'utilisateur", "Username")];

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Sms => "sms",
            Kind::Email => "email",
            Kind::Vcard => "vcard",
            Kind::Website => "website",
            Kind::Linkedin => "linkedin",
            Kind::Telegram => "telegram",
            Kind::Whatsapp => "whatsapp",
            Kind::Instagram => "instagram",
            Kind::Facebook => "facebook",
            Kind::X => "x",
            Kind::Youtube => "youtube",
            Kind::Tiktok => "tiktok",
            Kind::Address => "address",
            Kind::Wifi => "wifi",
            Kind::Text => "text",
            Kind::EduzzProduct => "eduzz_product",
            Kind::EduzzBestSellers => "eduzz_best_sellers",
            Kind::SengerioQuote => "sengerio_quote",
            Kind::SengerioVehicle => "sengerio_vehicle",
            Kind::ContactExchange => "contact_exchange",
            Kind::Custom => "custom",
        }
    }

    /// Whether its content comes from a partner API through the worker.
    pub fn is_partner(self) -> bool {
        PARTNER_KINDS.contains(&self)
    }

    /// The plugin's icon: a 24×24 SVG path (first-party constants, never owner input).
    pub fn icon_path(self) -> &'static str {
        match self {
            Kind::Phone => "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z",
            Kind::Sms | Kind::Whatsapp => "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-4 4V5a2 2 0 0 1 2-2zm3 6v2h2V9zm4 0v2h2V9zm4 0v2h2V9z",
            Kind::Email => "M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm1 2.4V17h16V7.4l-8 5.3zM5.2 7 12 11.5 18.8 7z",
            Kind::Vcard => "M3 4h18a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm5 4a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zm-4 9h8c0-2-1.8-3-4-3s-4 1-4 3zm10-8v2h6V9zm0 4v2h5v-2z",
            Kind::Website => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-3a15.6 15.6 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4zM4.3 14a8 8 0 0 1 0-4h3.4a16 16 0 0 0 0 4zm.8 2h3a15.6 15.6 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.3-3.6C8.9 5.5 8.4 6.7 8.1 8zM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h3a8 8 0 0 1-4.4 3.6zm1.7-5.6a16 16 0 0 0 0-4h3.4a8 8 0 0 1 0 4z",
            Kind::Linkedin => "M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm2.5 7v8h2.6v-8zm1.3-4a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zM11 10v8h2.6v-4.2c0-1.2.5-1.9 1.5-1.9s1.3.7 1.3 1.9V18H19v-4.8c0-2.4-1.2-3.4-3-3.4-1.2 0-2 .6-2.4 1.2V10z",
            Kind::Telegram => "M21.5 3.6 2.9 10.8c-1.2.5-1.2 1.2 0 1.6l4.7 1.5 1.8 5.6c.2.6.6.7 1 .3l2.6-2.4 5 3.7c.9.5 1.6.2 1.8-.9l3.3-15.4c.3-1.4-.5-2-1.6-1.2zM9.2 14.2l8.9-5.6c.4-.3.8-.1.5.2l-7.3 6.6-.3 3.2z",
            Kind::Instagram => "M7 2h10a5 5 0 0 1 5 5v10a5 5 0 0 1-5 5H7a5 5 0 0 1-5-5V7a5 5 0 0 1 5-5zm0 2a3 3 0 0 0-3 3v10a3 3 0 0 0 3 3h10a3 3 0 0 0 3-3V7a3 3 0 0 0-3-3zm5 3.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM17.5 5.5a1 1 0 1 1 0 2 1 1 0 0 1 0-2z",
            Kind::Facebook => "M14 8h3V4h-3a4 4 0 0 0-4 4v2H7v4h3v8h4v-8h3l1-4h-4V8.5a.5.5 0 0 1 .5-.5z",
            Kind::X => "M4 3h4.6l4 5.6L17.4 3H20l-6.2 7.2L21 21h-4.6l-4.5-6.3L6.4 21H4l6.7-7.8zm3 1.6 9.9 14.8h1.6L8.6 4.6z",
            Kind::Youtube => "M21.6 7.2a2.6 2.6 0 0 0-1.8-1.8C18.2 5 12 5 12 5s-6.2 0-7.8.4a2.6 2.6 0 0 0-1.8 1.8C2 8.8 2 12 2 12s0 3.2.4 4.8a2.6 2.6 0 0 0 1.8 1.8C5.8 19 12 19 12 19s6.2 0 7.8-.4a2.6 2.6 0 0 0 1.8-1.8c.4-1.6.4-4.8.4-4.8s0-3.2-.4-4.8zM10 15V9l5.2 3z",
            Kind::Tiktok => "M16.6 2h-3.3v13.3a2.9 2.9 0 1 1-2-2.8V9.1a6.2 6.2 0 1 0 5.3 6.2V8.7a7.6 7.6 0 0 0 4.4 1.4V6.8a4.4 4.4 0 0 1-4.4-4.8z",
            Kind::Address => "M12 2a7 7 0 0 1 7 7c0 5.2-7 13-7 13S5 14.2 5 9a7 7 0 0 1 7-7zm0 4.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z",
            Kind::Wifi => "M12 18.5a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6zM12 13c2 0 3.9.8 5.3 2.2l-1.8 1.8A5 5 0 0 0 12 15.6a5 5 0 0 0-3.5 1.4l-1.8-1.8A7.5 7.5 0 0 1 12 13zm0-5c3.5 0 6.6 1.4 8.9 3.7l-1.8 1.8A10 10 0 0 0 12 10.6a10 10 0 0 0-7.1 2.9l-1.8-1.8A12.5 12.5 0 0 1 12 8zm0-5c4.9 0 9.3 2 12.5 5.2l-1.8 1.8A15 15 0 0 0 12 5.6 15 15 0 0 0 1.3 10L-.5 8.2A17.6 17.6 0 0 1 12 3z",
            Kind::Text => "M5 3h10l5 5v12a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm9 1.5V9h4.5zM7 12v2h10v-2zm0 4v2h7v-2z",
            Kind::EduzzProduct => "M3 6h2l2.4 9.6A2 2 0 0 0 9.3 17H18a2 2 0 0 0 1.9-1.4L22 8H6.2L5.6 5.4A2 2 0 0 0 3.7 4H2v2zm6 13a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm9 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z",
            Kind::EduzzBestSellers => "M12 2l2.9 6.1 6.6.8-4.9 4.6 1.3 6.5L12 16.8 6.1 20l1.3-6.5L2.5 8.9l6.6-.8z",
            Kind::SengerioQuote => "M4 5a3 3 0 0 1 3-3h10a3 3 0 0 1 3 3v10a3 3 0 0 1-2 2.8V20a1 1 0 0 1-1 1h-1a1 1 0 0 1-1-1v-2H9v2a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1v-2.2A3 3 0 0 1 4 15zm2 1v5h12V6zm1.5 8a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm9 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z",
            Kind::ContactExchange => "M8 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm0 10c3.3 0 6 1.6 6 4v2H2v-2c0-2.4 2.7-4 6-4zm9-6 4 3-4 3v-2h-3V9h3zm-1 8h3v-2l4 3-4 3v-2h-3z",
            Kind::Custom => crate::icons::PUZZLE,
            Kind::SengerioVehicle => "M3 7a2 2 0 0 1 2-2h11l5 5v6a2 2 0 0 1-2 2h-1a3 3 0 0 1-6 0H9a3 3 0 0 1-6 0V7zm2 0v4h6V7zm8 0v4h6l-3-4zM6 17a1 1 0 1 0 0 2 1 1 0 0 0 0-2zm9 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2z",
        }
    }

    pub fn parse(id: &str) -> Option<Kind> {
        store().find(|k| k.id() == id)
    }

    /// Display names (fr, en).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Kind::Phone => ("Appel", "Call"),
            Kind::Sms => ("Messages", "Text message"),
            Kind::Email => ("E-mail", "E-mail"),
            Kind::Vcard => ("Carte de visite", "vCard"),
            Kind::Website => ("Site web", "Website"),
            Kind::Linkedin => ("LinkedIn", "LinkedIn"),
            Kind::Telegram => ("Telegram", "Telegram"),
            Kind::Whatsapp => ("WhatsApp", "WhatsApp"),
            Kind::Instagram => ("Instagram", "Instagram"),
            Kind::Facebook => ("Facebook", "Facebook"),
            Kind::X => ("X", "X"),
            Kind::Youtube => ("YouTube", "YouTube"),
            Kind::Tiktok => ("TikTok", "TikTok"),
            Kind::Address => ("Adresse", "Address"),
            Kind::Wifi => ("Wi-Fi", "Wi-Fi"),
            Kind::Text => ("Note", "Note"),
            Kind::EduzzProduct => ("Produit Eduzz", "Eduzz product"),
            Kind::EduzzBestSellers => ("Meilleures ventes Eduzz", "Eduzz best sellers"),
            Kind::SengerioQuote => ("Demande de devis (autocar)", "Charter quote request"),
            Kind::SengerioVehicle => ("Véhicule", "Vehicle"),
            Kind::ContactExchange => ("Échange de contacts", "Exchange contacts"),
            Kind::Custom => ("Module", "Plugin"),
        }
    }

    /// Plugstore category (the documented category names).
    pub fn category(self) -> &'static str {
        match self {
            Kind::Phone | Kind::Sms | Kind::Email | Kind::Telegram | Kind::Whatsapp | Kind::ContactExchange => {
                "Communication"
            }
            Kind::Vcard | Kind::Text => "Bureautique",
            Kind::Website | Kind::Address | Kind::Wifi | Kind::Custom => "Utilitaires",
            Kind::EduzzProduct | Kind::EduzzBestSellers | Kind::SengerioQuote | Kind::SengerioVehicle => "Partenaires",
            _ => "Réseaux Sociaux",
        }
    }

    /// A documented category's name for people reading `lang` (the API keeps
    /// the documented, French names; an unknown one is shown as it is).
    pub fn category_label(name: &str, lang: Lang) -> &str {
        match (name, lang) {
            (_, Lang::Fr) => name,
            ("Communication", Lang::En) => "Communication",
            ("Bureautique", Lang::En) => "Office",
            ("Utilitaires", Lang::En) => "Utilities",
            ("Partenaires", Lang::En) => "Partners",
            ("Réseaux Sociaux", Lang::En) => "Social networks",
            _ => name,
        }
    }

    pub fn fields(self) -> &'static [Field] {
        const PHONE: [Field; 1] = [f("phone_number", "tel", true, "Numéro de téléphone", "Phone number")];
        const SMS: [Field; 2] = [
            f("phone_number", "tel", true, "Numéro de téléphone", "Phone number"),
            f("message", "text", false, "Message prérempli", "Prefilled message"),
        ];
        const EMAIL: [Field; 2] = [
            f("email", "email", true, "Adresse mail", "E-mail address"),
            f("subject", "text", false, "Objet", "Subject"),
        ];
        const VCARD: [Field; 8] = [
            f("firstname", "text", true, "Prénom", "First name"),
            f("lastname", "text", true, "Nom", "Last name"),
            f("organization", "text", false, "Entreprise", "Company"),
            f("title", "text", false, "Fonction", "Job title"),
            f("phone", "tel", false, "Téléphone", "Phone"),
            f("email", "email", false, "Adresse mail", "E-mail"),
            f("website", "url", false, "Site web", "Website"),
            f("address", "text", false, "Adresse", "Address"),
        ];
        const WEBSITE: [Field; 1] = [f("url", "url", true, "Adresse du site", "Web address")];
        const WHATSAPP: [Field; 1] = [f("phone_number", "tel", true, "Numéro WhatsApp", "WhatsApp number")];
        const YOUTUBE: [Field; 1] = [f("channel", "text", true, "Chaîne (@nom)", "Channel (@handle)")];
        const ADDRESS: [Field; 1] = [f("address", "text", true, "Adresse", "Address")];
        const WIFI: [Field; 3] = [
            f("ssid", "text", true, "Nom du réseau", "Network name"),
            f("password", "text", false, "Mot de passe", "Password"),
            Field { options: &WIFI_SECURITY, ..f("security", "select", false, "Sécurité", "Security") },
        ];
        const TEXT: [Field; 1] = [f("text", "textarea", true, "Texte", "Text")];
        // Partner plugins: `password` inputs are the owner's credentials — write-only,
        // sealed by the worker, never returned. Where they go is not plugin data:
        // it is fixed per partner (core::partners::Partner), so there is no address field.
        const EDUZZ_PRODUCT: [Field; 5] = [
            f("content_id", "number", true, "Identifiant du contenu Eduzz", "Eduzz content id"),
            f("button_label", "text", false, "Texte du bouton", "Button text"),
            f("email", "password", true, "E-mail du compte Eduzz", "Eduzz account e-mail"),
            f("publickey", "password", true, "Clé publique (PublicKey)", "PublicKey"),
            f("apikey", "password", true, "Clé d'API (APIKey)", "APIKey"),
        ];
        const EDUZZ_BEST: [Field; 3] = [
            f("email", "password", true, "E-mail du compte Eduzz", "Eduzz account e-mail"),
            f("publickey", "password", true, "Clé publique (PublicKey)", "PublicKey"),
            f("apikey", "password", true, "Clé d'API (APIKey)", "APIKey"),
        ];
        const SENGERIO_QUOTE: [Field; 2] = [
            f("title", "text", false, "Titre du formulaire", "Form title"),
            f("private_token", "password", true, "Jeton privé Sengerio", "Sengerio private token"),
        ];
        const SENGERIO_VEHICLE: [Field; 2] = [
            f("vehicle_id", "text", true, "Identifiant du véhicule", "Vehicle id"),
            f("private_token", "password", true, "Jeton privé Sengerio", "Sengerio private token"),
        ];
        // Who sees what visitors leave: the owner, and whoever the owner lets (a chmod level).
        const CONTACT_EXCHANGE: [Field; 2] = [
            f("title", "text", false, "Titre du formulaire", "Form title"),
            f(
                crate::contacts::VISIBLE_FROM,
                "number",
                false,
                "Visible aussi à partir du niveau (1 à 5 ; 5 par défaut : les propriétaires)",
                "Also visible from level (1 to 5; 5 by default: owners only)",
            ),
        ];
        match self {
            // Its fields are its version's (core::custom_plugin::CustomSpec).
            Kind::Custom => &[],
            Kind::ContactExchange => &CONTACT_EXCHANGE,
            Kind::Phone => &PHONE,
            Kind::Sms => &SMS,
            Kind::Email => &EMAIL,
            Kind::Vcard => &VCARD,
            Kind::Website => &WEBSITE,
            Kind::Whatsapp => &WHATSAPP,
            Kind::Youtube => &YOUTUBE,
            Kind::Address => &ADDRESS,
            Kind::Wifi => &WIFI,
            Kind::Text => &TEXT,
            Kind::EduzzProduct => &EDUZZ_PRODUCT,
            Kind::EduzzBestSellers => &EDUZZ_BEST,
            Kind::SengerioQuote => &SENGERIO_QUOTE,
            Kind::SengerioVehicle => &SENGERIO_VEHICLE,
            Kind::Linkedin | Kind::Telegram | Kind::Instagram | Kind::Facebook | Kind::X | Kind::Tiktok => &USERNAME,
        }
    }

    /// The documented form object: `{"name": …, "fields": [{"attributes": {…}, "label", "placeholder"}]}`.
    pub fn form(self, lang: Lang) -> Value {
        let (fr, en) = self.names();
        let fields: Vec<Value> = self
            .fields()
            .iter()
            .map(|fl| {
                let options: Vec<Value> = fl
                    .options
                    .iter()
                    .map(|(value, fr, en)| json!({ "value": value, "label": if lang == Lang::Fr { fr } else { en } }))
                    .collect();
                // `secret`: write-only (credentials): never sent back, only whether it is set.
                let mut attributes = json!({ "name": fl.name, "type": fl.input, "required": fl.required,
                                             "multiple": false, "secret": fl.input == "password" });
                // `options`: a select's choices (only on selects).
                if !options.is_empty() {
                    attributes["options"] = Value::Array(options);
                }
                json!({
                    "attributes": attributes,
                    "label": match lang { Lang::Fr => fl.label_fr, Lang::En => fl.label_en },
                    "placeholder": null,
                })
            })
            .collect();
        json!({ "name": match lang { Lang::Fr => fr, Lang::En => en }, "fields": fields })
    }

    /// What a tap on the tile does, from the plugin's data. `None` when the data
    /// does not make a safe action (missing field, a URL that is not http(s)).
    pub fn action(self, data: &Map<String, Value>, plugin_name: &str) -> Option<Action> {
        let get = |k: &str| data.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        // A social network's handle: typed as `name`, `@name` or a pasted profile address.
        let handle_in = |k: &str, skip: &[&str]| get(k).and_then(|s| profile_handle(s, skip)).map(encode);
        let handle = |k: &str| handle_in(k, &[]);
        let link = |href: String| Some(Action::Link { href });
        match self {
            Kind::Phone => link(format!("tel:{}", phone(get("phone_number")?)?)),
            Kind::Sms => {
                let number = phone(get("phone_number")?)?;
                match get("message") {
                    Some(m) => link(format!("sms:{number}?body={}", encode(m))),
                    None => link(format!("sms:{number}")),
                }
            }
            Kind::Email => {
                let email = get("email").filter(|e| e.contains('@') && !e.contains(['?', '&', ' ', '<', '>']))?;
                match get("subject") {
                    Some(s) => link(format!("mailto:{email}?subject={}", encode(s))),
                    None => link(format!("mailto:{email}")),
                }
            }
            Kind::Website => link(http_url(get("url")?)?),
            Kind::Linkedin => link(format!("https://www.linkedin.com/in/{}", handle_in("username", &["in"])?)),
            Kind::Telegram => link(format!("https://t.me/{}", handle("username")?)),
            Kind::Whatsapp => {
                let digits: String = phone(get("phone_number")?)?.chars().filter(char::is_ascii_digit).collect();
                link(format!("https://wa.me/{digits}"))
            }
            Kind::Instagram => link(format!("https://www.instagram.com/{}", handle("username")?)),
            Kind::Facebook => link(format!("https://www.facebook.com/{}", handle("username")?)),
            Kind::X => link(format!("https://x.com/{}", handle("username")?)),
            Kind::Youtube => link(format!("https://www.youtube.com/@{}", handle_in("channel", &["c", "user"])?)),
            Kind::Tiktok => link(format!("https://www.tiktok.com/@{}", handle("username")?)),
            Kind::Address => {
                link(format!("https://www.google.com/maps/search/?api=1&query={}", encode(get("address")?)))
            }
            Kind::Wifi => Some(Action::Wifi {
                ssid: get("ssid")?.to_string(),
                password: get("password").map(str::to_string),
                security: match get("security").map(str::to_ascii_uppercase).as_deref() {
                    Some("WEP") => "WEP",
                    Some("NONE" | "NOPASS" | "AUCUNE" | "OPEN") => "nopass",
                    _ => "WPA",
                }
                .to_string(),
            }),
            Kind::Text => Some(Action::Text { text: get("text")?.to_string() }),
            Kind::ContactExchange => Some(Action::ContactForm {
                title: get("title")
                    .unwrap_or(if plugin_name.trim().is_empty() { "Exchange contacts" } else { plugin_name })
                    .to_string(),
            }),
            // Its action is its version's (core::custom_plugin::CustomSpec::action).
            Kind::Custom => None,
            // Filled in by the worker's connector at play time.
            Kind::EduzzProduct | Kind::EduzzBestSellers | Kind::SengerioQuote | Kind::SengerioVehicle => None,
            Kind::Vcard => {
                let card = crate::vcard::VCard {
                    firstname: get("firstname")?,
                    lastname: get("lastname")?,
                    organization: get("organization"),
                    title: get("title"),
                    phone: get("phone"),
                    email: get("email"),
                    website: get("website").and_then(http_url).as_deref().map(str::to_string).as_deref(),
                    address: get("address"),
                }
                .render();
                let name = if plugin_name.trim().is_empty() { "contact" } else { plugin_name };
                Some(Action::Vcard { filename: format!("{}.vcf", file_stem(name)), vcard: card })
            }
        }
    }
}

/// The two languages of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    Fr,
    #[default]
    En,
}

impl Lang {
    /// The first supported language of an Accept-Language header, English by default.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = match tag.split('-').next() {
                Some("fr") => Lang::Fr,
                Some("en") => Lang::En,
                _ => continue,
            };
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::En, |(_, l)| l)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// One line of a partner's list: (title, image, price, by).
pub type ListItem = (String, Option<String>, Option<String>, Option<String>);

/// What a tile does when tapped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Action {
    Link {
        href: String,
    },
    Vcard {
        filename: String,
        vcard: String,
    },
    Wifi {
        ssid: String,
        password: Option<String>,
        security: String,
    },
    Text {
        text: String,
    },
    /// A partner's item: image, title, text, price, and a button (label, https link).
    Card {
        title: String,
        image: Option<String>,
        text: Option<String>,
        price: Option<String>,
        button: Option<(String, String)>,
    },
    /// A partner's list.
    List {
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<Option<String>>>))]
        items: Vec<ListItem>,
    },
    /// A form the visitor fills, sent to the partner by the worker.
    QuoteForm {
        title: String,
    },
    /// The visitor leaves their details for the owner (`POST …/plugins/{id}/contact`).
    ContactForm {
        title: String,
    },
    /// The partner could not give content now; the tile says so.
    Unavailable {
        message: String,
    },
}

/// A phone number as dialable text: digits, one leading `+`, and separators dropped.
pub(crate) fn phone(s: &str) -> Option<String> {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '+' if i == 0 => out.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    (out.chars().filter(char::is_ascii_digit).count() >= 3).then_some(out)
}

/// The handle in what an owner typed for a social network: `name` and
/// `@name` as they are, or the first path segment of a pasted profile
/// address (`https://www.instagram.com/name/?hl=fr` → `name`), past the
/// network's own prefixes (`skip`: LinkedIn's `in`). `None` when a pasted
/// address has no such segment.
pub(crate) fn profile_handle<'a>(typed: &'a str, skip: &[&str]) -> Option<&'a str> {
    let typed = typed.trim();
    let after_scheme = typed.split_once("://").map(|(_, rest)| rest);
    // `instagram.com/name`: a host (labels of letters, digits and -, ending in letters) before the first /.
    let is_host = |h: &str| {
        let labels: Vec<&str> = h.split('.').collect();
        labels.len() >= 2
            && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
    };
    let bare_address = typed.split_once('/').is_some_and(|(host, _)| is_host(host));
    let Some(address) = after_scheme.or(bare_address.then_some(typed)) else {
        let name = typed.trim_start_matches('@');
        return (!name.is_empty()).then_some(name);
    };
    let path = address.split_once('/').map_or("", |(_, p)| p);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.split('/')
        .filter(|seg| !seg.is_empty() && !skip.contains(&seg.to_ascii_lowercase().as_str()))
        .map(|seg| seg.trim_start_matches('@'))
        .find(|seg| !seg.is_empty())
}

/// Only http(s) URLs become links; a bare host gets https.
pub(crate) fn http_url(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let url = if lower.starts_with("https://") || lower.starts_with("http://") {
        s.to_string()
    } else if lower.contains(':') || s.starts_with('/') {
        return None;
    } else {
        format!("https://{s}")
    };
    (!url.contains(char::is_whitespace) && !url.contains(['<', '>', '"'])).then_some(url)
}

/// Percent-encoding for a URL component (RFC 3986 unreserved kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn file_stem(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).take(40).collect();
    stem.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(pairs: &[(&str, &str)]) -> Map<String, Value> {
        pairs.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect()
    }

    fn href(kind: Kind, pairs: &[(&str, &str)]) -> Option<String> {
        match kind.action(&data(pairs), "x") {
            Some(Action::Link { href }) => Some(href),
            _ => None,
        }
    }

    #[test]
    fn every_category_reads_in_english_for_an_english_page() {
        for kind in store() {
            let label = Kind::category_label(kind.category(), Lang::En);
            assert!(!label.contains('é') && !["Bureautique", "Utilitaires", "Partenaires"].contains(&label), "{label}");
            assert_eq!(Kind::category_label(kind.category(), Lang::Fr), kind.category());
        }
    }

    #[test]
    fn links_for_each_kind() {
        assert_eq!(href(Kind::Phone, &[("phone_number", "+33 7 00 00 00 00")]).unwrap(), "tel:+33700000000");
        assert_eq!(
            href(Kind::Sms, &[("phone_number", "0700000000"), ("message", "Salut !")]).unwrap(),
            "sms:0700000000?body=Salut%20%21"
        );
        assert_eq!(href(Kind::Email, &[("email", "a@b.fr"), ("subject", "Hi")]).unwrap(), "mailto:a@b.fr?subject=Hi");
        assert_eq!(href(Kind::Website, &[("url", "senzu.app/x")]).unwrap(), "https://senzu.app/x");
        assert_eq!(
            href(Kind::Linkedin, &[("username", "ryan-murati")]).unwrap(),
            "https://www.linkedin.com/in/ryan-murati"
        );
        assert_eq!(href(Kind::Instagram, &[("username", "@senzu")]).unwrap(), "https://www.instagram.com/senzu");
        assert_eq!(
            href(Kind::Whatsapp, &[("phone_number", "+33 6 12 34 56 78")]).unwrap(),
            "https://wa.me/33612345678"
        );
        assert_eq!(href(Kind::Youtube, &[("channel", "@senzu")]).unwrap(), "https://www.youtube.com/@senzu");
        assert_eq!(href(Kind::Tiktok, &[("username", "senzu")]).unwrap(), "https://www.tiktok.com/@senzu");
        assert_eq!(href(Kind::X, &[("username", "senzu")]).unwrap(), "https://x.com/senzu");
        assert_eq!(href(Kind::Telegram, &[("username", "senzu")]).unwrap(), "https://t.me/senzu");
        assert_eq!(href(Kind::Facebook, &[("username", "senzu")]).unwrap(), "https://www.facebook.com/senzu");
        assert_eq!(
            href(Kind::Address, &[("address", "1 rue de Rivoli, Paris")]).unwrap(),
            "https://www.google.com/maps/search/?api=1&query=1%20rue%20de%20Rivoli%2C%20Paris"
        );
    }

    #[test]
    fn a_pasted_profile_address_or_an_at_handle_makes_the_same_link() {
        for typed in [
            "senzu",
            "@senzu",
            " @senzu ",
            "https://www.instagram.com/senzu/",
            "https://instagram.com/senzu?hl=fr",
            "instagram.com/senzu",
            "www.instagram.com/@senzu#top",
        ] {
            assert_eq!(
                href(Kind::Instagram, &[("username", typed)]).unwrap(),
                "https://www.instagram.com/senzu",
                "{typed}"
            );
        }
        assert_eq!(
            href(Kind::Linkedin, &[("username", "https://www.linkedin.com/in/ryan-murati/")]).unwrap(),
            "https://www.linkedin.com/in/ryan-murati"
        );
        assert_eq!(
            href(Kind::Youtube, &[("channel", "https://www.youtube.com/@senzu/videos")]).unwrap(),
            "https://www.youtube.com/@senzu"
        );
        assert_eq!(
            href(Kind::Tiktok, &[("username", "https://www.tiktok.com/@senzu")]).unwrap(),
            "https://www.tiktok.com/@senzu"
        );
        assert_eq!(href(Kind::X, &[("username", "https://x.com/senzu/status/1")]).unwrap(), "https://x.com/senzu");
        // A handle with dots is a handle, not an address; an address without a profile is no link.
        assert_eq!(
            href(Kind::Instagram, &[("username", "ada.lovelace")]).unwrap(),
            "https://www.instagram.com/ada.lovelace"
        );
        assert_eq!(href(Kind::Instagram, &[("username", "https://www.instagram.com/")]), None);
    }

    #[test]
    fn unsafe_or_missing_data_makes_no_action() {
        assert_eq!(href(Kind::Website, &[("url", "javascript:alert(1)")]), None);
        assert_eq!(href(Kind::Website, &[("url", "data:text/html,x")]), None);
        assert_eq!(href(Kind::Phone, &[("phone_number", "12; drop")]), None);
        assert_eq!(href(Kind::Email, &[("email", "a@b.fr?cc=evil@x")]), None);
        assert_eq!(href(Kind::Phone, &[]), None);
        assert_eq!(
            href(Kind::Linkedin, &[("username", "../../evil")]).unwrap(),
            "https://www.linkedin.com/in/..%2F..%2Fevil"
        );
    }

    #[test]
    fn wifi_text_and_vcard_actions() {
        let wifi = Kind::Wifi.action(&data(&[("ssid", "Home"), ("password", "pw"), ("security", "none")]), "w");
        assert_eq!(
            wifi,
            Some(Action::Wifi { ssid: "Home".into(), password: Some("pw".into()), security: "nopass".into() })
        );
        assert_eq!(Kind::Text.action(&data(&[("text", "Hello")]), "t"), Some(Action::Text { text: "Hello".into() }));
        let Some(Action::Vcard { filename, vcard }) =
            Kind::Vcard.action(&data(&[("firstname", "Ada"), ("lastname", "Lovelace")]), "My card")
        else {
            panic!("vcard");
        };
        assert_eq!(filename, "My-card.vcf");
        assert!(vcard.contains("FN:Ada Lovelace\r\n"));
    }

    #[test]
    fn accept_language_picks_fr_or_en() {
        assert_eq!(Lang::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"), Lang::Fr);
        assert_eq!(Lang::from_accept_language("de-DE,en;q=0.5,fr;q=0.7"), Lang::Fr);
        assert_eq!(Lang::from_accept_language("en-GB"), Lang::En);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }

    #[test]
    fn every_kind_has_a_form_with_a_required_field() {
        for k in ALL_KINDS {
            assert_eq!(Kind::parse(k.id()), Some(k));
            let form = k.form(Lang::Fr);
            assert!(form["fields"].as_array().unwrap().iter().any(|f| f["attributes"]["required"] == true), "{k:?}");
        }
    }
}
