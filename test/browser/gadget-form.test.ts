import path from 'node:path';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {nodeWikitextTools} from '../../bot/wikitext';
import {isoPlusDays} from '../../gadget/core/dates';
import {editPartnership} from '../../shared/wikitext/edit';
import {readTemplates} from '../../shared/wikitext/reader';
import {changedSpan} from '../helpers/diff';
import {testClient, uniqueTitle} from '../integration/helpers';
import {describeWiki} from '../integration/wiki';
import {
  action, axeSource, choose, collectErrors, createPage, dialog, field, installGadget, latestText, launchBrowser, logIn, loggedIn, openForm,
  pageUrl, poll, REPO_ROOT, saveAndWait, textInput, today, waitForText,
} from './helpers';

const tools = nodeWikitextTools(['Partnership']);
const read = (text: string) => readTemplates(text, tools.parse, tools.matches);

// A page written by hand, as editors write: comments, aligned `=`, an unknown parameter, another
// template, and two partnerships. Only the values the user changes may change.
const MESSY = `Our partnerships with museums.<!-- keep this page tidy -->

{{Partnership
| partner        = Musée des Confluences
| stage          = negotiation <!-- since the March meeting -->
| stage_since    = 2026-03-02
| coordinator    = [[User:Alice|Alice]]
| contact        = Jeanne Martin, head of digital
| colour         = teal
| next_action    = Send the draft agreement
}}

{{Other template|x=1}}
{{Partnership|partner=Bibliothèque municipale|stage=contact|coordinator=Bob}}
== Notes ==
Text after.`;

async function editBox(page: Page, title: string, box = 0, query = ''): Promise<void> {
  await openForm(page, title, box, query);
}

/** For the screenshots: the dialog scrolled back to its top (the cursor stays where the form put it). */
async function showTopOfForm(page: Page): Promise<void> {
  await page.waitForTimeout(300);
  await dialog(page).locator('.oo-ui-window-body').evaluate((body) => body.scrollTo(0, 0));
  await page.waitForTimeout(200);
}

async function bot() {
  const client = await testClient();
  return {client, token: await client.getCsrfToken()};
}

