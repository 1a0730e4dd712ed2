// Files and folders for a fresh account: a folder made and entered, two images
// uploaded into it (the progress shows, the storage counts them), one moved
// out to the top and back, a non-empty folder refused, then an image picked
// from the files in the application editor and shown by the preview.
import { test, expect } from '@playwright/test';
import { BASE, newAccount, signIn } from './lib.mjs';

const onePixel = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPj/HwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('images filed in folders and picked for an application', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(120_000);
  const who = await newAccount(request, 'files');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who, '/dashboard/files');
  await expect(page.getByTestId('storage')).toContainText('0 B of 100 MiB used');
  await expect(page.getByTestId('no-files')).toBeVisible();

  // A folder, entered: the breadcrumb follows, uploads land in it.
  await page.getByTestId('new-folder').getByLabel('New folder').fill('Logos');
  await page.getByTestId('new-folder').getByRole('button', { name: 'Create' }).click();
  await page.getByTestId('folder').getByRole('link', { name: 'Logos' }).click();
  await page.waitForURL(/\/dashboard\/files\?folder=\d+$/);
  await expect(page.getByTestId('breadcrumb')).toHaveText('All files / Logos');
  await page.getByTestId('files-upload').setInputFiles([
    { name: 'round.png', mimeType: 'image/png', buffer: onePixel },
    { name: 'square.png', mimeType: 'image/png', buffer: onePixel },
  ]);
  await expect(page.getByTestId('file')).toHaveCount(2);
  await expect(page.getByTestId('uploads').locator('li')).toHaveCount(0);
  await expect(page.getByTestId('storage')).toContainText(`${2 * onePixel.length} B of 100 MiB used`);

  // One goes to the top; the folder then holds one; a non-empty folder is not deleted.
  await page.getByTestId('file').filter({ hasText: 'square.png' }).getByTestId('file-move').selectOption('top');
  await expect(page.getByTestId('file')).toHaveCount(1);
  await page.getByRole('link', { name: 'All files' }).click();
  await page.waitForURL(/\/dashboard\/files$/);
  await expect(page.getByTestId('file')).toHaveText([/square\.png/]);
  await expect(page.getByTestId('folder')).toContainText('1 file');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('folder').getByTestId('folder-delete').click();
  await expect(page.getByRole('alert')).toContainText('still holds 1 files');
  await expect(page.getByTestId('folder')).toHaveCount(1);

  // The editor picks an image from the files; the preview shows it.
  await page.goto('/dashboard/applications');
  await page.getByTestId('new-app').getByLabel('New application').fill('Filed app');
  await page.getByTestId('new-app').getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/dashboard\/applications\/\d+/);
  await page.getByTestId('pick-image').click();
  const choice = page.getByTestId('picker-file').filter({ hasText: 'round.png' });
  await expect(choice).toContainText('Logos');
  // The application keeps the file's own path (`/files/{name}`).
  const path = new URL(await choice.locator('img').getAttribute('src'), BASE).pathname;
  await choice.click();
  await expect(page.getByTestId('preview').locator('img.play__image')).toHaveAttribute('src', path);
  await page.reload();
  await expect(page.getByTestId('preview').locator('img.play__image')).toHaveAttribute('src', path);
  await context.close();
});
