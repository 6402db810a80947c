import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { createThreadedExecutor, type ThreadedExecutor } from '../../../../src/worker/parallel/threadedExecutor';
import { fitGaussianMixture } from '../../../../src/core/gaussian/fit';
import { MODEL_ALIASES } from '../../../../src/core/gaussian/models/catalog';
import { assertClose, COVARIANCE_TYPES, plantedMixture, removeCells, repoRoot } from '../helpers';

// The helper threads need their own bundle; build it here (hidden from the test bundler) so the test needs no dist/.
const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-pass-'));
const load = createRequire(__filename);
const esbuild = load('esbuild') as { build(o: object): Promise<unknown> };

describe('createThreadedExecutor', () => {
  let executor: ThreadedExecutor;
  before(async () => {
    const { wasmPlugin } = load(path.join(repoRoot(), 'scripts/wasm.js')) as { wasmPlugin: object };
    await esbuild.build({
      entryPoints: [path.join(repoRoot(), 'src/worker/parallel/passWorker.ts')], outfile: path.join(distDir, 'passWorker.js'),
      bundle: true, platform: 'node', format: 'cjs', target: 'es2022', logLevel: 'warning', plugins: [wasmPlugin],
    });
    executor = createThreadedExecutor(3, distDir);
  });
  after(async () => { await executor.dispose(); fs.rmSync(distDir, { recursive: true, force: true }); });

  for (const t of COVARIANCE_TYPES) {
    it(`gives the serial fit up to rounding, with 3 shards ('${t}')`, () => {
      const { x } = plantedMixture(70, { nSamples: 3001, nFeatures: 3, nComponents: 3, covarianceType: t, separation: 4 });
      const serial = fitGaussianMixture(x, { nInit: 1, nComponents: 3, model: MODEL_ALIASES[t], tol: 0, maxIter: 25 });
      const threaded = fitGaussianMixture(x, { nInit: 1, nComponents: 3, model: MODEL_ALIASES[t], tol: 0, maxIter: 25 }, { executor });
      assertClose(threaded.logLikelihood, serial.logLikelihood, { rtol: 1e-10 });
      assertClose(threaded.params.means, serial.params.means, { rtol: 1e-8, atol: 1e-8 });
      assertClose(threaded.resp, serial.resp, { atol: 1e-8 });
      assert.equal(threaded.runs[0].logLikelihood.length, 25);
    });
  }

  it('is bit-identical across repeated fits and handles rows with missing cells on the calling thread', () => {
    const { x } = plantedMixture(71, { nSamples: 2000, nFeatures: 4, nComponents: 2, covarianceType: 'full', separation: 5 });
    const holes = removeCells(x, 0.1, 72);
    const a = fitGaussianMixture(holes, { nComponents: 2, seed: 3 }, { executor });
    const b = fitGaussianMixture(holes, { nComponents: 2, seed: 3 }, { executor });
    assert.deepEqual(a.runs, b.runs);
    assert.deepEqual(a.params, b.params);
    const serial = fitGaussianMixture(holes, { nComponents: 2, seed: 3 });
    assertClose(a.logLikelihood, serial.logLikelihood, { rtol: 1e-10 });
    assert.ok(a.nImputedRows > 0);
  });

  it('serves fits of any layout one after another, each as its serial fit, and a begin left without end', () => {
    const configs = [
      { n: 2500, d: 2, K: 4, t: 'diag' }, { n: 1800, d: 5, K: 2, t: 'full' }, { n: 3100, d: 3, K: 3, t: 'spherical' },
      { n: 1200, d: 4, K: 5, t: 'tied' }, { n: 2500, d: 2, K: 4, t: 'diag' },
    ] as const;
    configs.forEach((c, j) => {
      const { x } = plantedMixture(80 + j, { nSamples: c.n, nFeatures: c.d, nComponents: c.K, covarianceType: c.t, separation: 4 });
      const o = { nInit: 1, nComponents: c.K, model: MODEL_ALIASES[c.t], tol: 0, maxIter: 12, seed: j };
      const threaded = fitGaussianMixture(x, o, { executor });
      const serial = fitGaussianMixture(x, o);
      assertClose(threaded.logLikelihood, serial.logLikelihood, { rtol: 1e-10 }, `fit ${j}`);
      assertClose(threaded.params.means, serial.params.means, { rtol: 1e-8, atol: 1e-8 }, `fit ${j}`);
      if (j === 1) {
        // Someone began a fit and never ended it: the next fit's begin ends it instead of waiting on busy helpers.
        const layout = { nUsed: 10, nComplete: 10, nFeatures: 2, nComponents: 2, precision: 'full' as const };
        executor.begin(layout, { x: executor.allocate(20), resp: executor.allocate(20), logProbNorm: executor.allocate(10) });
      }
    });
    executor.reset();
    executor.reset();
  });

  it('refuses to begin after dispose', async () => {
    const other = createThreadedExecutor(2, distDir);
    const { x } = plantedMixture(90, { nSamples: 500, nFeatures: 2, nComponents: 2, covarianceType: 'full' });
    assert.equal(fitGaussianMixture(x, { nComponents: 2 }, { executor: other }).params.nComponents, 2);
    await other.dispose();
    await other.dispose();
    assert.throws(() => fitGaussianMixture(x, { nComponents: 2 }, { executor: other }), /disposed/);
  });
});
