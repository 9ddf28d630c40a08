import {UsageError} from './io';

/**
 * The bot's log: one line per event, on stderr (stdout stays for a command's own output, so
 * `--json` output is never interleaved with log lines). `--log-format json` gives one JSON object
 * per line for log collectors; the default is a plain line a person can read.
 *
 * Every line goes through `redact` with the secrets the logger knows (password, OAuth token), so
 * a credential that slipped into a message or a field is still never written.
 */
export type LogFormat = 'text' | 'json';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  readonly format: LogFormat;
  readonly level: LogLevel;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that also hides these strings (credentials learned after the logger was made). */
  withSecrets(secrets: readonly (string | undefined)[]): Logger;
  enabled(level: LogLevel): boolean;
}

const LEVELS: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/** `--log-format`: text (default) or json. Anything else is bad usage (exit 2). */
export function parseLogFormat(value: string | undefined): LogFormat {
  if (value === undefined) return 'text';
  if ((LOG_FORMATS as readonly string[]).includes(value)) return value as LogFormat;
  throw new UsageError(`--log-format must be one of ${LOG_FORMATS.join(', ')}, not "${value}"`);
}

/** `PT_LOG_LEVEL` (debug, info, warn, error); info when unset or unknown. */
export function logLevelFrom(env: Readonly<Record<string, string | undefined>>): LogLevel {
  const value = env.PT_LOG_LEVEL?.trim().toLowerCase();
  return value !== undefined && value in LEVELS ? (value as LogLevel) : 'info';
}

export interface LoggerOptions {
  readonly write: (line: string) => void;
  readonly format?: LogFormat;
  readonly level?: LogLevel;
  readonly secrets?: readonly (string | undefined)[];
  readonly now?: () => Date;
}

/** Replaces each secret (4 characters or more: shorter ones would blank ordinary words) with [redacted]. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
    // JSON escaping changes a secret with quotes or backslashes: hide the escaped form too.
    const escaped = secret && secret.length >= 4 ? JSON.stringify(secret).slice(1, -1) : undefined;
    if (escaped && escaped !== secret) clean = clean.split(escaped).join('[redacted]');
  }
  return clean;
}

function textValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}

function plain(value: unknown): unknown {
  return value instanceof Error ? value.message : value;
}

export function createLogger(options: LoggerOptions): Logger {
  const format = options.format ?? 'text';
  const level = options.level ?? 'info';
  const secrets = [...(options.secrets ?? [])];
  const now = options.now ?? (() => new Date());
  const enabled = (l: LogLevel) => LEVELS[l] >= LEVELS[level];
  const emit = (l: LogLevel, message: string, fields: LogFields = {}) => {
    if (!enabled(l)) return;
    const time = now().toISOString();
    let line: string;
    if (format === 'json') {
      const entries = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]);
      line = JSON.stringify({time, level: l, msg: message, ...Object.fromEntries(entries)});
    } else {
      const extra = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${textValue(v)}`);
      line = [time, l.padEnd(5), message, ...extra].join(' ');
    }
    options.write(`${redactSecrets(line, secrets)}\n`);
  };
  return {
    format, level,
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    withSecrets: (more) => createLogger({...options, format, level, secrets: [...secrets, ...more]}),
    enabled,
  };
}

/**
 * The logger of this process, for code that has no `Io` of its own (the wiki client's retries).
 * A command that sets up logging (`start`) replaces it, so every line shares one format; tests
 * replace it to capture lines and put the previous one back.
 */
let current: Logger | null = null;

export function processLogger(): Logger {
  current ??= createLogger({write: (line) => process.stderr.write(line), level: logLevelFrom(process.env)});
  return current;
}

/** Sets the process logger; returns the previous one (to put back). */
export function setProcessLogger(logger: Logger | null): Logger | null {
  const previous = current;
  current = logger;
  return previous;
}
