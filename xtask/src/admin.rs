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

#[cfg(test)]
mod tests {
    #[test]
    fn only_documented_roles_reach_the_sql() {
        assert!(super::approve_role_sql(2, "providers").unwrap().contains("alias_role = 'providers'"));
        assert!(super::approve_role_sql(2, "x'; DROP TABLE users; --").is_err());
    }
}
