import {gadgetNames, mergeGadgetsDefinition} from '../../shared/wikitext/gadgets-definition';

const OURS = [
  '== partnership-tracker ==',
  '* partnership[ResourceLoader|default|dependencies=mediawiki.util]|partnership.js',
  '* partnership-form[ResourceLoader|hidden|dependencies=oojs-ui-core]|partnership-form.js|partnership-form.css',
  '',
].join('\n');

const OTHERS = [
  '== editing-gadgets ==',
  '* HotCat[ResourceLoader|dependencies=mediawiki.util]|HotCat.js',
  '',
  '== appearance ==',
  '* DarkMode[ResourceLoader]|DarkMode.js|DarkMode.css',
  '',
].join('\n');

describe('gadgetNames', () => {
  it('reads the names of definition lines, with and without options', () => {
    expect(gadgetNames('== x ==\n* a-b[ResourceLoader]|a.js\n** c d|c.js\nnot a line\n* e |e.js')).toEqual(['a-b', 'c_d', 'e']);
  });
});

describe('mergeGadgetsDefinition', () => {
  it('writes our section alone on an empty page', () => {
    expect(mergeGadgetsDefinition('', OURS)).toBe(OURS);
  });

  it('appends our section after the other gadgets, keeping them byte for byte', () => {
    const merged = mergeGadgetsDefinition(OTHERS, OURS);
    expect(merged.startsWith(OTHERS)).toBe(true);
    expect(merged).toBe(`${OTHERS}\n${OURS}`);
  });

  it('replaces our section where it is, keeping the sections around it', () => {
    const old = ['== editing-gadgets ==', '* HotCat|HotCat.js', '', '== partnership-tracker ==', '* partnership|old.js', '* partnership-old-thing|x.js', '', '== appearance ==', '* DarkMode|DarkMode.js', ''].join('\n');
    const merged = mergeGadgetsDefinition(old, OURS, (name) => name.startsWith('partnership-'));
    expect(merged).toBe(['== editing-gadgets ==', '* HotCat|HotCat.js', '', ...OURS.trimEnd().split('\n'), '', '== appearance ==', '* DarkMode|DarkMode.js', ''].join('\n'));
  });

  it('keeps lines for other gadgets that someone added to our section', () => {
    const old = `${OTHERS}\n== partnership-tracker ==\n* partnership|old.js\n* LocalTweak[ResourceLoader]|LocalTweak.js\n`;
    const merged = mergeGadgetsDefinition(old, OURS);
    expect(merged).toContain('* LocalTweak[ResourceLoader]|LocalTweak.js');
    expect(merged).not.toContain('old.js');
    expect(merged.startsWith(OTHERS)).toBe(true);
  });

  it('removes definitions of our gadgets left in other sections, so none is defined twice', () => {
    const old = `== misc ==\n* partnership-form[ResourceLoader]|stale.js\n* Other|Other.js\n`;
    const merged = mergeGadgetsDefinition(old, OURS);
    expect(merged).toBe(`== misc ==\n* Other|Other.js\n\n${OURS}`);
    expect(gadgetNames(merged).filter((n) => n === 'partnership-form')).toHaveLength(1);
  });

  it('recognises our heading however it is spaced', () => {
    const old = `==partnership-tracker==\n* partnership|old.js\n${OTHERS}`;
    expect(mergeGadgetsDefinition(old, OURS)).toBe(`${OURS.trimEnd()}\n${OTHERS}`);
  });

  it('drops a second copy of our section', () => {
    const old = `${OURS}\n${OTHERS}\n${OURS}`;
    const merged = mergeGadgetsDefinition(old, OURS);
    expect(merged.match(/== partnership-tracker ==/g)).toHaveLength(1);
    expect(merged).toContain('== appearance ==');
  });

  it('changes nothing when merged again', () => {
    for (const start of ['', OTHERS, `${OTHERS}\n${OURS}`, `== partnership-tracker ==\n* partnership|x.js\n\n${OTHERS}`]) {
      const once = mergeGadgetsDefinition(start, OURS);
      expect(mergeGadgetsDefinition(once, OURS)).toBe(once);
    }
  });

  it('refuses a block without a section heading', () => {
    expect(() => mergeGadgetsDefinition(OTHERS, '* partnership|p.js')).toThrow(/heading/);
  });
});
