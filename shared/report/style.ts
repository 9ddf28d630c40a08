/**
 * The report's look: inline styles only (no TemplateStyles, Lua or graphs, so the page renders
 * on any MediaWiki), in the colours of the {{Partnership}} box and of Wikimedia's design system.
 */
import {STAGE_INFO, type Stage} from '../model/stages';
import type {Severity} from '../rules/findings';
import type {StageKey} from './model';

export const COLOR = {
  text: '#202122',
  subtle: '#54595d',
  border: '#a2a9b1',
  faint: '#eaecf0',
  surface: '#f8f9fa',
  blue: '#36c',
  green: '#14866d',
  amber: '#edab00',
  grey: '#a2a9b1',
  red: '#d33',
} as const;

export const TONE: Readonly<Record<Severity | 'ok', {background: string; border: string; text: string}>> = {
  error: {background: '#fee7e6', border: '#d33', text: '#b32424'},
  warning: {background: '#fef6e7', border: '#edab00', text: '#6d4c00'},
  info: {background: '#eaecf0', border: '#a2a9b1', text: '#404244'},
  ok: {background: '#d5fdf4', border: '#14866d', text: '#096450'},
};

/** The bar colour of a stage: the pipeline blue, the active stages green, paused amber, closed grey. */
export function stageColor(stage: StageKey): string {
  if (stage === 'unknown') return COLOR.red;
  if (stage === 'on-hold') return COLOR.amber;
  const info = STAGE_INFO[stage as Stage];
  if (info.terminal) return COLOR.grey;
  return info.activeLike ? COLOR.green : COLOR.blue;
}

/** A coloured cell: background and text of a severity. */
export function toneStyle(tone: Severity | 'ok'): string {
  const {background, text} = TONE[tone];
  return `background:${background};color:${text}`;
}

/** A small label with a border, as the template's warning boxes. */
export function chip(tone: Severity | 'ok', html: string): string {
  const {background, border, text} = TONE[tone];
  return `<span style="display:inline-block;margin:1px 0;padding:0 .4em;border:1px solid ${border};border-radius:2px;background:${background};color:${text};font-size:85%;white-space:nowrap">${html}</span>`;
}

export function subtle(html: string): string {
  return `<span style="color:${COLOR.subtle};font-size:90%">${html}</span>`;
}
