/**
 * A `PassExecutor` that spreads the fused pass over threads: the rows live in SharedArrayBuffers, the calling
 * thread runs shard 0 and nThreads − 1 helper threads (dist/passWorker.js) run the others; shards are summed in
 * shard order, so results are bit-identical for a given thread count. Rows with missing cells are not sharded
 * (the core runs them on the calling thread after this pass).
 */
import { Worker } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sumsLayout, type PassLayout, type PassParams } from '../../core/gaussian/pass';
import { createShardPass, type ShardPass } from '../../core/gaussian/shardPass';
import type { PassExecutor } from '../../core/gaussian/executor';
import { CMD, CMD_END, CMD_FLUSH, CMD_RUN, CONTROL_LENGTH, DONE, ERROR, GEN, READY, paramsLayout, type BeginMessage } from './protocol';

/**
 * Made once and kept: one executor serves any number of fits one after another (begin … end per fit, any layout),
 * which `fitGaussianMixture` does for you when it is passed as `hooks.executor`. Between fits the helper threads
 * sit idle in their event loop (no CPU), and the shared parameter and statistics blocks are kept for the next fit
 * when they are large enough.
 */
export interface ThreadedExecutor extends PassExecutor {
  /**
   * Ends a fit left open (a `begin` without its `end`) so the next `begin` starts clean; nothing to do otherwise.
   * `begin` calls it itself, so it is only needed to let go of a fit's buffers early.
   */
  reset(): void;
  /** Stops the helper threads; `begin` throws afterwards. */
  dispose(): Promise<void>;
}

/** Longest wait for helpers to start or answer before giving up (they are idle otherwise, so this is generous). */
const WAIT_MS = 60_000;

/**
 * @param nThreads shards per pass including the calling thread (e.g. `os.availableParallelism()`); 1 = no helpers
 * @param distDir folder holding passWorker.js (the extension's dist/)
 */
