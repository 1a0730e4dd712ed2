"""Sign in with Senzu through Authlib (PyPI), a second standard client:
discovery, an authorization request with PKCE, state and nonce, the consent
answered as the signed-in user (the consent page's own two calls), the code
exchange with client_secret_basic, the ID token verified with the JWKS and its
claims checked, userinfo, a refresh, and RFC 7009 revocation. Authlib gets no
special case. Run by `cargo xtask test` with SENZU_BASE_URL and SENZU_DEMO_JSON."""

import json
import os
import sys
from urllib.parse import parse_qs, urlparse

import requests
from authlib.integrations.requests_client import OAuth2Session
import warnings

warnings.simplefilter("ignore")
from authlib.jose import JsonWebKey, jwt  # noqa: E402
from authlib.common.security import generate_token

BASE = os.environ["SENZU_BASE_URL"]
DEMO = json.load(open(os.environ["SENZU_DEMO_JSON"]))
REDIRECT = "http://127.0.0.1:8765/callback"


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def consent_as_owner(authorization_url):
    """What the consent page does for a signed-in user: read the request, then allow it."""
    browser = requests.Session()
    browser.headers["Origin"] = BASE
    signed_in = browser.post(f"{BASE}/v1/auth/login",
                             data={"email": DEMO["owner"]["email"], "password": DEMO["owner"]["password"]})
    check(signed_in.status_code == 200, f"sign in: {signed_in.text}")
    # The session cookie is Secure: a browser on loopback http sends it, requests' jar does not.
    browser.headers["Cookie"] = f"senzu_session={signed_in.cookies['senzu_session']}"
    browser.cookies.clear()
    query = urlparse(authorization_url).query
    info = browser.get(f"{BASE}/v1/auth/consent?{query}")
    check(info.status_code == 200, f"consent info: {info.text}")
    answer = browser.post(f"{BASE}/v1/auth/consent?{query}", data={"grant": "true", "csrf": info.json()["csrf"]})
    check(answer.status_code == 200, f"consent answer: {answer.text}")
    return answer.json()["redirect"]


def main():
    metadata = requests.get(f"{BASE}/.well-known/openid-configuration").json()
    check(metadata["issuer"] == BASE, f"issuer {metadata['issuer']}")
    client = OAuth2Session(
        client_id=str(DEMO["app"]["id"]),
        client_secret=DEMO["app"]["private_key"],
        scope="openid profile email",
        redirect_uri=REDIRECT,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
        revocation_endpoint_auth_method="client_secret_basic",
    )
    verifier = generate_token(48)
    nonce = generate_token(20)
    url, state = client.create_authorization_url(metadata["authorization_endpoint"], code_verifier=verifier,
                                                 nonce=nonce)
    check(urlparse(url).path == "/auth", url)
    redirect = consent_as_owner(url)
    check(parse_qs(urlparse(redirect).query)["state"] == [state], "state comes back")

    token = client.fetch_token(metadata["token_endpoint"], authorization_response=redirect, code_verifier=verifier)
    check(token["token_type"].lower() == "bearer", token)
    keys = JsonWebKey.import_key_set(requests.get(metadata["jwks_uri"]).json())
    claims = jwt.decode(token["id_token"], keys, claims_options={
        "iss": {"essential": True, "value": metadata["issuer"]},
        "aud": {"essential": True, "value": str(DEMO["app"]["id"])},
        "nonce": {"essential": True, "value": nonce},
    })
    claims.validate()
    check(claims["sub"] == str(DEMO["owner"]["id"]), claims)
    check(claims["email"] == DEMO["owner"]["email"], claims)

    info = client.get(metadata["userinfo_endpoint"]).json()
    check(info["sub"] == claims["sub"] and info["email"] == DEMO["owner"]["email"], info)

    old_refresh = token["refresh_token"]
    refreshed = client.refresh_token(metadata["token_endpoint"], refresh_token=old_refresh)
    check(refreshed["refresh_token"] != old_refresh, "the refresh token rotates")
    revoked = client.revoke_token(metadata["revocation_endpoint"], token=refreshed["access_token"],
                                  token_type_hint="access_token")
    check(revoked.status_code == 200, revoked.text)
    after = requests.get(metadata["userinfo_endpoint"],
                         headers={"Authorization": f"Bearer {refreshed['access_token']}"})
    check(after.status_code == 401, f"a revoked token still reads userinfo: {after.status_code}")
    print("authlib: discovery, code + PKCE, ID token (RS256, JWKS), userinfo, refresh, revocation: ok")


main()
