import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';

export interface Credentials {
  readonly api: string;
  readonly username?: string;
  readonly password?: string;
  readonly oauth2Token?: string;
  /** Where they came from, for messages (never the secrets themselves). */
  readonly source: string;
}

/** Settings `npm run demo` leaves behind, so `npx partnership-bot …` finds the demo wiki with no options. */
export const DEMO_ENV_FILE = path.join('.dev-wiki', 'demo', 'bot.env');

/** `KEY=value` lines; `#` comments; optional quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const raw = match[2] ?? '';
    values[match[1] as string] = /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
  }
  return values;
}

const KEYS = ['MW_API', 'MW_USERNAME', 'MW_PASSWORD', 'MW_OAUTH2_TOKEN'] as const;

/**
 * The environment first, then `.env` in the working directory, then the demo wiki's settings.
 * The first source that names an API supplies every credential, so two sources never mix.
 */
export function findCredentials(env: Readonly<Record<string, string | undefined>>, cwd: string, apiFromConfig?: string | null): Credentials | null {
  const sources: [string, Record<string, string | undefined>][] = [['the environment', env]];
  for (const file of ['.env', DEMO_ENV_FILE]) {
    const full = path.join(cwd, file);
    if (existsSync(full)) sources.push([file, parseEnvFile(readFileSync(full, 'utf8'))]);
  }
  for (const [source, values] of sources) {
    const api = values.MW_API ?? (source === 'the environment' ? apiFromConfig ?? undefined : undefined);
    if (!api) continue;
    const picked = Object.fromEntries(KEYS.map((k) => [k, values[k] || undefined]));
    return {
      api,
      source,
      ...(picked.MW_USERNAME ? {username: picked.MW_USERNAME} : {}),
      ...(picked.MW_PASSWORD ? {password: picked.MW_PASSWORD} : {}),
      ...(picked.MW_OAUTH2_TOKEN ? {oauth2Token: picked.MW_OAUTH2_TOKEN} : {}),
    };
  }
  return null;
}

/** Removes every secret from a text before it is printed or logged. */
export function redact(text: string, credentials: Credentials | null): string {
  let clean = text;
  for (const secret of [credentials?.password, credentials?.oauth2Token]) {
    if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}
