import {addDays, formatDay, type Day} from '../../shared/model/dates';

export interface SamplePage {
  readonly title: string;
  readonly text: string;
}

interface Sample {
  readonly affiliate: string;
  readonly partner: string;
  readonly type: string;
  readonly stage: string;
  /** Days before today when the stage began. */
  readonly inStage?: number;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly intro?: string;
}

/**
 * About thirty partnerships across every stage, six affiliates and five scripts, with a few of
 * each problem the rules look for. Dates are relative to `today`, so the demo shows the same
 * findings whenever it runs. Numbers in `params` are days before today.
 */
const SAMPLES: readonly Sample[] = [
  {affiliate: 'Wikimédia France', partner: 'Musée du Louvre', type: 'museum', stage: 'active', inStage: 200,
    params: {coordinator: 'Alice', coordinator2: 'User:Bruno', contact: 'Jeanne Martin, head of digital collections', backup_contact: 'Paul Durand, archivist',
      agreement: '[[Media:Louvre agreement 2025.pdf]]', agreement_signed: 420, last_event: 60, debrief: 55, last_evaluation: 300,
      next_action: 'Plan the spring edit-a-thon', next_action_due: -20, goals: 'Open 5,000 images of the collection on Commons', measures: 'Images uploaded; articles illustrated'}},
  {affiliate: 'Wikimédia France', partner: 'Bibliothèque nationale de France', type: 'library', stage: 'negotiation', inStage: 120,
    params: {coordinator: '[[User:Alice|Alice]]', contact: 'Claire Petit, Gallica team', next_action: 'Send the draft agreement'}},
  {affiliate: 'Wikimédia France', partner: 'Archives départementales de la Gironde', type: 'archive', stage: 'outreach', inStage: 12,
    params: {coordinator: 'Bruno', contact: 'Marc Lefèvre', first_contact: 40, next_action: 'Outreach session with volunteers', next_action_due: -3}},
  {affiliate: 'Wikimédia France', partner: 'Université de Lyon', type: 'university', stage: 'active', inStage: 400,
    params: {coordinator: 'Bruno', contact: 'Prof. Hélène Roux', contact_left: 25, backup_contact: 'Dr. Samuel Blanc', agreement: 'informal', last_event: 90, debrief: 80}},
  {affiliate: 'Wikimédia France', partner: 'Muséum de Toulouse', type: 'museum', stage: 'ended',
    params: {coordinator: 'Alice', outcome: 'The museum joined a regional programme; 800 images shared.'}},
  {affiliate: 'Wikimedia Deutschland', partner: 'Deutsches Museum', type: 'museum', stage: 'debrief', inStage: 45,
    params: {coordinator: 'Greta', contact: 'Dr. Klaus Weber', backup_contact: 'Anna Schmidt', agreement_signed: 300, last_event: 50, next_action: 'Debrief meeting with the curators'}},
  {affiliate: 'Wikimedia Deutschland', partner: 'Staatsbibliothek zu Berlin', type: 'library', stage: 'evaluation', inStage: 20,
    params: {coordinator: 'Greta', coordinator2: 'Hans', contact: 'Petra Vogel', backup_contact: 'Jonas Braun', agreement_signed: 800, last_event: 200, debrief: 190,
      next_action: 'Send the yearly evaluation questionnaire', next_action_due: 10}},
  {affiliate: 'Wikimedia Deutschland', partner: 'Goethe-Universität Frankfurt', type: 'university', stage: 'contact', inStage: 50,
    params: {coordinator: 'Hans', contact: 'Lena Fischer', first_contact: 50}},
  {affiliate: 'Wikimedia Deutschland', partner: 'Bundesarchiv', type: 'archive', stage: 'on-hold', inStage: 100,
    params: {coordinator: 'Greta', revisit: 10, notes: 'Waiting for their new digitisation budget'}},
  {affiliate: 'Wikimedia Deutschland', partner: 'Zeitungsverlag Nord', type: 'media', stage: 'declined',
    params: {coordinator: 'Hans', outcome: 'Licensing could not be agreed (CC BY-SA refused).'}},
  {affiliate: 'Wikimedia Argentina', partner: 'Biblioteca Nacional Mariano Moreno', type: 'library', stage: 'active', inStage: 150,
    params: {coordinator: 'Lucía', contact: 'Martín Gómez', agreement_signed: 500, last_event: 400, debrief: 390, next_action: 'Yearly evaluation'}},
  {affiliate: 'Wikimedia Argentina', partner: 'Universidad de Buenos Aires', type: 'university', stage: 'assessment', inStage: 70,
    params: {coordinator: 'Lucía', contact: 'Dra. Sofía Herrera', next_action: 'Fill in the prioritisation grid'}},
  {affiliate: 'Wikimedia Argentina', partner: 'Museo Nacional de Bellas Artes', type: 'museum', stage: 'prospect', inStage: 30,
    params: {notes: 'Suggested by a volunteer at the last meetup'}},
  {affiliate: 'Wikimedia Argentina', partner: 'Archivo General de la Nación', type: 'archive', stage: 'negotiation', inStage: 40,
    params: {coordinator: 'Diego', contact: 'Carlos Ruiz', backup_contact: 'Valeria Díaz', backup_contact_left: 15, next_action: 'Licence check of the photo collection', next_action_due: 20}},
  {affiliate: 'Wikimedia Argentina', partner: 'Escuela Normal N.º 1', type: 'school', stage: 'outreach', inStage: 45,
    params: {coordinator: 'Diego', contact: 'Prof. Ana López', backup_contact: 'Prof. Raúl Pérez'}},
  {affiliate: 'Викимедиа РУ', partner: 'Государственный Эрмитаж', type: 'museum', stage: 'active', inStage: 90,
    params: {coordinator: 'Иван', contact: 'Ольга Смирнова', backup_contact: 'Дмитрий Козлов', agreement_signed: 200, last_event: 35,
      next_action: 'Загрузить фотографии на Викисклад', next_action_due: 30}},
  {affiliate: 'Викимедиа РУ', partner: 'Российская государственная библиотека', type: 'library', stage: 'contact', inStage: 10,
    params: {coordinator: 'Иван', contact: 'Анна Кузнецова'}},
  {affiliate: 'Викимедиа РУ', partner: 'Санкт-Петербургский университет', type: 'university', stage: 'prospect', inStage: 130,
    params: {coordinator: 'Мария'}},
  {affiliate: 'Wikimedians of the Levant', partner: 'المكتبة الوطنية اللبنانية', type: 'library', stage: 'negotiation', inStage: 60,
    params: {coordinator: 'Rami', contact: 'ليلى حداد', next_action: 'مراجعة مسودة الاتفاقية', next_action_due: 5}},
  {affiliate: 'Wikimedians of the Levant', partner: 'الجامعة الأمريكية في بيروت', type: 'university', stage: 'active', inStage: 30,
    params: {coordinator: 'Rami', coordinator2: 'Nour', contact: 'د. سمير خوري', backup_contact: 'هدى نصار', agreement_signed: 150, last_event: 10}},
  {affiliate: 'Wikimedians of the Levant', partner: 'متحف سرسق', type: 'museum', stage: 'outreach', inStage: 80,
    params: {coordinator: 'Nour', contact: 'جورج عيد'}},
  {affiliate: 'Wikimedia Taiwan', partner: '國立故宮博物院', type: 'museum', stage: 'active', inStage: 700,
    params: {coordinator: 'Mei', contact: '陳志明', backup_contact: '林淑芬', agreement_signed: 800, last_event: 100, debrief: 95, next_action: '年度評估', next_action_due: 40}},
  {affiliate: 'Wikimedia Taiwan', partner: '國家圖書館', type: 'library', stage: 'evaluation', inStage: 90,
    params: {coordinator: 'Mei', contact: '王小華', backup_contact: '張美玲', agreement_signed: 400, last_event: 150, debrief: 140}},
  {affiliate: 'Wikimedia Taiwan', partner: '中央研究院', type: 'research', stage: 'assessment', inStage: 20,
    params: {coordinator: 'Wei', contact: '李大同'}},
  {affiliate: 'Wikimedia Taiwan', partner: '臺灣文學館', type: 'museum', stage: 'on-hold', inStage: 250,
    params: {coordinator: 'Wei', notes: '館方人事調整'}},
  {affiliate: 'Wikimedia Taiwan', partner: '公共電視', type: 'media', stage: 'active', inStage: 60,
    params: {coordinator: 'Mei', contact: '黃建國', backup_contact: '吳佳穎', agreement: 'informal', next_action: '共同舉辦編輯松'}},
  {affiliate: 'Wikimédia France', partner: 'Cinémathèque française', type: 'other', stage: 'Negotiation', inStage: 10,
    params: {coordinator: 'Alice', contact: 'Élise Garnier', backup_contact: 'Hugo Morel', stage_since: 'last spring'}},
  {affiliate: 'Wikimedia Deutschland', partner: 'Stadtbibliothek Köln', type: 'library', stage: 'activ',
    params: {coordinator: 'Hans', contact: 'Jan Becker', favourite_colour: 'blue'}},
  {affiliate: 'Wikimedia Argentina', partner: 'Evil <script>alert(1)</script> [[Category:Hacked]] {{Delete}}', type: 'other', stage: 'prospect', inStage: 5,
    params: {coordinator: 'Diego', notes: 'A hostile name, to show that reports and reminders print it as text'}},
];

