/**
 * What a user waits for: the default job, side by side with scikit-learn and mclust, and the per-iteration time of
 * every covariance model. Figures, not assertions.
 *
 * 1. The default sweep: K = 1–6, VVV (scikit-learn's 'full'), 10 starts, default tolerance, one thread, on a
 *    fixed-seed table of N = 1e5 rows × d = 5 with four overlapping groups (written as CSV and read by each side):
 *    - ours: `node dist/cli.js fit FILE --k 1-6 --threads 1` (whole process: reading, sweep, result);
 *    - scikit-learn: GaussianMixture(k, 'full', n_init=10) for k = 1…6, best BIC, BLAS on one thread;
 *    - mclust: Mclust(X, G = 1:6, modelNames = "VVV"), BLAS on one thread.
 *    Seconds (wall), chosen K, log-likelihood, BIC (scikit-learn's sign) and peak RSS.
 * 2. Per-iteration time of all 14 models (N = 1e5, d = 5, K = 6, one thread): fastest iteration of 8 from random
 *    points (one M-step + one E-step pass), and scikit-learn's for its four.
 *   node out/bench/sweep.js [--quick] [--no-sklearn] [--no-mclust]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fitGaussianMixture } from '../src/core/gaussian/fit';
import { createRng } from '../src/core/numeric/rng';
import { MODEL_NAMES, modelInfo, type ModelName } from '../src/core/gaussian/models/catalog';

const args = process.argv.slice(2);
const PYTHON = '/usr/bin/python3';
const quick = args.includes('--quick');
const N = quick ? 50_000 : 100_000, D = 5;

/** Four overlapping groups with correlated, unequal spreads (seed 0). */
function table(): Float64Array {
  const rng = createRng(0, 4242);
  const K = 4, weights = [0.4, 0.3, 0.2, 0.1];
  const means = Array.from({ length: K }, () => Array.from({ length: D }, () => 1.5 * rng.normal()));
  const mix = Array.from({ length: K }, () => Array.from({ length: D * D }, (_, j) => 0.6 * rng.normal() + (j % (D + 1) === 0 ? 0.8 : 0)));
  const x = new Float64Array(N * D), z = new Float64Array(D);
  for (let i = 0; i < N; i++) {
    let u = rng.next(), k = 0;
    while (k < K - 1 && u >= weights[k]) { u -= weights[k]; k++; }
    for (let a = 0; a < D; a++) z[a] = rng.normal();
    for (let a = 0; a < D; a++) {
      let v = means[k][a];
      for (let b = 0; b < D; b++) v += z[b] * mix[k][b * D + a];
      x[i * D + a] = v;
    }
  }
  return x;
}

