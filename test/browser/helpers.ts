import {readFileSync} from 'node:fs';
import path from 'node:path';
import {chromium, type Browser, type BrowserContext, type Locator, type Page} from 'playwright-core';
import {buildGadget} from '../../scripts/build-gadget';
import {runBot, testClient} from '../integration/helpers';
import {testWiki} from '../integration/wiki';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The system's Chromium; tests never download a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Builds the gadget and installs it (with the template) on the test wiki. */
export async function installGadget(): Promise<void> {
  await buildGadget({quiet: true});
  const result = await runBot(['install']);
  if (result.code !== 0) throw new Error(`install failed: ${result.stderr}`);
}

export async function indexUrl(): Promise<string> {
  return (await testWiki()).api.replace(/api\.php$/, 'index.php');
}

export async function pageUrl(title: string, query = ''): Promise<string> {
  return `${await indexUrl()}?title=${encodeURIComponent(title.replace(/ /g, '_'))}${query}`;
}

/** Logs the context in as the wiki's administrator (a main-account login, as a person logs in). */
export async function logIn(context: BrowserContext): Promise<void> {
  const wiki = await testWiki();
  if (!wiki.adminUsername || !wiki.adminPassword) throw new Error('the browser tests need the admin credentials (PT_TEST_ADMIN_USERNAME/PASSWORD)');
  const page = await context.newPage();
  await page.goto(await pageUrl('Special:UserLogin'));
  await page.fill('#wpName1', wiki.adminUsername);
  await page.fill('#wpPassword1', wiki.adminPassword);
  await Promise.all([page.waitForURL((url) => !url.search.includes('UserLogin')), page.click('#wpLoginAttempt')]);
  await page.close();
}

export async function loggedIn(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  await logIn(context);
  return context;
}

export async function createPage(title: string, text: string): Promise<number> {
  const bot = await testClient();
  const response = await bot.request({action: 'edit', title, text, token: await bot.getCsrfToken(), summary: 'browser test setup'});
  return response.edit.newrevid as number;
}

export async function latestText(title: string): Promise<{revid: number; text: string; comment: string}> {
  const bot = await testClient();
  const response = await bot.request({action: 'query', prop: 'revisions', titles: title, rvprop: 'ids|content|comment', rvslots: 'main'});
  const revision = response.query?.pages?.[0]?.revisions?.[0];
  if (!revision) throw new Error(`${title}: no such page`);
  return {revid: revision.revid, text: revision.slots.main.content, comment: revision.comment};
}

/** Errors in the page's scripts fail the test that caused them. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('Failed to load resource')) errors.push(message.text());
  });
  return errors;
}

/** The form's dialog, once open. */
export function dialog(page: Page): Locator {
  return page.locator('.oo-ui-processDialog').filter({has: page.locator('.pt-form')});
}

export function field(page: Page, name: string): Locator {
  return dialog(page).locator(`[data-pt-field="${name}"]`);
}

/** The text box of a text field (single or multi-line). */
export function textInput(page: Page, name: string): Locator {
  return field(page, name).locator('input.oo-ui-inputWidget-input, textarea.oo-ui-inputWidget-input').first();
}

export async function openForm(page: Page, title: string, box = 0, query = ''): Promise<void> {
  await page.goto(await pageUrl(title, query));
  const button = page.locator('.pt-edit-button').nth(box);
  await button.waitFor({state: 'visible', timeout: 30_000});
  await button.locator('a').click();
  await dialog(page).locator('.pt-form').waitFor({state: 'visible', timeout: 30_000});
}

/** Chooses an option of a drop-down field by its label. */
export async function choose(page: Page, name: string, label: string): Promise<void> {
  await field(page, name).locator('.oo-ui-dropdownWidget-handle').click();
  await page.locator('.oo-ui-menuOptionWidget:visible').filter({hasText: label}).first().click();
}

/** Presses a dialog action button (Review changes, Save, Back…) by its label. */
export async function action(page: Page, label: string): Promise<void> {
  await dialog(page).locator('.oo-ui-processDialog-actions-primary, .oo-ui-processDialog-actions-safe, .oo-ui-processDialog-actions-other')
    .getByRole('button', {name: label}).click();
}

/** Saves from the review step and waits for the page to be shown again. */
export async function saveAndWait(page: Page, label = 'Save'): Promise<void> {
  await Promise.all([page.waitForEvent('load', {timeout: 30_000}), action(page, label)]);
}

export function axeSource(): string {
  return readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
}

/** The local calendar day, as the gadget computes "today". */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Waits until the element shows this text (jest has no Playwright matchers). */
export async function waitForText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await locator.filter({hasText: text}).first().waitFor({state: 'visible', timeout});
}

/** Polls until `read()` returns `expected`; returns the last value, for the assertion. */
export async function poll<T>(read: () => Promise<T>, expected: T, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  let value = await read();
  while (value !== expected && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
