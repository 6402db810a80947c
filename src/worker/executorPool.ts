/**
 * Chooses where a fit's per-iteration pass runs: this thread for small tables, helper threads (one
 * ThreadedExecutor, started on first need and kept for later fits) for large ones. Shards are summed in a
 * fixed order, so a given thread count always gives the same bits.
 */
import * as os from 'node:os';
import type { PassExecutor } from '../core';
import { createThreadedExecutor, type ThreadedExecutor } from './parallel/threadedExecutor';

/** Below this many rows a pass takes well under a millisecond and helper threads cost more than they save. */
export const THREADED_MIN_ROWS = 20_000;

export class ExecutorPool {
  private threaded: ThreadedExecutor | undefined;

  private readonly threads: number;

  /** `threads` is clamped to the cores there are: more threads than cores only cost memory and time. */
  constructor(threads: number, private readonly distDir: string) {
    this.threads = clampThreads(threads);
  }

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

/** A thread count between 1 and the machine's cores (0 or anything not a number: every core). */
export function clampThreads(threads: number): number {
  const cores = os.availableParallelism();
  if (!Number.isFinite(threads) || threads <= 0) return cores;
  return Math.max(1, Math.min(Math.floor(threads), cores));
}
