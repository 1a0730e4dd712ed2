// "Sign in with Senzu" through a standard OpenID Connect client: openid-client
// (npm) discovers the server, builds the authorization request (PKCE, nonce,
// state), the consent page is signed in and allowed in Chromium, and the
// library exchanges the code, validates the ID token against the JWKS, reads
// userinfo, refreshes and revokes. No special case for Senzu but the loopback
// http issuer, which openid-client only accepts when told to.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import * as client from 'openid-client';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

test('openid-client signs a user in with Senzu, then refreshes and revokes', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the OpenID flow runs once');
  test.setTimeout(60_000);
  // The relying party's callback: a real loopback listener, as a native app has.
  const server = createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('signed in'); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const config = await client.discovery(new URL(process.env.SENZU_BASE_URL), String(demo.app.id), undefined,
      client.ClientSecretBasic(demo.app.private_key), { execute: [client.allowInsecureRequests] });
    const redirect_uri = `http://127.0.0.1:${server.address().port}/callback`;
    const code_verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri, scope: 'openid profile email', nonce, state,
      code_challenge: await client.calculatePKCECodeChallenge(code_verifier), code_challenge_method: 'S256',
    });
    expect(url.pathname).toBe('/auth');

    await page.goto(url.href);
    const consent = page.getByTestId('consent');
    await consent.getByLabel('E-mail address').fill(demo.owner.email);
    await consent.getByLabel('Password').fill(demo.owner.password);
    await consent.getByRole('button', { name: 'Sign in' }).click();
    await expect(consent).toContainText(`Signed in as ${demo.owner.email}`);
    await consent.getByTestId('allow').click();
    await page.waitForURL((u) => u.href.startsWith(redirect_uri));

    // The library checks state, exchanges the code with the verifier, and validates the ID token.
    const tokens = await client.authorizationCodeGrant(config, new URL(page.url()),
      { pkceCodeVerifier: code_verifier, expectedNonce: nonce, expectedState: state });
    const claims = tokens.claims();
    expect(claims.iss).toBe(config.serverMetadata().issuer);
    expect(claims.aud).toBe(String(demo.app.id));
    expect(claims.sub).toBe(String(demo.owner.id));
    expect(claims.email).toBe(demo.owner.email);
    expect(claims.nonce).toBe(nonce);
    expect(typeof claims.auth_time).toBe('number');

    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info.email).toBe(demo.owner.email);
    expect(info.given_name).toBe('Ada');

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims().sub).toBe(claims.sub);
    // Revocation ends that token only.
    await client.tokenRevocation(config, refreshed.access_token);
    await expect(client.fetchUserInfo(config, refreshed.access_token, claims.sub)).rejects.toBeTruthy();
    expect((await client.fetchUserInfo(config, tokens.access_token, claims.sub)).sub).toBe(claims.sub);
    // The old refresh token was rotated out: the library gets the server's invalid_grant.
    await expect(client.refreshTokenGrant(config, tokens.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });
    // A code works once.
    const replay = await client.authorizationCodeGrant(config, new URL(page.url()),
      { pkceCodeVerifier: code_verifier, expectedNonce: nonce, expectedState: state }).catch((e) => e);
    expect(replay.error).toBe('invalid_grant');
  } finally {
    server.close();
  }
});
