//! OAuth 2.0 and OpenID Connect as a standard client uses them: discovery,
//! the consent with `client_id`/`redirect_uri`/`scope`/`nonce`/PKCE, the code
//! exchange with client_secret_basic, client_secret_post or none, the ID token,
//! userinfo, refresh-token rotation with reuse detection, revocation (RFC
//! 7009), and RFC 6749 error bodies. (Node's openid-client drives the same
//! flow through the consent page in e2e/oidc.spec.mjs.)

mod common;

use common::{app, demo, execute_sql, Answer, Auth};
use senzu_core::plugins::encode;
use serde_json::Value;

const VERIFIER: &str = "dBjftJeZ4CVP-mJ0kmMQBnFTvQ3fG8mKB3qVzPUCjtQ";
const REDIRECT: &str = "http://127.0.0.1:53682/callback";

fn client_id() -> String {
    demo()["app"]["id"].as_i64().unwrap().to_string()
}

fn secret() -> String {
    demo()["app"]["private_key"].as_str().unwrap().to_string()
}

fn owner_session() -> String {
    let d = demo();
    app().sign_in(d["owner"]["email"].as_str().unwrap(), d["owner"]["password"].as_str().unwrap())
}

/// Consents (as the owner) to a standard authorization request; the code and state it redirected with.
fn authorize(scope: &str, nonce: &str) -> (String, String) {
    let query = format!(
        "client_id={}&redirect_uri={}&response_type=code&scope={}&state=xyz-1&nonce={nonce}&code_challenge={}&code_challenge_method=S256",
        client_id(),
        encode(REDIRECT),
        encode(scope),
        senzu_core::auth::pkce::s256(VERIFIER)
    );
    let answer = app().consent(&owner_session(), &query, true);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let redirect = answer.json()["redirect"].as_str().unwrap().to_string();
    assert!(redirect.starts_with(REDIRECT), "{redirect}");
    let url = url::Url::parse(&redirect).unwrap();
    let param = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned()).unwrap();
    (param("code"), param("state"))
}

fn basic() -> String {
    format!("Basic {}", senzu_core::page::base64(format!("{}:{}", client_id(), secret()).as_bytes()))
}

fn token(form: &[(&str, &str)], authorization: Option<&str>) -> Answer {
    let headers: Vec<(&str, &str)> = authorization.map(|a| vec![("authorization", a)]).unwrap_or_default();
    app().call_bare("POST", "/v1/auth/token", Auth::None, form, &headers)
}

fn exchange(code: &str, authorization: Option<&str>) -> Answer {
    token(
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
        ],
        authorization,
    )
}

fn jwt_part(jwt: &str, i: usize) -> Value {
    let bytes = senzu_core::page::base64_decode(jwt.split('.').nth(i).unwrap()).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn oauth_error(a: &Answer) -> String {
    a.json()["error"].as_str().unwrap_or_else(|| panic!("not an RFC 6749 error: {}", a.body)).to_string()
}

#[test]
fn discovery_names_this_server_and_its_endpoints() {
    let d = app().get("/.well-known/openid-configuration");
    assert_eq!(d.status, 200, "{}", d.body);
    let doc = d.json();
    assert_eq!(doc["issuer"], app().base_url.as_str());
    assert_eq!(doc["token_endpoint"], format!("{}/v1/auth/token", app().base_url));
    assert_eq!(doc["jwks_uri"], format!("{}/v1/oauth/jwks", app().base_url));
    assert_eq!(app().get("/.well-known/oauth-authorization-server").json()["issuer"], doc["issuer"]);
}

#[test]
fn a_standard_code_flow_gives_tokens_and_a_signed_id_token() {
    let (code, state) = authorize("openid profile email", "n-0S6_WzA2Mj");
    assert_eq!(state, "xyz-1");
    let a = exchange(&code, Some(&basic()));
    assert_eq!(a.status, 200, "{}", a.body);
    let t = a.json();
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 3600);
    assert_eq!(t["scope"], "openid profile email");
    assert!(t["refresh_token"].as_str().is_some_and(|r| r.len() == 128));
    let id_token = t["id_token"].as_str().expect("an ID token for openid");
    let header = jwt_part(id_token, 0);
    assert_eq!(header["alg"], "RS256");
    let claims = jwt_part(id_token, 1);
    assert_eq!(claims["iss"], app().base_url.as_str());
    assert_eq!(claims["aud"], client_id());
    assert_eq!(claims["nonce"], "n-0S6_WzA2Mj");
    assert_eq!(claims["sub"], demo()["owner"]["id"].as_i64().unwrap().to_string());
    assert_eq!(claims["email"], demo()["owner"]["email"]);
    assert!(claims["auth_time"].as_i64().unwrap() <= claims["iat"].as_i64().unwrap());
    // The key that signed it is published.
    let jwks = app().get("/v1/oauth/jwks").json();
    let key = jwks["keys"].as_array().unwrap().iter().find(|k| k["kid"] == header["kid"]).expect("the signing key");
    assert_eq!(
        (key["kty"].as_str(), key["alg"].as_str(), key["use"].as_str()),
        (Some("RSA"), Some("RS256"), Some("sig"))
    );
    assert!(key.get("d").is_none(), "the JWKS published a private key");

    // userinfo: the same subject and the claims the scope allows.
    let access = t["access_token"].as_str().unwrap();
    let info = app().call_bare("GET", "/v1/oauth/userinfo", Auth::Bearer(access), &[], &[]);
    assert_eq!(info.status, 200, "{}", info.body);
    assert_eq!(info.json()["sub"], claims["sub"]);
    assert_eq!(info.json()["email"], claims["email"]);
    assert!(info.json()["given_name"].is_string());
    assert_eq!(app().get("/v1/oauth/userinfo").status, 401);

    // The code works once; its second use revokes what the first one issued.
    let again = exchange(&code, Some(&basic()));
    assert_eq!((again.status, oauth_error(&again).as_str()), (400, "invalid_grant"));
    assert_eq!(app().call_bare("GET", "/v1/oauth/userinfo", Auth::Bearer(access), &[], &[]).status, 401);
}

