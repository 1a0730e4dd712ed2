// The phone play page at 390×844: a simulated tap, the vCard, passwords,
// the state pages, and owner text that tries to break out of the page.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));
const rec = demo.records;

// The worker paints the tiles first; wait until the app has taken over.
async function open(page, path) {
  await page.goto(path);
  await page.waitForFunction(() => !document.getElementById('senzu-first-paint'));
}

test.beforeEach(async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'the play page is tested at phone size');
  page.on('dialog', (d) => { throw new Error(`unexpected dialog: ${d.message()}`); });
});

test('a simulated tap shows the tiles in order and the vCard downloads and parses', async ({ page }) => {
  await open(page, demo.taps.dynamic);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');
  const tiles = page.getByTestId('tiles').locator('.tile__name');
  await expect(tiles).toHaveText(['Call me', 'Text me', 'My card', 'E-mail', 'LinkedIn', 'Website', 'Guest Wi-Fi', 'Office', 'Private note', 'Exchange contacts']);
  await expect(page.locator('a.tile[data-kind="phone"]')).toHaveAttribute('href', 'tel:+33612345678');
  await page.screenshot({ path: 'e2e/artifacts/play-phone.png', fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('My card').click()]);
  expect(download.suggestedFilename()).toBe('My-card.vcf');
  const vcard = readFileSync(await download.path(), 'utf8');
  const lines = vcard.replace(/\r\n /g, '').split('\r\n');
  expect(lines[0]).toBe('BEGIN:VCARD');
  expect(lines).toContain('VERSION:4.0');
  expect(lines).toContain('FN:Ada Lovelace');
  expect(lines).toContain('N:Lovelace;Ada;;;');
  expect(lines).toContain('EMAIL:ada@senzu.test');
  expect(lines.filter(Boolean).at(-1)).toBe('END:VCARD');

  await page.getByText('Guest Wi-Fi').click();
  await expect(page.getByRole('dialog')).toContainText('Ada-Guest');
  await page.getByRole('button', { name: 'Close' }).click();

  // A locked plugin opens with its password.
  await page.getByText('Private note').click();
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong password. Try again.');
  await page.getByLabel('Password').fill(rec.locked_plugin_password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByTestId('sheet-text')).toContainText('blue folder');
});

test('a locked app unlocks with its password', async ({ page }) => {
  await open(page, `/p/${rec.locked}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This app is private');
  await page.screenshot({ path: 'e2e/artifacts/play-locked.png', fullPage: true });
  await page.getByLabel('Password').fill('not it');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(rec.locked_password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Private links');
  await expect(page.getByTestId('tiles')).toContainText('Welcome');
  // Opening a tile after that needs no password again, and none travels in a URL.
  const [opened] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/plugins/')),
    page.getByTestId('tiles').getByText('Welcome').click(),
  ]);
  expect(opened.status()).toBe(200);
  expect(opened.url()).not.toContain('password');
});

test('a copied tap URL opens only in the browser that opened it', async ({ page, browser }) => {
  await open(page, demo.taps.copied);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');
  await page.reload();
  await page.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');
  // The same URL sent to another phone is refused: that phone must tap the object itself.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const elsewhere = await other.newPage();
  await open(elsewhere, demo.taps.copied);
  await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText('Tap again');
  await other.close();
});

test('each state has its own clear page', async ({ page }) => {
  // The older tap is refused only once the newer one has been seen (another record than the
  // first test's: a visit belongs to the browser that opened it).
  expect((await page.request.get(demo.taps.state_newer.replace('/p/', '/v1/plays/'))).status()).toBe(200);
  const cases = [
    [`/p/${rec.disabled}`, 'This tag is switched off'],
    [`/p/${rec.not_activated}`, 'Not activated yet'],
    [`/p/${rec.no_application}`, 'Nothing here yet'],
    [demo.taps.state_older, 'Tap again'],
    ['/p/00000000000000000000000000000000', 'Nothing at this address'],
  ];
  for (const [path, heading] of cases) {
    await open(page, path);
    await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
  }
});

test('a lost object shows the owner message and relays a finder message', async ({ page }) => {
  await open(page, `/p/${rec.lost}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This object is lost');
  await expect(page.getByTestId('lost-message')).toContainText('reward');
  await page.getByLabel('Your message').fill('Found it on the 8:15 train, left it at the ticket office.');
  await page.getByRole('button', { name: 'Send to the owner' }).click();
  await expect(page.getByRole('status')).toHaveText('Thank you! Your message has been sent to the owner.');
  await page.screenshot({ path: 'e2e/artifacts/play-lost.png', fullPage: true });
});

test('owner text renders as text and the page speaks French', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR', extraHTTPHeaders: { 'accept-language': 'fr-FR,fr;q=0.9' }, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('dialog', (d) => { throw new Error(`unexpected dialog: ${d.message()}`); });
  await open(page, `/p/${rec.escaping}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(rec.escaping_probe);
  await expect(page.getByTestId('tiles')).toContainText(rec.escaping_probe);
  await open(page, `/p/${rec.not_activated}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pas encore activé');
  await context.close();
});
