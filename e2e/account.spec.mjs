// The account page (/account) for a fresh account (never the demo owner: the
// story ends by deleting the account): the profile (a bad birthdate named next
// to its field, a good one kept after a reload), an address added, edited and
// deleted, another browser's session signed out from here, the log of the
// account's calls, an e-mail change completed through both mails, and the
// account's deletion through its mail.
import { test, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { BASE, SAME_ORIGIN, firstLink, mailTo as mailOf, remember } from './lib.mjs';


// The same-origin link of the newest mail of a type to an address, waited for.
async function mailTo(request, to, type) {
  return firstLink(await mailOf(request, to, type));
}

test('the account page: profile, addresses, sessions, logs, e-mail change, deletion', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(120_000);
  const tag = `${Date.now()}-${randomBytes(3).toString('hex')}`;
  const email = `e2e-account-${tag}@senzu.test`;
  const password = `Aa1!${randomBytes(8).toString('hex')}`;
  remember(password);
  const created = await request.post('/v1/auth/signup', { headers: SAME_ORIGIN, form: { firstname: 'Grace',
    lastname: 'Hopper', email, password, gender: '2', birthdate: '0' } });
  expect(created.status()).toBe(201);
  const activation = await mailTo(request, email, 'registration');
  const code = new URL(activation, BASE).searchParams.get('code');
  expect((await request.get(`/v1/activate?code=${code}`)).status()).toBe(200);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin?next=/account');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  // Reachable from the dashboard's navigation.
  await expect(page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Account' })).toHaveAttribute('href', '/account');

  // Profile: a birthdate in the future is refused next to its field; a real one is kept.
  const profile = page.getByTestId('profile-form');
  await expect(profile.getByLabel('First name')).toHaveValue('Grace');
  await profile.getByLabel('Birthdate').fill('2999-01-01');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  const birthdate = profile.locator('label', { hasText: 'Birthdate' });
  await expect(birthdate.locator('.field__error')).toContainText('in the future');
  await profile.getByLabel('Birthdate').fill('1990-05-17');
  await profile.getByLabel('Last name').fill('Murray Hopper');
  await profile.getByLabel('Username').fill(`grace-${tag}`.slice(0, 60));
  await profile.getByLabel('Gender').selectOption('Female');
  await profile.getByLabel('Language').selectOption('fr');
  await profile.getByLabel('Country (two letters').fill('GB');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Saved');
  await expect(birthdate.locator('.field__error')).toHaveCount(0);
  await page.reload();
  await expect(profile.getByLabel('Last name')).toHaveValue('Murray Hopper');
  await expect(profile.getByLabel('Birthdate')).toHaveValue('1990-05-17');
  await expect(profile.getByLabel('Country (two letters')).toHaveValue('GB');
  await expect(profile.getByLabel('Gender')).toHaveValue('2');
  await expect(profile.getByLabel('Language')).toHaveValue('fr');

  // Addresses: add, edit, delete.
  await page.getByRole('button', { name: 'Add an address' }).click();
  const form = page.getByTestId('address-form');
  const fill = async (values) => { for (const [label, value] of Object.entries(values)) await form.getByLabel(label, { exact: true }).fill(value); };
  await fill({ 'Name of the address (e.g. Home)': 'Home', 'First name': 'Grace', 'Last name': 'Hopper',
    Street: '1 Navy Yard', Postcode: '20374', City: 'Washington', 'State or region': 'DC', 'Country (two letters)': 'US' });
  await form.getByRole('button', { name: 'Save address' }).click();
  const addresses = page.getByTestId('addresses');
  await expect(addresses.getByTestId('address')).toHaveCount(1);
  await expect(addresses).toContainText('1 Navy Yard');
  await page.getByRole('button', { name: 'Edit Home' }).click();
  await expect(form.getByLabel('City', { exact: true })).toHaveValue('Washington');
  await fill({ City: 'Arlington', 'State or region': 'VA' });
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(addresses).toContainText('Arlington, VA US');
  await expect(addresses.getByTestId('address')).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete Home' }).click();
  await expect(page.getByText('No address yet.')).toBeVisible();

  // Sessions: another browser signs in; this page lists it and signs it out.
  const other = await browser.newContext();
  expect((await other.request.post('/v1/auth/login', { headers: SAME_ORIGIN, form: { email, password } })).ok()).toBeTruthy();
  expect((await other.request.get('/v1/user')).status()).toBe(200);
  await page.reload();
  const sessions = page.getByTestId('sessions');
  await expect(sessions.getByTestId('session')).toHaveCount(2);
  await expect(sessions.locator('[data-current="true"]')).toContainText('This browser');
  await sessions.locator('[data-current="false"]').getByRole('button', { name: 'Sign out' }).click();
  await expect(sessions.getByTestId('session')).toHaveCount(1);
  expect((await other.request.get('/v1/user')).status()).toBe(401);
  await other.close();
  await expect(page.getByTestId('apps')).toContainText('No app holds a token');

  // The log of the account's calls: the profile's save is there.
  const logs = page.getByTestId('logs');
  await expect(logs.locator('tbody tr').first()).toBeVisible();
  await expect(logs.locator('tr', { hasText: 'POST' }).filter({ hasText: '/user' }).first()).toBeVisible();

  // Change of e-mail: the mail to the current address, then the one to the new address.
  await page.getByRole('button', { name: 'Change my e-mail address' }).click();
  await expect(page.getByRole('status').filter({ hasText: `We sent a mail to ${email}` })).toBeVisible();
  const fresh = `e2e-account-new-${tag}@senzu.test`;
  await page.goto(await mailTo(request, email, 'change_email'));
  await page.getByLabel('E-mail address').fill(fresh);
  await page.getByRole('button', { name: 'Change', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Open the link we sent to the new address');
  await page.goto(await mailTo(request, fresh, 'change_email'));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status')).toContainText('E-mail address changed');
  await page.goto('/account');
  await expect(page.getByTestId('current-email')).toHaveText(fresh);

  // Change of password: the mail with its link (the link's page is auth.spec's and
  // the procedure's own tests'; completing it would sign this browser out).
  await page.getByRole('button', { name: 'Change my password' }).click();
  await expect(page.getByRole('status').filter({ hasText: `We sent a mail to ${fresh}` })).toBeVisible();
  expect(await mailTo(request, fresh, 'change_password')).toMatch(/^\/account\/change-password\?code=/);

  // Deletion: what goes is spelled out; the mail is sent; its link deletes the account.
  await expect(page.getByTestId('what-goes')).toContainText('your applications are deleted');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Open its link to delete the account' })).toBeVisible();
  await page.goto(await mailTo(request, fresh, 'delete_account'));
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByRole('status')).toContainText('Your account is deleted');
  const gone = await request.post('/v1/auth/login', { headers: SAME_ORIGIN, form: { email: fresh, password } });
  expect(gone.ok()).toBeFalsy();
  await context.close();
});