describeWiki('the partnership form in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await installGadget();
    browser = await launchBrowser();
    context = await loggedIn(browser);
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  beforeEach(async () => {
    page = await context.newPage();
    errors = collectErrors(page);
  });

  afterEach(async () => {
    const own = page.context();
    await page.close();
    // A test that needed a context of its own (to log out) leaves it here.
    if (own !== context) await own.close();
    expect(errors).toEqual([]);
  });

  it('puts an Edit button on each box and opens the partnership of that box', async () => {
    const title = uniqueTitle('Gadget boxes');
    await createPage(title, MESSY);
    await editBox(page, title, 1);
    expect(await page.locator('.pt-edit-button').count()).toBe(2);
    expect(await dialog(page).locator('.oo-ui-processDialog-title').textContent()).toBe('Partnership: Bibliothèque municipale');
    expect(await textInput(page, 'partner').inputValue()).toBe('Bibliothèque municipale');
  });

  it('loads the form code only on pages that show a partnership', async () => {
    const plain = uniqueTitle('Gadget no box');
    await createPage(plain, 'Just text, and a [[link]].');
    await page.goto(await pageUrl(plain));
    await page.waitForFunction(() => (window as unknown as {mw: {loader: {getState(m: string): string}}}).mw.loader.getState('ext.gadget.partnership') === 'ready');
    const state = (module: string) => page.evaluate((m) => (window as unknown as {mw: {loader: {getState(m: string): string}}}).mw.loader.getState(m), module);
    expect(await state('ext.gadget.partnership-form')).toBe('registered');
    const title = uniqueTitle('Gadget one box');
    await createPage(title, '{{Partnership|partner=Louvre|stage=contact}}');
    await page.goto(await pageUrl(title));
    await page.locator('.pt-edit-button').waitFor({state: 'visible'});
    expect(await state('ext.gadget.partnership-form')).toBe('ready');
    expect(await state('ext.gadget.partnership-form-i18n-en')).toBe('ready');
  });

  it('changes two fields and saves only those values', async () => {
    const title = uniqueTitle('Gadget two fields');
    await createPage(title, MESSY);
    await editBox(page, title, 0);
    await choose(page, 'stage', 'Active (active)');
    await textInput(page, 'next_action').fill('Plan the first edit-a-thon');
    await action(page, 'Review changes');
    const review = dialog(page).locator('.pt-preview');
    await review.waitFor({state: 'visible'});
    expect(await review.locator('dt code').allTextContents()).toEqual(['stage', 'next_action']);
    await review.locator('table.diff').waitFor({state: 'visible'});
    await saveAndWait(page);

    const saved = await latestText(title);
    // Byte for byte what the shared editor writes, with the bot's parser: nothing else changed.
    expect(saved.text).toBe(editPartnership(MESSY, 0, {stage: 'active', next_action: 'Plan the first edit-a-thon'}, tools).text);
    expect(saved.text).toContain('| stage          = active <!-- since the March meeting -->');
    expect(saved.text).toContain('| colour         = teal');
    const span = changedSpan(MESSY, saved.text);
    expect(MESSY.slice(0, span.start)).toContain('| partner        = Musée des Confluences');
    expect(MESSY.slice(span.beforeEnd)).toContain('{{Partnership|partner=Bibliothèque municipale|stage=contact|coordinator=Bob}}');
    expect(read(saved.text)[1]?.params).toEqual(read(MESSY)[1]?.params);
    expect(saved.comment).toContain('stage = active');
    expect(saved.comment).toContain('next_action = Plan the first edit-a-thon');
  });

  it('re-applies the change to the latest text when someone edited another part of the page meanwhile', async () => {
    const title = uniqueTitle('Gadget other edit');
    await createPage(title, MESSY);
    await editBox(page, title, 0);
    await textInput(page, 'backup_contact').fill('Marc Dupont, archivist');
    await textInput(page, 'affiliate').fill('Wikimédia France');

    // Someone else: a paragraph at the top, and the other partnership's stage.
    const theirs = editPartnership(`New intro.\n${MESSY}`, 1, {stage: 'assessment'}, tools).text;
    const {client, token} = await bot();
    await client.request({action: 'edit', title, text: theirs, token, summary: 'meanwhile'});

    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    await waitForText(dialog(page).locator('.pt-preview'), 'The page was edited since you opened the form');
    await saveAndWait(page);

    const saved = await latestText(title);
    expect(saved.text).toBe(editPartnership(theirs, 0, {affiliate: 'Wikimédia France', backup_contact: 'Marc Dupont, archivist'}, tools).text);
  });

  it('shows a conflict, saves nothing and keeps the input when someone changed the same values meanwhile', async () => {
    const title = uniqueTitle('Gadget same values');
    await createPage(title, MESSY);
    await editBox(page, title, 0);
    await textInput(page, 'next_action').fill('Call Jeanne on Monday');
    await textInput(page, 'volunteers').fill('User:Chloé');

    const theirs = editPartnership(MESSY, 0, {next_action: 'Wait for the board decision'}, tools).text;
    const {client, token} = await bot();
    await client.request({action: 'edit', title, text: theirs, token, summary: 'meanwhile'});
    const before = await latestText(title);

    await action(page, 'Review changes');
    const notice = dialog(page).locator('.pt-notice');
    await waitForText(notice, 'someone else changed the same value of this partnership: Next action');
    await waitForText(field(page, 'next_action'), 'Changed meanwhile by someone else to: "Wait for the board decision"');
    // Nothing was saved, and everything the user typed is still there.
    expect((await latestText(title)).revid).toBe(before.revid);
    expect(await textInput(page, 'next_action').inputValue()).toBe('Call Jeanne on Monday');
    expect(await textInput(page, 'volunteers').inputValue()).toBe('User:Chloé');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-pt-field]')?.getAttribute('data-pt-field'))).toBe('next_action');

    // Saving again, knowingly, writes the user's values over theirs, and only those.
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    await saveAndWait(page);
    expect((await latestText(title)).text).toBe(editPartnership(theirs, 0, {next_action: 'Call Jeanne on Monday', volunteers: 'User:Chloé'}, tools).text);
  });

  it('explains an expired login in the user\'s language, keeps the input, and saves once logged in again', async () => {
    const title = uniqueTitle('Gadget session');
    await createPage(title, MESSY);
    // A context of its own: this test logs it out.
    const own = await loggedIn(browser);
    await page.close();
    page = await own.newPage();
    errors = collectErrors(page);
    const context = own;
    await editBox(page, title, 0);
    await textInput(page, 'affiliate').fill('Wikimédia France');
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    const before = await latestText(title);
    // The session ends (logged out in another tab, or expired).
    await context.clearCookies();
    await action(page, 'Save');
    const errorPanel = dialog(page).locator('.oo-ui-processDialog-errors');
    await waitForText(errorPanel, 'Your login session has expired');
    expect((await latestText(title)).revid).toBe(before.revid);
    await logIn(context);
    await Promise.all([page.waitForEvent('load', {timeout: 30_000}), errorPanel.getByRole('button', {name: 'Try again'}).click()]);
    const saved = await latestText(title);
    expect(saved.text).toBe(editPartnership(MESSY, 0, {affiliate: 'Wikimédia France'}, tools).text);
  });

  it('records the departure of the main contact and plans the re-introduction (seed 004)', async () => {
    const title = uniqueTitle('Gadget contact left');
    const text = '{{Partnership\n| partner = Musée Guimet\n| stage = active\n| coordinator = Alice\n| contact = Jeanne Martin\n| agreement_signed = 2025-05-01\n}}';
    await createPage(title, text);
    await editBox(page, title, 0);
    await dialog(page).getByRole('button', {name: 'Main contact left…'}).click();
    const panel = dialog(page).locator('[data-pt-panel="contact-left"]');
    await panel.waitFor({state: 'visible'});
    // No backup contact here: nothing to promote.
    expect(await panel.getByText('Make the backup contact').isVisible()).toBe(false);
    await panel.getByRole('button', {name: 'Fill in the form'}).click();
    expect(await textInput(page, 'next_action').inputValue()).toContain('successor of Jeanne Martin');
    // What the bot would flag follows the form: the departure is an error now.
    await waitForText(dialog(page).locator('.pt-findings'), 'The main contact (Jeanne Martin) left the partner');
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    await saveAndWait(page);

    const saved = (await latestText(title)).text;
    const params = read(saved)[0]?.params ?? {};
    expect(params.contact_left).toBe(today());
    expect(params.contact).toBe('Jeanne Martin');
    expect(params.next_action_due).toBe(isoPlusDays(today(), 14));
    expect(params.next_action).toContain('Jeanne Martin');
  });

  it('promotes the backup contact when the main contact left', async () => {
    const title = uniqueTitle('Gadget promote backup');
    const text = '{{Partnership\n| partner = Musée Guimet\n| stage = active\n| coordinator = Alice\n| contact = Jeanne Martin\n| backup_contact = Marc Dupont\n| agreement_signed = 2025-05-01\n}}';
    await createPage(title, text);
    await editBox(page, title, 0);
    await dialog(page).getByRole('button', {name: 'Main contact left…'}).click();
    const panel = dialog(page).locator('[data-pt-panel="contact-left"]');
    await panel.getByText('Make the backup contact (Marc Dupont) the main contact').waitFor({state: 'visible'});
    expect(await panel.locator('input[type="checkbox"]').isChecked()).toBe(true);
    await panel.getByRole('button', {name: 'Fill in the form'}).click();
    expect(await textInput(page, 'contact').inputValue()).toBe('Marc Dupont');
    expect(await textInput(page, 'backup_contact').inputValue()).toBe('');
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    await saveAndWait(page);

    const params = read((await latestText(title)).text)[0]?.params ?? {};
    expect(params.contact).toBe('Marc Dupont');
    expect(params.backup_contact).toBe('');
    expect(params.contact_left).toBeUndefined();
    expect(params.next_action).toContain('Marc Dupont is now the main contact');
  });

  it('moves to the next stage from today', async () => {
    const title = uniqueTitle('Gadget next stage');
    await createPage(title, '{{Partnership|partner=Archives départementales|stage=outreach|stage_since=2026-01-05|coordinator=Alice|backup_contact=Léa}}');
    await editBox(page, title, 0);
    await dialog(page).getByRole('button', {name: 'Move to next stage: Negotiation'}).click();
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    await saveAndWait(page);
    expect((await latestText(title)).text).toBe(`{{Partnership|partner=Archives départementales|stage=negotiation|stage_since=${today()}|coordinator=Alice|backup_contact=Léa}}`);
  });

  it('can be used with the keyboard alone, starting on the field that needs attention', async () => {
    const title = uniqueTitle('Gadget keyboard');
    const text = '{{Partnership\n| partner = Musée Guimet\n| stage = negotiation\n| stage_since = 2026-11-01\n| coordinator = Alice\n| contact = Jeanne Martin\n}}';
    await createPage(title, text);
    await page.goto(await pageUrl(title));
    await page.locator('.pt-edit-button').waitFor({state: 'visible'});
    // Tab from the top of the page to the Edit button.
    let reached = false;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('.pt-edit-button') !== null && document.activeElement !== document.body);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await dialog(page).locator('.pt-form').waitFor({state: 'visible'});
    // The missing backup contact is the error at this stage: the cursor is there.
    const focusedField = () => page.evaluate(() => document.activeElement?.closest('[data-pt-field]')?.getAttribute('data-pt-field') ?? null);
    expect(await poll(focusedField, 'backup_contact')).toBe('backup_contact');
    await page.keyboard.type('Marc Dupont');
    // Tab on to the dialog's primary action (focus stays inside the dialog).
    const focusedLabel = () => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());
    const path: string[] = [];
    for (let i = 0; i < 120 && await focusedLabel() !== 'Review changes'; i++) {
      await page.keyboard.press('Tab');
      path.push(await page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.closest('[data-pt-field]')?.getAttribute('data-pt-field') ?? (document.activeElement?.textContent ?? '').trim().slice(0, 20)}`));
    }
    // On failure, the path the focus took tells where it got stuck.
    if (await focusedLabel() !== 'Review changes') throw new Error(`focus did not reach "Review changes": ${path.join(' > ')}`);
    await page.keyboard.press('Enter');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    // The cursor is in the summary note; type one, then Tab to Save.
    await page.keyboard.type('after the phone call');
    for (let i = 0; i < 60 && await focusedLabel() !== 'Save'; i++) await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Save');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const saved = await latestText(title);
    expect(saved.text).toBe(editPartnership(text, 0, {backup_contact: 'Marc Dupont'}, tools).text);
    expect(saved.comment).toContain('after the phone call');
  });

  it('has no serious or critical accessibility violations (axe-core), and is shown for the README', async () => {
    const title = uniqueTitle('Gadget accessibility');
    await createPage(title, MESSY);
    await editBox(page, title, 0);
    await showTopOfForm(page);
    await page.screenshot({path: path.join(REPO_ROOT, 'docs', 'gadget-form.png')});
    await page.addScriptTag({content: axeSource()});
    const run = () => page.evaluate(async () => {
      const axe = (window as unknown as {axe: {run(el: Element, o: object): Promise<{violations: {id: string; impact: string; nodes: {target: string[]}[]}[]}>}}).axe;
      const root = document.querySelector('.oo-ui-processDialog') as Element;
      const result = await axe.run(root, {resultTypes: ['violations']});
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(await run()).toEqual([]);
    // The review step too.
    await textInput(page, 'affiliate').fill('Wikimédia France');
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    expect(await run()).toEqual([]);
  });

  it('speaks Arabic, right to left, with ?uselang=ar', async () => {
    const title = uniqueTitle('Gadget Arabic');
    await createPage(title, '{{Partnership\n| partner = متحف الفن الإسلامي\n| stage = outreach\n| stage_since = 2026-02-01\n| coordinator = Alice\n| contact = سارة حسن\n}}');
    await editBox(page, title, 0, '&uselang=ar');
    await showTopOfForm(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.locator('.oo-ui-processDialog').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const labels = await dialog(page).locator('.oo-ui-fieldsetLayout-header').allTextContents();
    expect(labels.join(' ')).toMatch(/[\u0600-\u06FF]/);
    await page.screenshot({path: path.join(REPO_ROOT, 'docs', 'gadget-form-ar.png')});
  });

  it('creates a new partnership page under the parent page', async () => {
    const partner = uniqueTitle('Musée nouveau');
    await createPage('Partnerships', 'The partnerships of the affiliate.');
    await page.goto(await pageUrl('Partnerships'));
    // In the "More" menu of the page actions. The skin's hover menu is not under test: the click
    // goes to the link itself, not to whatever the pointer would find at its place.
    await page.locator('#ca-partnership-new a').dispatchEvent('click');
    await dialog(page).locator('.pt-form').waitFor({state: 'visible', timeout: 30_000});
    await textInput(page, 'partner').fill(partner);
    await textInput(page, 'coordinator').fill('Alice');
    await action(page, 'Review changes');
    await dialog(page).locator('.pt-preview').waitFor({state: 'visible'});
    await saveAndWait(page);
    const created = await latestText(`Partnerships/${partner}`);
    expect(read(created.text)[0]?.params).toEqual({partner, stage: 'prospect', stage_since: today(), coordinator: 'Alice'});
    expect(created.text).toBe(`{{Partnership\n| partner = ${partner}\n| stage = prospect\n| stage_since = ${today()}\n| coordinator = Alice\n}}`);
  });
});
