// The SPA speaks the browser's language (Accept-Language / navigator.languages)
// and the switch in the top bar changes it for this browser: a French-speaking
// owner signs in and sees the dashboard in French, switches to English, and
// the choice stays after a reload.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

test('a French-language browser sees the dashboard in French, and can switch', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vos objets, en petites applications.');
  await expect(page.getByTestId('landing-sign-up')).toHaveText('Créer un compte');
  await page.goto('/signin?next=/dashboard');
  await page.getByLabel('Adresse e-mail').fill(demo.owner.email);
  await page.getByLabel('Mot de passe').fill(demo.owner.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === '/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vos objets');
  const nav = page.getByRole('navigation', { name: 'Tableau de bord' });
  await expect(nav.getByRole('link', { name: 'Fichiers' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveTitle('Vos objets · Senzu');

  // Files and the account page too.
  await nav.getByRole('link', { name: 'Fichiers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fichiers');
  await expect(page.getByTestId('breadcrumb')).toContainText('Tous les fichiers');
  await page.goto('/dashboard/invitations');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invitations');
  await page.goto('/dashboard/contacts');
  await expect(page.getByText('Ce que les visiteurs vous ont laissé', { exact: false })).toBeVisible();
  // An API refusal reads as a sentence in the language, its detail below.
  await page.goto('/dashboard/products/999999');
  await expect(page.getByRole('alert').first()).toContainText('Introuvable');
  await page.goto('/dashboard/products/1');
  await expect(page.getByTestId('sharing').getByRole('heading', { level: 2 })).toHaveText('Partage');
  await expect(page.getByTestId('insights').getByRole('heading', { level: 2 })).toHaveText('Statistiques');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre compte');
  await expect(page.getByRole('heading', { level: 2, name: 'Profil' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer le profil' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ajouter une adresse' })).toBeVisible();
  await expect(page.getByTestId('sessions').locator('[data-current="true"]')).toContainText('Ce navigateur');
  await expect(page.getByTestId('what-goes')).toContainText('vos applications sont supprimées');

  // The editor's plugins and their catalogue, the maker's workspace, the console, the API reference, the status.
  await page.goto('/dashboard/applications/1');
  const plugins = page.getByTestId('plugins');
  await plugins.getByRole('button', { name: 'Ajouter un plugin' }).click();
  await expect(page.getByRole('searchbox', { name: 'Rechercher un plugin' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Communication' })).toBeVisible();
  // The catalogue's names come from the worker, in the page's language too.
  await expect(page.getByRole('button', { name: 'Appel', exact: true })).toBeVisible();
  await page.goto('/maker');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace fabricant');
  await page.goto('/console');
  await expect(page.getByRole('heading', { name: 'Vos applications' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Profil développeur' })).toBeVisible();
  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Référence de l'API");
  await page.goto('/status');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('État du service');
  await expect(page.getByRole('button', { name: 'Vérifier à nouveau' })).toBeVisible();
  await page.goto('/account');

  // The switch: English from now on in this browser.
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your objects');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The worker answers in the chosen language, whatever the browser's: its catalogue says "Call".
  await page.goto('/dashboard/applications/1');
  await page.getByTestId('plugins').getByRole('button', { name: 'Add a plugin' }).click();
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeVisible();
  await context.close();
});
