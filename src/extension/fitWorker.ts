/**
 * The host's side of one fit worker (a worker_threads Worker running dist/emWorker.js). One per panel: it
 * keeps the parsed file, so fitting again does not re-read it. Requests are promises keyed by jobId; every
 * pending request is settled when the worker fails or exits, so nothing waits forever.
 *
 * Cancel (piscina's order): settle the job as cancelled first, raise the shared flag the EM loop polls
 * once per iteration, and terminate the thread if it has not stopped within CANCEL_GRACE_MS.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProgressDto } from '../protocol/model';
import type { FromWorker, ToWorker } from '../protocol/worker';
import { CANCEL_SLOT } from '../protocol/worker';
import { hostMessages } from './messages';

const CANCEL_GRACE_MS = 1000;

/** A message to the worker, without the jobId the FitWorker adds. */
export type Request = ToWorker extends infer T ? (T extends { jobId: number } ? Omit<T, 'jobId'> : never) : never;
export type Reply = Exclude<FromWorker, { type: 'progress' }>;

interface Pending {
  resolve(reply: Reply): void;
  onProgress?(progress: ProgressDto): void;
}

export class FitWorker {
  private worker: Worker | undefined;
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly pending = new Map<number, Pending>();
  private nextJob = 1;
  private disposed = false;
  /** False after the thread was restarted: the file must be loaded again. */
  loaded = false;

  constructor(private readonly distDir: string, private readonly threads: () => number) {}

  /** Sends a request; the promise resolves with the worker's reply, an error reply, or `cancelled`. */
  request(message: Request, onProgress?: (p: ProgressDto) => void, transfer: ArrayBuffer[] = []): { jobId: number; reply: Promise<Reply> } {
    const jobId = this.nextJob++;
    const reply = new Promise<Reply>((resolve) => this.pending.set(jobId, { resolve, onProgress }));
    try {
      this.ensure().postMessage({ ...message, jobId } as ToWorker, transfer);
    } catch (e) {
      this.settle(jobId, { type: 'error', jobId, error: { code: 'worker-start', message: hostMessages.workerStart(String(e)) } });
    }
    return { jobId, reply };
  }

  cancel(jobId: number): void {
    if (!this.pending.has(jobId)) return;
    this.settle(jobId, { type: 'cancelled', jobId });
    Atomics.store(this.cancelFlag, CANCEL_SLOT, jobId);
    const worker = this.worker;
    const timer = setTimeout(() => {
      // Still busy (e.g. inside a long read): stop the thread; the next request starts a fresh one.
      if (this.worker === worker && worker && this.busyWith(jobId)) this.restart();
    }, CANCEL_GRACE_MS);
    timer.unref?.();
    this.cancelling.add(jobId);
  }

  private readonly cancelling = new Set<number>();
  private busyWith(jobId: number): boolean {
    return this.cancelling.has(jobId);
  }

  dispose(): void {
    this.disposed = true;
    for (const jobId of [...this.pending.keys()]) this.settle(jobId, { type: 'cancelled', jobId });
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Stops a thread that did not honour a cancel; requests it still held are answered `worker-restarted`. */
  private restart(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.loaded = false;
    this.cancelling.clear();
    void worker?.terminate();
    this.failAll('worker-restarted', hostMessages.workerRestarted());
  }

  private ensure(): Worker {
    if (this.disposed) throw new Error('the panel was closed');
    if (this.worker) return this.worker;
    const threads = this.threads() || os.cpus().length;
    const worker = new Worker(path.join(this.distDir, 'emWorker.js'), {
      workerData: { cancel: this.cancelFlag.buffer, threads, distDir: this.distDir },
    });
    this.loaded = false;
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      const message = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? hostMessages.outOfMemory() : hostMessages.workerCrashed(error.message);
      this.failAll(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'worker-crashed', message);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.loaded = false;
      this.failAll('worker-exited', hostMessages.workerExited(code));
    });
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'progress') {
      this.pending.get(message.jobId)?.onProgress?.(message.progress);
      return;
    }
    this.cancelling.delete(message.jobId);
    if (message.type === 'loaded') this.loaded = true;
    this.settle(message.jobId, message);
  }

  private settle(jobId: number, reply: Reply): void {
    const p = this.pending.get(jobId);
    if (!p) return;
    this.pending.delete(jobId);
    p.resolve(reply);
  }

  private failAll(code: string, message: string): void {
    for (const jobId of [...this.pending.keys()]) this.settle(jobId, { type: 'error', jobId, error: { code, message } });
    this.cancelling.clear();
  }
}
