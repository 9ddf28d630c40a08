import {formatDay, parseIsoDate, type Day} from '../model/dates';

/**
 * Every reminder carries an HTML comment naming what it told and when, so that the talk page
 * itself says what was already posted, even when the bot died before writing its state file.
 */
export interface Marker {
  readonly keys: readonly string[];
  readonly day: Day;
}

const VERSION = 1;
const MARKER = /<!--\s*partnership-tracker:\s*(\{[\s\S]*?\})\s*-->/g;

export function formatMarker(keys: readonly string[], day: Day): string {
  // No `>` inside, so no key (a parameter name can hold anything) can end the comment early.
  const json = JSON.stringify({v: VERSION, keys, day: formatDay(day)}).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<!-- partnership-tracker: ${json} -->`;
}

export function readMarkers(wikitext: string): Marker[] {
  const markers: Marker[] = [];
  for (const match of wikitext.matchAll(MARKER)) {
    const marker = parseMarker(match[1] ?? '');
    if (marker) markers.push(marker);
  }
  return markers;
}

function parseMarker(json: string): Marker | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const {v, keys, day} = value as Record<string, unknown>;
  if (v !== VERSION || !Array.isArray(keys) || !keys.every((k) => typeof k === 'string') || typeof day !== 'string') return null;
  const parsed = parseIsoDate(day);
  return parsed === null ? null : {keys: keys as string[], day: parsed};
}
