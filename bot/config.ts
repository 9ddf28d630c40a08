import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import {STAGES} from '../shared/model/stages';
import type {RulesConfig} from '../shared/rules/config';
import defaults from '../config/defaults.json';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const days = z.number().int().min(0).max(36500);
const stageLimits = z.strictObject(Object.fromEntries(STAGES.map((s) => [s, days.nullable().optional()])) as Record<(typeof STAGES)[number], z.ZodOptional<z.ZodNullable<typeof days>>>);
const severity = z.enum(['error', 'warning', 'info']);

const reportPage = z.strictObject({
  title: z.string().min(1),
  /** Only partnerships of this affiliate (as written in `affiliate`, case-insensitive). */
  affiliate: z.string().min(1).optional(),
  /** Only partnerships in these stages. */
  stages: z.array(z.enum(STAGES)).min(1).optional(),
});

/** Settings coordinators may change on the wiki; everything else stays with the operator. */
export const onWikiSchema = z.strictObject({
  rules: z.strictObject({
    staleAfterDays: stageLimits.optional(),
    nextActionCoversDays: days.optional(),
    debriefWithinDays: days.optional(),
    evaluationEveryDays: days.optional(),
  }).optional(),
  reminders: z.strictObject({
    severities: z.array(severity).optional(),
    cooldownDays: days.optional(),
    maxEditsPerRun: z.number().int().min(0).optional(),
    maxFindingsPerMessage: z.number().int().min(1).optional(),
    optOut: z.array(z.string().min(1)).optional(),
  }).optional(),
  report: z.strictObject({
    pages: z.array(reportPage).min(1).optional(),
    markBotEdits: z.boolean().optional(),
  }).optional(),
  schedule: z.strictObject({
    reminders: z.string().optional(),
    report: z.string().optional(),
  }).optional(),
});

export const configSchema = z.strictObject({
  wiki: z.strictObject({
    api: z.string().url().nullable(),
    /** An e-mail address or user page: the User-Agent must name someone to contact. */
    operatorContact: z.string().min(3).nullable(),
    /** Content language override; null: the wiki's own. */
    language: z.string().min(2).nullable(),
  }),
  template: z.strictObject({
    names: z.array(z.string().min(1)).min(1),
    /** Namespace ids to scan; null: all. */
    namespaces: z.array(z.number().int()).nullable(),
  }),
  rules: z.strictObject({
    staleAfterDays: stageLimits,
    nextActionCoversDays: days,
    debriefWithinDays: days,
    evaluationEveryDays: days,
  }),
  reminders: z.strictObject({
    severities: z.array(severity).min(1),
    cooldownDays: days,
    maxEditsPerRun: z.number().int().min(0),
    maxFindingsPerMessage: z.number().int().min(1),
    /** Seconds between edits; null: 10 on Wikimedia wikis, 0 elsewhere. */
    editDelaySeconds: z.number().min(0).nullable(),
    optOutPage: z.string().min(1).nullable(),
    optOut: z.array(z.string().min(1)).optional(),
  }),
  report: z.strictObject({
    pages: z.array(reportPage),
    markBotEdits: z.boolean(),
  }),
  safety: z.strictObject({
    shutoffPage: z.string().min(1),
  }),
  schedule: z.strictObject({
    reminders: z.string(),
    report: z.string(),
    timezone: z.string(),
  }),
  onWikiConfigPage: z.string().min(1).nullable(),
  statePath: z.string().min(1),
});

export type Config = z.infer<typeof configSchema>;

export const DEFAULT_LOCAL_CONFIG = 'partnership-bot.config.json';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from the later layer replace the earlier. */
export function deepMerge(base: Json, layer: Json): Json {
  const merged: Json = {...base};
  for (const [key, value] of Object.entries(layer)) {
    merged[key] = isObject(value) && isObject(base[key]) ? deepMerge(base[key] as Json, value) : value;
  }
  return merged;
}

export function describeIssues(error: z.ZodError, source: string): string {
  const [issue] = error.issues;
  if (!issue) return `${source}: invalid configuration`;
  const where = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (where ? `${where}.${k}` : k)).join(', ');
    return `${source}: unknown key ${keys}`;
  }
  return `${source}: ${where || '(top level)'}: ${issue.message}`;
}

/**
 * Defaults from config/defaults.json, then the local file (`--config PATH`, or
 * ./partnership-bot.config.json when present). The on-wiki page is layered on later by the bot.
 */
export function loadConfig(configPath?: string, cwd = process.cwd()): {config: Config; source: string | null} {
  const file = configPath ?? (existsSync(path.join(cwd, DEFAULT_LOCAL_CONFIG)) ? DEFAULT_LOCAL_CONFIG : undefined);
  let layer: Json = {};
  if (file !== undefined) {
    const full = path.resolve(cwd, file);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (error) {
      throw new ConfigError(`${file}: cannot read the configuration file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(parsed)) throw new ConfigError(`${file}: the configuration must be a JSON object`);
    layer = parsed;
  }
  const result = configSchema.safeParse(deepMerge(defaults as Json, layer));
  if (!result.success) throw new ConfigError(describeIssues(result.error, file ?? 'config/defaults.json'));
  return {config: result.data, source: file ?? null};
}

export function rulesConfig(config: Config): RulesConfig {
  const {staleAfterDays, ...rest} = config.rules;
  return {
    ...rest,
    staleAfterDays: Object.fromEntries(STAGES.map((s) => [s, staleAfterDays[s] ?? null])) as RulesConfig['staleAfterDays'],
  };
}
