import type {TemplateOccurrence} from '../wikitext/reader';
import type {Day} from './dates';
import {isKnownParam} from './params';
import {validateFields, type FieldProblem, type Fields} from './schema';

/** A partnership as the rules see it: what was written, what it means, and what is wrong with it. */
export interface Partnership {
  readonly page: string;
  readonly index: number;
  /** Every parameter as written (trimmed), unknown ones included. */
  readonly params: Readonly<Record<string, string>>;
  /** What the template receives (comments removed): the input to validation. */
  readonly values: Readonly<Record<string, string>>;
  readonly fields: Fields;
  readonly problems: readonly FieldProblem[];
  readonly duplicates: readonly string[];
  readonly unknown: readonly string[];
  /**
   * When `stage_since` is missing, a wiki scan derives it from the page history; offline
   * checks cannot, and leave it undefined.
   */
  readonly derivedStageSince?: Day;
}

/** Builds the model from what the reader found; the offsets (`syntax`) are not needed, so cached reads work too. */
export function toPartnership(page: string, occurrence: Pick<TemplateOccurrence, 'index' | 'params' | 'values' | 'duplicates'>, derivedStageSince?: Day): Partnership {
  const {fields, problems} = validateFields(occurrence.values);
  return {
    page,
    index: occurrence.index,
    params: occurrence.params,
    values: occurrence.values,
    fields,
    problems,
    duplicates: occurrence.duplicates,
    unknown: Object.keys(occurrence.params).filter((name) => !isKnownParam(name)),
    ...(derivedStageSince === undefined ? {} : {derivedStageSince}),
  };
}

/** The partner's name as written, or null when the required parameter is missing. */
export function partnerName(p: Partnership): string | null {
  // What the template receives: `partner = <!-- to do -->` is no partner.
  const name = p.values.partner?.trim();
  return name ? name : null;
}

/** The normalised stage keyword, or the raw value when it is not a known stage. */
export function stageLabel(p: Partnership): string | null {
  return p.fields.stage ?? (p.values.stage?.trim() || null);
}
