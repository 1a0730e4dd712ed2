// Accessibility of every page of the SPA, at desktop and phone width: axe-core
// (from npm, WCAG 2.1 A/AA rules) finds no violation and nothing scrolls sideways, signed out on the public
// pages and signed in as the demo owner on the rest. The violations by impact
// go to e2e/artifacts/axe-<project>.json for the notes.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

const PUBLIC = ['/', '/signin', '/signin?mode=signup', '/status', '/docs/api', `/p/${demo.records.static}`,
  `/p/${demo.records.lost}`, `/p/${demo.records.locked}`, '/account/forgot-password', '/account/activate?code=unused',
  '/account/reset-password?code=unused', '/not-a-page'];
const SIGNED_IN = ['/dashboard', '/dashboard/products/1', '/dashboard/applications', '/dashboard/applications/1',
  '/dashboard/invitations', '/dashboard/contacts', '/dashboard/files', '/account', '/pair', '/console',
  `/console/apps/${demo.app.id}`, '/console/plugstore/1001', '/shop', '/shop/orders', '/shop/plans', '/provider',
  '/reseller', '/maker'];

// A page is ready once the app has rendered into it and nothing is loading.
async function settled(page) {
  await page.waitForFunction(() => !document.getElementById('senzu-first-paint'));
  await page.waitForLoadState('networkidle');
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

async function audit(page, path) {
  await page.goto(path);
  await settled(page);
  return scan(page, path);
}

// The page as it is now (after an answer appeared on it, say).
async function scan(page, path) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => ({ path, id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  // Usable at this width: nothing makes the page scroll sideways (WCAG 1.4.10 reflow).
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  if (scroll > width + 1) {
    found.push({ path, id: 'horizontal-overflow', impact: 'serious', help: `the page is ${scroll}px wide in a ${width}px viewport`, targets: [] });
  }
  return found;
}

test('no page has an axe violation', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const context = await browser.newContext(testInfo.project.use);
  const page = await context.newPage();
  const found = [];
  for (const path of PUBLIC) found.push(...await audit(page, path));
  // What a link opened again answers, in place.
  await page.goto('/account/activate?code=unused');
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByTestId('link-spent')).toBeVisible();
  found.push(...await scan(page, '/account/activate (a spent link)'));
  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill(demo.owner.email);
  await page.getByLabel('Password').fill(demo.owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/dashboard$/);
  for (const path of SIGNED_IN) found.push(...await audit(page, path));
  await context.close();

  const byImpact = {};
  for (const v of found) byImpact[v.impact] = (byImpact[v.impact] || 0) + 1;
  mkdirSync('e2e/artifacts', { recursive: true });
  writeFileSync(`e2e/artifacts/axe-${testInfo.project.name}.json`,
    JSON.stringify({ pages: PUBLIC.length + 1 + SIGNED_IN.length, byImpact, violations: found }, null, 2));
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});
