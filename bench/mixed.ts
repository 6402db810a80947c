/**
 * Mixed data, what a user waits for: a diamonds-sized table (54,000 rows, 7 numeric and 3 categorical columns, 5% of
 * cells missing) fitted with K = 4 (VVV numeric block) and with the panel's default sweep K = 1–6, by the CLI as a
 * whole process (reading, fit, result). Neither scikit-learn nor mclust fits categorical columns or missing cells:
 * beside ours is scikit-learn's GaussianMixture(4, 'full', n_init = 10) on the complete rows with the categories
 * one-hot encoded as numbers (what people do instead; not the same model), for scale; and the default sweep on the
 * first 300 and 3,000 rows (a small table's fit screens many more starts and runs the split-merge search); and the
 * three categorical columns alone (a latent class model). Figures, not assertions.
 *   node out/bench/mixed.js [--quick] [--no-sklearn]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng } from '../src/core/numeric/rng';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const N = 54_000, D = 7;
const LEVELS = [['Fair', 'Good', 'Very Good', 'Premium', 'Ideal'], ['D', 'E', 'F', 'G', 'H', 'I', 'J'], ['I1', 'SI2', 'SI1', 'VS2', 'VS1', 'VVS2', 'VVS1', 'IF']];
const NAMES = ['carat', 'depth', 'table', 'price', 'x', 'y', 'z', 'cut', 'color', 'clarity'];

/** Four groups; numeric columns correlated within a group, categories drawn from group-specific probabilities. */
function writeTable(file: string): void {
  const rng = createRng(0, 5454);
  const K = 4, weights = [0.35, 0.3, 0.2, 0.15];
  const means = Array.from({ length: K }, () => Array.from({ length: D }, () => 2 * rng.normal()));
  const mix = Array.from({ length: K }, () => Array.from({ length: D * D }, (_, j) => 0.5 * rng.normal() + (j % (D + 1) === 0 ? 1 : 0)));
  const probs = Array.from({ length: K }, () => LEVELS.map((l) => { const w = l.map(() => rng.next() ** 2 + 0.02); const s = w.reduce((a, b) => a + b, 0); return w.map((v) => v / s); }));
  const lines = [NAMES.join(',')];
  const z = new Float64Array(D);
  for (let i = 0; i < N; i++) {
    let u = rng.next(), k = 0;
    while (k < K - 1 && u >= weights[k]) { u -= weights[k]; k++; }
    for (let a = 0; a < D; a++) z[a] = rng.normal();
    const cells: string[] = [];
    for (let a = 0; a < D; a++) {
      let v = means[k][a];
      for (let b = 0; b < D; b++) v += z[b] * mix[k][b * D + a];
      cells.push(rng.next() < 0.05 ? '' : v.toFixed(4));
    }
    LEVELS.forEach((levels, j) => {
      let w = rng.next(), l = 0;
      while (l < levels.length - 1 && w >= probs[k][j][l]) { w -= probs[k][j][l]; l++; }
      cells.push(rng.next() < 0.05 ? '' : levels[l]);
    });
    lines.push(cells.join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function timed(cmd: string, argv: string[]): { stdout: string; seconds: number; peakMb: number } | undefined {
  const t0 = performance.now();
  const r = TIME
    ? spawnSync(TIME, ['-f', 'PEAK_KB %M', cmd, ...argv], { encoding: 'utf8', env: ONE_THREAD, maxBuffer: 64 << 20 })
    : spawnSync(cmd, argv, { encoding: 'utf8', env: ONE_THREAD, maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) { console.log(`  ${path.basename(cmd)} failed: ${(r.stderr ?? '').split('\n').slice(-3).join(' ')}`); return undefined; }
  const kb = /PEAK_KB (\d+)/.exec(r.stderr ?? '');
  return { stdout: r.stdout, seconds, peakMb: kb ? Number(kb[1]) / 1024 : NaN };
}

const SKLEARN = String.raw`
import sys, json, warnings, pandas as pd
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits
warnings.filterwarnings("ignore")
d = pd.read_csv(sys.argv[1], keep_default_na=False, na_values=[""]).dropna()
X = pd.get_dummies(d, columns=["cut", "color", "clarity"], dtype=float).values
with threadpool_limits(limits=1):
    g = GaussianMixture(4, covariance_type="full", n_init=10, random_state=0, reg_covar=1e-6).fit(X)
print(json.dumps({"rows": len(X), "iterations": int(g.n_iter_)}))
`;

const file = path.join(os.tmpdir(), `em-bench-mixed-${N}.csv`);
if (!fs.existsSync(file)) writeTable(file);
const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
console.log(`${N.toLocaleString('en-US')} rows × ${D} numeric + 3 categorical columns, 5% of cells missing (${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB CSV), one thread`);
const row = (name: string, seconds: number, peakMb: number, extra: string) =>
  console.log(`  ${name.padEnd(54)} ${seconds.toFixed(2).padStart(7)} s  ${Number.isFinite(peakMb) ? `${peakMb.toFixed(0).padStart(5)} MB` : '     ?'}  ${extra}`);
const k4 = timed(process.execPath, [cli, 'fit', file, '--columns', NAMES.join(','), '--k', '4', '--threads', '1']);
let oursSeconds = NaN;
if (k4) {
  const o = JSON.parse(k4.stdout) as { logLikelihood: number; nRows: number; iterations: number; starts: { nReachedBest: number; nStarts: number } };
  oursSeconds = k4.seconds;
  row('ours, K = 4 (10 starts, portfolio)', k4.seconds, k4.peakMb, `log-lik ${o.logLikelihood.toFixed(1)}, ${o.nRows} rows, ${o.iterations} iterations, ${o.starts.nReachedBest}/${o.starts.nStarts} starts at the best`);
}
if (!quick) {
  const sweep = timed(process.execPath, [cli, 'fit', file, '--columns', NAMES.join(','), '--k', '1-6', '--threads', '1']);
  if (sweep) {
    const o = JSON.parse(sweep.stdout) as { k: number; bic: number };
    row('ours, the default sweep K = 1–6', sweep.seconds, sweep.peakMb, `chose K = ${o.k}, BIC ${o.bic.toFixed(1)}`);
  }
}
// The categorical columns alone: a latent class model, whose passes run over the few distinct rows of categories.
for (const k of quick ? ['4'] : ['4', '1-6']) {
  const lc = timed(process.execPath, [cli, 'fit', file, '--columns', 'cut,color,clarity', '--k', k, '--threads', '1']);
  if (lc) {
    const o = JSON.parse(lc.stdout) as { k: number; logLikelihood: number; nRows: number };
    row(`ours, latent class on cut, color, clarity, K = ${k.replace('-', '–')}`, lc.seconds, lc.peakMb, `${k === '4' ? `log-lik ${o.logLikelihood.toFixed(1)}` : `chose K = ${o.k}`}, ${o.nRows} rows`);
  }
}
// A small table gets many more starts and the split-merge search (its maxima are many and an iteration costs little):
// the default sweep on the first rows of the same table shows what that costs.
for (const rows of quick ? [] : [300, 3000]) {
  const head = path.join(os.tmpdir(), `em-bench-mixed-${N}-head${rows}.csv`);
  fs.writeFileSync(head, fs.readFileSync(file, 'utf8').split('\n').slice(0, rows + 1).join('\n') + '\n');
  const sweep = timed(process.execPath, [cli, 'fit', head, '--columns', NAMES.join(','), '--k', '1-6', '--threads', '1']);
  if (sweep) {
    const o = JSON.parse(sweep.stdout) as { k: number; starts: { nStarts: number; search?: { nMoves: number } } };
    row(`ours, the default sweep K = 1–6, first ${rows.toLocaleString('en-US')} rows`, sweep.seconds, sweep.peakMb, `chose K = ${o.k}; at K = ${o.k}: ${o.starts.nStarts} starts, ${o.starts.search?.nMoves ?? 0} split-merge moves`);
  }
}
if (!args.includes('--no-sklearn') && fs.existsSync('/usr/bin/python3')) {
  const s = timed('/usr/bin/python3', ['-c', SKLEARN, file]);
  if (s) {
    const o = JSON.parse(s.stdout) as { rows: number; iterations: number };
    row('scikit-learn, K = 4, one-hot, complete rows', s.seconds, s.peakMb, `${o.rows} rows, ${o.iterations} iterations; ours/sklearn ${(oursSeconds / s.seconds).toFixed(2)}×`);
  }
}
