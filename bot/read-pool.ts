import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {readTexts, type ReadRequest, type ReadTemplate} from './read-page';

/** Below this many pages a worker's start-up costs more than it saves. */
const WORKER_THRESHOLD = 200;

/**
 * Parses page texts on the other cores while the main thread waits on the API, so a full scan
 * costs little more than fetching the texts. Small scans parse in the main thread.
 */
export class ReadPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, {resolve: (r: ReadTemplate[][]) => void; reject: (e: Error) => void}>();
  private nextId = 0;
  private turn = 0;

  constructor(expectedPages: number) {
    // PT_READ_WORKERS sets the number of worker threads (0: parse in the main thread).
    const configured = process.env.PT_READ_WORKERS === undefined ? null : Number(process.env.PT_READ_WORKERS);
    if (expectedPages < WORKER_THRESHOLD || configured === 0) return;
    const count = configured ?? Math.max(1, Math.min(4, os.availableParallelism() - (os.availableParallelism() > 2 ? 1 : 0)));
    const source = path.join(__dirname, `read-worker${path.extname(__filename)}`);
    // From TypeScript sources (tests, ts-node), the worker compiles itself on the fly.
    const execArgv = source.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
    for (let i = 0; i < count; i++) {
      const worker = new Worker(source, {execArgv});
      worker.on('message', ({id, result, error}: {id: number; result?: ReadTemplate[][]; error?: string}) => {
        const pending = this.waiting.get(id);
        this.waiting.delete(id);
        if (error !== undefined) pending?.reject(new Error(error));
        else pending?.resolve(result ?? []);
      });
      worker.on('error', (error) => {
        for (const pending of this.waiting.values()) pending.reject(error);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  /** Splits the texts across the workers, so every core starts on a batch at once. */
  async read(request: ReadRequest): Promise<ReadTemplate[][]> {
    if (this.workers.length === 0) return readTexts(request);
    const size = Math.ceil(request.texts.length / this.workers.length);
    const chunks: Promise<ReadTemplate[][]>[] = [];
    for (let start = 0; start < request.texts.length; start += size) {
      chunks.push(this.readOn({...request, texts: request.texts.slice(start, start + size)}));
    }
    return (await Promise.all(chunks)).flat();
  }

  private readOn(request: ReadRequest): Promise<ReadTemplate[][]> {
    const worker = this.workers[this.turn++ % this.workers.length] as Worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {resolve, reject});
      worker.postMessage({id, request});
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
