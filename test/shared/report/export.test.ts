import {reportCsv, reportJson} from '../../../shared/report/export';
import {reportMessages} from '../../../shared/report/messages';
import {HOSTILE, model} from './fixtures';

/** A small RFC 4180 reader, to check what a spreadsheet gets back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

describe('reportCsv', () => {
  const csv = reportCsv(model(), reportMessages('en'));

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(csv.startsWith('\uFEFFPartner,Affiliate,Stage,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('has one row per partnership, quoted as RFC 4180 says, with the same values as the table', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(6);
    const header = rows[0] as string[];
    const louvre = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[0] === 'Musée du Louvre')?.[i]]));
    expect(louvre).toMatchObject({Affiliate: 'Wikimédia France', Stage: 'Active', 'In stage since': '2026-01-01', 'Days in stage': '324',
      Coordinators: 'Alice, Bruno', 'Backup contact': 'yes', 'Next action due': '2026-11-01', Findings: 'overdue', Page: 'WMFR/Louvre', Section: 'Museum'});
    expect(rows.map((r) => r[0])).toContain(HOSTILE);
  });

  it('guards against formula injection: a cell starting with = + - @ is shown as text', () => {
    const rows = parseCsv(csv.slice(1));
    const evil = rows.find((r) => r[0] === HOSTILE) as string[];
    expect(evil).toContain('\'=HYPERLINK("http://evil.example")');
    expect(csv).toContain('"\'=HYPERLINK(""http://evil.example"")"');
  });

  it('uses the wiki\'s language for headers and stage names', () => {
    expect(reportCsv(model(), reportMessages('fr')).startsWith('\uFEFFPartenaire,Affilié,Étape,')).toBe(true);
  });
});

describe('reportJson', () => {
  it('gives the same rows with stage keywords and ISO dates', () => {
    const json = reportJson(model()) as {today: string; totals: unknown; stages: Record<string, number>; partnerships: Record<string, unknown>[]};
    expect(json.today).toBe('2026-11-21');
    expect(json.stages).toMatchObject({prospect: 1, active: 1, unknown: 1});
    expect(json.partnerships.find((p) => p.partner === 'Musée du Louvre')).toMatchObject({
      page: 'WMFR/Louvre', index: 0, section: 'Museum', stage: 'active', stage_since: '2026-01-01', days_in_stage: 324,
      coordinators: ['User:Alice', 'User:Bruno'], backup_contact: true, overdue: true, next_action_due: '2026-11-01',
      findings: [{rule: 'next-action-overdue', severity: 'warning', field: 'next_action_due'}],
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