function writeCsv(file: string, x: Float64Array): void {
  const lines = [Array.from({ length: D }, (_, a) => `c${a}`).join(',')];
  for (let i = 0; i < N; i++) lines.push(Array.from(x.subarray(i * D, (i + 1) * D), (v) => v.toFixed(6)).join(','));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

interface Side { seconds: number; k: number; logLikelihood: number; bic: number; peakMb: number }

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const ONE_THREAD = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

/** Runs a command under /usr/bin/time (when there is one) for its wall seconds and peak RSS; returns its stdout. */
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

function ours(file: string): Side | undefined {
  const r = timed(process.execPath, [path.join(__dirname, '..', '..', 'dist', 'cli.js'), 'fit', file, '--k', '1-6', '--threads', '1']);
  if (!r) return undefined;
  const o = JSON.parse(r.stdout) as { k: number; logLikelihood: number; bic: number };
  return { seconds: r.seconds, k: o.k, logLikelihood: o.logLikelihood, bic: o.bic, peakMb: r.peakMb };
}

const SKLEARN_SWEEP = String.raw`
import sys, json, warnings, numpy as np, pandas as pd
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits
warnings.filterwarnings("ignore")
X = pd.read_csv(sys.argv[1]).values
best = None
with threadpool_limits(limits=1):
    for k in range(1, 7):
        g = GaussianMixture(k, covariance_type="full", n_init=10, random_state=0).fit(X)
        b = g.bic(X)
        if best is None or b < best["bic"]: best = {"k": k, "bic": b, "logLikelihood": g.score(X) * len(X)}
print(json.dumps(best))
`;

const MCLUST_SWEEP = String.raw`
suppressMessages(library(mclust))
X <- as.matrix(read.csv(commandArgs(TRUE)[1]))
f <- Mclust(X, G = 1:6, modelNames = "VVV", verbose = FALSE)
cat(sprintf('{"k": %d, "logLikelihood": %.10g, "bic": %.10g}\n', f$G, f$loglik, -f$bic))
`;

function sklearn(file: string): Side | undefined {
  const r = timed(PYTHON, ['-c', SKLEARN_SWEEP, file]);
  return r ? { ...(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Side), seconds: r.seconds, peakMb: r.peakMb } : undefined;
}

function mclust(file: string): Side | undefined {
  const r = timed('Rscript', ['-e', MCLUST_SWEEP, file]);
  return r ? { ...(JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Side), seconds: r.seconds, peakMb: r.peakMb } : undefined;
}

const has = (cmd: string, argv: string[]): boolean => spawnSync(cmd, argv, { stdio: 'ignore' }).status === 0;

/** Fastest iteration (ms) of a fixed-length fit of one model: one M-step and one E-step pass, this thread. */
function perIteration(x: Float64Array, model: ModelName): number {
  const stamps: number[] = [];
  fitGaussianMixture({ data: x, rows: N, cols: D }, { nComponents: 6, model, nInit: 1, tol: 0, maxIter: 8, init: 'random-points', recordHistory: false, regCovar: 1e-6 },
    { hierarchical: false, onIteration: () => { stamps.push(performance.now()); } });
  return Math.min(...stamps.slice(1).map((t, j) => t - stamps[j]));
}

const SKLEARN_ITER = String.raw`
import sys, json, time, warnings, numpy as np, pandas as pd
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_limits
warnings.filterwarnings("ignore")
X = pd.read_csv(sys.argv[1]).values
out = {}
with threadpool_limits(limits=1):
    for cov in ["full", "tied", "diag", "spherical"]:
        gm = GaussianMixture(6, covariance_type=cov, tol=0, max_iter=2, init_params="random_from_data", random_state=0).fit(X)
        times = []
        for _ in range(8):
            t = time.perf_counter()
            _, log_resp = gm._e_step(X)
            gm._m_step(X, log_resp)
            times.append(time.perf_counter() - t)
        out[cov] = 1000 * min(times)
print(json.dumps(out))
`;

function main(): void {
  const withSk = !args.includes('--no-sklearn') && has(PYTHON, ['-c', 'import sklearn, pandas, threadpoolctl']);
  const withR = !args.includes('--no-mclust') && has('Rscript', ['-e', 'library(mclust)']);
  if (!fs.existsSync(path.join(__dirname, '..', '..', 'dist', 'cli.js'))) { console.log('dist/cli.js is missing: run npm run build first.'); process.exitCode = 1; return; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-sweep-'));
  try {
    const x = table();
    const file = path.join(tmp, 'sweep.csv');
    writeCsv(file, x);
    console.log(`Default sweep: K = 1-6, VVV/full, 10 starts, default tolerance, one thread; N = ${N.toLocaleString('en-US')}, d = ${D}, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB CSV.`);
    console.log(`load average ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}; ${TIME ? 'peak RSS from /usr/bin/time' : 'no /usr/bin/time: peak RSS not measured'}.`);
    const rows: [string, Side | undefined][] = [['ours', ours(file)]];
    if (withSk) rows.push(['scikit-learn', sklearn(file)]); else console.log('scikit-learn: not available (or --no-sklearn).');
    if (withR) rows.push(['mclust', mclust(file)]); else console.log('mclust: not available (or --no-mclust).');
    const mine = rows[0][1];
    console.log(['', 'seconds', 'chosen K', 'log-lik', 'BIC', 'peak MB', 'ours/this'].map((h, j) => (j === 0 ? h.padEnd(13) : h.padStart(12))).join(''));
    for (const [name, s] of rows) {
      if (!s) { console.log(`${name.padEnd(13)} failed`); continue; }
      const ratio = mine && s !== mine ? (mine.seconds / s.seconds).toFixed(2) : '';
      console.log([name.padEnd(13), s.seconds.toFixed(2), String(s.k), s.logLikelihood.toFixed(1), s.bic.toFixed(1), Number.isFinite(s.peakMb) ? s.peakMb.toFixed(0) : '—', ratio]
        .map((v, j) => (j === 0 ? v : v.padStart(12))).join(''));
    }

    console.log(`\nPer iteration, every model: N = ${N.toLocaleString('en-US')}, d = ${D}, K = 6, one thread (fastest of 8; ms).`);
    const sk = withSk ? JSON.parse(spawnSync(PYTHON, ['-c', SKLEARN_ITER, file], { encoding: 'utf8', env: ONE_THREAD }).stdout.trim().split('\n').pop() ?? '{}') as Record<string, number> : {};
    console.log(['model', 'ours ms', 'sklearn ms', 'ratio'].map((h, j) => (j === 0 ? h.padEnd(16) : h.padStart(11))).join(''));
    for (const m of MODEL_NAMES) {
      const t = perIteration(x, m);
      const alias = modelInfo(m).alias;
      const s = alias ? sk[alias] : undefined;
      console.log([`${m}${alias ? ` (${alias})` : ''}`, t.toFixed(2), s !== undefined ? s.toFixed(2) : '', s !== undefined ? (t / s).toFixed(2) : ''].map((v, j) => (j === 0 ? v.padEnd(16) : v.padStart(11))).join(''));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