#[test]
fn clients_authenticate_by_basic_by_post_or_not_at_all_with_pkce() {
    // client_secret_post
    let (code, _) = authorize("openid", "n1");
    let post = token(
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
            ("client_id", &client_id()),
            ("client_secret", &secret()),
        ],
        None,
    );
    assert_eq!(post.status, 200, "{}", post.body);
    // A public client: client_id and PKCE, no secret.
    let (code, _) = authorize("openid", "n2");
    let public = token(
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", VERIFIER),
            ("client_id", &client_id()),
        ],
        None,
    );
    assert_eq!(public.status, 200, "{}", public.body);
    // A wrong secret is invalid_client, 401 with a challenge; and the code stays unused.
    let (code, _) = authorize("openid", "n3");
    let wrong = format!("Basic {}", senzu_core::page::base64(format!("{}:{}", client_id(), "0".repeat(64)).as_bytes()));
    let refused = exchange(&code, Some(&wrong));
    assert_eq!((refused.status, oauth_error(&refused).as_str()), (401, "invalid_client"));
    assert_eq!(exchange(&code, Some(&basic())).status, 200, "a refused client did not burn the code");
    // A wrong verifier, a missing one, another grant type.
    let (code, _) = authorize("openid", "n4");
    let bad = token(
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &"x".repeat(43)),
            ("client_id", &client_id()),
        ],
        None,
    );
    assert_eq!(oauth_error(&bad), "invalid_grant");
    let missing = token(
        &[
            ("grant_type", "authorization_code"),
            ("code", "abc"),
            ("redirect_uri", REDIRECT),
            ("client_id", &client_id()),
        ],
        None,
    );
    assert_eq!((missing.status, oauth_error(&missing).as_str()), (400, "invalid_request"));
    let password = token(&[("grant_type", "password"), ("client_id", &client_id())], None);
    assert_eq!(oauth_error(&password), "unsupported_grant_type");
}

#[test]
fn refresh_tokens_rotate_and_a_reused_one_ends_the_family() {
    let (code, _) = authorize("openid email", "n5");
    let first = exchange(&code, Some(&basic())).json();
    let refresh = |token: &str| token_refresh(token);
    let second = refresh(first["refresh_token"].as_str().unwrap());
    assert_eq!(second.status, 200, "{}", second.body);
    let second = second.json();
    assert_ne!(second["refresh_token"], first["refresh_token"], "rotated");
    assert!(second["id_token"].is_string());
    let access = second["access_token"].as_str().unwrap().to_string();
    assert_eq!(app().call_bare("GET", "/v1/oauth/userinfo", Auth::Bearer(&access), &[], &[]).status, 200);
    // A narrower scope is fine; a wider one is not.
    let wider = token(
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", second["refresh_token"].as_str().unwrap()),
            ("scope", "openid email products"),
        ],
        Some(&basic()),
    );
    assert_eq!(oauth_error(&wider), "invalid_scope");
    // The first refresh token again: someone kept a copy. The whole family ends.
    let reused = refresh(first["refresh_token"].as_str().unwrap());
    assert_eq!((reused.status, oauth_error(&reused).as_str()), (400, "invalid_grant"));
    assert_eq!(app().call_bare("GET", "/v1/oauth/userinfo", Auth::Bearer(&access), &[], &[]).status, 401);
    assert_eq!(oauth_error(&refresh(second["refresh_token"].as_str().unwrap())), "invalid_grant");
}

