import { test, expect } from '@playwright/test';

// The API reference renders /v1/openapi.json: every operation, grouped by resource.
test('the API reference at /docs/api shows every operation of the document', async ({ page }, testInfo) => {
  const doc = await (await page.request.get('/v1/openapi.json')).json();
  const operations = Object.values(doc.paths)
    .flatMap((item) => ['get', 'post', 'delete'].filter((m) => item[m]))
    .length;
  expect(operations).toBeGreaterThan(100);

  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API reference');
  // The whole reference renders at once (a few seconds on a slow machine).
  await expect(page.getByTestId('api-operation')).toHaveCount(operations, { timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'The document as JSON' })).toHaveAttribute('href', '/v1/openapi.json');

  // A typed operation: its request fields and its responses with their schemas.
  const create = page.locator('#post_v1_groups');
  await expect(create.getByRole('heading', { level: 3 })).toContainText('POST');
  await expect(create.getByRole('heading', { level: 3 })).toContainText('/v1/groups');
  await expect(create).toContainText('Create a products group');
  await expect(create).toContainText('alias_name');
  await expect(create.getByRole('cell', { name: '201' })).toBeVisible();
  await expect(create.getByRole('link', { name: 'Group', exact: true })).toBeVisible();

  // A list documents its filters.
  await expect(page.locator('#get_v1_groups').getByRole('cell', { name: 'sort_by' })).toBeVisible();

  // Keyboard: the resource index is links, and following one moves to its section.
  const groups = page.getByRole('navigation', { name: 'Resources' }).getByRole('link', { name: 'groups', exact: true });
  await groups.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#tag-groups$/);
  await expect(page.locator('#tag-groups')).toBeInViewport();
  await page.screenshot({ path: `e2e/artifacts/docs-${testInfo.project.name}.png` });
});
