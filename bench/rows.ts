/**
 * The rows view on a 1e6-row fit: plays the host's part with the real worker bundle (dist/emWorker.js), fits a
 * generated million-row CSV, then times what scrolling and selecting ask of the worker — the first page of each
 * order (which sorts the view once), later pages (from the kept order), a selection sent from the scatter, a row's
 * line, a view's export — and prints the size of each message as the webview's JSON channel carries it. Also times
 * the scatter's box and lasso hit test over the drawn points. Figures, not assertions. Needs `npm run build` first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../src/protocol/worker';
import type { FitSettingsDto } from '../src/protocol/model';
import type { RowsRequestDto, RowsViewDto } from '../src/protocol/rows';
import { enclosed } from '../src/webview/charts/selectGeometry';

/** A message to the worker without its jobId (one Omit per member of the union). */
type Request = ToWorker extends infer T ? (T extends { jobId: number } ? Omit<T, 'jobId'> : never) : never;

const ROWS = Number(process.env.EM_BENCH_ROWS ?? (process.argv.includes('--quick') ? 200_000 : 1_000_000));
const dist = path.resolve(__dirname, '..', '..', 'dist');

function makeCsv(file: string): void {
  let state = 4242;
  const rand = () => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return state / 4294967296; };
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'a,b,c,tag\n');
  let buf = '';
  for (let i = 0; i < ROWS; i++) {
    const k = i % 3;
    buf += `${(k * 4 + gauss()).toFixed(4)},${(k * -3 + gauss()).toFixed(4)},${(k + gauss()).toFixed(4)},item-${i}\n`;
    if (buf.length > 1 << 20) { fs.writeSync(out, buf); buf = ''; }
  }
  fs.writeSync(out, buf);
  fs.closeSync(out);
}

