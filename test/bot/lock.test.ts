import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {RUN_LOCK_FILE, runLockFile, tryLock, withRunLock, type LockOwner} from '../../bot/lock';

const ROOT = path.resolve(__dirname, '..', '..');

function dir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pt-lock-'));
}

function writeLock(file: string, owner: Partial<LockOwner>): void {
  writeFileSync(file, JSON.stringify({pid: 999_999, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z', token: 'old', ...owner}));
}

/** A pid that was alive a moment ago and is not any more. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('the run lock', () => {
  it('is taken, refused to a second taker while held, and free again after release', () => {
    const file = runLockFile(dir());
    const first = tryLock(file, {purpose: 'test run', pid: process.pid});
    expect(first.acquired).toBe(true);
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    expect(owner).toMatchObject({pid: process.pid, host: os.hostname(), purpose: 'test run'});
    expect(Date.parse(owner.startedAt)).not.toBeNaN();

    // Another process (a live pid that is not us) asking for it:
    const second = tryLock(file, {pid: process.pid + 1, isAlive: () => true});
    if (second.acquired) throw new Error('taken twice');
    expect(second.reason).toMatch(new RegExp(`another run holds run\\.lock: process ${process.pid} on .* \\(test run\\)`));
    if (!first.acquired) throw new Error('unreachable');
    first.lock.release();
    first.lock.release();
    expect(existsSync(file)).toBe(false);
    const third = tryLock(file);
    expect(third.acquired).toBe(true);
    if (third.acquired) third.lock.release();
    // No temporary files are left behind.
    expect(readdirSync(path.dirname(file))).toEqual([]);
  });

  it('is taken over from a dead process on this host', async () => {
    const file = runLockFile(dir());
    writeLock(file, {pid: await deadPid()});
    const result = tryLock(file);
    expect(result.acquired).toBe(true);
    if (result.acquired) {
      expect((result.lock as unknown as {tookOver: string}).tookOver).toMatch(/no longer running/);
      expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
      result.lock.release();
    }
  });

  it('is taken over from an earlier process with our own pid (a restarted container is pid 1 again)', () => {
    const file = runLockFile(dir());
    writeLock(file, {pid: process.pid});
    expect(tryLock(file).acquired).toBe(true);
  });

  it('is left to a live owner on this host, and to a live-looking owner on another host', () => {
    const file = runLockFile(dir());
    writeLock(file, {pid: process.ppid});
    expect(tryLock(file).acquired).toBe(false);
    writeLock(file, {pid: 1, host: 'another-pod'});
    expect(tryLock(file).acquired).toBe(false);
  });

  it('is taken over from anyone whose heartbeat stopped long ago', () => {
    const file = runLockFile(dir());
    writeLock(file, {pid: 1, host: 'another-pod'});
    const old = new Date(Date.now() - 11 * 60_000);
    utimesSync(file, old, old);
    expect(tryLock(file).acquired).toBe(true);
  });

  it('keeps its heartbeat while held', async () => {
    const file = runLockFile(dir());
    const result = tryLock(file, {heartbeatMs: 20});
    if (!result.acquired) throw new Error('not acquired');
    const old = new Date(Date.now() - 60 * 60_000);
    utimesSync(file, old, old);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Date.now() - (await import('node:fs')).statSync(file).mtimeMs).toBeLessThan(5000);
    result.lock.release();
  });

  it('nests in one process instead of deadlocking, and only the outer release frees it', () => {
    const file = runLockFile(dir());
    const outer = tryLock(file);
    const inner = tryLock(file);
    if (!outer.acquired || !inner.acquired) throw new Error('not acquired');
    inner.lock.release();
    expect(existsSync(file)).toBe(true);
    outer.lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('does not remove a lock that is no longer ours', () => {
    const file = runLockFile(dir());
    const mine = tryLock(file);
    if (!mine.acquired) throw new Error('not acquired');
    writeLock(file, {pid: 12345, token: 'someone-else'});
    mine.lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('someone-else');
  });

  it('withRunLock runs the function only when the lock is free, and frees it even when the function throws', async () => {
    const state = dir();
    await expect(withRunLock(state, 'x', async () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(existsSync(path.join(state, RUN_LOCK_FILE))).toBe(false);
    writeLock(path.join(state, RUN_LOCK_FILE), {pid: process.ppid});
    let ran = false;
    const result = await withRunLock(state, 'x', async () => {
      ran = true;
    });
    expect(ran).toBe(false);
    expect(result).toMatchObject({ran: false, reason: expect.stringMatching(/another run holds run\.lock/)});
  });

  it('goes to exactly one of several processes racing for it, also for a stale lock', async () => {
    for (const stale of [false, true]) {
      const state = dir();
      const file = runLockFile(state);
      if (stale) writeLock(file, {pid: await deadPid()});
      const script = `
        require('ts-node').register({transpileOnly: true, project: ${JSON.stringify(path.join(ROOT, 'tsconfig.json'))}});
        const {tryLock} = require(${JSON.stringify(path.join(ROOT, 'bot', 'lock.ts'))});
        // Start together, so the attempts really race.
        const at = Number(process.argv[1]);
        while (Date.now() < at) {}
        const result = tryLock(${JSON.stringify(file)});
        process.stdout.write(result.acquired ? 'won' : 'lost');
        // Hold it until every racer has tried.
        setTimeout(() => {}, 6000);
      `;
      const at = Date.now() + 5000;
      const racers = Array.from({length: 6}, () => new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script, String(at)], {cwd: ROOT});
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
      }));
      const outcomes = await Promise.all(racers);
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'lost')).toHaveLength(5);
    }
  }, 60_000);
});
