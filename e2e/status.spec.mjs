import { test, expect } from '@playwright/test';

test('landing page introduces Senzu and links to the status page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Your objects, as small apps');
  await expect(page).toHaveTitle('Senzu');
  await page.getByRole('link', { name: 'Status' }).click();
  await expect(page).toHaveURL(/\/status$/);
  // Each page names itself in the tab.
  await expect(page).toHaveTitle('Status · Senzu');
  await expect(page.getByTestId('status')).toContainText('ok');
});

test('status page shows what /v1/health answers', async ({ page }, testInfo) => {
  const health = await (await page.request.get('/v1/health')).json();
  await page.goto('/status');
  const status = page.getByTestId('status');
  await expect(status).toContainText('reachable');
  await expect(status).toContainText(health.version);
  await page.screenshot({ path: `e2e/artifacts/status-${testInfo.project.name}.png`, fullPage: true });
});

test('unknown pages say so and lead back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found · Senzu');
  await page.getByRole('link', { name: 'Back to the start' }).click();
  await expect(page).toHaveURL(/\/$/);
});
