// A developer publishes to the plugstore: a new plugin in the console (its
// form and link), French and English texts, submitted for review; Senzu's
// staff publish it (`cargo xtask admin publish-plugstore`, as an operator
// would); an owner adds it to an application and a tap opens the link.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));
const SAME_ORIGIN = { origin: process.env.SENZU_BASE_URL };
const DEV = { ...SAME_ORIGIN, 'x-senzu-dev': '1' };

// The operator's publication: the same SQL `cargo xtask admin publish-plugstore` runs.
async function publish(api, version) {
  const sql = execFileSync(process.env.SENZU_XTASK_BIN, ['admin', 'publish-plugstore', String(version), '--print'],
    { encoding: 'utf8' });
  expect((await api.post('/v1/dev/sql', { headers: DEV, data: { sql } })).ok()).toBeTruthy();
}

test('a developer publishes a plugin that an owner adds and a tap opens', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run: it opens its own phone context');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const api = context.request;
  expect((await api.post('/v1/auth/login', { headers: SAME_ORIGIN,
    form: { email: demo.owner.email, password: demo.owner.password } })).ok()).toBeTruthy();
  const title = `Tunes ${randomBytes(3).toString('hex')}`;

  // The console: a new plugin, its form and its link.
  const page = await context.newPage();
  await page.goto('/console');
  const panel = page.getByTestId('plugstore-panel');
  await panel.getByRole('button', { name: 'New plugin' }).click();
  const form = page.getByTestId('new-plugstore-entry');
  await form.getByTestId('entry-title').fill(`${title} (fr)`);
  await form.getByLabel('Catchphrase (French page)').fill('Vos morceaux en un geste');
  // A link on someone else's host is refused here already, by core's rule.
  await form.getByTestId('spec-template').fill('https://{username}.example/');
  await form.getByRole('button', { name: 'Create the plugin' }).click();
  await expect(form.getByRole('alert')).toContainText('form.action.url');
  await form.getByTestId('spec-template').fill('https://tunes.senzu.test/@{username}');
  await form.getByLabel('music').check();
  await form.getByRole('button', { name: 'Create the plugin' }).click();
  await page.waitForURL('**/console/plugstore/*');
  const entry = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByTestId('entry-status')).toHaveText('Draft');

  // English texts, then the submission.
  const version = page.getByTestId('version-panel').first();
  const en = version.getByTestId('lang-en');
  await en.getByLabel('Title (English)').fill(title);
  await en.getByLabel('Catchphrase (English)').fill('Your tracks in one tap');
  await en.getByRole('button', { name: 'Save the English texts' }).click();
  await expect(en.getByRole('status')).toHaveText('Saved');
  await version.getByTestId('submit-version').click();
  await expect(page.getByTestId('version-status').first()).toHaveText('In review');
  await page.screenshot({ path: 'e2e/artifacts/plugstore-in-review.png', fullPage: true });

  // Senzu's review publishes it.
  const id_version = Number(await version.getAttribute('data-version'));
  await publish(api, id_version);
  await page.reload();
  await expect(page.getByTestId('entry-status')).toHaveText('Published');

  // An owner (the same account here) adds it to an application shown on a fresh object.
  const id = 600_000_000 + Math.floor(Math.random() * 100_000_000);
  const key = randomBytes(16).toString('hex');
  const sql = `INSERT INTO products (id, id_item, is_activated) VALUES (${id}, 1, 0);\nINSERT INTO records (id, id_product, technology, token_encryption, key) VALUES (${id}, ${id}, 'nfc', 'static', '${key}');`;
  expect((await api.post('/v1/dev/sql', { headers: DEV, data: { sql } })).ok()).toBeTruthy();
  expect((await api.post(`/v1/products/pair/${id}/${key}`, { headers: SAME_ORIGIN })).ok()).toBeTruthy();
  const app = await (await api.post('/v1/applications', { headers: SAME_ORIGIN, form: { name: 'Band page' } })).json();
  await api.post(`/v1/products/${id}/records/${id}`, { headers: SAME_ORIGIN, form: { id_application: String(app.id) } });
  await page.goto(`/dashboard/applications/${app.id}`);
  await page.getByRole('button', { name: 'Add a plugin' }).click();
  const catalogue = page.getByTestId('catalogue');
  await catalogue.getByPlaceholder('Search plugins').fill(title);
  await catalogue.getByRole('button', { name: title }).click();
  const pluginForm = page.getByTestId('plugin-form');
  await pluginForm.getByLabel('Username').fill('ada');
  await pluginForm.getByRole('button', { name: 'Save plugin' }).click();
  await expect(page.getByTestId('plugin-row').filter({ hasText: title })).toBeVisible();
  expect(entry).toBeGreaterThan(1000);

  // A visitor's tap shows the tile with the developer's link.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const visitor = await phone.newPage();
  await visitor.goto(`/p/${key}`);
  await visitor.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  const tile = visitor.getByRole('link', { name: title });
  await expect(tile).toHaveAttribute('href', 'https://tunes.senzu.test/@ada');
  await visitor.screenshot({ path: 'e2e/artifacts/plugstore-play.png' });
  await phone.close();
  await context.close();
});
