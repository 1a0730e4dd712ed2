// The owner's whole story in the dashboard: pair an object through a
// simulated tap, build its application with three plugins, reorder them, see
// a tap show that order, share it read-only with a friend (who sees it and is
// refused an edit), mark it lost, see a tap show the lost page, and read the
// finder's message (mailed, and on the product's page).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

// Requests from a context's API client say they come from the app, as its pages' do.
const SAME_ORIGIN = { origin: process.env.SENZU_BASE_URL };
const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

async function signIn(page, who) {
  await page.getByLabel('E-mail address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function tileNames(page, path) {
  await page.goto(path);
  await page.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  return page.getByTestId('tiles').locator('.tile__name');
}

async function addPlugin(page, storeName, fields, tileName) {
  await page.getByRole('button', { name: 'Add a plugin' }).click();
  await page.getByTestId('catalogue').getByRole('button', { name: storeName, exact: true }).click();
  const form = page.getByTestId('plugin-form');
  await form.getByLabel('Name on the tile').fill(tileName);
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: 'Save plugin' }).click();
  await expect(page.getByTestId('plugin-list').getByText(tileName)).toBeVisible();
}

test('pair, build, reorder, share read-only, mark lost', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once; the phone checks are below');
  test.setTimeout(90_000);
  const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ownerContext.newPage();

  // A tap on an object nobody has paired: the page offers to pair it.
  await page.goto(demo.taps.pairable);
  await page.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not activated yet');
  await page.getByTestId('pair').click();
  await expect(page.getByTestId('pair-page')).toBeVisible();
  await signIn(page, demo.owner);
  await page.getByLabel('Name (optional)').fill('Story card');
  await page.getByRole('button', { name: 'Pair to my account' }).click();
  await page.waitForURL(/\/dashboard\/products\/\d+/);
  const productUrl = new URL(page.url()).pathname;
  const idProduct = productUrl.split('/').pop();
  await expect(page.getByTestId('product-name')).toHaveText('Story card');
  await expect(page.getByTestId('my-chmod')).toHaveText('Owner');

  // An application with three plugins; a bad phone number is refused next to its field.
  await page.goto('/dashboard/applications');
  await page.getByTestId('new-app').getByLabel('New application').fill('Story app');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/dashboard\/applications\/\d+/);
  await page.getByRole('button', { name: 'Add a plugin' }).click();
  // The English dashboard names the plugstore's categories in English (the API keeps the documented names).
  await expect(page.getByTestId('catalogue')).toContainText('Social networks');
  await expect(page.getByTestId('catalogue')).not.toContainText('Réseaux');
  await page.getByTestId('catalogue').getByRole('button', { name: 'Call', exact: true }).click();
  // Reported when the field is left, before any save, and gone once the value is right.
  const phoneError = page.locator('[data-field="phone_number"] .field__error');
  await page.getByTestId('plugin-form').getByLabel('Phone number').fill('12ab');
  await page.getByTestId('plugin-form').getByLabel('Phone number').blur();
  await expect(phoneError).toContainText('phone number');
  await page.getByTestId('plugin-form').getByLabel('Phone number').fill('+33 6 11 22 33 44');
  await expect(phoneError).toHaveCount(0);
  await page.getByTestId('plugin-form').getByLabel('Phone number').fill('call me maybe');
  await page.getByRole('button', { name: 'Save plugin' }).click();
  await expect(page.locator('[data-field="phone_number"] .field__error')).toContainText('phone number');
  await page.getByTestId('plugin-form').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('plugins')).toContainText('No plugin yet');

  await addPlugin(page, 'Call', { 'Phone number': '+33 6 11 22 33 44' }, 'Call me');
  await addPlugin(page, 'Website', { 'Web address': 'senzu.app/story' }, 'My site');
  await addPlugin(page, 'Note', { 'Text': 'Thanks for tapping!' }, 'Hello');
  const rows = page.getByTestId('plugin-row').locator('.plugin-row__name');
  await expect(rows).toHaveText(['Call me', 'My site', 'Hello']);
  // The live preview uses the play page's own tiles.
  await expect(page.getByTestId('preview').locator('.tile__name')).toHaveText(['Call me', 'My site', 'Hello']);

  // Reorder: drag "Hello" onto the first row, then move "My site" up with its button.
  await page.getByTestId('plugin-row').filter({ hasText: 'Hello' }).dragTo(page.getByTestId('plugin-row').first());
  await expect(rows).toHaveText(['Hello', 'Call me', 'My site']);
  await page.getByTestId('plugin-row').filter({ hasText: 'My site' }).getByRole('button', { name: 'Move up' }).click();
  await expect(rows).toHaveText(['Hello', 'My site', 'Call me']);
  // A schedule: set on a plugin, shown as a badge, then removed again.
  const callRow = page.getByTestId('plugin-row').filter({ hasText: 'Call me' });
  await callRow.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('plugin-form').getByLabel('From').fill('08:00');
  await page.getByTestId('plugin-form').getByLabel('To').fill('18:00');
  await page.getByTestId('plugin-form').getByLabel('Sat').uncheck();
  await page.getByTestId('plugin-form').getByRole('button', { name: 'Save plugin' }).click();
  await expect(callRow).toContainText('Scheduled');
  await callRow.getByRole('button', { name: 'Edit' }).click();
  await page.getByTestId('plugin-form').getByLabel('From').fill('');
  await page.getByTestId('plugin-form').getByRole('button', { name: 'Save plugin' }).click();
  await expect(callRow).not.toContainText('Scheduled');

  // An image: uploaded to the files API, shown by the preview.
  const onePixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPj/HwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  await page.getByTestId('image-upload').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: onePixel });
  await expect(page.getByTestId('preview').locator('img.play__image')).toHaveAttribute('src', /\/files\/.+\.png$/);
  await page.getByTestId('app-form').getByLabel('Subtitle').fill('Tap, and say hello');
  await page.getByTestId('app-form').locator('label.swatch[data-color="purple"]').click();
  await page.getByTestId('app-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('app-form')).toContainText('Saved');
  await expect(page.getByTestId('preview').locator('.play')).toHaveAttribute('data-color', 'purple');
  await page.screenshot({ path: 'e2e/artifacts/dashboard-editor.png', fullPage: true });

  // Put it on the object's chip; the same tap (same visit) now shows the plugins in that order.
  await page.goto(productUrl);
  await page.getByTestId('record').first().getByTestId('record-app').selectOption({ label: 'Story app' });
  await expect(page.getByTestId('record').first()).toContainText('Saved');
  const tiles = await tileNames(page, demo.taps.pairable);
  await expect(tiles).toHaveText(['Hello', 'My site', 'Call me']);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Story app');

  // Share it read-only with a friend.
  await page.goto(productUrl);
  const sharing = page.getByTestId('sharing');
  await sharing.getByLabel('Invite by e-mail').fill(demo.friend.email);
  await sharing.getByLabel('Rights').selectOption('1');
  await sharing.getByRole('button', { name: 'Invite' }).click();
  await expect(sharing.getByTestId('share-row').filter({ hasText: demo.friend.email })).toContainText('Invited');
  // Not yet accepted: the invitee's address shows once (they have no name on this object yet).
  const invited = await sharing.getByTestId('share-row').filter({ hasText: demo.friend.email }).textContent();
  expect(invited.split(demo.friend.email).length - 1).toBe(1);
  await page.screenshot({ path: 'e2e/artifacts/dashboard-product.png', fullPage: true });
  // An address without an account: the rights it is offered change until it is accepted, and it can be withdrawn.
  const newcomer = `e2e-newcomer-${Date.now()}@senzu.test`;
  await sharing.getByTestId('invite').getByLabel('Invite by e-mail').fill(newcomer);
  await sharing.getByTestId('invite').getByLabel('Rights').selectOption('1');
  await sharing.getByTestId('invite').getByRole('button', { name: 'Invite' }).click();
  const offer = sharing.getByTestId('share-row').filter({ hasText: newcomer });
  await expect(offer).toContainText('Invited');
  await offer.getByLabel('Rights').selectOption('3');
  await page.reload();
  await expect(offer.getByLabel('Rights')).toHaveValue('3');
  await offer.getByRole('button', { name: 'Withdraw' }).click();
  await expect(offer).toHaveCount(0);

  const friendContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const friend = await friendContext.newPage();
  await friend.goto('/dashboard/invitations');
  await friend.waitForURL('**/signin?next=*');
  await signIn(friend, demo.friend);
  await friend.waitForURL('**/dashboard/invitations');
  await friend.getByTestId('invitation').filter({ hasText: 'Story card' }).getByRole('button', { name: 'Accept' }).click();
  await friend.goto('/dashboard');
  await friend.getByTestId('product-card').filter({ hasText: 'Story card' }).click();
  await expect(friend.getByTestId('my-chmod')).toHaveText('Reader');
  await expect(friend.getByRole('button', { name: 'Rename' })).toHaveCount(0);
  const edit = await friend.request.post(`/v1/products/${idProduct}`, { headers: SAME_ORIGIN, form: { alias_name: 'Not mine' } });
  expect(edit.status()).toBe(403);
  await friendContext.close();

  // Lost: the owner's message on the next tap.
  await page.goto(productUrl);
  const lost = page.getByTestId('lost-panel');
  await lost.getByLabel('This object is lost').check();
  await lost.getByLabel('Message to the finder').fill('Lost my card! Please write to me.');
  await lost.getByRole('button', { name: 'Save' }).click();
  // Saved: the page reloads the product, which now wears the badge.
  await expect(page.locator('.badge--big')).toHaveText('Lost');
  await page.goto('/dashboard');
  const card = page.getByTestId('product-card').filter({ hasText: 'Story card' });
  await expect(card).toContainText('Lost');
  await expect(card, 'one state: lost, not lost and active').not.toContainText('Active');
  await page.screenshot({ path: 'e2e/artifacts/dashboard-objects.png', fullPage: true });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const finder = await phone.newPage();
  // A finder's phone makes its own tap: the owner's visit does not open on another device.
  await finder.goto(demo.taps.pairable_finder);
  await finder.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  await expect(finder.getByRole('heading', { level: 1 })).toHaveText('This object is lost');
  await expect(finder.getByTestId('lost-message')).toHaveText('Lost my card! Please write to me.');
  await finder.screenshot({ path: 'e2e/artifacts/dashboard-lost-tap.png', fullPage: true });
  // The finder writes; the owner gets it by mail (their address never shown) and on the product's page.
  const note = `Found it on the bus, line ${Date.now() % 1000}.`;
  await finder.getByLabel('Your message').fill(note);
  await finder.getByRole('button', { name: 'Send to the owner' }).click();
  await expect(finder.getByRole('status')).toHaveText('Thank you! Your message has been sent to the owner.');
  await expect(finder.locator('body')).not.toContainText(demo.owner.email);
  await phone.close();
  const outbox = await (await page.request.get('/v1/dev/outbox', { headers: { 'x-senzu-dev': '1' } })).json();
  const mail = outbox.find((m) => m.to === demo.owner.email && m.mail_type === 'finder_message' && m.html.includes(note));
  expect(mail, 'a mail to the owner').toBeTruthy();
  expect(mail.html).toContain(productUrl);
  await page.goto(productUrl);
  const messages = page.getByTestId('finder-messages');
  await expect(messages.getByTestId('finder-message').first()).toContainText(note);
  await expect(page.getByTestId('finder-messages-title')).toContainText('1 unread');
  await messages.getByRole('button', { name: 'Mark read' }).first().click();
  await expect(page.getByTestId('finder-messages-title')).toContainText('0 unread');
  await page.screenshot({ path: 'e2e/artifacts/dashboard-finder-messages.png', fullPage: true });
  // Signing out ends the session: the dashboard asks to sign in again.
  await page.getByTestId('sign-out').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto('/dashboard');
  await page.waitForURL('**/signin?next=*');
  await ownerContext.close();
});

