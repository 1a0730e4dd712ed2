// What several browser stories share: the secrets they saw (for the at-rest
// scan that runs last), the dev outbox, a fresh activated account, and signing in.
import { expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';

export const BASE = process.env.SENZU_BASE_URL;
export const SAME_ORIGIN = { origin: BASE };

// Every secret the browser saw goes to the at-rest scan.
export function remember(secret) {
  if (process.env.SENZU_STATE_DIR) appendFileSync(`${process.env.SENZU_STATE_DIR}/secrets.txt`, `${secret}\n`);
}

export async function outbox(request) {
  return (await request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json();
}

// The newest mail of a type to an address, waited for.
export async function mailTo(request, to, type) {
  let found;
  await expect.poll(async () => {
    found = (await outbox(request)).filter((m) => m.to === to && m.mail_type === type).pop();
    return Boolean(found);
  }, { message: `a ${type} mail to ${to}` }).toBe(true);
  return found;
}

// The same-origin path and query of a mail's first link (where the browser goes).
export function firstLink(mail) {
  const link = new URL(mail.links[0]);
  return link.pathname + link.search;
}

// A new account, signed up through the API and activated through its mail: { email, password }.
export async function newAccount(request, prefix) {
  const email = `e2e-${prefix}-${Date.now()}-${randomBytes(3).toString('hex')}@senzu.test`;
  const password = `Aa1!${randomBytes(8).toString('hex')}`;
  remember(password);
  const created = await request.post('/v1/auth/signup', { headers: SAME_ORIGIN, form: { firstname: 'Grace',
    lastname: 'Hopper', email, password, gender: '2', birthdate: '0' } });
  expect(created.status()).toBe(201);
  const code = new URL((await mailTo(request, email, 'registration')).links[0]).searchParams.get('code');
  expect((await request.get(`/v1/activate?code=${code}`)).status()).toBe(200);
  return { email, password };
}

// Signs in on the sign-in page (English) and waits until the browser is at `next`.
export async function signIn(page, who, next) {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}
