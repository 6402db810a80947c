/**
 * Chooses where a fit's per-iteration pass runs: this thread for small tables, helper threads (one
 * ThreadedExecutor, started on first need and kept for later fits) for large ones. Shards are summed in a
 * fixed order, so a given thread count always gives the same bits.
 */
import type { PassExecutor } from '../core';
import { createThreadedExecutor, type ThreadedExecutor } from './parallel/threadedExecutor';

/** Below this many rows a pass takes well under a millisecond and helper threads cost more than they save. */
export const THREADED_MIN_ROWS = 20_000;

export class ExecutorPool {
  private threaded: ThreadedExecutor | undefined;

  constructor(private readonly threads: number, private readonly distDir: string) {}

  executorFor(rows: number): PassExecutor | undefined {
    if (this.threads <= 1 || rows < THREADED_MIN_ROWS) return undefined;
    this.threaded ??= createThreadedExecutor(this.threads, this.distDir);
    return this.threaded;
  }

  dispose(): Promise<void> {
    const t = this.threaded;
    this.threaded = undefined;
    return t ? t.dispose() : Promise.resolve();
  }
}
