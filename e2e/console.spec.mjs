// The developer console's app page beyond URLs and roles: the documented
// details (contact, policy URLs, GDPR controller) saved and kept after a
// reload, the tokens users gave the app, the calls log filtered by answer and
// date, and the app's deletion (its page is then gone).
import { test, expect } from '@playwright/test';
import { remember } from './lib.mjs';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

test('an app’s details, tokens, calls and deletion', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(90_000);
  await page.goto('/signin?next=/console');
  await page.getByLabel('E-mail address').fill(demo.owner.email);
  await page.getByLabel('Password').fill(demo.owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your apps' })).toBeVisible();
  const name = `Doomed app ${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Redirect URL').fill('https://doomed.senzu.test/callback');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const key = page.getByTestId('private-key').locator('code');
  await expect(key).toHaveText(/^[0-9a-f]{64}$/);
  const secret = await key.textContent();
  remember(secret);
  await page.getByRole('link', { name }).click();
  await page.waitForURL(/\/console\/apps\/\d+$/);
  const id = page.url().split('/').pop();

  // Details: saved, and there after a reload.
  const details = page.getByTestId('app-settings');
  await details.getByLabel('Contact e-mail').fill('privacy@doomed.senzu.test');
  await details.getByLabel('Privacy policy URL').fill('https://doomed.senzu.test/privacy');
  await details.getByLabel('Data controller').fill('Doomed SAS');
  await details.getByLabel('City').fill('Lyon');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByTestId('details-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('app-settings').getByLabel('Data controller')).toHaveValue('Doomed SAS');
  await expect(page.getByTestId('app-settings').getByLabel('Privacy policy URL')).toHaveValue('https://doomed.senzu.test/privacy');

  // No user gave it a token yet; its calls can be filtered by answer.
  await expect(page.getByTestId('app-tokens')).toContainText('No live token.');
  const calls = page.getByTestId('calls-log');
  await calls.getByTestId('calls-status').selectOption('server');
  await expect(calls.getByTestId('no-calls')).toBeVisible();
  await calls.getByTestId('calls-status').selectOption('');

  // Deleted: back to the list, and its page is gone.
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('delete-app').getByRole('button', { name: 'Delete this app' }).click();
  await page.waitForURL((u) => u.pathname === '/console');
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  await page.goto(`/console/apps/${id}`);
  await expect(page.getByRole('alert')).toContainText(`${id}`);
});
