/**
 * One measured scan in a process of its own, so peak RSS is the scan's alone.
 * node build/bench/scan-run.js <full|rerun|floor|naive> <cwd>; prints one JSON line.
 */
import {Mwn} from 'mwn';
import {checkPartnerships} from '../shared/check';
import {coreMessages} from '../shared/i18n/core';
import {dayOf} from '../shared/model/dates';
import {loadConfig, rulesConfig} from '../bot/config';
import {scanWiki, templateTitle} from '../bot/scan';
import {WikiClient} from '../bot/wiki/client';
import {findCredentials} from '../bot/wiki/credentials';
import {nodeWikitextTools} from '../bot/wikitext';

type Json = Record<string, unknown>;

async function main(): Promise<void> {
  const [mode, cwd] = process.argv.slice(2) as [string, string];
  const {config} = loadConfig(undefined, cwd);
  const credentials = findCredentials(process.env, cwd);
  if (!credentials) throw new Error('no wiki credentials (MW_API…)');
  let requests = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let pages = 0;

  if (mode === 'full' || mode === 'rerun') {
    const client = await WikiClient.connect(credentials, {operatorContact: 'benchmark', onRequest: () => void requests++});
    const scan = await scanWiki(client, config, cwd, {tools: nodeWikitextTools(config.template.names, client.site.templateNamespaces)});
    checkPartnerships(scan.partnerships, {today: dayOf(new Date()), rules: rulesConfig(config), messages: coreMessages('en'), namespaces: client.site.namespaces});
    pages = scan.pages;
  } else if (mode === 'floor') {
    // The fewest requests that bring every page's text: the generator's batches, content included.
    const client = await WikiClient.connect(credentials, {operatorContact: 'benchmark', onRequest: () => void requests++});
    const seen = new Set<number>();
    for await (const response of client.queryAll({generator: 'embeddedin', geititle: templateTitle(config), geilimit: client.batchLimit,
      prop: 'revisions', rvprop: 'content', rvslots: 'main'})) {
      for (const page of ((response.query as Json).pages as Json[])) if (page.revisions) seen.add(Number(page.pageid));
    }
    pages = seen.size;
  } else if (mode === 'naive') {
    // What a user of mwn would write: list the pages, read() them, parseTemplates() each.
    const bot = await Mwn.init({apiUrl: credentials.api, username: credentials.username, password: credentials.password, userAgent: 'PartnershipTracker-bench', silent: true});
    const request = bot.request.bind(bot);
    bot.request = ((...args: Parameters<typeof request>) => {
      requests++;
      return request(...args);
    }) as typeof bot.request;
    const titles: string[] = [];
    for await (const response of bot.continuedQueryGen({action: 'query', list: 'embeddedin', eititle: templateTitle(config), eilimit: 'max'}, Infinity)) {
      for (const page of response.query?.embeddedin ?? []) titles.push(page.title);
    }
    const read = await bot.read(titles);
    for (const page of read) {
      const text = page.revisions?.[0]?.content ?? '';
      bot.Wikitext.parseTemplates(text, {namePredicate: (name: string) => name === 'Partnership'});
    }
    pages = read.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({mode, pages, requests, seconds,
    cpu_ms_per_page: pages ? (used.user + used.system) / 1000 / pages : 0,
    rss_mb: process.resourceUsage().maxRSS / 1024}));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
