import {randomBytes} from 'node:crypto';
import {linkSync, mkdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One run at a time, across processes: a lock file under `statePath` (the scheduled `start`
 * and an operator's manual `run` share the state files, the reminders' above all).
 *
 * The lock file is made complete in a temporary file and then hard-linked into place: `link`
 * fails when the name exists (like O_CREAT|O_EXCL, also on NFS, where Toolforge keeps a tool's
 * files), and the lock is never seen half-written. It holds the owner's pid, host, start time
 * and a random token; while held, its mtime is refreshed (a heartbeat).
 *
 * A lock is stale, and taken over, when its owner is a dead process on this host, or when its
 * heartbeat stopped long ago (an owner on another host, e.g. a replaced Toolforge pod, whose pid
 * cannot be checked from here). Taking over happens under a second, short-lived lock, so two
 * processes that both find a stale lock do not both take it.
 */

export const RUN_LOCK_FILE = 'run.lock';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly token: string;
  /** What holds it, for messages ("start: reminders run"). */
  readonly purpose?: string;
}

export interface LockHandle {
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock if it is still ours. Safe to call twice. */
  release(): void;
}

export interface LockOptions {
  readonly purpose?: string;
  /** A lock whose heartbeat is older than this is stale whoever holds it (default 10 minutes). */
  readonly staleMs?: number;
  /** How often a held lock's mtime is refreshed (default 1 minute). */
  readonly heartbeatMs?: number;
  /** Injected in tests. */
  readonly pid?: number;
  readonly host?: string;
  readonly isAlive?: (pid: number) => boolean;
  readonly now?: () => number;
}

export type LockResult = {readonly acquired: true; readonly lock: LockHandle} | {readonly acquired: false; readonly holder: LockOwner | null; readonly reason: string};

/** Locks this process holds, by file: taking one again nests instead of deadlocking. */
const held = new Map<string, {handle: LockHandle; depth: number}>();

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.token !== 'string') return null;
    return parsed as LockOwner;
  } catch {
    return null;
  }
}

function mtimeOf(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

function removeIfOwnedBy(file: string, token: string): void {
  if (readOwner(file)?.token !== token) return;
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'an unreadable lock file';
  return `process ${owner.pid} on ${owner.host}${owner.purpose ? ` (${owner.purpose})` : ''}, since ${owner.startedAt}`;
}

/** Tries once; never waits. */
export function tryLock(file: string, options: LockOptions = {}): LockResult {
  const absolute = path.resolve(file);
  // (A test that plays another process passes another pid: it must not nest.)
  const nested = (options.pid ?? process.pid) === process.pid ? held.get(absolute) : undefined;
  if (nested) {
    nested.depth += 1;
    let released = false;
    return {acquired: true, lock: {file: absolute, owner: nested.handle.owner, release: () => {
      if (released) return;
      released = true;
      nested.depth -= 1;
    }}};
  }
  const now = options.now ?? Date.now;
  const pid = options.pid ?? process.pid;
  const host = options.host ?? os.hostname();
  const isAlive = options.isAlive ?? processIsAlive;
  const staleMs = options.staleMs ?? 10 * 60_000;
  const heartbeatMs = options.heartbeatMs ?? 60_000;
  const owner: LockOwner = {pid, host, startedAt: new Date(now()).toISOString(), token: randomBytes(8).toString('hex'),
    ...(options.purpose ? {purpose: options.purpose} : {})};
  mkdirSync(path.dirname(absolute), {recursive: true});
  const temp = `${absolute}.${pid}.${owner.token}.tmp`;
  writeFileSync(temp, `${JSON.stringify(owner)}\n`);

  const isStale = (holder: LockOwner | null, mtime: number | null): string | null => {
    if (mtime !== null && now() - mtime > staleMs) return 'its heartbeat stopped';
    if (!holder || holder.host !== host) return null;
    if (holder.pid === pid) return held.has(absolute) ? null : 'it was left by an earlier process with this pid';
    return isAlive(holder.pid) ? null : `process ${holder.pid} is no longer running`;
  };

  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(temp, absolute);
        return {acquired: true, lock: register(absolute, owner, heartbeatMs)};
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readOwner(absolute);
      const why = isStale(holder, mtimeOf(absolute));
      if (why === null) {
        // Gone between the link and the read: try again.
        if (mtimeOf(absolute) === null) continue;
        return {acquired: false, holder, reason: `another run holds ${path.basename(absolute)}: ${describeOwner(holder)}`};
      }
      const guard = `${absolute}.takeover`;
      try {
        linkSync(temp, guard);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        // Someone else is taking it over; their guard is stale only if they died doing it.
        const guardTime = mtimeOf(guard);
        if (guardTime !== null && now() - guardTime > 60_000) {
          try {
            unlinkSync(guard);
          } catch {
            // Another process removed it first.
          }
          continue;
        }
        return {acquired: false, holder, reason: `another process is taking over a stale ${path.basename(absolute)}`};
      }
      try {
        // Still the same stale lock? Then it is ours to replace.
        const again = readOwner(absolute);
        if ((again?.token ?? null) === (holder?.token ?? null) && isStale(again, mtimeOf(absolute)) !== null) {
          try {
            unlinkSync(absolute);
          } catch {
            // Removed meanwhile; the link below decides.
          }
          try {
            linkSync(temp, absolute);
            return {acquired: true, lock: register(absolute, owner, heartbeatMs, why)};
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          }
        }
      } finally {
        removeIfOwnedBy(guard, owner.token);
      }
    }
    const holder = readOwner(absolute);
    return {acquired: false, holder, reason: `another run holds ${path.basename(absolute)}: ${describeOwner(holder)}`};
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing to clean.
    }
  }
}

function register(file: string, owner: LockOwner, heartbeatMs: number, tookOver?: string): LockHandle & {tookOver?: string} {
  const timer = setInterval(() => {
    try {
      const time = new Date();
      if (readOwner(file)?.token === owner.token) utimesSync(file, time, time);
    } catch {
      // A missing lock is noticed at release; the run itself goes on.
    }
  }, heartbeatMs);
  // The heartbeat alone must not keep the process alive.
  timer.unref();
  let released = false;
  const handle: LockHandle & {tookOver?: string} = {
    file, owner,
    ...(tookOver ? {tookOver} : {}),
    release: () => {
      if (released) return;
      released = true;
      clearInterval(timer);
      held.delete(file);
      removeIfOwnedBy(file, owner.token);
    },
  };
  held.set(file, {handle, depth: 1});
  return handle;
}

/** The run lock of a state folder. */
export function runLockFile(statePath: string): string {
  return path.join(statePath, RUN_LOCK_FILE);
}

/**
 * Runs `fn` holding the run lock; when another run holds it, `fn` is not called and the result
 * says who holds it.
 */
export async function withRunLock<T>(statePath: string, purpose: string, fn: () => Promise<T>, options: LockOptions = {}):
  Promise<{ran: true; value: T; tookOver?: string} | {ran: false; reason: string}> {
  const result = tryLock(runLockFile(statePath), {...options, purpose});
  if (!result.acquired) return {ran: false, reason: result.reason};
  try {
    const tookOver = (result.lock as LockHandle & {tookOver?: string}).tookOver;
    return {ran: true, value: await fn(), ...(tookOver ? {tookOver} : {})};
  } finally {
    result.lock.release();
  }
}
