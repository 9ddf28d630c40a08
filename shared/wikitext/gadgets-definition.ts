/**
 * MediaWiki:Gadgets-definition is one page shared by every gadget of a wiki. `install` owns only
 * its own section (`== partnership-tracker ==`) and the lines that define its own gadgets; every
 * other byte of the page is kept as it was.
 */
const HEADING = /^==(.*)==\s*$/;
// `* name[options]|pages` or `* name|pages`, as the Gadgets extension reads a definition line.
const DEFINITION = /^\*+\s*([a-zA-Z](?:[-_:.\w ]*[a-zA-Z0-9])?)\s*[[|]/;

/** The gadget a line defines (spaces as underscores, as Gadgets stores names), or null. */
function definedGadget(line: string): string | null {
  const name = DEFINITION.exec(line)?.[1];
  return name === undefined ? null : name.trim().replace(/ /g, '_');
}

/** The names of the gadgets defined on these lines. */
export function gadgetNames(definition: string): string[] {
  return definition.split('\n').map(definedGadget).filter((name): name is string => name !== null);
}

function headingName(line: string): string | null {
  const match = HEADING.exec(line.replace(/\r$/, ''));
  return match ? (match[1] ?? '').trim() : null;
}

const isBlank = (line: string | undefined): boolean => (line ?? '').trim() === '';

/**
 * Puts `ours` (a `== section ==` heading and its definition lines) into `existing`: it replaces
 * the section of that name where it is, or is appended at the end of the page. Lines elsewhere
 * that define one of our gadgets are removed, so that no gadget is defined twice. In our section,
 * a line for a gadget of ours that is no longer shipped (`retired`) goes; a line someone added
 * there for another gadget stays. Merging again changes nothing.
 */
export function mergeGadgetsDefinition(existing: string, ours: string, retired: (name: string) => boolean = () => false): string {
  const block = ours.replace(/\s+$/, '').split('\n');
  const section = headingName(block[0] ?? '');
  if (section === null) throw new Error('the gadget definition must start with a "== section ==" heading');
  const owned = new Set(gadgetNames(ours));
  const lines = existing === '' ? [] : existing.split('\n');
  const out: string[] = [];
  let placed = false;
  for (let i = 0; i < lines.length;) {
    const line = lines[i] as string;
    if (headingName(line) !== section) {
      const name = definedGadget(line);
      if (name === null || !owned.has(name)) out.push(line);
      i++;
      continue;
    }
    // Our section runs to the next heading; its trailing blank lines separate it from what follows.
    let end = i + 1;
    while (end < lines.length && headingName(lines[end] as string) === null) end++;
    let body = end;
    while (body > i + 1 && isBlank(lines[body - 1])) body--;
    const foreign = lines.slice(i + 1, body).filter((l) => {
      const name = definedGadget(l);
      return name !== null && !owned.has(name) && !retired(name);
    });
    // A second copy of our section (edited by hand) is dropped, apart from other gadgets' lines.
    out.push(...(placed ? foreign : [...block, ...foreign]), ...lines.slice(body, end));
    placed = true;
    i = end;
  }
  if (placed) return out.join('\n');
  while (out.length > 0 && isBlank(out[out.length - 1])) out.pop();
  return `${[...out, ...(out.length > 0 ? [''] : []), ...block].join('\n')}\n`;
}
