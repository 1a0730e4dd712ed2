//! The ID token signing keys: RS256 pairs made by WebCrypto the first time one
//! is needed, the private JWK kept sealed under the master key, the public one
//! published in the JWKS. Rotating (`cargo xtask admin rotate-signing-key`)
//! retires the current key: the next ID token makes a new one, and the old one
//! stays published until every token it signed has expired.

use senzu_core::auth::oidc::{self, RETIRED_KEY_SECONDS};
use senzu_core::secrets::{MasterKey, SIGNING_KEY};
use serde::Deserialize;
use serde_json::{json, Value};
use worker::D1Database;

use crate::auth::crypto;
use crate::db::{self, int, text};
use crate::error::{AppError, AppResult, Context};

#[derive(Deserialize)]
struct KeyRow {
    kid: String,
    private_sealed: String,
}

/// The key ID tokens are signed with now.
pub struct SigningKey {
    pub kid: String,
    private_jwk: String,
}

async fn newest(db: &D1Database) -> AppResult<Option<KeyRow>> {
    db::first(
        db,
        "SELECT kid, private_sealed FROM signing_keys WHERE date_retired IS NULL ORDER BY date_created DESC, kid LIMIT 1",
        &[],
        "signing key",
    )
    .await
}

/// The current key, made (and published) first if there is none.
pub async fn current(db: &D1Database, master: &MasterKey, now: i64) -> AppResult<SigningKey> {
    let row = match newest(db).await? {
        Some(row) => row,
        None => {
            let private_jwk = crypto::new_rs256_jwk().await?;
            let jwk: Value = serde_json::from_str(&private_jwk).context("new signing key")?;
            let (Some(n), Some(e)) = (jwk["n"].as_str(), jwk["e"].as_str()) else {
                return Err(AppError::Internal { context: "new signing key", cause: "the JWK has no n or e".into() });
            };
            let kid = oidc::rsa_thumbprint(e, n);
            let public = json!({ "kty": "RSA", "n": n, "e": e, "kid": kid, "use": "sig", "alg": oidc::ALG });
            let sealed = master.seal(SIGNING_KEY, crypto::nonce()?, private_jwk.as_bytes());
            db::run(
                db,
                "INSERT OR IGNORE INTO signing_keys (kid, private_sealed, public_jwk, date_created) VALUES (?1, ?2, ?3, ?4)",
                &[text(&kid), text(&sealed), text(&public.to_string()), int(now)],
                "insert signing key",
            )
            .await?;
            // Two workers may have made one at once: both are published; sign with the one that reads first.
            newest(db).await?.ok_or_else(|| AppError::Internal {
                context: "signing key",
                cause: "the key just made is not there".into(),
            })?
        }
    };
    let private = master.open(SIGNING_KEY, &row.private_sealed).context("open signing key")?;
    let private_jwk = String::from_utf8(private).context("signing key text")?;
    Ok(SigningKey { kid: row.kid, private_jwk })
}

impl SigningKey {
    /// `claims` as a signed JWT (JWS compact serialization).
    pub async fn sign(&self, claims: &Value) -> AppResult<String> {
        let input = oidc::signing_input(&self.kid, claims);
        let signature = crypto::sign_rs256(&self.private_jwk, input.as_bytes()).await?;
        Ok(oidc::compact(&input, &signature))
    }
}

/// The JWKS: every key in use, and retired ones until their tokens have expired.
pub async fn jwks(db: &D1Database, now: i64) -> AppResult<Value> {
    #[derive(Deserialize)]
    struct Public {
        public_jwk: String,
    }
    let rows: Vec<Public> = db::all(
        db,
        "SELECT public_jwk FROM signing_keys WHERE date_retired IS NULL OR date_retired > ?1 ORDER BY date_created DESC",
        &[int(now - RETIRED_KEY_SECONDS)],
        "jwks",
    )
    .await?;
    let keys: Vec<Value> = rows.iter().filter_map(|r| serde_json::from_str(&r.public_jwk).ok()).collect();
    Ok(json!({ "keys": keys }))
}
