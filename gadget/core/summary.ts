import type {Messages} from '../../shared/i18n/messages';

// MediaWiki cuts edit summaries at 500 characters.
const MAX_SUMMARY = 500;
const MAX_VALUE = 60;

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * What changed, by parameter name (the names are the same in every language, so anyone can read
 * the history): `Partnership "Louvre": stage = active, stage_since = 2026-11-21, backup_contact emptied`.
 */
export function editSummary(messages: Messages, partner: string, changes: Readonly<Record<string, string>>, note = ''): string {
  const parts = Object.entries(changes).map(([name, value]) => (value.trim() === ''
    ? messages('pt-gadget-summary-emptied', name)
    : messages('pt-gadget-summary-set', name, shorten(value, MAX_VALUE))));
  const summary = messages('pt-gadget-summary', shorten(partner, MAX_VALUE), parts.join(', '));
  const full = note.trim() === '' ? summary : `${summary}${messages('pt-gadget-summary-separator')}${note.trim()}`;
  return shorten(full, MAX_SUMMARY);
}

export function creationSummary(messages: Messages, partner: string, note = ''): string {
  const summary = messages('pt-gadget-summary-created', shorten(partner, MAX_VALUE));
  return shorten(note.trim() === '' ? summary : `${summary}${messages('pt-gadget-summary-separator')}${note.trim()}`, MAX_SUMMARY);
}
