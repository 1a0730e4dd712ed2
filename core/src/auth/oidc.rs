//! OAuth 2.0 and OpenID Connect on top of Senzu Auth, so a standard client
//! library works unchanged: standard parameters beside Senzu's (`client_id`
//! for `id_api_app`, `redirect_uri` for `redirect_url`, `scope` for `roles`),
//! scopes as roles, the discovery document (OpenID Connect Discovery 1.0 and
//! RFC 8414), ID token and userinfo claims (OpenID Connect Core 1.0 §2, §5.1),
//! JWS compact serialization (RFC 7515) and token errors (RFC 6749 §5.2).

use serde_json::{json, Map, Value};

use super::pkce::base64url;
use super::Role;

/// How long an ID token, and an access token issued with a refresh token, lasts.
pub const ID_TOKEN_SECONDS: i64 = 3_600;
pub const ACCESS_TOKEN_SECONDS: i64 = 3_600;
/// How long a refresh token lasts unused (each use gives a new one: rotation).
pub const REFRESH_TOKEN_SECONDS: i64 = 30 * 86_400;
/// How long a retired signing key stays in the JWKS: longer than any token it signed.
pub const RETIRED_KEY_SECONDS: i64 = 2 * ID_TOKEN_SECONDS;
/// The one signing algorithm: RS256, which OpenID Connect makes every client support.
pub const ALG: &str = "RS256";

/// What a `scope` asks for: OpenID Connect's scopes and Senzu roles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    pub openid: bool,
    /// `profile`: name claims (needs the role `basic`).
    pub profile: bool,
    /// `email`: the e-mail claims (needs the role `user_mail`).
    pub email: bool,
    /// `offline_access`: asked for a refresh token (one is issued with every code anyway).
    pub offline_access: bool,
    /// Every role the scope needs, `profile` and `email` included.
    pub roles: Vec<Role>,
}

impl Scope {
    /// A space-separated scope (RFC 6749 §3.3): OIDC scopes and role aliases.
    pub fn parse(scope: &str) -> Result<Scope, String> {
        let mut s = Scope::default();
        let add = |roles: &mut Vec<Role>, role: Role| {
            if !roles.contains(&role) {
                roles.push(role);
            }
        };
        for token in scope.split([' ', '\t', '\n']).filter(|t| !t.is_empty()) {
            match token {
                "openid" => s.openid = true,
                "profile" => {
                    s.profile = true;
                    add(&mut s.roles, Role::Basic);
                }
                "email" => {
                    s.email = true;
                    add(&mut s.roles, Role::UserMail);
                }
                "offline_access" => s.offline_access = true,
                alias => add(&mut s.roles, Role::parse(alias).map_err(|e| e.to_string())?),
            }
        }
        Ok(s)
    }

    /// The scope as it is granted back (RFC 6749 §5.1 `scope`), in a fixed order.
    pub fn granted(&self) -> String {
        let mut out: Vec<&str> = Vec::new();
        if self.openid {
            out.push("openid");
        }
        if self.profile {
            out.push("profile");
        }
        if self.email {
            out.push("email");
        }
        if self.offline_access {
            out.push("offline_access");
        }
        for r in &self.roles {
            let implied = (*r == Role::Basic && self.profile) || (*r == Role::UserMail && self.email);
            if !implied {
                out.push(r.alias());
            }
        }
        out.join(" ")
    }
}

/// The discovery document of `issuer` (its origin, no trailing slash).
pub fn discovery(issuer: &str) -> Value {
    let mut scopes = vec!["openid", "profile", "email", "offline_access"];
    scopes.extend(Role::ALL.iter().filter(|r| r.available()).map(|r| r.alias()));
    let auth_methods = ["client_secret_basic", "client_secret_post", "none"];
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/auth"),
        "token_endpoint": format!("{issuer}/v1/auth/token"),
        "userinfo_endpoint": format!("{issuer}/v1/oauth/userinfo"),
        "jwks_uri": format!("{issuer}/v1/oauth/jwks"),
        "revocation_endpoint": format!("{issuer}/v1/oauth/revoke"),
        "scopes_supported": scopes,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [ALG],
        "token_endpoint_auth_methods_supported": auth_methods,
        "revocation_endpoint_auth_methods_supported": auth_methods,
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "given_name",
            "family_name", "preferred_username", "locale", "email", "email_verified"],
        "claims_parameter_supported": false,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
    })
}

/// What a user's claims are made of.
#[derive(Debug, Clone, Default)]
pub struct User<'a> {
    pub id: i64,
    pub firstname: Option<&'a str>,
    pub lastname: Option<&'a str>,
    pub username: Option<&'a str>,
    pub language: Option<&'a str>,
    pub email: &'a str,
    pub email_verified: bool,
}