export function createThreadedExecutor(nThreads: number, distDir: string): ThreadedExecutor {
  const nHelpers = Math.max(0, Math.floor(nThreads) - 1);
  const script = path.join(distDir, 'passWorker.js');
  // Checked now: a helper that cannot start would only show up as a timeout while the EM loop waits for it.
  if (nHelpers > 0 && !fs.existsSync(script)) throw new Error(`The pass helper bundle is missing: ${script}. Run the build.`);
  let controlBuffer = new SharedArrayBuffer(CONTROL_LENGTH * 4);
  let control = new Int32Array(controlBuffer);
  let disposed = false;
  const exited = new Set<Worker>();
  const spawn = (): Worker => {
    const w = new Worker(script, { workerData: { control: controlBuffer } });
    w.unref(); // an executor left undisposed must not keep the process alive
    // Seen between fits (the EM loop blocks the event loop during one); the next begin replaces the helper.
    w.on('exit', () => exited.add(w));
    w.on('error', () => exited.add(w));
    return w;
  };
  let workers = Array.from({ length: nHelpers }, spawn);
  /** A helper died (seen between fits): the others may be mid-protocol, so start a fresh set on a fresh control word. */
  const respawnAll = (): void => {
    for (const w of workers) void w.terminate();
    controlBuffer = new SharedArrayBuffer(CONTROL_LENGTH * 4);
    control = new Int32Array(controlBuffer);
    workers = Array.from({ length: nHelpers }, spawn);
    exited.clear();
  };
  let fit: { layout: PassLayout; params: Float64Array; sums: Float64Array; sumsLength: number; shard: ShardPass } | undefined;
  // Shared blocks kept across fits, grown when a fit needs more.
  let paramsBlock = new SharedArrayBuffer(8);
  let sumsBlock = new SharedArrayBuffer(8);
  const block = (current: SharedArrayBuffer, length: number): SharedArrayBuffer =>
    (current.byteLength >= length * 8 ? current : new SharedArrayBuffer(length * 8));

  const waitFor = (slot: number, target: number): void => {
    const deadline = Date.now() + WAIT_MS;
    for (let v = Atomics.load(control, slot); v < target; v = Atomics.load(control, slot)) {
      if (Date.now() > deadline) throw new Error(`Pass helper threads did not answer within ${WAIT_MS / 1000} s.`);
      Atomics.wait(control, slot, v, 1000);
    }
  };
  const signal = (cmd: number): void => {
    Atomics.store(control, DONE, 0);
    Atomics.store(control, CMD, cmd);
    Atomics.add(control, GEN, 1);
    Atomics.notify(control, GEN);
  };

  const waitHelpers = (): void => {
    waitFor(DONE, nHelpers);
    if (Atomics.load(control, ERROR) !== 0) throw new Error('A pass helper thread failed.');
  };

  /** Lets the helpers go back to their event loop, ready for the next 'begin'. */
  const endFit = (): void => {
    if (!fit) return;
    fit = undefined;
    if (nHelpers === 0) return;
    signal(CMD_END);
    waitFor(DONE, nHelpers);
  };

  return {
    nShards: nHelpers + 1,
    allocate: (length) => new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length),
    begin(layout, buffers) {
      if (disposed) throw new Error('This pass executor was disposed; create a new one.');
      if (workers.some((w) => exited.has(w))) {
        fit = undefined;
        respawnAll();
      } else endFit();
      const sumsLength = sumsLayout(layout.nComponents, layout.nFeatures, layout.precision).length;
      const pl = paramsLayout(layout);
      paramsBlock = block(paramsBlock, pl.length);
      sumsBlock = block(sumsBlock, (nHelpers + 1) * sumsLength);
      const params = new Float64Array(paramsBlock, 0, pl.length);
      const sums = new Float64Array(sumsBlock, 0, (nHelpers + 1) * sumsLength);
      const n = layout.nComplete, shards = nHelpers + 1;
      const ranges = Array.from({ length: shards }, (_, s): [number, number] => [Math.floor((s * n) / shards), Math.floor(((s + 1) * n) / shards)]);
      fit = { layout, params, sums, sumsLength, shard: createShardPass(layout, buffers, ranges[0][0], ranges[0][1]) };
      Atomics.store(control, READY, 0);
      Atomics.store(control, ERROR, 0);
      workers.forEach((w, h) => {
        const msg: BeginMessage = {
          type: 'begin', layout, x: shared(buffers.x), resp: shared(buffers.resp), logProbNorm: shared(buffers.logProbNorm),
          params: params.buffer as SharedArrayBuffer, sums: sums.buffer as SharedArrayBuffer, sumsLength, shard: h + 1,
          start: ranges[h + 1][0], end: ranges[h + 1][1],
        };
        w.postMessage(msg);
      });
      waitFor(READY, nHelpers);
    },
    run(p: PassParams, out: Float64Array) {
      if (!fit) throw new Error('PassExecutor.run called before begin');
      const { layout, params, sums, sumsLength, shard } = fit;
      const pl = paramsLayout(layout);
      params[0] = p.mode;
      params.set(p.means, pl.means);
      params.set(p.precFactor.subarray(0, pl.precLength), pl.prec);
      params.set(p.logNorm, pl.logNorm);
      if (nHelpers > 0) signal(CMD_RUN);
      out.fill(0);
      shard.run(p, out);
      if (nHelpers === 0) return;
      waitHelpers();
      for (let s = 1; s <= nHelpers; s++) {
        const o = s * sumsLength;
        for (let j = 0; j < sumsLength; j++) out[j] += sums[o + j];
      }
    },
    flush() {
      if (!fit) return;
      if (nHelpers > 0) signal(CMD_FLUSH);
      fit.shard.flush();
      if (nHelpers > 0) waitHelpers();
    },
    end: endFit,
    reset: endFit,
    async dispose() {
      if (disposed) return;
      endFit();
      disposed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function shared(a: Float64Array): SharedArrayBuffer {
  if (!(a.buffer instanceof SharedArrayBuffer)) throw new Error('Threaded pass buffers must come from executor.allocate().');
  return a.buffer;
}
