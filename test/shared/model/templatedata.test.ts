import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {PARAMS, PARAM_GROUPS, PARAM_NAMES, PARTNER_TYPES, PRIORITIES, type ParamName} from '../../../shared/model/params';
import {STAGES, STAGE_INFO} from '../../../shared/model/stages';
import {RULE_IDS} from '../../../shared/rules/findings';
import {
  GROUP_LABELS, SUGGESTED_PARAMS, templateData, templateDataBlock, templateDataBlocks, withTemplateDataBlock,
} from '../../../shared/model/templatedata';

const WIKI = join(__dirname, '..', '..', '..', 'wiki');
const DOC = readFileSync(join(WIKI, 'Template:Partnership', 'doc.wikitext'), 'utf8');
const TEMPLATE = readFileSync(join(WIKI, 'Template:Partnership.wikitext'), 'utf8');

// https://www.mediawiki.org/wiki/Extension:TemplateData#Param_object
const TEMPLATEDATA_TYPES = [
  'unknown', 'number', 'string', 'line', 'boolean', 'date', 'url', 'wiki-page-name', 'wiki-file-name',
  'wiki-template-name', 'wiki-user-name', 'content', 'unbalanced-wikitext',
];
// Types for which VisualEditor shows suggestedvalues as a drop-down.
const SUGGESTED_VALUE_TYPES = ['string', 'line', 'content', 'number', 'unknown', 'unbalanced-wikitext'];
const PARAM_KEYS = ['label', 'description', 'type', 'required', 'suggested', 'suggestedvalues', 'example', 'autovalue'];

describe('templateData()', () => {
  const data = templateData();

  it('describes every parameter of the model, and only those', () => {
    expect(Object.keys(data.params).sort()).toEqual([...PARAM_NAMES].sort());
  });

  it('orders the parameters as the model does', () => {
    expect(data.paramOrder).toEqual([...PARAM_NAMES]);
  });

  it('uses a block format (one parameter a line), as the bot and the gadget write them', () => {
    expect(data.format).toBe('block');
  });

  it('has a description', () => {
    expect(data.description.length).toBeGreaterThan(50);
  });

  it.each(PARAMS.map((p) => [p.name, p] as const))('%s: label, description and example come from the model', (name, spec) => {
    const param = data.params[name];
    expect(param.label).toBe(spec.label);
    expect(param.description).toBe(spec.description);
    expect(param.example).toBe('example' in spec ? spec.example : undefined);
    expect(TEMPLATEDATA_TYPES).toContain(param.type);
    for (const key of Object.keys(param)) expect(PARAM_KEYS).toContain(key);
  });

  it('requires exactly partner and stage, as the model does', () => {
    const required: string[] = PARAMS.filter((p) => 'required' in p).map((p) => p.name);
    expect(required).toEqual(['partner', 'stage']);
    for (const name of PARAM_NAMES) {
      expect([name, data.params[name].required === true]).toEqual([name, required.includes(name)]);
    }
  });

  it('suggests the commonly needed parameters, never a required one', () => {
    for (const name of PARAM_NAMES) {
      const expected = SUGGESTED_PARAMS.includes(name) && !data.params[name].required;
      expect([name, data.params[name].suggested === true]).toEqual([name, expected]);
    }
    for (const name of ['coordinator', 'stage_since', 'backup_contact', 'next_action', 'next_action_due'] as ParamName[]) {
      expect(data.params[name].suggested).toBe(true);
    }
  });

  it('offers the stage keywords, partner types and priorities as suggested values', () => {
    expect(data.params.stage.suggestedvalues).toEqual([...STAGES]);
    expect(data.params.partner_type.suggestedvalues).toEqual([...PARTNER_TYPES]);
    expect(data.params.priority.suggestedvalues).toEqual([...PRIORITIES]);
    expect(data.params.agreement.suggestedvalues).toEqual(['informal']);
    for (const name of PARAM_NAMES) {
      const param = data.params[name];
      if (param.suggestedvalues) expect([name, SUGGESTED_VALUE_TYPES]).toEqual([name, expect.arrayContaining([param.type])]);
    }
  });

  it('types dates as dates and coordinators as user names', () => {
    for (const spec of PARAMS) {
      const type = data.params[spec.name].type;
      if (spec.type === 'date') expect([spec.name, type]).toEqual([spec.name, 'date']);
      else if (spec.type === 'user') expect([spec.name, type]).toEqual([spec.name, 'wiki-user-name']);
      else expect([spec.name, ['line', 'string', 'content']]).toEqual([spec.name, expect.arrayContaining([type])]);
    }
  });

  it('fills in today for stage_since when VisualEditor adds it', () => {
    expect(data.params.stage_since.autovalue).toBe('{{subst:#time:Y-m-d}}');
  });

  it('groups the parameters into one set per model group, each parameter once, in order', () => {
    expect(data.sets.map((s) => s.label)).toEqual(PARAM_GROUPS.map((g) => GROUP_LABELS[g]));
    expect(data.sets.flatMap((s) => s.params)).toEqual([...PARAM_NAMES]);
    PARAM_GROUPS.forEach((group, i) => {
      expect(data.sets[i]?.params).toEqual(PARAMS.filter((p) => p.group === group).map((p) => p.name));
    });
  });

  it('is a fresh object each time (callers may change it)', () => {
    const a = templateData();
    a.params.stage.suggestedvalues?.push('nonsense');
    expect(templateData().params.stage.suggestedvalues).toEqual([...STAGES]);
  });
});

