// Senzu Auth in a real browser: a third-party web app on another origin sends
// the user to the consent screen, gets a code, exchanges it (PKCE) and reads
// /v1/user with the token (CORS); sign-up with its activation mail; the
// developer console shows a new app's private key once.
import { test, expect } from '@playwright/test';
import { remember } from './lib.mjs';
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));
const BASE = process.env.SENZU_BASE_URL;

const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// The third-party app: one page on a loopback port of its own, a different
// origin from Senzu, so every call it makes is a cross-origin fetch.
async function thirdPartyApp(verifier) {
  const page = (port) => `<!doctype html><meta charset="utf-8"><title>Ada's Notes</title>
<p id="who">working…</p><script>
(async () => {
  const q = new URLSearchParams(location.search);
  const who = document.getElementById('who');
  try {
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code'),
      code_verifier: ${JSON.stringify(verifier)}, id_api_app: '${demo.app.id}',
      redirect_url: 'http://127.0.0.1:${port}/callback' });
    const t = await (await fetch('${BASE}/v1/auth/token', { method: 'POST', body: form })).json();
    window.senzuToken = t.token;
    const me = await (await fetch('${BASE}/v1/user?returns=id,firstname,email',
      { headers: { authorization: 'Bearer ' + t.token } })).json();
    who.textContent = 'state=' + q.get('state') + ' email=' + me.email + ' firstname=' + me.firstname;
  } catch (e) { who.textContent = 'failed: ' + e; }
})();
</script>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(server.address().port));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

test.describe('Senzu Auth', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'the auth flows are tested once, at desktop size');
  });

  test('a third-party app signs a user in with PKCE and reads the user cross-origin', async ({ page }) => {
    const verifier = b64url(randomBytes(48));
    const challenge = b64url(createHash('sha256').update(verifier).digest());
    const server = await thirdPartyApp(verifier);
    try {
      const redirect = `http://127.0.0.1:${server.address().port}/callback`;
      const query = new URLSearchParams({ id_api_app: String(demo.app.id), roles: 'basic,user_mail',
        redirect_url: redirect, response_type: 'code', code_challenge: challenge,
        code_challenge_method: 'S256', state: 'st-42' });
      await page.goto(`/auth?${query}`);
      const consent = page.getByTestId('consent');
      await expect(consent.getByRole('heading', { level: 1 })).toContainText("Ada's Notes");
      await expect(consent.locator('[data-role]')).toHaveCount(2);

      // Not signed in: the consent screen signs in inline, then asks.
      await consent.getByLabel('E-mail address').fill(demo.owner.email);
      await consent.getByLabel('Password').fill(demo.owner.password);
      await consent.getByRole('button', { name: 'Sign in' }).click();
      await expect(consent).toContainText(`Signed in as ${demo.owner.email}`);
      await page.screenshot({ path: 'e2e/artifacts/consent.png', fullPage: true });
      await consent.getByTestId('allow').click();

      await page.waitForURL((url) => url.origin === `http://127.0.0.1:${server.address().port}`);
      await expect(page.locator('#who')).toHaveText(`state=st-42 email=${demo.owner.email} firstname=Ada`);
      expect(new URL(page.url()).searchParams.get('state')).toBe('st-42');
      remember(await page.evaluate(() => window.senzuToken));
    } finally {
      server.close();
    }
  });

  test('a consent request with an unregistered redirect goes nowhere', async ({ page }) => {
    const query = new URLSearchParams({ id_api_app: String(demo.app.id), roles: 'basic',
      redirect_url: 'https://evil.example/callback' });
    await page.goto(`/auth?${query}`);
    await expect(page.getByTestId('consent')).toContainText('This sign-in request is not valid');
    await expect(page.getByTestId('consent')).toContainText('redirect_url');
    expect(new URL(page.url()).pathname).toBe('/auth');
  });

  test('sign-up, the activation mail, then sign-in', async ({ page, request }) => {
    const email = `e2e-${Date.now()}-${randomBytes(3).toString('hex')}@senzu.test`;
    const password = `Aa1!${randomBytes(8).toString('hex')}`;
    remember(password);
    // From the landing page's own button: the page is titled for signing up.
    await page.goto('/');
    await page.getByTestId('landing-sign-up').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create an account');
    const form = page.getByTestId('sign-up');
    // Nothing is chosen for the person: the gender starts unset, and the form needs one.
    await expect(form.getByLabel('Gender')).toHaveValue('');
    await form.getByLabel('First name').fill('Grace');
    await form.getByLabel('Last name').fill('Hopper');
    await form.getByLabel('E-mail address').fill(email);
    await form.getByLabel('Password').fill('short');
    await expect(form.getByRole('button', { name: 'Create an account' })).toBeDisabled();
    await form.getByLabel('Password').fill(password);
    await form.getByLabel('Birthdate').fill('1990-12-09');
    await form.getByLabel('Gender').selectOption({ label: 'Female' });
    await form.getByRole('button', { name: 'Create an account' }).click();
    await expect(page.getByRole('status')).toContainText('Open the link we e-mailed you');

    const outbox = await (await request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json();
    const mail = outbox.find((m) => m.to === email && m.mail_type === 'registration');
    expect(mail, 'an activation mail').toBeTruthy();
    const link = new URL(mail.links[0]);
    expect(link.pathname).toBe('/account/activate');
    // (The code is not a secret at rest here: an undelivered mail keeps its link
    // until a transport sends it; a sent mail's body is blanked.)

    // Not active yet: sign-in is refused with a clear message.
    await page.goto('/signin');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('not-activated')).toContainText('not activated yet');
    // The mail lost? It comes again from here, and its newer link is the one to open.
    await page.getByRole('button', { name: 'Send the activation mail again' }).click();
    await expect(page.getByTestId('not-activated').getByRole('status')).toContainText('on its way');
    let again;
    await expect.poll(async () => {
      const all = await (await request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json();
      again = all.filter((m) => m.to === email && m.mail_type === 'registration');
      return again.length;
    }).toBe(2);
    const newer = new URL(again.pop().links[0]);

    await page.goto(newer.pathname + newer.search);
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(page.getByRole('status')).toContainText('Your account is active');
    // Opened again, the link says it was used and where to go, not a raw error.
    await page.goto(newer.pathname + newer.search);
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(page.getByTestId('link-spent')).toContainText('already used');
    await expect(page.getByTestId('link-spent').getByRole('link', { name: 'If you already activated your account, sign in.' })).toHaveAttribute('href', '/signin');

    await page.goto('/signin?next=/console');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Build on Senzu' })).toBeVisible();

    // Becoming a developer, then the public profile its apps' users see.
    await page.getByRole('button', { name: 'Become a developer' }).click();
    await expect(page.getByRole('heading', { name: 'Your apps' })).toBeVisible();
    const profile = page.getByTestId('developer-profile');
    await profile.getByLabel('Shown as').fill('Tools of the test');
    await profile.getByLabel('Website').fill('https://tools.senzu.test');
    await profile.getByRole('button', { name: 'Save the profile' }).click();
    await expect(profile.getByRole('status')).toHaveText('Saved');
    await page.reload();
    await expect(page.getByTestId('developer-profile').getByLabel('Shown as')).toHaveValue('Tools of the test');
    await expect(page.getByTestId('developer-profile').getByLabel('Website')).toHaveValue('https://tools.senzu.test');
  });

  test('the console creates an app and shows its private key once', async ({ page }) => {
    await page.goto('/console');
    await page.waitForURL('**/signin?next=%2Fconsole');
    await page.getByLabel('E-mail address').fill(demo.owner.email);
    await page.getByLabel('Password').fill(demo.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Your apps' })).toBeVisible();

    const name = `Console app ${randomBytes(3).toString('hex')}`;
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Redirect URL').fill('https://console.senzu.test/callback');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    const key = page.getByTestId('private-key').locator('code');
    await expect(key).toHaveText(/^[0-9a-f]{64}$/);
    const secret = await key.textContent();
    remember(secret);
    // One click copies it (the key is shown once).
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('copy-key').click();
    await expect(page.getByTestId('copy-key')).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.screenshot({ path: 'e2e/artifacts/console.png', fullPage: true });

    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByTestId('redirects')).toContainText('https://console.senzu.test/callback');
    await expect(page.getByText(secret.slice(0, 16))).toHaveCount(0);
    await expect(page.getByText(secret.slice(-4), { exact: true })).toBeVisible();

    // An unavailable role is requested, not granted.
    await page.getByTestId('roles').locator('select').selectOption('providers');
    await page.getByRole('button', { name: 'Add role' }).click();
    await expect(page.getByTestId('roles')).toContainText('requested — waiting for Senzu');
  });

  // Issue 11 §8: `next` that a browser would read as another host stays on Senzu.
  test('sign-in with next=/%5Cevil.example lands on a same-origin page', async ({ page }) => {
    await page.goto('/signin?next=/%5Cevil.example');
    await page.getByLabel('E-mail address').fill(demo.owner.email);
    await page.getByLabel('Password').fill(demo.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/signin');
    const landed = new URL(page.url());
    expect(landed.origin).toBe(new URL(BASE).origin);
    // Without a usable next, an owner lands on their dashboard (not the developer console).
    expect(landed.pathname).toBe('/dashboard');
    await expect(page.getByRole('heading', { name: 'Your objects' })).toBeVisible();

    // A same-origin next still works.
    await page.goto('/signin?next=/dashboard/invitations');
    await page.getByLabel('E-mail address').fill(demo.owner.email);
    await page.getByLabel('Password').fill(demo.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/dashboard/invitations');
  });

  // Issue 11 §10: "Forgot password?" without any token, end to end.
  test('forgot password: the sign-in link, the reset mail, a new password', async ({ page, request }) => {
    const email = `e2e-forgot-${Date.now()}-${randomBytes(3).toString('hex')}@senzu.test`;
    const password = `Aa1!${randomBytes(8).toString('hex')}`;
    remember(password);
    // The sign-up form of this site's own page (a foreign page's post is refused: issue 11 §9).
    const created = await request.post('/v1/auth/signup', { headers: { origin: BASE }, form: { firstname: 'Rosalind',
      lastname: 'Franklin', email, password, gender: '2', birthdate: '0' } });
    expect(created.status()).toBe(201);
    const outbox = async () => (await (await request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json());
    const activation = (await outbox()).find((m) => m.to === email && m.mail_type === 'registration');
    const code = new URL(activation.links[0]).searchParams.get('code');
    expect((await request.get(`/v1/activate?code=${code}`)).status()).toBe(200);

    await page.goto('/signin');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/account/forgot-password');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('status')).toContainText('If an account uses this address');

    const mail = (await outbox()).find((m) => m.to === email && m.mail_type === 'reset_password');
    expect(mail, 'a reset mail').toBeTruthy();
    const link = new URL(mail.links[0]);
    expect(link.pathname).toBe('/account/reset-password');
    const fresh = `Bb2@${randomBytes(8).toString('hex')}`;
    remember(fresh);
    await page.goto(link.pathname + link.search);
    await page.getByLabel('Password').fill(fresh);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toContainText('Password changed');

    await page.goto('/signin?next=/console');
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(fresh);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Build on Senzu' })).toBeVisible();
  });
});