test('the dashboard works at phone size', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'phone layout');
  await page.goto('/dashboard');
  await page.waitForURL('**/signin?next=*');
  await signIn(page, demo.owner);
  await page.waitForURL('**/dashboard');
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByTestId('product-card').filter({ hasText: 'My card' }).click();
  await expect(page.getByTestId('qr').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/dashboard-phone.png', fullPage: true });
});

test('a group shares its objects and gives them one application', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'desktop flow');
  const owner = await browser.newContext();
  const api = owner.request;
  expect((await api.post('/v1/auth/login', { headers: SAME_ORIGIN, form: { email: demo.owner.email, password: demo.owner.password } })).ok()).toBeTruthy();
  const id = 600_000_000 + Math.floor(Math.random() * 100_000_000);
  const key = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');
  await api.post('/v1/dev/sql', { headers: { ...SAME_ORIGIN, 'x-senzu-dev': '1' }, data: { sql: `INSERT INTO products (id, id_item, is_activated) VALUES (${id}, 1, 0);\nINSERT INTO records (id, id_product, technology, token_encryption, key) VALUES (${id}, ${id}, 'nfc', 'static', '${key}');` } });
  const tag = `Trip tag ${id}`;
  expect((await api.post(`/v1/products/pair/${id}/${key}`, { headers: SAME_ORIGIN, form: { alias_name: tag } })).ok()).toBeTruthy();

  const page = await owner.newPage();
  await page.goto('/dashboard');
  const groupName = `Trip kit ${id}`;
  await page.getByTestId('groups').getByLabel('New group').fill(groupName);
  await page.getByTestId('groups').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('groups').getByRole('link', { name: groupName })).toBeVisible();

  await page.goto(`/dashboard/products/${id}`);
  await page.getByTestId('product-group').selectOption({ label: groupName });
  await expect(page.getByText('Saved')).toBeVisible();
  await page.goto('/dashboard');
  await page.getByTestId('groups').getByRole('link', { name: groupName }).click();
  await expect(page.getByTestId('group-name')).toHaveText(groupName);
  await expect(page.getByRole('link', { name: tag })).toBeVisible();
  await page.getByLabel('Application on all their records').selectOption({ label: 'Ada Lovelace' });
  await expect(page.getByText('Saved')).toBeVisible();
  await page.getByTestId('sharing').getByLabel('Invite by e-mail').fill(demo.friend.email);
  await page.getByTestId('sharing').getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('sharing')).toContainText('Invited');

  // The tag now opens the group's application.
  const tap = await owner.newPage();
  await tap.goto(`/p/${key}`);
  await expect(tap.getByRole('heading', { level: 1 })).toHaveText('Ada Lovelace');

  // The friend accepts the group and finds its object among theirs.
  const friendContext = await browser.newContext();
  const friend = await friendContext.newPage();
  await friend.goto('/signin?next=/dashboard/invitations');
  await friend.getByLabel('E-mail address').fill(demo.friend.email);
  await friend.getByLabel('Password').fill(demo.friend.password);
  await friend.getByRole('button', { name: 'Sign in' }).click();
  await friend.waitForURL('**/dashboard/invitations');
  await friend.getByTestId('invitation').filter({ hasText: groupName }).getByRole('button', { name: 'Accept' }).click();
  await friend.goto('/dashboard');
  await expect(friend.getByTestId('product-card').filter({ hasText: tag })).toContainText('Shared · Reader');
  await friendContext.close();
  await owner.close();
});