fn token_refresh(refresh_token: &str) -> Answer {
    token(&[("grant_type", "refresh_token"), ("refresh_token", refresh_token)], Some(&basic()))
}

#[test]
fn revocation_ends_a_token_and_says_nothing_about_others() {
    let (code, _) = authorize("openid", "n6");
    let t = exchange(&code, Some(&basic())).json();
    let access = t["access_token"].as_str().unwrap();
    let revoke = |form: &[(&str, &str)]| {
        app().call_bare("POST", "/v1/oauth/revoke", Auth::None, form, &[("authorization", &basic())])
    };
    assert_eq!(revoke(&[("token", &"ab".repeat(64))]).status, 200, "an unknown token: 200 all the same");
    assert_eq!(revoke(&[("token", access), ("token_type_hint", "access_token")]).status, 200);
    assert_eq!(app().call_bare("GET", "/v1/oauth/userinfo", Auth::Bearer(access), &[], &[]).status, 401);
    let refresh = t["refresh_token"].as_str().unwrap();
    assert_eq!(revoke(&[("token", refresh)]).status, 200);
    assert_eq!(oauth_error(&token_refresh(refresh)), "invalid_grant");
    let missing = revoke(&[]);
    assert_eq!((missing.status, oauth_error(&missing).as_str()), (400, "invalid_request"));
}

#[test]
fn the_consent_names_what_is_wrong_in_a_standard_request() {
    let session = owner_session();
    let info = |query: &str| app().call("GET", &format!("/v1/auth/consent?{query}"), Auth::Cookie(&session), &[], &[]);
    let base = format!(
        "client_id={}&redirect_uri={}&response_type=code&code_challenge={}&code_challenge_method=S256",
        client_id(),
        encode(REDIRECT),
        senzu_core::auth::pkce::s256(VERIFIER)
    );
    let ok = info(&format!("{base}&scope=openid%20profile"));
    assert_eq!(ok.status, 200, "{}", ok.body);
    let consent = ok.json();
    let roles: Vec<&str> = consent["roles"].as_array().unwrap().iter().map(|r| r["alias"].as_str().unwrap()).collect();
    assert_eq!(roles, ["basic"]);
    let unknown = info(&format!("{base}&scope=openid%20everything"));
    assert_eq!(unknown.status, 420, "{}", unknown.body);
    assert!(unknown.body.contains("scope"), "{}", unknown.body);
    let implicit =
        info(&format!("client_id={}&redirect_uri={}&response_type=token&scope=openid", client_id(), encode(REDIRECT)));
    assert!(implicit.body.contains("response_type"), "{}", implicit.body);
    let elsewhere = info(&format!(
        "client_id={}&redirect_uri={}&response_type=code&scope=openid&code_challenge={}&code_challenge_method=S256",
        client_id(),
        encode("https://evil.test/callback"),
        senzu_core::auth::pkce::s256(VERIFIER)
    ));
    assert!(elsewhere.body.contains("redirect_url"), "{}", elsewhere.body);
}

#[test]
fn a_rotated_signing_key_signs_no_more_and_stays_published() {
    let kid = |nonce: &str| {
        let (code, _) = authorize("openid", nonce);
        let t = exchange(&code, Some(&basic())).json();
        jwt_part(t["id_token"].as_str().unwrap(), 0)["kid"].as_str().unwrap().to_string()
    };
    let before = kid("r1");
    execute_sql(senzu_xtask::admin::ROTATE_SIGNING_KEY_SQL);
    let after = kid("r2");
    assert_ne!(before, after, "a new key after the rotation");
    let jwks = app().get("/v1/oauth/jwks").json();
    let kids: Vec<&str> = jwks["keys"].as_array().unwrap().iter().map(|k| k["kid"].as_str().unwrap()).collect();
    assert!(kids.contains(&before.as_str()) && kids.contains(&after.as_str()), "{kids:?}");
}

#[test]
fn a_refusal_reaches_the_client_as_access_denied() {
    let query = format!(
        "client_id={}&redirect_uri={}&response_type=code&scope=openid&state=st-9&nonce=n9&code_challenge={}&code_challenge_method=S256",
        client_id(),
        encode(REDIRECT),
        senzu_core::auth::pkce::s256(VERIFIER)
    );
    let answer = app().consent(&owner_session(), &query, false);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let redirect = answer.json()["redirect"].as_str().unwrap().to_string();
    let url = url::Url::parse(&redirect).unwrap();
    assert!(redirect.starts_with(REDIRECT), "{redirect}");
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    assert!(pairs.contains(&("error".into(), "access_denied".into())), "{redirect}");
    assert!(pairs.contains(&("state".into(), "st-9".into())), "{redirect}");
    assert!(!pairs.iter().any(|(k, _)| k == "code"), "{redirect}");
}
