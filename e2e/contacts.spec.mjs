// Contact exchange at phone size (390×844): a visitor taps, leaves their
// details and gets the owner's vCard in the same step; the owner finds the
// contact on the Contacts page, tags it, and exports it as a vCard that
// parses back; the visitor's mail link deletes what they left.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

function unfold(vcard) {
  return vcard.replace(/\r\n[ \t]/g, '').split('\r\n');
}

test('a visitor exchanges contacts and the owner exports them', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the exchange is a phone story');
  test.setTimeout(90_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const name = `Grace Hopper ${stamp}`;
  const email = `grace-${stamp}@senzu.test`;

  // The visitor's phone: a tap, the exchange tile, the form.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    acceptDownloads: true, extraHTTPHeaders: { 'cf-connecting-ip': `10.66.${stamp.length}.${Math.floor(Math.random() * 250)}` } });
  const phone = await visitor.newPage();
  await phone.goto(`/p/${demo.records.static}`);
  await phone.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  await phone.getByRole('button', { name: 'Exchange contacts' }).click();
  const sheet = phone.getByRole('dialog');
  await expect(sheet.getByRole('heading')).toHaveText('Leave me your details');
  const form = sheet.getByTestId('contact-form');
  await form.getByLabel('Your name').fill(name);
  await form.getByLabel('Your e-mail').fill(email);
  await form.getByLabel('Your phone').fill('+1 555 0100');
  await form.getByLabel('Company').fill('US Navy');
  await form.getByLabel('A note').fill('Met at the compilers talk');
  await expect(form.getByLabel('Also save their card to my contacts')).toBeChecked();
  await form.getByLabel('I agree to share these details with the owner of this page.').check();
  await phone.screenshot({ path: 'e2e/artifacts/contact-exchange-phone.png', fullPage: true });
  const [card] = await Promise.all([
    phone.waitForEvent('download'),
    form.getByRole('button', { name: 'Send my details' }).click(),
  ]);
  await expect(sheet.getByTestId('contact-sent')).toBeVisible();
  expect(card.suggestedFilename()).toBe('My-card.vcf');
  expect(unfold(readFileSync(await card.path(), 'utf8'))).toContain('FN:Ada Lovelace');

  // The owner, on their phone too: the contact is there; tag it; export it.
  const ownerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
    acceptDownloads: true });
  const page = await ownerContext.newPage();
  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill(demo.owner.email);
  await page.getByLabel('Password').fill(demo.owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.waitForURL(/\/dashboard\/contacts$/);
  await page.getByTestId('contact-search').fill(stamp);
  const row = page.getByTestId('contact').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(email);
  await expect(row).toContainText('+15550100');
  await expect(row).toContainText('Met at the compilers talk');
  await row.getByLabel('Tags').fill('conference, lead');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/contacts-phone.png', fullPage: true });
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-vcard').click()]);
  expect(exported.suggestedFilename()).toMatch(/^senzu-contacts-\d{4}-\d{2}-\d{2}\.vcf$/);
  const lines = unfold(readFileSync(await exported.path(), 'utf8'));
  expect(lines.filter((l) => l === 'BEGIN:VCARD')).toHaveLength(1);
  expect(lines).toContain(`FN:${name}`);
  expect(lines).toContain(`EMAIL:${email}`);
  expect(lines).toContain('TEL;VALUE=uri:tel:+15550100');
  expect(lines).toContain('CATEGORIES:conference,lead');

  // The visitor changes their mind: the link of their mail, one click, gone.
  const outbox = await (await page.request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json();
  const receipt = outbox.find((m) => m.to === email && m.mail_type === 'contact_receipt');
  expect(receipt, 'the visitor got a copy').toBeTruthy();
  await phone.goto(receipt.links[0]);
  await phone.getByTestId('forget').click();
  await expect(phone.getByTestId('forgotten')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('contacts').or(page.getByTestId('no-contacts'))).toBeVisible();
  await expect(page.getByTestId('contact').filter({ hasText: name })).toHaveCount(0);
  await visitor.close();
  await ownerContext.close();
});