describe('templateDataBlock()', () => {
  const block = templateDataBlock();

  it('wraps tab-indented JSON of templateData() in <templatedata> tags', () => {
    expect(block.startsWith('<templatedata>\n{\n\t"description": ')).toBe(true);
    expect(block.endsWith('\n}\n</templatedata>')).toBe(true);
    const json = block.slice('<templatedata>\n'.length, -'\n</templatedata>'.length);
    expect(JSON.parse(json)).toEqual(templateData());
  });

  it('is stable', () => {
    expect(templateDataBlock()).toBe(block);
  });

  it('cannot close its own tag early', () => {
    expect(block.match(/<\/templatedata>/g)).toHaveLength(1);
  });
});

describe('withTemplateDataBlock()', () => {
  it('replaces the one block and nothing else', () => {
    const page = 'Intro with $& and $1.\n<templatedata>\n{"old": true}\n</templatedata>\nAfter.\n';
    expect(withTemplateDataBlock(page)).toBe(`Intro with $& and $1.\n${templateDataBlock()}\nAfter.\n`);
  });

  it('is idempotent', () => {
    const once = withTemplateDataBlock('<templatedata></templatedata>');
    expect(withTemplateDataBlock(once)).toBe(once);
  });

  it('refuses a page with no block or with several', () => {
    expect(() => withTemplateDataBlock('no block')).toThrow(/found 0/);
    expect(() => withTemplateDataBlock('<templatedata></templatedata><templatedata></templatedata>')).toThrow(/found 2/);
  });
});

describe('wiki/Template:Partnership/doc.wikitext', () => {
  it('holds exactly the generated TemplateData (run scripts/generate-templatedata.ts after changing the model)', () => {
    const blocks = templateDataBlocks(DOC);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toBe(templateDataBlock());
  });

  const prose = DOC.replace(/<templatedata>[\s\S]*?<\/templatedata>/, '');

  it.each([...PARAM_NAMES])('documents the parameter %s', (name) => {
    expect(prose).toContain(`<code>${name}</code>`);
  });

  it.each([...STAGES])('documents the stage %s, with the model\'s description', (stage) => {
    const section = prose.slice(prose.indexOf('\n== Stages ==\n'), prose.indexOf('\n== What the bot checks ==\n'));
    const row = section.split('\n|-\n').find((r) => r.startsWith(`| <code>${stage}</code> || `));
    expect(row).toBeDefined();
    const info = STAGE_INFO[stage];
    expect(row).toContain(info.description.replace(/\.$/, ''));
    if (info.staleAfterDays !== null) expect(row).toContain(`${info.staleAfterDays} days`);
  });

  it.each([...RULE_IDS])('explains the check %s', (rule) => {
    expect(prose).toContain(`<code>${rule}</code>`);
  });

  it('cites the process documents by name', () => {
    for (const source of [
      'Wikimédia France\'s partnership process', 'the Partnerships Playbook', 'WikiLearn\'s partnership course',
      'personnel change at the partner',
    ]) expect(prose).toContain(source);
  });

  it('shows examples only as source, never as a live template the bot would read', () => {
    const outsidePre = prose.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<nowiki>[\s\S]*?<\/nowiki>/g, '');
    expect(outsidePre).not.toMatch(/\{\{\s*(template\s*:\s*)?partnership\s*[|}]/i);
    expect(prose).toMatch(/<pre>\n\{\{Partnership\n/);
  });
});

describe('wiki/Template:Partnership.wikitext', () => {
  it.each([...PARAM_NAMES])('uses the parameter %s', (name) => {
    expect(TEMPLATE).toContain(`{{{${name}|`);
  });

  it('uses no parameter outside the model', () => {
    const used = new Set([...TEMPLATE.matchAll(/\{\{\{([^{}|]+)\|/g)].map((m) => m[1]));
    expect([...used].filter((name) => !(PARAM_NAMES as readonly string[]).includes(name!))).toEqual([]);
  });

  it('needs no Lua and no TemplateStyles', () => {
    expect(TEMPLATE).not.toMatch(/#invoke/i);
    expect(TEMPLATE).not.toMatch(/<templatestyles/i);
  });

  it('transcludes its documentation', () => {
    expect(TEMPLATE).toContain('<noinclude>{{Template:Partnership/doc}}</noinclude>');
  });
});
