// Real tests against a MediaWiki (see test/integration/README.md): bot password login, rights,
// assert=bot edits, and links tables being current right after an edit.
import {Mwn, MwnError} from 'mwn';
import {describeWiki, testWiki, type TestWiki} from './wiki';

const userAgent = 'PartnershipTracker-tests/0.1 (test@example.invalid)';

// A real wiki on a slow CI machine can take more than jest's default 5 s (a per-project
// testTimeout in jest.config.js is ignored by jest 29).
jest.setTimeout(60_000);

function newBot(wiki: TestWiki, password = wiki.password): Mwn {
  // maxRetries 0: a failure must surface at once, not after mwn's re-login-and-retry dance.
  return new Mwn({apiUrl: wiki.api, username: wiki.username, password, userAgent, silent: true, maxRetries: 0});
}

/** A title nobody has used yet, so reruns against a long-lived wiki do not collide. */
function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

describeWiki('bot password login (real MediaWiki)', () => {
  let wiki: TestWiki;
  let bot: Mwn;

  beforeAll(async () => {
    wiki = await testWiki();
    bot = newBot(wiki);
    await bot.login();
  });

  it('logs in as the bot, in the bot group, with apihighlimits', async () => {
    // "PartnershipBot@tracker" logs in as the account "PartnershipBot".
    const account = wiki.username.split('@')[0];
    const info = await bot.userinfo({uiprop: ['groups', 'rights']});
    expect(info.name).toBe(account);
    expect(info.anon).toBeUndefined();
    expect(info.groups).toContain('bot');
    expect(info.rights).toEqual(expect.arrayContaining(['apihighlimits', 'bot', 'edit', 'createpage']));
  });

  it('may edit the interface and site JS (install writes MediaWiki:Gadget-*.js)', async () => {
    const info = await bot.userinfo({uiprop: ['groups', 'rights']});
    expect(info.groups).toContain('interface-admin');
    expect(info.rights).toEqual(expect.arrayContaining(['editinterface', 'editsitejs', 'editsitecss', 'editsitejson']));
  });

  it('rejects a wrong bot password', async () => {
    const intruder = newBot(wiki, `${wiki.password}-wrong`);
    const failure = intruder.login();
    await expect(failure).rejects.toBeInstanceOf(MwnError);
    await expect(failure).rejects.toMatchObject({code: 'mwn_failedlogin'});
    expect(intruder.loggedIn).toBe(false);
  });

  it('refuses assert=bot to a client that is not logged in', async () => {
    const anonymous = new Mwn({apiUrl: wiki.api, userAgent, silent: true, maxRetries: 0});
    await expect(anonymous.request({action: 'query', meta: 'userinfo', assert: 'bot'})).rejects.toMatchObject({
      code: 'assertbotfailed',
    });
  });

  it('creates a page with assert=bot, and list=embeddedin sees its transclusion right away', async () => {
    const templateName = unique('PT integration template');
    const template = `Template:${templateName}`;
    const page = unique('PT integration page');

    const created = await bot.request({
      action: 'edit',
      title: template,
      text: '<includeonly>partnership: {{{1|}}}</includeonly><noinclude>Test template.</noinclude>',
      summary: 'integration test',
      createonly: true,
      assert: 'bot',
      bot: true,
      token: bot.csrfToken,
    });
    expect(created.edit).toMatchObject({result: 'Success', new: true, title: template});

    const edit = await bot.request({
      action: 'edit',
      title: page,
      text: `Intro.\n{{${templateName}|Example partner}}\n`,
      summary: 'integration test',
      createonly: true,
      assert: 'bot',
      bot: true,
      token: bot.csrfToken,
    });
    expect(edit.edit).toMatchObject({result: 'Success', new: true, title: page});

    // The very next request must see the links update of that edit (no job queue involved).
    const transclusions = await bot.query({list: 'embeddedin', eititle: template, eilimit: 'max'});
    expect(transclusions.query?.embeddedin?.map((p: {title: string}) => p.title)).toEqual([page]);

    // The edit is flagged as a bot edit and the page renders the template.
    const changes = await bot.query({list: 'recentchanges', rctitle: page, rcprop: 'title|flags|user', rclimit: 1});
    expect(changes.query?.recentchanges?.[0]).toMatchObject({title: page, bot: true, new: true});
    const parsed = await bot.request({action: 'parse', page, prop: 'text'});
    expect(parsed.parse.text).toContain('partnership: Example partner');
  });
});
