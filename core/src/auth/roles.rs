//! The 30 documented API roles (docs/senzu-api.txt, "Roles"), with their
//! "available" flag and a plain description for the consent screen.

use serde::{Deserialize, Serialize};

macro_rules! roles {
    ($( $variant:ident = $alias:literal, $available:literal, $en:literal, $fr:literal; )*) => {
        /// An API role. Parse with [`Role::parse`]; the alias is the wire name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum Role { $($variant),* }

        impl Role {
            pub const ALL: &'static [Role] = &[$(Role::$variant),*];

            pub const fn alias(self) -> &'static str {
                match self { $(Role::$variant => $alias),* }
            }

            /// Whether an app gets the role on request; the others wait for approval.
            pub const fn available(self) -> bool {
                match self { $(Role::$variant => $available),* }
            }

            /// What the user lets the app do, in plain words.
            pub const fn description(self, lang: crate::plugins::Lang) -> &'static str {
                match (self, lang) {
                    $((Role::$variant, crate::plugins::Lang::En) => $en,
                      (Role::$variant, crate::plugins::Lang::Fr) => $fr,)*
                }
            }
        }
    };
}

roles! {
    DeveloperManageBasic = "developer_manage_basic", false,
        "Manage your developer application (domains, platforms, redirects, roles).",
        "Gérer votre application développeur (domaines, plateformes, redirections, rôles).";
    DeveloperBasic = "developer_basic", false,
        "See information about your developer application.",
        "Voir les informations de votre application développeur.";
    ApiManagement = "api_management", false,
        "See and manage the tokens of your developer application.",
        "Voir et gérer les jetons de votre application développeur.";
    Basic = "basic", true,
        "See your name, username, gender, country, profile picture and currency.",
        "Voir votre nom, pseudo, genre, pays, photo de profil et devise.";
    ManageBasic = "manage_basic", true,
        "Change your name, username, gender, birthdate, language and country.",
        "Modifier votre nom, pseudo, genre, date de naissance, langue et pays.";
    UserAddresses = "user_addresses", true,
        "See your postal addresses.",
        "Voir vos adresses postales.";
    ManageUserAddresses = "manage_user_addresses", false,
        "Add, change and delete your postal addresses.",
        "Ajouter, modifier et supprimer vos adresses postales.";
    UserMail = "user_mail", true,
        "See your e-mail address.",
        "Voir votre adresse e-mail.";
    UserBirthdate = "user_birthdate", true,
        "See your birthdate.",
        "Voir votre date de naissance.";
    UserPhone = "user_phone", true,
        "See your phone numbers.",
        "Voir vos numéros de téléphone.";
    UserLogs = "user_logs", false,
        "See the log of API calls made on your account.",
        "Voir le journal des appels API faits sur votre compte.";
    UserFinancial = "user_financial", false,
        "See your balance and orders, and make payments.",
        "Voir votre solde et vos commandes, et effectuer des paiements.";
    UserFiles = "user_files", false,
        "See and manage your files.",
        "Voir et gérer vos fichiers.";
    Products = "products", false,
        "See your products and their records.",
        "Voir vos produits et leurs enregistrements.";
    ManageProducts = "manage_products", false,
        "Manage your products and their records.",
        "Gérer vos produits et leurs enregistrements.";
    MailboxesPost = "mailboxes_post", false,
        "Send mail on your behalf.",
        "Envoyer du courrier en votre nom.";
    MailboxesRead = "mailboxes_read", false,
        "Read the mail you receive.",
        "Lire le courrier que vous recevez.";
    Applications = "applications", false,
        "See your applications and their plugins.",
        "Voir vos applications et leurs plugins.";
    ManageApplications = "manage_applications", false,
        "Manage your applications and their plugins.",
        "Gérer vos applications et leurs plugins.";
    Plugstore = "plugstore", false,
        "See the plugstore.",
        "Voir le plugstore.";
    Wallets = "wallets", false,
        "See your wallets.",
        "Voir vos portefeuilles.";
    ManageWallets = "manage_wallets", false,
        "Manage your wallets.",
        "Gérer vos portefeuilles.";
    Maker = "maker", false,
        "See and manage your maker account, create items and records.",
        "Voir et gérer votre compte fabricant, créer des articles et des enregistrements.";
    Developer = "developer", false,
        "See and manage your developer account, create plugstore entries.",
        "Voir et gérer votre compte développeur, créer des entrées du plugstore.";
    Providers = "providers", false,
        "See and manage your provider account.",
        "Voir et gérer votre compte fournisseur.";
    Reseller = "reseller", false,
        "See and manage your reseller account.",
        "Voir et gérer votre compte revendeur.";
    Signup = "signup", false,
        "Create Senzu accounts.",
        "Créer des comptes Senzu.";
    Password = "password", false,
        "Start a password change or reset.",
        "Lancer un changement ou une réinitialisation de mot de passe.";
    Email = "email", false,
        "Start a change of your e-mail address.",
        "Lancer un changement de votre adresse e-mail.";
    DeleteAccount = "delete_account", false,
        "Start the deletion of your account.",
        "Lancer la suppression de votre compte.";
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role: {0}")]
pub struct UnknownRole(pub String);

impl Role {
    pub fn parse(alias: &str) -> Result<Self, UnknownRole> {
        Self::ALL.iter().copied().find(|r| r.alias() == alias).ok_or_else(|| UnknownRole(alias.to_string()))
    }

    /// A comma-separated list without spaces (`basic,user_mail`), deduplicated, in order.
    pub fn parse_list(list: &str) -> Result<Vec<Self>, UnknownRole> {
        let mut roles = Vec::new();
        for alias in list.split(',').filter(|a| !a.is_empty()) {
            let role = Self::parse(alias)?;
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        Ok(roles)
    }

    pub fn join(roles: &[Role]) -> String {
        roles.iter().map(|r| r.alias()).collect::<Vec<_>>().join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plugins::Lang;

    #[test]
    fn thirty_documented_roles_with_their_availability() {
        assert_eq!(Role::ALL.len(), 30);
        let available: Vec<_> = Role::ALL.iter().filter(|r| r.available()).map(|r| r.alias()).collect();
        assert_eq!(available, ["basic", "manage_basic", "user_addresses", "user_mail", "user_birthdate", "user_phone"]);
        for r in Role::ALL {
            assert_eq!(Role::parse(r.alias()), Ok(*r));
            assert!(!r.description(Lang::En).is_empty() && !r.description(Lang::Fr).is_empty());
            assert_eq!(serde_json::to_value(r).unwrap(), r.alias());
        }
    }

    #[test]
    fn lists_parse_in_order_without_duplicates_and_refuse_unknown_names() {
        assert_eq!(Role::parse_list("basic,user_mail,basic"), Ok(vec![Role::Basic, Role::UserMail]));
        assert_eq!(Role::parse_list(""), Ok(vec![]));
        assert_eq!(Role::parse_list("basic, user_mail"), Err(UnknownRole(" user_mail".into())));
        assert_eq!(Role::parse_list("root"), Err(UnknownRole("root".into())));
        assert_eq!(Role::join(&[Role::Basic, Role::UserMail]), "basic,user_mail");
    }
}
