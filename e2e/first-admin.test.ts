import { expect, it } from 'vitest';
import { issueSetupLink } from '../src/features/accounts/setup';
import { currentTotp } from '../src/features/accounts/totp';
import { watchPage } from './helpers/browser';
import { useServerAndBrowser } from './helpers/harness';

const e2e = useServerAndBrowser();

it('the first admin sets up the hotline from the one-time link, enrols two-step sign-in and reaches the console', async () => {
  const link = await issueSetupLink(e2e.server.database.db, e2e.server.url);
  expect(link).toMatch(/\/setup#/);
  const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const { problems } = watchPage(page);

  await page.goto(link!);
  await expect.poll(() => page.url()).not.toContain('#'); // the token leaves the address bar
  await page.getByLabel('Hotline name').fill('Gulf Coast Hotline');
  await page.getByLabel('Your name').fill('Ana Admin');
  await page.getByLabel('Your email').fill('ana@example.org');
  await page.getByLabel('Password (at least 12 characters)').fill('a long enough password');
  await page.getByLabel('Password again').fill('a long enough password');
  await page.getByRole('button', { name: 'Create hotline' }).click();

  await page.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
  await page.locator('.qr svg').waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await page.getByLabel('Code', { exact: true }).fill(currentTotp(secret));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();

  await page.getByRole('heading', { name: 'Welcome, Ana Admin' }).waitFor();
  await page.getByText('Gulf Coast Hotline').first().waitFor();
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('cell', { name: 'auth.second_factor_enrolled' }).waitFor();

  // The link works once.
  const again = await context.newPage();
  await again.goto(link!);
  await again.getByLabel('Hotline name').fill('Another');
  await again.getByLabel('Your name').fill('Mallory');
  await again.getByLabel('Your email').fill('mallory@example.org');
  await again.getByLabel('Password (at least 12 characters)').fill('a long enough password');
  await again.getByLabel('Password again').fill('a long enough password');
  await again.getByRole('button', { name: 'Create hotline' }).click();
  await again.getByRole('alert').filter({ hasText: 'expired or was already used' }).waitFor();
  await again.close();

  // Sign out, then sign in again with the password and a fresh code.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Waymark' }).waitFor();
  await page.getByLabel('Email').fill('ana@example.org');
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
  // The enrolment code's 30-second step is spent; the next step's code is accepted (one step of drift).
  await page.getByLabel('Code', { exact: true }).fill(currentTotp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Welcome, Ana Admin' }).waitFor();

  // Spanish from the start.
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { name: 'Bienvenido/a, Ana Admin' }).waitFor();
  await page.screenshot({ path: 'test-results/console-home.png' });

  expect(problems).toEqual([]);
  await context.close();
});