const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} kB`;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const max = (v: number[]) => Math.max(...v);

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dist, 'emWorker.js'))) {
    console.log('rows view: skipped (run `npm run build` first)');
    return;
  }
  const file = path.join(os.tmpdir(), `em-bench-rows-${ROWS}.csv`);
  if (!fs.existsSync(file)) makeCsv(file);
  const worker = new Worker(path.join(dist, 'emWorker.js'), { workerData: { cancel: new SharedArrayBuffer(4), threads: os.cpus().length, distDir: dist } });
  let jobId = 0;
  const ask = (message: Request) => new Promise<{ reply: FromWorker; ms: number }>((resolve) => {
    const id = ++jobId;
    const t0 = performance.now();
    const onMessage = (m: FromWorker) => {
      if (m.jobId !== id || m.type === 'progress') return;
      worker.off('message', onMessage);
      resolve({ reply: m, ms: performance.now() - t0 });
    };
    worker.on('message', onMessage);
    worker.postMessage({ ...message, jobId: id });
  });

  const loaded = await ask({ type: 'load', request: { fileName: path.basename(file), uri: file, source: { kind: 'path', path: file }, maxBytes: 1 << 30 } });
  if (loaded.reply.type !== 'loaded') throw new Error(JSON.stringify(loaded.reply));
  const settings: FitSettingsDto = {
    columns: ['a', 'b', 'c'], categorical: [], counts: [], components: { min: 3, max: 3 }, models: ['VVV'], standardize: false, nInit: 1, seed: 0,
    maxIter: 20, tol: 0, regCovar: 1e-6, missing: 'em', init: 'kmeans++', maxPoints: 20000,
  };
  const fitted = await ask({ type: 'fit', settings });
  if (fitted.reply.type !== 'result') throw new Error(JSON.stringify(fitted.reply));
  const result = fitted.reply.result;
  console.log(`rows view on ${ROWS.toLocaleString('en-US')} rows × 4 columns (K = 3 full, 20 iterations): read ${loaded.ms.toFixed(0)} ms, fit ${fitted.ms.toFixed(0)} ms`);
  console.log(`  result message to the webview: ${kb(JSON.stringify(result))} (scatter sample of ${result.sample.rowIndex.length.toLocaleString('en-US')} points)`);

  const page = async (view: RowsViewDto, offset: number, selection?: number[]) => {
    const request: RowsRequestDto = { requestId: jobId + 1, view, offset, limit: 100, ...(selection ? { selection } : {}) };
    const r = await ask({ type: 'rows', request });
    if (r.reply.type !== 'rows') throw new Error(JSON.stringify(r.reply));
    return { ms: r.ms, total: r.reply.page.total, request, answer: r.reply.page };
  };
  /** The first page of a view (sorts it), then 40 pages at random offsets (from the kept order). */
  const scroll = async (label: string, view: RowsViewDto, selection?: number[]) => {
    const first = await page(view, 0, selection);
    let s = 1;
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      s = (Math.imul(s, 48271) + 1) >>> 0;
      times.push((await page(view, Math.floor((s / 2 ** 32) * Math.max(1, first.total - 100)))).ms);
    }
    console.log(`  ${label.padEnd(44)} ${first.total.toLocaleString('en-US').padStart(9)} rows: first page ${first.ms.toFixed(1).padStart(6)} ms, ` +
      `then median ${median(times).toFixed(2)} ms, max ${max(times).toFixed(2)} ms`);
    return first;
  };
  console.log('  page requests (100 rows; round trip host → worker → host):');
  const sort = (key: RowsViewDto['sort']['key'], descending: boolean) => ({ key, descending });
  const c0 = await scroll('component 1 by probability', { kind: 'cluster', component: 0, sort: sort('probability', true) });
  await scroll('component 2 by uncertainty', { kind: 'cluster', component: 1, sort: sort('uncertainty', true) });
  await scroll('every row by log density (most unusual)', { kind: 'all', sort: sort('logDensity', false) });
  await scroll('every row in file order', { kind: 'all', sort: sort('row', false) });
  const sampleRows = result.sample.rowIndex;
  const sel = await scroll(`selection of the ${sampleRows.length.toLocaleString('en-US')} drawn points`, { kind: 'selection', sort: sort('row', false) }, sampleRows);
  const everyRow = Array.from({ length: ROWS }, (_, i) => i);
  const big = await scroll('selection of every row (maxPoints = 1e6)', { kind: 'selection', sort: sort('logDensity', false) }, everyRow);
  console.log('  message sizes (JSON, as the webview channel carries them):');
  console.log(`    a page of 100 rows: ${kb(JSON.stringify({ type: 'rows', requestId: 1, page: c0.answer }))}`);
  console.log(`    a page request: ${kb(JSON.stringify({ type: 'rows', ...c0.request }))}`);
  console.log(`    a selection of ${sampleRows.length.toLocaleString('en-US')} rows: ${kb(JSON.stringify({ type: 'rows', ...sel.request }))}; of ${ROWS.toLocaleString('en-US')}: ${kb(JSON.stringify({ type: 'rows', ...big.request }))}`);

  const lines: number[] = [];
  for (let i = 0; i < 20; i++) lines.push((await ask({ type: 'rowLine', row: (i * 7919) % ROWS })).ms);
  console.log(`  a row's line (for a click): median ${median(lines).toFixed(2)} ms, max ${max(lines).toFixed(2)} ms`);
  const exported = await ask({ type: 'exportRows', view: { kind: 'cluster', component: 0, sort: sort('probability', true) }, csvFormulaGuard: true });
  if (exported.reply.type !== 'exported') throw new Error(JSON.stringify(exported.reply));
  console.log(`  export of component 1 (${c0.total.toLocaleString('en-US')} rows) as CSV: ${exported.ms.toFixed(0)} ms, ${(Buffer.byteLength(exported.reply.text) / 2 ** 20).toFixed(1)} MB`);
  await worker.terminate();

  // The scatter's hit test, over the drawn points in canvas pixels (as `ScatterView.drawnPoints` gives them).
  for (const n of [20_000, 1_000_000]) {
    const pts = Array.from({ length: n }, (_, id) => ({ id, x: (id * 7.31) % 800, y: (id * 3.17) % 380 }));
    const lasso = Array.from({ length: 200 }, (_, i) => ({ x: 400 + 300 * Math.cos((2 * Math.PI * i) / 200), y: 190 + 150 * Math.sin((2 * Math.PI * i) / 200) }));
    let t = performance.now();
    const inBox = enclosed(pts, { kind: 'box', path: [{ x: 100, y: 50 }, { x: 700, y: 330 }] }).length;
    const boxMs = performance.now() - t;
    t = performance.now();
    const inLasso = enclosed(pts, { kind: 'lasso', path: lasso }).length;
    console.log(`  selection hit test over ${n.toLocaleString('en-US')} drawn points: box ${boxMs.toFixed(1)} ms (${inBox.toLocaleString('en-US')} in), ` +
      `200-point lasso ${(performance.now() - t).toFixed(1)} ms (${inLasso.toLocaleString('en-US')} in)`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
