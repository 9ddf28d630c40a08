import {addDays, formatDay, type Day} from '../shared/model/dates';
import {STAGES} from '../shared/model/stages';

/** A small deterministic PRNG, so every benchmark run reads the same pages. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PARTNERS = ['Musée', 'Bibliothèque', 'Archivo', 'Universität', 'Эрмитаж', 'المكتبة', '博物院', 'Library', 'Museo', 'Archives'];
const PROSE = [
  'The partnership started after a meetup where volunteers presented [[Wikipedia:GLAM|GLAM]] projects to the curators.',
  'Meeting notes are kept on this page; see also [[Commons:Category:Uploads by the partner|the uploads]].',
  "'''Agreed:''' an edit-a-thon each semester, with ''trainers'' from the chapter.<ref>Minutes of the steering meeting.</ref>",
  'Contact details are kept off-wiki. {{Note|Ask the coordinator for the phone number.}}',
  '* Workshop on image licensing\n* Upload of 200 scans\n* [[Special:ListFiles|File list]]',
];

/** A partnership page as affiliates write them: prose, a table of events, references, the template. */
export function realisticPage(n: number, today: Day): {title: string; text: string} {
  const rnd = random(n + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const day = (maxBack: number) => formatDay(addDays(today, -Math.floor(rnd() * maxBack)));
  const params: [string, string][] = [
    ['partner', `${pick(PARTNERS)} ${n}`],
    ['partner_type', pick(['museum', 'library', 'archive', 'university'])],
    ['affiliate', pick(['Wikimédia France', 'Wikimedia Deutschland', 'Wikimedia Argentina'])],
    ['stage', pick(STAGES)],
    ['stage_since', day(400)],
    ['coordinator', `User:Coordinator ${n % 37}`],
    ['contact', `Contact ${n}, curator`],
  ];
  if (rnd() < 0.6) params.push(['backup_contact', `Backup ${n}`]);
  if (rnd() < 0.5) params.push(['agreement_signed', day(900)]);
  if (rnd() < 0.5) params.push(['last_event', day(200)]);
  if (rnd() < 0.3) params.push(['debrief', day(150)]);
  if (rnd() < 0.7) params.push(['next_action', 'Plan the next workshop'], ['next_action_due', day(60)]);
  const template = `{{Partnership\n${params.map(([k, v]) => `| ${k} = ${v}`).join('\n')}\n}}`;
  const rows = Array.from({length: 3 + Math.floor(rnd() * 6)}, (_, i) => `|-\n| ${day(700)} || Event ${i} || [[Event ${n}-${i}|report]] || ${Math.floor(rnd() * 90)}`).join('\n');
  const prose = Array.from({length: 4 + Math.floor(rnd() * 8)}, () => pick(PROSE)).join('\n\n');
  const text = `${prose}\n\n${template}\n\n== Events ==\n{| class="wikitable sortable"\n! Date !! Event !! Report !! Participants\n${rows}\n|}\n\n== History ==\n${prose}\n\n== References ==\n<references />\n[[Category:Partnerships]]\n`;
  return {title: `Partnerships/Bench ${n}`, text};
}
