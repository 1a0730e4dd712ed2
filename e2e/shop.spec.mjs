// The shop (issue 14): a new buyer adds cards to the cart, checks out with a
// test card on the payment service's page (the loopback Stripe stand-in that
// `cargo xtask test` gives the worker), the signed webhook marks the order
// paid, the demo provider produces and dispatches it in the provider console,
// the objects appear in the buyer's dashboard and the first tap of one opens
// the buyer's application.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SAME_ORIGIN, newAccount, signIn } from './lib.mjs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

test('a buyer orders, pays with a test card, the provider ships, and a tap opens the new object', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one story: it opens its own phone context');
  test.setTimeout(120_000);
  const buyer = await newAccount(request, 'shop');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await signIn(page, buyer, '/dashboard');
  // The application the new objects will open.
  const app = await (await page.request.post('/v1/applications', { headers: SAME_ORIGIN,
    form: { name: 'Grace at a tap' } })).json();

  // The catalogue and the cart; a price the page could send is not the server's concern.
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Shop' }).click();
  await page.waitForURL('**/shop');
  const item = page.getByTestId('shop-item').filter({ hasText: 'Senzu Card' });
  await expect(item).toContainText('12.90');
  await item.getByTestId('quantity').fill('2');
  await item.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-line')).toHaveText(/2 × Senzu Card/);
  await expect(page.getByTestId('cart-estimate')).toHaveText(/25\.80/);
  // The cart survives a reload (kept in this browser).
  await page.reload();
  await expect(page.getByTestId('cart-line')).toHaveText(/2 × Senzu Card/);

  // Checkout: a shipping address, then the payment service's page.
  await page.getByTestId('go-checkout').click();
  const checkout = page.getByTestId('checkout');
  await checkout.getByText('New address').click();
  for (const [label, value] of [['First name', 'Grace'], ['Last name', 'Hopper'], ['Street', '1 Harbour Road'],
    ['Postcode', '69007'], ['City', 'Lyon'], ['Region', 'Rhone'], ['Country (2 letters)', 'fr']]) {
    await checkout.getByLabel(label, { exact: true }).fill(value);
  }
  await checkout.getByRole('button', { name: 'Save the address' }).click();
  await expect(checkout.getByTestId('shipping')).toContainText('Grace Hopper, 1 Harbour Road');
  await checkout.getByTestId('pay').click();
  await page.waitForURL(/\/c\/pay\/cs_test_/);
  await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
  await expect(page.getByText('Total: 25.80 EUR')).toBeVisible();
  // A declined card first, then the test card that pays.
  await page.getByLabel('Card number').fill('4000 0000 0000 0002');
  await page.getByRole('button', { name: /Pay 25.80 EUR/ }).click();
  await expect(page.getByRole('alert')).toHaveText('Your card was declined.');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /Pay 25.80 EUR/ }).click();
  await page.waitForURL(/\/shop\/orders\/\d+\?paid=1/);
  const idOrder = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByTestId('paid-notice')).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-total')).toHaveText(/25\.80/);
  await page.screenshot({ path: 'e2e/artifacts/shop-paid.png', fullPage: true });

  // The demo provider (the friend's company) takes it, produces and dispatches it.
  const providerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const providerPage = await providerContext.newPage();
  await signIn(providerPage, demo.friend, '/provider');
  const card = providerPage.getByTestId('provider-order').filter({ hasText: `#${idOrder}` });
  await expect(card.getByTestId('provider-order-status')).toHaveText('Paid');
  await expect(card).toContainText('Grace Hopper, 1 Harbour Road');
  await card.getByTestId('to-in_production').click();
  await expect(card.getByTestId('provider-order-status')).toHaveText('In production');
  await expect(card.getByTestId('to-dispatched')).toBeDisabled();
  await card.getByTestId('delivery-number').fill('LP123456789FR');
  await card.getByTestId('to-dispatched').click();
  await expect(card.getByTestId('provider-order-status')).toHaveText('Dispatched');
  await providerPage.screenshot({ path: 'e2e/artifacts/shop-provider.png', fullPage: true });

  // The buyer follows it, and finds the two objects in the dashboard.
  await page.goto(`/shop/orders/${idOrder}`);
  await expect(page.getByTestId('order-status')).toHaveText('Dispatched');
  await expect(page.getByTestId('order-lines')).toContainText('LP123456789FR');
  await page.getByTestId('objects-ready').click();
  await page.waitForURL('**/dashboard');
  await expect(page.getByTestId('product-card')).toHaveCount(2);
  await expect(page.getByTestId('product-card').first()).toContainText('Senzu Card');
  const products = await (await page.request.get('/v1/products?limit=null')).json();
  const ids = Object.values(products).map((p) => p.id);
  expect(ids).toHaveLength(2);

  // The first tap of one (its printed code) opens the buyer's application, on a phone.
  const records = await (await page.request.get(`/v1/products/${ids[0]}/records?limit=null`)).json();
  const printed = Object.values(records).find((r) => r.technology === 'qrcode');
  expect(printed.id_application).toBe(app.id);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const tap = await phone.newPage();
  await tap.goto(new URL(printed.play_url).pathname);
  await expect(tap.getByRole('heading', { name: 'Grace at a tap' })).toBeVisible();
  await tap.screenshot({ path: 'e2e/artifacts/shop-first-tap.png' });
  await phone.close();
  await providerContext.close();
  await context.close();
});

test('a French-speaking owner subscribes to a plan and its limits rise', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(90_000);
  const buyer = await newAccount(request, 'shop');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  expect((await context.request.post('/v1/auth/login', { headers: SAME_ORIGIN,
    form: { email: buyer.email, password: buyer.password } })).ok()).toBeTruthy();
  const page = await context.newPage();
  await page.goto('/shop/plans');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Abonnements');
  await expect(page.getByTestId('current-plan')).toHaveText("Sans abonnement : l'offre gratuite.");
  await expect(page.getByTestId('usage')).toContainText('Applications');
  // A billing address first (the account page's form is the usual place; the API here).
  expect((await page.request.post('/v1/addresses', { headers: SAME_ORIGIN, form: { alias: 'Bureau', firstname: 'Marie',
    lastname: 'Curie', street: '11 rue Pierre et Marie Curie', country_code: 'FR', city: 'Paris', zipcode: '75005',
    state: 'IDF' } })).status()).toBe(201);
  await page.reload();
  const basic = page.getByTestId('plan').filter({ hasText: 'Basic' });
  await expect(basic).toContainText('120,00');
  await basic.click();
  await page.getByTestId('subscribe').click();
  await page.waitForURL(/\/c\/pay\/cs_test_/);
  await expect(page.getByText('Total: 120.00 EUR')).toBeVisible();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /Pay 120.00 EUR/ }).click();
  await page.waitForURL(/\/shop\/plans\?paid=\d+/);
  await expect(page.getByTestId('subscribed')).toHaveText('Merci : votre abonnement est actif.');
  await expect(page.getByTestId('current-plan')).toContainText('Basic');
  await expect(page.getByTestId('usage')).toContainText('0 / 1000');
  await page.screenshot({ path: 'e2e/artifacts/shop-plan.png', fullPage: true });
  await context.close();
});
