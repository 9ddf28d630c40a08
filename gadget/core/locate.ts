import type {TemplateOccurrence} from '../../shared/wikitext/reader';

/**
 * What a rendered box tells about its template: the template writes the partner
 * (`{{urlencode:…|PATH}}`) and the recognised stage keyword into data attributes.
 */
export interface BoxInfo {
  readonly partner: string;
  readonly stage: string;
}

export function boxInfo(partnerAttribute: string | null, stageAttribute: string | null): BoxInfo {
  let partner = partnerAttribute ?? '';
  try {
    partner = decodeURIComponent(partner);
  } catch {
    // A malformed escape cannot come from {{urlencode:}}; keep the attribute as it is.
  }
  return {partner: partner.trim(), stage: (stageAttribute ?? '').trim()};
}

const ON_HOLD = ['on-hold', 'on hold', 'on_hold'];
const KEYWORDS = ['prospect', 'contact', 'assessment', 'outreach', 'negotiation', 'active', 'debrief', 'evaluation', 'ended', 'declined'];

/** The stage attribute as Template:Partnership computes it: `{{lc:}}` of the value, or empty when unknown. */
export function renderedStage(value: string | undefined): string {
  const lc = (value ?? '').trim().toLowerCase();
  if (ON_HOLD.includes(lc)) return 'on-hold';
  return KEYWORDS.includes(lc) ? lc : '';
}

// Markup the wiki expands before {{urlencode:}} sees it: the attribute may not equal the source.
const EXPANDED = /\{\{|<|&|~~~/;

function fits(box: BoxInfo, template: Pick<TemplateOccurrence, 'values'>): boolean {
  if (renderedStage(template.values.stage) !== box.stage) return false;
  const partner = (template.values.partner ?? '').trim();
  return EXPANDED.test(partner) || partner === box.partner;
}

/**
 * The template index of the box at `boxIndex` among the page's boxes, or null when it cannot be
 * told for sure. Boxes are in page order, and so are templates, so the index usually matches
 * directly; the data attributes confirm it. Where rendering reorders or hides templates (a
 * footnote's box is drawn in the reference list, a template inside `{{#if:}}` may not be drawn,
 * a box may come from a transcluded page), the box is matched by partner and stage among the
 * templates alike, in order. Null means: do not guess, and do not edit.
 */
export function locateTemplate(
  boxes: readonly BoxInfo[],
  boxIndex: number,
  templates: readonly Pick<TemplateOccurrence, 'index' | 'values'>[],
): number | null {
  const box = boxes[boxIndex];
  if (!box) return null;
  if (boxes.length === templates.length && boxes.every((b, i) => fits(b, templates[i] as Pick<TemplateOccurrence, 'values'>))) {
    return templates[boxIndex]?.index ?? null;
  }
  const alike = boxes.filter((b) => b.partner === box.partner && b.stage === box.stage);
  const rank = boxes.slice(0, boxIndex).filter((b) => b.partner === box.partner && b.stage === box.stage).length;
  const candidates = templates.filter((t) => fits(box, t));
  // As many templates as boxes look like this one: pair them in order.
  return candidates.length === alike.length ? candidates[rank]?.index ?? null : null;
}