test('a pasted profile address links to the profile and Wi-Fi security is a choice', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the editor at desktop size');
  await page.goto('/signin?next=/dashboard/applications');
  await signIn(page, demo.owner);
  await page.waitForURL('**/dashboard/applications');
  await page.getByTestId('new-app').getByLabel('New application').fill('Socials app');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/dashboard\/applications\/\d+/);
  await addPlugin(page, 'Instagram', { 'Username': 'https://www.instagram.com/senzu.app/?hl=fr' }, 'Insta');
  await expect(page.getByTestId('preview').getByRole('link', { name: 'Insta' }))
    .toHaveAttribute('href', 'https://www.instagram.com/senzu.app');
  await page.getByRole('button', { name: 'Add a plugin' }).click();
  await page.getByTestId('catalogue').getByRole('button', { name: 'Wi-Fi', exact: true }).click();
  const form = page.getByTestId('plugin-form');
  await form.getByLabel('Network name').fill('Guests');
  await form.getByLabel('Security').selectOption({ label: 'None (open network)' });
  await form.getByRole('button', { name: 'Save plugin' }).click();
  await expect(page.getByTestId('plugin-list').getByText('Wi-Fi')).toBeVisible();
  await page.getByTestId('plugin-row').filter({ hasText: 'Wi-Fi' }).getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByTestId('plugin-form').getByLabel('Security')).toHaveValue('nopass');
});