function render(sample: Sample, today: Day): string {
  const values: [string, string][] = [
    ['partner', sample.partner],
    ['partner_type', sample.type],
    ['affiliate', sample.affiliate],
    ['stage', sample.stage],
  ];
  if (sample.inStage !== undefined) values.push(['stage_since', formatDay(addDays(today, -sample.inStage))]);
  for (const [key, value] of Object.entries(sample.params ?? {})) {
    const text = typeof value === 'number' ? formatDay(addDays(today, -value)) : value;
    const existing = values.findIndex(([k]) => k === key);
    if (existing >= 0) values[existing] = [key, text];
    else values.push([key, text]);
  }
  const width = Math.max(...values.map(([k]) => k.length));
  // The hostile partner name is written as it would have to be in wikitext: pipes and braces escaped.
  const escape = (v: string) => v.replace(/\{\{Delete\}\}/, '&#123;&#123;Delete&#125;&#125;');
  const body = values.map(([k, v]) => `| ${k.padEnd(width)} = ${escape(v)}`).join('\n');
  return `${sample.intro ?? `Partnership between ${sample.affiliate} and ${sample.partner.replace(/[<>[\]{}]/g, '')}.`}\n\n{{Partnership\n${body}\n}}\n\n== Notes ==\nMeeting notes are kept below this line by the coordinators.\n`;
}

function titleOf(sample: Sample): string {
  const clean = sample.partner.replace(/[<>[\]{}|#]/g, '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${sample.affiliate}/Partnerships/${clean}`;
}

export function samplePages(today: Day): SamplePage[] {
  const pages = SAMPLES.map((sample) => ({title: titleOf(sample), text: render(sample, today)}));
  // Two partnerships on one page, as affiliates keep small ones together.
  pages.push({
    title: 'Wikimedia Taiwan/Partnerships/Small libraries',
    text: `Small library partnerships, kept on one page.\n\n${render({affiliate: 'Wikimedia Taiwan', partner: '臺北市立圖書館', type: 'library', stage: 'contact', inStage: 5,
      params: {coordinator: 'Wei'}}, today)}\n${render({affiliate: 'Wikimedia Taiwan', partner: '高雄市立圖書館', type: 'library', stage: 'prospect', inStage: 200,
      params: {coordinator: 'Wei'}}, today)}`,
  });
  return pages;
}
