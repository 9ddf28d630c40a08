import {UsageError} from '../../bot/io';
import {createLogger, logLevelFrom, parseLogFormat, redactSecrets} from '../../bot/log';

const NOW = () => new Date('2026-11-21T09:00:00.000Z');

function capture(options: Partial<Parameters<typeof createLogger>[0]> = {}) {
  const lines: string[] = [];
  const log = createLogger({write: (l) => void lines.push(l), now: NOW, ...options});
  return {log, lines};
}

describe('log lines', () => {
  it('text: time, level, message, then key=value fields (quoted when needed)', () => {
    const {log, lines} = capture();
    log.info('reminders run done', {kind: 'reminders', durationMs: 1234, summary: {posted: 2}, note: 'two words'});
    expect(lines).toEqual(['2026-11-21T09:00:00.000Z info  reminders run done kind=reminders durationMs=1234 summary={"posted":2} note="two words"\n']);
  });

  it('json: one object per line, with time, level and msg first', () => {
    const {log, lines} = capture({format: 'json'});
    log.warn('skipped', {kind: 'report', error: new Error('boom'), missing: undefined});
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toEqual({time: '2026-11-21T09:00:00.000Z', level: 'warn', msg: 'skipped', kind: 'report', error: 'boom'});
    expect(Object.keys(JSON.parse(lines[0] as string)).slice(0, 3)).toEqual(['time', 'level', 'msg']);
  });

  it('leaves out what is below the level', () => {
    const {log, lines} = capture({level: 'warn'});
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(lines.map((l) => l.trim().split(/\s+/).slice(1))).toEqual([['warn', 'c'], ['error', 'd']]);
    expect(log.enabled('debug')).toBe(false);
  });

  it('never writes a secret, in the message, in a field, or JSON-escaped', () => {
    const secret = 'p@ss"w\\rd-1234';
    const {log, lines} = capture({format: 'json', secrets: [secret]});
    log.error(`login failed with ${secret}`, {password: secret});
    const more = log.withSecrets(['oauth-token-xyz']);
    more.info('token oauth-token-xyz and password p@ss"w\\rd-1234');
    expect(lines.join('')).not.toContain('rd-1234');
    expect(lines.join('')).not.toContain('oauth-token-xyz');
    expect(lines.join('')).toContain('[redacted]');
    // Short secrets would blank ordinary words: only 4 characters or more are hidden.
    expect(redactSecrets('a b c', ['b'])).toBe('a b c');
  });
});

describe('options', () => {
  it('--log-format is text or json; anything else is bad usage', () => {
    expect(parseLogFormat(undefined)).toBe('text');
    expect(parseLogFormat('json')).toBe('json');
    expect(() => parseLogFormat('xml')).toThrow(new UsageError('--log-format must be one of text, json, not "xml"'));
  });

  it('PT_LOG_LEVEL sets the level; info otherwise', () => {
    expect(logLevelFrom({PT_LOG_LEVEL: 'DEBUG'})).toBe('debug');
    expect(logLevelFrom({PT_LOG_LEVEL: 'loud'})).toBe('info');
    expect(logLevelFrom({})).toBe('info');
  });
});
