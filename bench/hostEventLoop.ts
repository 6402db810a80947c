/**
 * The extension host must never block: this bench plays the host's part (a plain Node main thread),
 * starts the real fit worker bundle (dist/emWorker.js), has it read and fit a generated 1e6-row CSV,
 * and measures the main thread's event-loop delay meanwhile (perf_hooks.monitorEventLoopDelay).
 * Needs `npm run build` first. Figures, not assertions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { FromWorker } from '../src/protocol/worker';
import type { FitSettingsDto } from '../src/protocol/model';

const ROWS = Number(process.env.EM_BENCH_ROWS ?? (process.argv.includes('--quick') ? 200_000 : 1_000_000));
const dist = path.resolve(__dirname, '..', '..', 'dist');

function makeCsv(file: string): void {
  let state = 12345;
  const rand = () => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return state / 4294967296; };
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'a,b,c\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const k = i % 3;
    buf += `${(k * 4 + gauss()).toFixed(4)},${(k * -3 + gauss()).toFixed(4)},${(k + gauss()).toFixed(4)}\n`;
    if (buf.length > 1 << 20) { fs.writeSync(out, buf); buf = ''; }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dist, 'emWorker.js'))) {
    console.log('host event loop: skipped (run `npm run build` first)');
    return;
  }
  const file = path.join(os.tmpdir(), `em-bench-${ROWS}.csv`);
  if (!fs.existsSync(file)) makeCsv(file);
  const cancel = new SharedArrayBuffer(4);
  const worker = new Worker(path.join(dist, 'emWorker.js'), { workerData: { cancel, threads: os.cpus().length, distDir: dist } });
  const RESOLUTION_MS = 10;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const ask = (message: object) => new Promise<FromWorker>((resolve) => {
    const onMessage = (m: FromWorker) => { if (m.type !== 'progress') { worker.off('message', onMessage); resolve(m); } };
    worker.on('message', onMessage);
    worker.postMessage(message);
  });
  histogram.enable();
  const t0 = performance.now();
  const loaded = await ask({ type: 'load', jobId: 1, request: { fileName: path.basename(file), uri: file, source: { kind: 'path', path: file }, maxBytes: 1 << 30 } });
  const t1 = performance.now();
  if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
  const settings: FitSettingsDto = {
    columns: ['a', 'b', 'c'], categorical: [], counts: [], components: { min: 3, max: 3 }, models: ['VVV'], standardize: false, nInit: 1, seed: 0,
    maxIter: 20, tol: 0, regCovar: 1e-6, missing: 'em', init: 'kmeans++', maxPoints: 20000,
  };
  const fitted = await ask({ type: 'fit', jobId: 2, settings });
  const t2 = performance.now();
  histogram.disable();
  await worker.terminate();
  if (fitted.type !== 'result') throw new Error(JSON.stringify(fitted));
  // The histogram records each sampling interval whole; the delay is what exceeds the resolution.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(1);
  console.log(`host event loop during read + fit of ${ROWS.toLocaleString('en-US')} rows × 3 columns (K=3 full, 20 iterations):`);
  console.log(`  read ${(t1 - t0).toFixed(0)} ms, fit ${(t2 - t1).toFixed(0)} ms`);
  console.log(`  event-loop delay: mean ${ms(histogram.mean)} ms, p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms`);
}

main().catch((e) => { console.error(e); process.exit(1); });
