import {readFileSync} from 'node:fs';
import path from 'node:path';
import {PARAMS, PARAM_GROUPS, PARTNER_TYPES, PRIORITIES} from '../../shared/model/params';
import {STAGES} from '../../shared/model/stages';

const dir = path.resolve(__dirname, '../../i18n/gadget');
const load = (lang: string) => JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Record<string, unknown>;
const en = load('en');
const keys = Object.keys(en).filter((k) => k !== '@metadata');
const placeholders = (text: string) => [...new Set(text.match(/\$\d+/g) ?? [])].sort();

describe('the gadget\'s messages', () => {
  it('name every field, group, stage explanation, type and priority the form shows', () => {
    for (const p of PARAMS) expect(keys).toEqual(expect.arrayContaining([`pt-gadget-label-${p.name}`, `pt-gadget-help-${p.name}`]));
    for (const g of PARAM_GROUPS) expect(keys).toContain(`pt-gadget-group-${g}`);
    for (const s of STAGES) expect(keys).toContain(`pt-gadget-stage-help-${s}`);
    for (const t of PARTNER_TYPES) expect(keys).toContain(`pt-gadget-partner-type-${t}`);
    for (const p of PRIORITIES) expect(keys).toContain(`pt-gadget-priority-${p}`);
  });

  it('explain the stages in the model\'s (the seeds\') words, in English', () => {
    for (const s of STAGES) expect(en[`pt-gadget-stage-help-${s}`]).toBeTruthy();
  });

  it.each(['fr', 'es', 'ar', 'ru', 'zh'])('are all translated into %s, with the same parameters', (lang) => {
    const messages = load(lang);
    expect(Object.keys(messages).filter((k) => k !== '@metadata').sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const text = messages[key] as string;
      expect(typeof text).toBe('string');
      // A translation may leave a parameter out only where English uses it for plural forms.
      expect({key, missing: placeholders(en[key] as string).filter((p) => !placeholders(text).includes(p) && !(en[key] as string).includes(`PLURAL:${p}`))}).toEqual({key, missing: []});
      expect({key, extra: placeholders(text).filter((p) => !placeholders(en[key] as string).includes(p))}).toEqual({key, extra: []});
    }
  });

  it('are documented for translators', () => {
    const qqq = load('qqq');
    expect(Object.keys(qqq).filter((k) => k !== '@metadata').sort()).toEqual([...keys].sort());
  });
});