/// `sub`: stable per user and never an e-mail (ids are never reused: migration 0014).
pub fn subject(id_user: i64) -> String {
    id_user.to_string()
}

/// The user claims the granted roles allow (OpenID Connect Core §5.4): the
/// profile claims with `basic`, the e-mail claims with `user_mail`.
pub fn user_claims(user: &User<'_>, roles: &[Role]) -> Map<String, Value> {
    let mut claims = Map::new();
    claims.insert("sub".into(), Value::String(subject(user.id)));
    if roles.contains(&Role::Basic) {
        let name: Vec<&str> = [user.firstname, user.lastname].into_iter().flatten().filter(|s| !s.is_empty()).collect();
        if !name.is_empty() {
            claims.insert("name".into(), Value::String(name.join(" ")));
        }
        for (claim, value) in
            [("given_name", user.firstname), ("family_name", user.lastname), ("preferred_username", user.username)]
        {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                claims.insert(claim.into(), Value::String(v.into()));
            }
        }
        if let Some(lang) = user.language.filter(|l| !l.is_empty()) {
            claims.insert("locale".into(), Value::String(lang.into()));
        }
    }
    if roles.contains(&Role::UserMail) {
        claims.insert("email".into(), Value::String(user.email.into()));
        claims.insert("email_verified".into(), Value::Bool(user.email_verified));
    }
    claims
}

/// The facts of one ID token besides the user's claims.
pub struct IdToken<'a> {
    pub issuer: &'a str,
    /// The client: the developer app's id.
    pub audience: i64,
    pub nonce: Option<&'a str>,
    pub auth_time: i64,
    pub now: i64,
}

/// The ID token's claims (OpenID Connect Core §2): the registered ones, then the user's.
pub fn id_token_claims(t: &IdToken<'_>, user: &User<'_>, roles: &[Role]) -> Value {
    let mut claims = user_claims(user, roles);
    claims.insert("iss".into(), Value::String(t.issuer.into()));
    claims.insert("aud".into(), Value::String(t.audience.to_string()));
    claims.insert("iat".into(), Value::from(t.now));
    claims.insert("exp".into(), Value::from(t.now + ID_TOKEN_SECONDS));
    claims.insert("auth_time".into(), Value::from(t.auth_time));
    if let Some(nonce) = t.nonce {
        claims.insert("nonce".into(), Value::String(nonce.into()));
    }
    Value::Object(claims)
}

/// `BASE64URL(header) . BASE64URL(claims)`: what the signature covers (RFC 7515 §5.1).
pub fn signing_input(kid: &str, claims: &Value) -> String {
    let header = json!({ "alg": ALG, "typ": "JWT", "kid": kid });
    format!("{}.{}", base64url(header.to_string().as_bytes()), base64url(claims.to_string().as_bytes()))
}

/// The compact JWS: the signing input and its signature.
pub fn compact(signing_input: &str, signature: &[u8]) -> String {
    format!("{signing_input}.{}", base64url(signature))
}

/// A public RSA key's JWK thumbprint (RFC 7638), as its `kid`: the SHA-256 of
/// the required members in lexicographic order, without whitespace.
pub fn rsa_thumbprint(e: &str, n: &str) -> String {
    use sha2::{Digest, Sha256};
    let canonical = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
    base64url(&Sha256::digest(canonical.as_bytes()))
}

/// An RFC 6749 §5.2 error of the token endpoint (and RFC 7009's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthError {
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    pub fn new(error: &'static str, description: impl Into<String>) -> Self {
        OAuthError { error, description: description.into() }
    }

    /// 401 for a client that failed to authenticate, 400 for the rest (§5.2).
    pub fn status(&self) -> u16 {
        if self.error == "invalid_client" {
            401
        } else {
            400
        }
    }

    pub fn to_body(&self) -> Value {
        json!({ "error": self.error, "error_description": self.description })
    }
}

