// The maker's workspace for a fresh account: a maker, an item with its price,
// a batch of 100 products (NFC chip + QR code each) made from the browser,
// then the batch's page: its products, none of their chips encoded yet, a
// printable sheet with one QR code per product that opens its play, a
// factory's UIDs imported, a static record written onto a tag (Web NFC) and a
// key rotation that leaves the two encoded chips to re-encode.
import { test, expect } from '@playwright/test';
import { remember } from './lib.mjs';
import { randomBytes } from 'node:crypto';

const BASE = process.env.SENZU_BASE_URL;
const SAME_ORIGIN = { origin: BASE };

async function activationCode(request, email) {
  let found;
  await expect.poll(async () => {
    const mails = await (await request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json();
    found = mails.filter((m) => m.to === email && m.mail_type === 'registration').pop();
    return Boolean(found);
  }, { message: `the registration mail to ${email}` }).toBe(true);
  return new URL(found.links[0]).searchParams.get('code');
}

test('a maker makes a batch of 100 products and prints its QR codes', async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(120_000);
  const tag = `${Date.now()}-${randomBytes(3).toString('hex')}`;
  const email = `e2e-maker-${tag}@senzu.test`;
  const password = `Aa1!${randomBytes(8).toString('hex')}`;
  remember(password);
  const created = await request.post('/v1/auth/signup', { headers: SAME_ORIGIN, form: { firstname: 'Ada',
    lastname: 'Maker', email, password, gender: '2', birthdate: '0' } });
  expect(created.status()).toBe(201);
  expect((await request.get(`/v1/activate?code=${await activationCode(request, email)}`)).status()).toBe(200);

  // Web NFC as Chrome on Android has it: the page's writes are recorded instead of reaching a tag.
  await page.addInitScript(() => {
    window.__nfcWrites = [];
    window.NDEFReader = class { async write(message) { window.__nfcWrites.push(message); } };
  });
  await page.goto('/signin?next=/maker');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/maker');
  await expect(page.getByTestId('no-maker')).toBeVisible();

  const newMaker = page.getByTestId('new-maker');
  await newMaker.getByLabel('Name shown').fill('Atelier Ada');
  await newMaker.getByLabel('Contact e-mail').fill('hello@atelier.test');
  await newMaker.getByRole('button', { name: 'Create the maker' }).click();
  const maker = page.getByTestId('maker');
  await expect(maker.getByRole('heading', { name: 'Atelier Ada' })).toBeVisible();

  // An attached group, made and deleted again.
  const newGroup = maker.getByTestId('new-attached-group');
  await newGroup.getByLabel('Group reference').fill('SHOP-PARIS');
  await newGroup.getByLabel('Group name').fill('Paris shop');
  await newGroup.getByRole('button', { name: 'Add the group' }).click();
  await expect(maker.getByTestId('attached-groups')).toContainText('SHOP-PARIS');
  await maker.getByRole('button', { name: 'Delete SHOP-PARIS' }).click();
  await expect(maker.getByText('No attached group yet.')).toBeVisible();

  const newItem = maker.getByTestId('new-item');
  await newItem.getByLabel('Price (€)').fill('25.9.0');
  await newItem.getByLabel('Reference').fill('CARD-BLACK');
  await newItem.getByLabel('Name shown').fill('Black card');
  await newItem.getByRole('button', { name: 'Add the item' }).click();
  await expect(maker.getByRole('alert')).toContainText('price');
  await newItem.getByLabel('Price (€)').fill('25.90');
  await newItem.getByRole('button', { name: 'Add the item' }).click();
  await expect(maker.getByTestId('items')).toContainText('CARD-BLACK');

  const newBatch = maker.getByTestId('new-batch');
  await newBatch.getByLabel('Item').selectOption({ label: 'CARD-BLACK' });
  await newBatch.getByLabel('Quantity').fill('100');
  await newBatch.getByLabel('Records of each product').selectOption('nfc:aes-128,qrcode:static');
  await newBatch.getByRole('button', { name: 'Make the batch' }).click();
  await expect(maker.getByTestId('batches')).toContainText('100 products', { timeout: 60_000 });

  await maker.getByTestId('batches').getByRole('link', { name: 'CARD-BLACK' }).click();
  await page.waitForURL('**/maker/*/batches/*');
  await expect(page.getByTestId('batch-name')).toHaveText('CARD-BLACK');
  await expect(page.getByTestId('encoding-status')).toHaveText('0 of 100 chips encoded');
  await expect(page.getByTestId('batch-products').locator('tbody tr')).toHaveCount(100);
  const codes = page.getByTestId('qr-sheet').locator('figure');
  await expect(codes).toHaveCount(100);
  await expect(codes.first().locator('figcaption')).toHaveText('CARD-BLACK-00001');
  await expect(codes.first().locator('svg')).toBeVisible();

  // A factory's UIDs for two chips: they are bound, and the keys file downloads.
  const [, idMaker, idBatch] = new URL(page.url()).pathname.match(/\/maker\/(\d+)\/batches\/(\d+)/);
  const listed = await (await page.request.get(`/v1/makers/${idMaker}/products/encoded?id_batch=${idBatch}&limit=2`)).json();
  const chips = Object.values(listed).map((p) => p.record[0].id);
  const uids = chips.map(() => `04${randomBytes(6).toString('hex').toUpperCase()}`);
  const factory = page.getByTestId('factory-import');
  await factory.getByLabel('UIDs').fill(`id_record,uid\n${chips.map((c, i) => `${c},${uids[i]}`).join('\n')}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    factory.getByRole('button', { name: 'Bind and download the keys' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`senzu-batch-${idBatch}-keys.csv`);
  const csv = (await (await import('node:fs/promises')).readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
  expect(csv[0]).toContain('id_record,uid,token_encryption,url_template');
  expect(csv).toHaveLength(3);
  for (const line of csv.slice(1)) line.split(',').slice(8).filter((k) => /^[0-9A-F]{32}$/.test(k)).forEach(remember);
  await page.reload();
  await expect(page.getByTestId('encoding-status')).toHaveText('2 of 100 chips encoded');
  await expect(page.getByTestId('batch-products')).toContainText(`chip ${uids[0]} · keys v0`);

  // A static record's URL written onto a plain NDEF tag (Web NFC).
  const firstRow = page.getByTestId('batch-products').locator('tbody tr').first();
  await firstRow.getByRole('button', { name: 'Write to an NFC tag' }).click();
  await expect(firstRow.getByRole('status')).toHaveText('Written');
  const writes = await page.evaluate(() => window.__nfcWrites);
  expect(writes).toHaveLength(1);
  expect(writes[0].records[0].recordType).toBe('url');
  const written = writes[0].records[0].data;
  expect(written.startsWith(`${BASE}/p/`)).toBe(true);
  expect(written.split('/p/')[1]).toMatch(/^[0-9a-f]{32}$/);
  const opened = await request.get(`/v1/plays/${written.split('/p/')[1]}`);
  expect(opened.status()).toBe(461);

  // Key rotation: the two encoded chips wait to be re-encoded with version 1.
  await expect(page.getByTestId('key-version')).toHaveText('Key version 0');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('key-rotation').getByRole('button', { name: 'Rotate keys' }).click();
  await expect(page.getByTestId('key-version')).toHaveText('Key version 1 · 2 chips wait to be re-encoded');
  await expect(page.getByTestId('batch-products')).toContainText(`chip ${uids[0]} · keys v0 → re-encode with v1`);
});
