// Mails between users and the developer's mail templates.
// 1. The demo owner shares an application with a fresh account, writes to it
//    from /account#mails; the mail reaches the outbox without the sender's
//    address; the recipient reads it on their account page and answers.
// 2. The owner, as a developer, edits the demo app's registration template in
//    the console with its live preview; the next sign-up through the app gets
//    a mail made from it. The template is deleted at the end (the demo stays as seeded).
import { test, expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SAME_ORIGIN, mailTo, newAccount, remember, signIn } from './lib.mjs';

const demo = JSON.parse(readFileSync(process.env.SENZU_DEMO_JSON, 'utf8'));

test('people who share an application write to each other', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(120_000);
  const who = await newAccount(request, 'mails');
  const email = who.email;

  // The owner shares a new application with Grace; Grace accepts it.
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await signIn(page, demo.owner, '/account');
  // The owner's browser session makes the application and the invitation.
  const made = await owner.request.post('/v1/applications', { headers: SAME_ORIGIN, data: { name: 'Shared to write' } });
  expect(made.status()).toBe(201);
  const app = (await made.json()).id;
  const invited = await owner.request.post(`/v1/applications/${app}/access`, { headers: SAME_ORIGIN,
    data: { email, chmod: 1 } });
  expect(invited.status(), await invited.text()).toBe(201);
  const grace = await browser.newContext();
  const gracePage = await grace.newPage();
  await signIn(gracePage, who, '/dashboard/invitations');
  await gracePage.getByRole('button', { name: /Accept/ }).first().click();
  await expect(gracePage.getByRole('button', { name: /Accept/ })).toHaveCount(0);

  // The owner writes from the account page.
  await page.reload();
  const form = page.getByTestId('mail-form');
  await form.getByLabel('To').selectOption({ label: 'Grace Hopper' });
  await form.getByLabel('Subject').fill('Your new card');
  await form.getByLabel('Message').fill('It is ready.\nCome and get it on Monday.');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('mail-sent')).toBeVisible();
  await expect(page.getByTestId('sent-mail').first()).toContainText('to Grace Hopper');
  const mail = await mailTo(request, email, 'user_message');
  expect(mail.html).toContain('Come and get it on Monday.');
  expect(mail.html).not.toContain(demo.owner.email);

  // Grace reads it on her account page (unread first) and answers.
  await gracePage.goto('/account#mails');
  const received = gracePage.getByTestId('received-mail').filter({ hasText: 'Your new card' });
  await expect(gracePage.getByRole('heading', { name: 'Received (1 unread)' })).toBeVisible();
  await received.getByRole('button', { name: 'Your new card' }).click();
  await expect(received.getByTestId('mail-body')).toHaveText('It is ready.\nCome and get it on Monday.');
  await received.getByTestId('answer').click();
  const answer = gracePage.getByTestId('mail-form');
  await expect(answer.getByLabel('Subject')).toHaveValue('Re: Your new card');
  await answer.getByLabel('Message').fill('Thank you!');
  await answer.getByRole('button', { name: 'Send' }).click();
  await expect(gracePage.getByTestId('mail-sent')).toBeVisible();
  await mailTo(request, demo.owner.email, 'user_message');

  expect((await owner.request.delete(`/v1/applications/${app}`, { headers: SAME_ORIGIN })).status()).toBe(200);
  await owner.close();
  await grace.close();
});

test('a mail template previewed in the console is the next sign-up mail', async ({ browser, request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the story runs once');
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demo.owner, `/console/apps/${demo.app.id}`);
  const editor = page.getByTestId('template-form');
  await editor.getByLabel('Mail').selectOption('registration');
  await editor.getByLabel('Language').selectOption('en');
  const marker = `Welcome aboard ${randomBytes(3).toString('hex')}`;
  await editor.getByTestId('template-code').fill(`<h1>${marker}, {{ data.firstname }}</h1><a href="{{ data.activation_url }}">Start</a>`);
  // The preview is the worker's rendering, with placeholder data.
  await expect(editor.getByTestId('template-preview')).toHaveAttribute('srcdoc', new RegExp(`${marker}, Ada`));
  await editor.getByTestId('template-code').fill('{% for %}');
  await expect(editor.getByTestId('preview-error')).toContainText('code');
  await editor.getByTestId('template-code').fill(`<h1>${marker}, {{ data.firstname }}</h1><a href="{{ data.activation_url }}">Start</a>`);
  await expect(editor.getByTestId('template-preview')).toHaveAttribute('srcdoc', new RegExp(`${marker}, Ada`));
  await editor.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByTestId('template-saved')).toBeVisible();
  await expect(page.getByTestId('template').filter({ hasText: 'registration · en' })).toContainText('in use');

  // The next sign-up through the app gets it.
  const email = `e2e-template-${Date.now()}-${randomBytes(3).toString('hex')}@senzu.test`;
  const password = `Aa1!${randomBytes(8).toString('hex')}`;
  remember(password);
  const signup = await request.post('/v1/procedures/users/create', {
    headers: { authorization: `Bearer ${demo.app.private_key}` },
    form: { firstname: 'Katherine', lastname: 'Johnson', email, password, gender: '2', birthdate: '0', language: 'en' },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  const mail = await mailTo(request, email, 'registration');
  expect(mail.html).toContain(`${marker}, Katherine`);

  // Back as seeded: the template goes.
  await page.getByTestId('template').filter({ hasText: 'registration · en' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('no-templates')).toBeVisible();
  await context.close();
});
