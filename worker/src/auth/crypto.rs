//! Randomness and password hashing through WebCrypto (the runtime's native
//! implementation: PBKDF2 at 100,000 iterations costs ~30 ms of CPU there,
//! several times less than the same loop in wasm).

use senzu_core::password;
use worker::js_sys::{self, Array, Function, Object, Promise, Reflect, Uint8Array};
use worker::wasm_bindgen::{JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;

use crate::error::{AppError, AppResult};

fn js_error(context: &'static str, e: JsValue) -> AppError {
    AppError::Internal { context, cause: format!("{e:?}") }
}

fn get(target: &JsValue, name: &str, context: &'static str) -> AppResult<JsValue> {
    Reflect::get(target, &JsValue::from_str(name)).map_err(|e| js_error(context, e))
}

fn method(target: &JsValue, name: &str, context: &'static str) -> AppResult<Function> {
    get(target, name, context)?.dyn_into::<Function>().map_err(|e| js_error(context, e))
}

fn crypto() -> AppResult<JsValue> {
    get(&js_sys::global(), "crypto", "globalThis.crypto")
}

/// `n` bytes from the runtime's CSPRNG.
pub fn random_bytes(n: usize) -> AppResult<Vec<u8>> {
    let crypto = crypto()?;
    let array = Uint8Array::new_with_length(n as u32);
    method(&crypto, "getRandomValues", "crypto.getRandomValues")?
        .call1(&crypto, &array)
        .map_err(|e| js_error("crypto.getRandomValues", e))?;
    Ok(array.to_vec())
}

/// A fresh 96-bit AES-GCM nonce. Fails closed: there is no fallback value
/// (a repeated nonce under one key breaks GCM's confidentiality and integrity).
pub fn nonce() -> AppResult<[u8; 12]> {
    random_bytes(12)?
        .try_into()
        .map_err(|_| AppError::Internal { context: "nonce", cause: "getRandomValues gave fewer than 12 bytes".into() })
}

/// A fresh secret as hex: tokens are 64 random bytes (128 hex), keys 32 (64 hex).
pub fn random_hex(n: usize) -> AppResult<String> {
    Ok(hex(&random_bytes(n)?))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn call(subtle: &JsValue, name: &str, args: &[JsValue], context: &'static str) -> AppResult<JsValue> {
    let array: Array = args.iter().collect();
    let promise = method(subtle, name, context)?.apply(subtle, &array).map_err(|e| js_error(context, e))?;
    JsFuture::from(Promise::from(promise)).await.map_err(|e| js_error(context, e))
}

/// PBKDF2-HMAC-SHA256 with WebCrypto's `deriveBits`, 32 bytes.
pub async fn pbkdf2(password: &str, salt: &[u8], iterations: u32) -> AppResult<[u8; 32]> {
    let subtle = get(&crypto()?, "subtle", "crypto.subtle")?;
    let usages: Array = [JsValue::from_str("deriveBits")].iter().collect();
    let key = call(
        &subtle,
        "importKey",
        &[
            JsValue::from_str("raw"),
            Uint8Array::from(password.as_bytes()).into(),
            JsValue::from_str("PBKDF2"),
            JsValue::FALSE,
            usages.into(),
        ],
        "importKey PBKDF2",
    )
    .await?;
    let params = Object::new();
    for (k, v) in [
        ("name", JsValue::from_str("PBKDF2")),
        ("hash", JsValue::from_str("SHA-256")),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", JsValue::from_f64(f64::from(iterations))),
    ] {
        Reflect::set(&params, &JsValue::from_str(k), &v).map_err(|e| js_error("PBKDF2 params", e))?;
    }
    let bits = call(&subtle, "deriveBits", &[params.into(), key, JsValue::from_f64(256.0)], "deriveBits").await?;
    let bytes = Uint8Array::new(&bits).to_vec();
    bytes.try_into().map_err(|_| AppError::Internal { context: "deriveBits", cause: "not 32 bytes".into() })
}

/// A new account password hash: fresh 16-byte salt, 100,000 iterations.
pub async fn hash_password(password: &str) -> AppResult<String> {
    let salt = random_bytes(16)?;
    let derived = pbkdf2(password, &salt, password::ACCOUNT_ITERATIONS).await?;
    Ok(password::format(password::ACCOUNT_ITERATIONS, &salt, &derived))
}

/// Whether `password` matches `stored`. With no stored hash (unknown account)
/// the same work is done against a dummy, so timing does not reveal accounts.
pub async fn verify_password(password: &str, stored: Option<&str>) -> AppResult<bool> {
    let parsed = stored.and_then(password::Stored::parse);
    let (salt, iterations) = match &parsed {
        Some(s) => (s.salt.clone(), s.iterations),
        None => (vec![0u8; 16], password::ACCOUNT_ITERATIONS),
    };
    let derived = pbkdf2(password, &salt, iterations).await?;
    Ok(parsed.is_some_and(|s| s.matches(&derived)))
}

fn object(entries: &[(&str, JsValue)], context: &'static str) -> AppResult<Object> {
    let o = Object::new();
    for (k, v) in entries {
        Reflect::set(&o, &JsValue::from_str(k), v).map_err(|e| js_error(context, e))?;
    }
    Ok(o)
}

fn rsa_algorithm(context: &'static str) -> AppResult<Object> {
    object(&[("name", JsValue::from_str("RSASSA-PKCS1-v1_5")), ("hash", JsValue::from_str("SHA-256"))], context)
}

/// A new RS256 key pair, its private half as a JWK (JSON text): the ID token signing key.
pub async fn new_rs256_jwk() -> AppResult<String> {
    let subtle = get(&crypto()?, "subtle", "crypto.subtle")?;
    let algorithm = rsa_algorithm("RSA params")?;
    for (k, v) in
        [("modulusLength", JsValue::from_f64(2048.0)), ("publicExponent", Uint8Array::from(&[1u8, 0, 1][..]).into())]
    {
        Reflect::set(&algorithm, &JsValue::from_str(k), &v).map_err(|e| js_error("RSA params", e))?;
    }
    let usages: Array = ["sign", "verify"].iter().map(|u| JsValue::from_str(u)).collect();
    let pair =
        call(&subtle, "generateKey", &[algorithm.into(), JsValue::TRUE, usages.into()], "generateKey RSA").await?;
    let private = get(&pair, "privateKey", "RSA key pair")?;
    let jwk = call(&subtle, "exportKey", &[JsValue::from_str("jwk"), private], "exportKey jwk").await?;
    js_sys::JSON::stringify(&jwk).map(String::from).map_err(|e| js_error("JWK to JSON", e))
}

/// An RS256 (RSASSA-PKCS1-v1_5, SHA-256) signature of `input` with a private JWK.
pub async fn sign_rs256(private_jwk: &str, input: &[u8]) -> AppResult<Vec<u8>> {
    let subtle = get(&crypto()?, "subtle", "crypto.subtle")?;
    let jwk = js_sys::JSON::parse(private_jwk).map_err(|e| js_error("JWK from JSON", e))?;
    let usages: Array = [JsValue::from_str("sign")].iter().collect();
    let key = call(
        &subtle,
        "importKey",
        &[JsValue::from_str("jwk"), jwk, rsa_algorithm("RSA params")?.into(), JsValue::FALSE, usages.into()],
        "importKey RSA",
    )
    .await?;
    let signature =
        call(&subtle, "sign", &[rsa_algorithm("RSA params")?.into(), key, Uint8Array::from(input).into()], "sign RSA")
            .await?;
    Ok(Uint8Array::new(&signature).to_vec())
}
