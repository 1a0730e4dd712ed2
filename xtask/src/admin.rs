//! Operator actions on the database (`cargo xtask admin …`), as SQL that the
//! command runs through wrangler and the tests run the same way.

use anyhow::Result;
use senzu_core::auth::Role;

/// Grants a role an app requested: status true, no longer requested.
pub fn approve_role_sql(app: i64, role: &str) -> Result<String> {
    // Parsed first: only a documented role name reaches the SQL text.
    let role = Role::parse(role).map_err(|e| anyhow::anyhow!("{e}"))?.alias();
    Ok(format!(
        "UPDATE api_app_roles SET status = 1, is_requested = 0, date_updated = unixepoch() \
         WHERE id_api_app = {app} AND alias_role = '{role}';\n\
         SELECT id_api_app, alias_role, status, is_requested FROM api_app_roles \
         WHERE id_api_app = {app} AND alias_role = '{role}';"
    ))
}

/// Retires the current ID token signing key: the worker makes a new one for
/// the next ID token, and keeps the old one in the JWKS until its tokens expire.
pub const ROTATE_SIGNING_KEY_SQL: &str =
    "UPDATE signing_keys SET date_retired = unixepoch() WHERE date_retired IS NULL;\n\
     SELECT kid, date_created, date_retired FROM signing_keys ORDER BY date_created DESC;";

/// Publishes a submitted plugstore version (Senzu's review, done): the
/// version becomes the entry's, its form and icon go onto the entry's row
/// (what plays read), and its texts become the catalogue's, each language
/// falling back to the other. A version not submitted is left as it is.
pub fn publish_plugstore_sql(version: i64) -> String {
    let text = |column: &str, lang: &str, other: &str| {
        format!(
            "COALESCE((SELECT {column} FROM plugstore_version_langs WHERE id_plugstore_version = {version} AND lang = '{lang}'), \
             (SELECT {column} FROM plugstore_version_langs WHERE id_plugstore_version = {version} AND lang = '{other}'))"
        )
    };
    format!(
        "UPDATE plugstore_versions SET status = 'publish', date_updated = unixepoch() \
         WHERE id = {version} AND status = 'submitted';\n\
         UPDATE plugstores SET status = 'publish', id_version = {version}, \
         spec = (SELECT spec FROM plugstore_versions WHERE id = {version}), \
         id_icon = (SELECT id_icon FROM plugstore_versions WHERE id = {version}), \
         display_name_fr = COALESCE({dfr}, display_name_fr), display_name_en = COALESCE({den}, display_name_en), \
         catchphrase_fr = {cfr}, catchphrase_en = {cen}, description_fr = {sfr}, description_en = {sen}, \
         date_updated = unixepoch() \
         WHERE id = (SELECT id_plugstore FROM plugstore_versions WHERE id = {version} AND status = 'publish');\n\
         SELECT id, status, id_version, display_name_en FROM plugstores \
         WHERE id = (SELECT id_plugstore FROM plugstore_versions WHERE id = {version});",
        dfr = text("display_name", "fr", "en"),
        den = text("display_name", "en", "fr"),
        cfr = text("catchphrase", "fr", "en"),
        cen = text("catchphrase", "en", "fr"),
        sfr = text("description", "fr", "en"),
        sen = text("description", "en", "fr"),
    )
}

/// Withdraws a developer's plugstore entry (abuse, a broken link): out of the
/// catalogue, and its plugins leave the plays, until a new version is published.
pub fn unpublish_plugstore_sql(entry: i64) -> String {
    format!(
        "UPDATE plugstore_versions SET status = 'unpublished', date_updated = unixepoch() \
         WHERE id = (SELECT id_version FROM plugstores WHERE id = {entry} AND id >= 1001);\n\
         UPDATE plugstores SET status = 'unpublished', date_updated = unixepoch() WHERE id = {entry} AND id >= 1001;\n\
         SELECT id, status, id_version FROM plugstores WHERE id = {entry};"
    )
}

/// Verifies a provider account (Senzu's staff checked the company): it sees
/// the paid orders waiting for a provider and may take them.
pub fn verify_provider_sql(provider: i64) -> String {
    format!(
        "UPDATE providers SET is_verified = 1, date_updated = unixepoch() WHERE id = {provider};\n\
         SELECT id, id_user, name, is_verified FROM providers WHERE id = {provider};"
    )
}

/// Verifies a reseller account: makers may then hand it products.
pub fn verify_reseller_sql(reseller: i64) -> String {
    format!(
        "UPDATE resellers SET is_verified = 1, date_updated = unixepoch() WHERE id = {reseller};\n\
         SELECT id, id_user, is_verified FROM resellers WHERE id = {reseller};"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_documented_roles_reach_the_sql() {
        assert!(super::approve_role_sql(2, "providers").unwrap().contains("alias_role = 'providers'"));
        assert!(super::approve_role_sql(2, "x'; DROP TABLE users; --").is_err());
    }
}