/// `Authorization: Basic …` as (client_id, client_secret): both form-urlencoded
/// before base64 (RFC 6749 §2.3.1).
pub fn basic_credentials(header: &str) -> Option<(String, String)> {
    let encoded = header.strip_prefix("Basic ").or_else(|| header.strip_prefix("basic "))?.trim();
    let decoded = String::from_utf8(crate::page::base64_decode(encoded)?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape =
        |s: &str| url::form_urlencoded::parse(format!("v={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, unescape(secret)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_openid_scopes_and_roles() {
        let s = Scope::parse("openid profile  email offline_access products").unwrap();
        assert!(s.openid && s.profile && s.email && s.offline_access);
        assert_eq!(s.roles, [Role::Basic, Role::UserMail, Role::Products]);
        assert_eq!(s.granted(), "openid profile email offline_access products");
        assert_eq!(Scope::parse("basic profile").unwrap().roles, [Role::Basic]);
        assert!(Scope::parse("openid admin").unwrap_err().contains("admin"));
        assert_eq!(Scope::parse("").unwrap(), Scope::default());
    }

    #[test]
    fn discovery_names_every_endpoint_under_the_issuer() {
        let d = discovery("https://senzu.test");
        assert_eq!(d["issuer"], "https://senzu.test");
        for (field, path) in [
            ("authorization_endpoint", "/auth"),
            ("token_endpoint", "/v1/auth/token"),
            ("userinfo_endpoint", "/v1/oauth/userinfo"),
            ("jwks_uri", "/v1/oauth/jwks"),
            ("revocation_endpoint", "/v1/oauth/revoke"),
        ] {
            assert_eq!(d[field], format!("https://senzu.test{path}"));
        }
        assert_eq!(d["code_challenge_methods_supported"], json!(["S256"]));
        assert_eq!(d["id_token_signing_alg_values_supported"], json!(["RS256"]));
        assert!(d["scopes_supported"].as_array().unwrap().iter().any(|s| s == "openid"));
    }

    fn ada() -> User<'static> {
        User {
            id: 42,
            firstname: Some("Ada"),
            lastname: Some("Lovelace"),
            username: None,
            language: Some("en"),
            email: "ada@senzu.test",
            email_verified: true,
        }
    }

    #[test]
    fn claims_follow_the_granted_roles_and_sub_is_never_the_email() {
        let none = user_claims(&ada(), &[]);
        assert_eq!(Value::Object(none), json!({"sub": "42"}));
        let profile = user_claims(&ada(), &[Role::Basic]);
        assert_eq!(profile["name"], "Ada Lovelace");
        assert_eq!(profile["given_name"], "Ada");
        assert!(!profile.contains_key("email"));
        let email = user_claims(&ada(), &[Role::UserMail]);
        assert_eq!(email["email"], "ada@senzu.test");
        assert_eq!(email["email_verified"], true);
        assert!(!email.contains_key("name"));
        let t = IdToken { issuer: "https://senzu.test", audience: 2, nonce: Some("n-0S6"), auth_time: 900, now: 1000 };
        let id = id_token_claims(&t, &ada(), &[Role::Basic]);
        assert_eq!(id["iss"], "https://senzu.test");
        assert_eq!(id["aud"], "2");
        assert_eq!((id["iat"].as_i64(), id["exp"].as_i64()), (Some(1000), Some(1000 + ID_TOKEN_SECONDS)));
        assert_eq!(id["nonce"], "n-0S6");
        assert_eq!(id["auth_time"], 900);
        assert_ne!(id["sub"], "ada@senzu.test");
    }

    #[test]
    fn a_jws_has_three_base64url_parts_and_names_its_key() {
        let input = signing_input("k1", &json!({"sub": "1"}));
        let jws = compact(&input, &[0xfb, 0xff]);
        let parts: Vec<&str> = jws.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[2], "-_8");
        let header = crate::page::base64_decode(parts[0]).unwrap();
        assert_eq!(
            serde_json::from_slice::<Value>(&header).unwrap(),
            json!({"alg": "RS256", "typ": "JWT", "kid": "k1"})
        );
        assert!(!jws.contains('='));
    }

    /// RFC 7638 §3.1's example key and thumbprint.
    #[test]
    fn the_kid_is_the_rfc_7638_thumbprint() {
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        assert_eq!(rsa_thumbprint("AQAB", n), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }

    #[test]
    fn token_errors_are_rfc_6749_bodies() {
        let e = OAuthError::new("invalid_grant", "the code was already used");
        assert_eq!(e.status(), 400);
        assert_eq!(e.to_body(), json!({"error": "invalid_grant", "error_description": "the code was already used"}));
        assert_eq!(OAuthError::new("invalid_client", "x").status(), 401);
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        // "2:s%3Acret" → id 2, secret "s:cret" (RFC 6749 §2.3.1).
        let header = format!("Basic {}", crate::page::base64(b"2:s%3Acret"));
        assert_eq!(basic_credentials(&header), Some(("2".into(), "s:cret".into())));
        assert_eq!(basic_credentials("Bearer abc"), None);
        assert_eq!(basic_credentials("Basic !!!"), None);
    }
}
