/**
 * Helper thread for the threaded pass executor: waits on the control word, runs its shard of the fused pass
 * (`createShardPass` from the core: WebAssembly or JavaScript kernels) into its own sums block, or copies its
 * shard's responsibilities back into the shared buffers (flush), and signals done. Bundled to dist/passWorker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PassParams } from '../../core/gaussian/pass';
import { createShardPass } from '../../core/gaussian/shardPass';
import { CMD, CMD_END, CMD_FLUSH, DONE, ERROR, GEN, READY, paramsLayout, type BeginMessage } from './protocol';

const control = new Int32Array(workerData.control as SharedArrayBuffer);

function serve(m: BeginMessage): void {
  const { layout } = m;
  const buffers = { x: new Float64Array(m.x), resp: new Float64Array(m.resp), logProbNorm: new Float64Array(m.logProbNorm) };
  const all = new Float64Array(m.params);
  const pl = paramsLayout(layout);
  const params: PassParams = {
    mode: 0,
    means: all.subarray(pl.means, pl.means + layout.nComponents * layout.nFeatures),
    precFactor: all.subarray(pl.prec, pl.prec + pl.precLength),
    logNorm: all.subarray(pl.logNorm, pl.logNorm + layout.nComponents),
  };
  const sums = new Float64Array(m.sums, m.shard * m.sumsLength * 8, m.sumsLength);
  const shard = createShardPass(layout, buffers, m.start, m.end);
  let seen = Atomics.load(control, GEN);
  Atomics.add(control, READY, 1);
  Atomics.notify(control, READY);
  for (;;) {
    Atomics.wait(control, GEN, seen);
    seen = Atomics.load(control, GEN);
    const cmd = Atomics.load(control, CMD);
    if (cmd !== CMD_END) {
      try {
        if (cmd === CMD_FLUSH) shard.flush();
        else {
          params.mode = all[0] === 1 ? 1 : 0;
          sums.fill(0);
          shard.run(params, sums);
        }
      } catch {
        Atomics.store(control, ERROR, 1);
      }
    }
    Atomics.add(control, DONE, 1);
    Atomics.notify(control, DONE);
    if (cmd === CMD_END) return; // back to the event loop, ready for the next 'begin'
  }
}

parentPort?.on('message', (m: BeginMessage) => { if (m.type === 'begin') serve(m); });
