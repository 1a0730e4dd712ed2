// A partner-backed plugin end to end: the owner checks the Sengerio
// connection from the dashboard, a visitor's phone sends a charter quote
// request through it, and the partner (a stub on the loopback address the
// test run configured as the worker's Sengerio host — never plugin data)
// receives it with the visitor's language and the owner's token.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';

// Requests from a context's API client say they come from the app, as its pages' do.
const SAME_ORIGIN = { origin: process.env.SENZU_BASE_URL };
const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));
const TOKEN = `sg-e2e-${randomBytes(12).toString('hex')}`;
if (process.env.SENZU_STATE_DIR) appendFileSync(`${process.env.SENZU_STATE_DIR}/partner-secrets.txt`, `${TOKEN}\n`);

async function sengerioStub() {
  const received = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const json = (status, value) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: 'unauthorized' });
      if (req.method === 'GET' && req.url === '/v1/vehicles') return json(200, { data: [] });
      if (req.method === 'POST' && req.url === '/v1/hire/quote_requests') return json(201, { data: { id: 'q-1' } });
      return json(404, { error: 'not found' });
    });
  });
  const [host, port] = readFileSync(`${process.env.SENZU_STATE_DIR}/partner-stub`, 'utf8').trim().split(':');
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(Number(port), host, resolve); });
  return { server, received };
}

test('a visitor requests a charter quote through the owner\'s Sengerio account', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one run: it opens its own phone context');
  const stub = await sengerioStub();
  try {
    const owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const api = owner.request;
    expect((await api.post('/v1/auth/login', { headers: SAME_ORIGIN, form: { email: demo.owner.email, password: demo.owner.password } })).ok()).toBeTruthy();
    // A fresh object of the demo maker, paired by the owner, showing a new application.
    const id = 500_000_000 + Math.floor(Math.random() * 100_000_000);
    const key = randomBytes(16).toString('hex');
    const sql = `INSERT INTO products (id, id_item, is_activated) VALUES (${id}, 1, 0);\nINSERT INTO records (id, id_product, technology, token_encryption, key) VALUES (${id}, ${id}, 'nfc', 'static', '${key}');`;
    expect((await api.post('/v1/dev/sql', { headers: { ...SAME_ORIGIN, 'x-senzu-dev': '1' }, data: { sql } })).ok()).toBeTruthy();
    expect((await api.post(`/v1/products/pair/${id}/${key}`, { headers: SAME_ORIGIN })).ok()).toBeTruthy();
    const app = await (await api.post('/v1/applications', { headers: SAME_ORIGIN, form: { name: 'Coach company' } })).json();
    const plugin = await (await api.post(`/v1/applications/${app.id}/plugins`, { headers: SAME_ORIGIN,
      form: { id_plugstore: '19', name: 'Book a coach',
        data: JSON.stringify({ title: 'Charter quote', private_token: TOKEN }) },
    })).json();
    expect(plugin.credentials).toEqual({ private_token: true });
    expect(JSON.stringify(plugin)).not.toContain(TOKEN);
    await api.post(`/v1/products/${id}/records/${id}`, { headers: SAME_ORIGIN, form: { id_application: String(app.id) } });

    // The owner tests the connection from the plugin's form.
    const page = await owner.newPage();
    await page.goto(`/dashboard/applications/${app.id}`);
    await page.getByTestId('plugin-row').filter({ hasText: 'Book a coach' }).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('plugin-form');
    await expect(form.getByLabel('Sengerio private token')).toHaveValue('');
    await expect(form.getByLabel('Sengerio private token')).toHaveAttribute('placeholder', /stored/);
    await form.getByTestId('test-connection').click();
    await expect(form).toContainText('Connected: Sengerio accepted the credentials.');
    await page.screenshot({ path: 'e2e/artifacts/partner-test-connection.png', fullPage: true });

    // A visitor taps the object and sends a request.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
    const visitor = await phone.newPage();
    await visitor.goto(`/p/${key}`);
    await visitor.waitForFunction(() => !document.getElementById('senzu-first-paint'));
    await visitor.getByText('Book a coach').click();
    const quote = visitor.getByTestId('quote-form');
    await quote.getByLabel('Your name').fill('Grace');
    await quote.getByLabel('E-mail').fill('grace@senzu.test');
    await quote.getByLabel('From').fill('Paris');
    await quote.getByLabel('To').fill('Lyon');
    await quote.getByLabel('Date').fill('2026-12-24');
    await quote.getByLabel('Passengers').fill('30');
    await quote.getByRole('button', { name: 'Send my request' }).click();
    await expect(visitor.getByRole('status')).toHaveText('Thank you! Your request has been sent.');
    await visitor.screenshot({ path: 'e2e/artifacts/partner-quote-phone.png', fullPage: true });

    const sent = stub.received.filter((r) => r.url === '/v1/hire/quote_requests');
    expect(sent).toHaveLength(1);
    expect(sent[0].headers['accept-language']).toContain('en-GB');
    const body = new URLSearchParams(sent[0].body);
    expect(body.get('departure')).toBe('Paris');
    expect(body.get('passengers')).toBe('30');
    await phone.close();
    await owner.close();
  } finally {
    stub.server.close();
  }
});
