import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkerSession } from '../../../src/worker/session';
import type { FromWorker } from '../../../src/protocol/worker';
import type { FitSettingsDto } from '../../../src/protocol/model';

// Bundled to out/test/unit/worker/: the repo root is four levels up.
const samples = path.resolve(__dirname, '../../../../samples');

function session(threads = 1) {
  const posted: FromWorker[] = [];
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const distDir = path.resolve(__dirname, '../../../../dist');
  const s = new WorkerSession({ cancelFlag, threads, distDir, post: (m) => posted.push(m) });
  return { s, posted, cancelFlag };
}

function bytesOf(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

function load(s: WorkerSession, fileName: string, text: string, jobId = 1): Promise<void> {
  return s.handle({ type: 'load', jobId, request: { fileName, uri: `file:///tmp/${fileName}`, source: { kind: 'bytes', bytes: bytesOf(text) }, maxBytes: 1 << 30 } });
}

const settings = (over: Partial<FitSettingsDto> = {}): FitSettingsDto => ({
  columns: ['eruptions', 'waiting'], categorical: [], counts: [], components: { min: 2, max: 2 }, models: ['VVV'], standardize: false, nInit: 3, seed: 0,
  maxIter: 200, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 100, ...over,
});

const faithful = fs.readFileSync(path.join(samples, 'faithful.csv'), 'utf8');

describe('WorkerSession', async () => {
  it('loads a file and reports its columns', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    const loaded = posted.find((m) => m.type === 'loaded');
    assert.ok(loaded && loaded.type === 'loaded');
    assert.equal(loaded.dataset.nRows, 272);
    assert.deepEqual(loaded.dataset.columns.map((c) => c.name), ['eruptions', 'waiting']);
    assert.equal(loaded.dataset.sizeBytes, Buffer.byteLength(faithful));
  });

  it('posts progress then exactly one result, with counts that add up to the rows', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    posted.length = 0;
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    const types = posted.map((m) => m.type);
    assert.equal(types[types.length - 1], 'result');
    assert.equal(types.filter((t) => t === 'result').length, 1);
    assert.ok(types.slice(0, -1).every((t) => t === 'progress'));
    assert.ok(types.length > 1, 'at least one progress message');
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result');
    assert.equal(r.jobId, 2);
    assert.equal(r.result.counts.reduce((a, b) => a + b, 0), 272);
    assert.equal(r.result.sample.rowIndex.length, 100);
    assert.equal(r.result.sample.total, 272);
    assert.ok(Math.abs(r.result.params.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.equal(r.result.history.length, r.result.iterations, 'one replay snapshot per iteration of the kept run');
    assert.deepEqual(r.result.historyIterations, r.result.history.map((_, j) => j + 1));
    // JSON-safe: the webview channel is JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(r.result)).params, r.result.params);
  });

  it('sends no principal components with a result, and computes them when asked', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result');
    assert.equal('pca' in r.result, false);
    await s.handle({ type: 'pca', jobId: 3 });
    const p = posted[posted.length - 1];
    assert.ok(p.type === 'pca' && p.jobId === 3 && p.pca);
    assert.equal(p.pca.axes.length, 2);
    assert.equal(p.pca.axes[0].length, 2);
    // Standardised columns correlated at r ≈ 0.90: PC1 holds (1 + r) / 2 of the variance.
    assert.ok(Math.abs(p.pca.explained[0] - 0.95) < 0.005, `PC1 of faithful's standardised columns (${p.pca.explained[0]})`);
  });

  it('compares the clusters with a column the fit did not use: cross-table, ARI, NMI, sample colours', async () => {
    const { s, posted } = session();
    await load(s, 'iris.csv', fs.readFileSync(path.join(samples, 'iris.csv'), 'utf8'));
    const columns = ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'];
    await s.handle({ type: 'fit', jobId: 2, settings: settings({ columns, components: { min: 3, max: 3 }, nInit: 10, tol: 1e-5, maxPoints: 150 }) });
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result');
    await s.handle({ type: 'compare', jobId: 3, column: 'class' });
    const c = posted[posted.length - 1];
    assert.ok(c.type === 'compare', JSON.stringify(c));
    const cmp = c.comparison;
    assert.equal(cmp.levels.length, 3);
    assert.equal(cmp.binned, false);
    assert.equal(cmp.table.flat().reduce((a, b) => a + b, 0), 150);
    assert.equal(cmp.nMissing, 0);
    // mclust's VVV with 3 components on iris misplaces 5 flowers: ARI 0.904.
    assert.ok(Math.abs(cmp.ari - 0.904) < 0.01, `ARI ${cmp.ari}`);
    assert.ok(cmp.nmi > 0.85 && cmp.nmi <= 1, `NMI ${cmp.nmi}`);
    assert.equal(cmp.sampleCodes.length, r.result.sample.rowIndex.length);
    // A numeric column of many values is cut into bins of about equal counts.
    await s.handle({ type: 'compare', jobId: 4, column: 'sepal width (cm)' });
    const b = posted[posted.length - 1];
    assert.ok(b.type === 'compare' && b.comparison.binned && b.comparison.levels.length >= 3);
    await s.handle({ type: 'compare', jobId: 5, column: 'nope' });
    const e = posted[posted.length - 1];
    assert.ok(e.type === 'error' && e.error.code === 'unknown-column');
  });

  it('answers a cancelled principal-components job with cancelled', async () => {
    const { s, posted, cancelFlag } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    Atomics.store(cancelFlag, 0, 3);
    await s.handle({ type: 'pca', jobId: 3 });
    assert.equal(posted[posted.length - 1].type, 'cancelled');
  });

  it('fits a K range and chooses the lowest BIC', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings({ components: { min: 1, max: 4 } }) });
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result' && r.result.selection && r.result.chosen !== undefined);
    const bics = r.result.selection.map((row) => row.bic);
    assert.equal(bics.length, 4);
    assert.equal(r.result.chosen, bics.indexOf(Math.min(...bics)));
    assert.equal(r.result.params.nComponents, r.result.selection[r.result.chosen].nComponents);
    assert.deepEqual(r.result.selection[r.result.chosen].counts, r.result.counts);
    for (const row of r.result.selection) assert.equal(row.counts.reduce((a, b) => a + b, 0), 272);
  });

  it('answers a cancelled job with cancelled, not a result', async () => {
    const { s, posted, cancelFlag } = session();
    await load(s, 'faithful.csv', faithful);
    Atomics.store(cancelFlag, 0, 7);
    await s.handle({ type: 'fit', jobId: 7, settings: settings() });
    assert.equal(posted[posted.length - 1].type, 'cancelled');
  });

  it('reports a malformed file as an error with a code', async () => {
    const { s, posted } = session();
    await load(s, 'broken.csv', 'a,b\n1,"2\n3,4\n');
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'error');
    assert.match(last.error.message, /broken\.csv/);
    assert.ok(last.error.code.length > 0);
  });

  it('names an unknown column', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings({ columns: ['nope'] }) });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'error');
    assert.equal(last.error.code, 'unknown-column');
    assert.equal(last.error.message, 'faithful.csv: there is no column named "nope". The file may have changed; pick the columns again.');
  });

  it('exports the original columns plus cluster, memberships and uncertainty', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    await s.handle({ type: 'export', jobId: 3, kind: 'labels-csv', csvFormulaGuard: true });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'exported');
    const lines = last.text.trimEnd().split('\n');
    assert.equal(lines[0], 'eruptions,waiting,cluster,p_1,p_2,uncertainty');
    assert.equal(lines.length, 273);
    assert.ok(lines[1].startsWith('3.6,79,'));
    const [, , cluster, p1, p2, u] = lines[1].split(',').map(Number);
    assert.ok(cluster === 1 || cluster === 2);
    assert.ok(Math.abs(p1 + p2 - 1) < 1e-9);
    assert.ok(Math.abs(u - (1 - Math.max(p1, p2))) < 1e-12);
  });

  it('refuses to export before a fit', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'export', jobId: 3, kind: 'params-json', csvFormulaGuard: true });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'error');
    assert.equal(last.error.code, 'no-result');
  });

  it('exports imputed values for missing fitted cells', async () => {
    const { s, posted } = session();
    const text = faithful.replace('\n3.6,79\n', '\n3.6,\n');
    await load(s, 'faithful.csv', text);
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result');
    assert.equal(r.result.nImputedRows, 1);
    await s.handle({ type: 'export', jobId: 3, kind: 'labels-csv', csvFormulaGuard: true });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'exported');
    const lines = last.text.trimEnd().split('\n');
    assert.equal(lines[0], 'eruptions,waiting,cluster,p_1,p_2,uncertainty,waiting_imputed');
    const first = lines[1].split(',');
    assert.equal(first[1], '');
    const imputed = Number(first[6]);
    assert.ok(imputed > 43 && imputed < 97, `imputed waiting ${imputed} lies in the data's range`);
    assert.equal(lines[2].split(',')[6], '');
  });

  it('exports the parameters as the object the CLI prints, with the settings', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result');
    await s.handle({ type: 'export', jobId: 3, kind: 'params-json', csvFormulaGuard: true });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'exported');
    const json = JSON.parse(last.text);
    assert.equal(json.k, 2);
    assert.equal(json.covariance, 'VVV');
    assert.deepEqual(json.weights, r.result.params.weights);
    assert.ok(r.result.params.kind === 'gaussian');
    assert.deepEqual(json.means, r.result.params.means);
    assert.equal(json.logLikelihood, r.result.logLikelihood);
    assert.deepEqual(json.settings, settings());
  });

  it('writes the last fit as a script that opens the file at the path the host gives', async () => {
    const { s, posted } = session();
    await s.handle({ type: 'exportCode', jobId: 3, language: 'python', path: '/data/faithful.csv' });
    const early = posted[posted.length - 1];
    assert.ok(early.type === 'error');
    assert.equal(early.error.code, 'no-result');
    await load(s, 'faithful.csv', faithful.replace(/,/g, ';'));
    await s.handle({ type: 'fit', jobId: 2, settings: settings() });
    const r = posted[posted.length - 1];
    assert.ok(r.type === 'result');
    await s.handle({ type: 'exportCode', jobId: 4, language: 'r', path: '/data/faithful.csv' });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'exported', JSON.stringify(last));
    assert.equal(last.jobId, 4);
    assert.match(last.text, /^data_path <- "\/data\/faithful\.csv"$/m);
    assert.match(last.text, /^delimiter <- ";"$/m);
    assert.match(last.text, new RegExp(`^em_explorer_loglik <- ${String(r.result.logLikelihood).replace(/[.-]/g, '\\$&')}$`, 'm'));
  });

  it('fits a large table on helper threads, fit after fit, to the single-thread answer', async () => {
    const lines = ['a,b'];
    let state = 7;
    const rnd = () => { state = (Math.imul(state, 48271) % 2147483647 + 2147483647) % 2147483647; return state / 2147483647; };
    for (let i = 0; i < 30000; i++) lines.push(`${(i % 2) * 6 + rnd()},${rnd() * 2 - (i % 2) * 3}`);
    const text = lines.join('\n');
    const fit = async (threads: number) => {
      const { s, posted } = session(threads);
      await load(s, 'big.csv', text);
      const results = [];
      for (const k of [2, 3]) {
        await s.handle({ type: 'fit', jobId: k, settings: settings({ columns: ['a', 'b'], categorical: [], counts: [], components: { min: k, max: k }, nInit: 1 }) });
        const r = posted[posted.length - 1];
        assert.ok(r.type === 'result', JSON.stringify(r).slice(0, 300));
        results.push(r.result);
      }
      return results;
    };
    const one = await fit(1);
    const two = await fit(2);
    for (let j = 0; j < 2; j++) {
      assert.ok(Math.abs(one[j].logLikelihood - two[j].logLikelihood) < 1e-6 * Math.abs(one[j].logLikelihood));
      assert.deepEqual(two[j].counts, one[j].counts);
    }
  });

  it('serves the rows of a cluster after a fit, sorted by the probability of that cluster', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    await s.handle({ type: 'fit', jobId: 2, settings: settings({ maxPoints: 272 }) });
    const result = posted.find((m) => m.type === 'result');
    assert.ok(result && result.type === 'result');
    const sample = result.result.sample;
    for (const k of [0, 1]) {
      posted.length = 0;
      await s.handle({ type: 'rows', jobId: 3, request: { requestId: 9, view: { kind: 'cluster', component: k, sort: { key: 'probability', descending: true } }, offset: 0, limit: 500 } });
      const reply = posted[0];
      assert.ok(reply.type === 'rows', JSON.stringify(reply).slice(0, 200));
      const { page } = reply;
      assert.equal(page.requestId, 9);
      assert.equal(page.total, result.result.counts[k]);
      assert.equal(page.rows.length, page.total);
      for (const r of page.rows) {
        const i = sample.rowIndex.indexOf(r.row);
        assert.equal(sample.labels[i], k, `row ${r.row} is in component ${k + 1}`);
        assert.ok(Math.abs(r.probability - sample.resp[i][k]) < 1e-6, `row ${r.row}: the probability of component ${k + 1}`);
        assert.equal(r.line, r.row + 2, 'one header line, no blank lines');
      }
      for (let i = 1; i < page.rows.length; i++) assert.ok(page.rows[i - 1].probability >= page.rows[i].probability, 'sorted, most probable first');
    }
  });

  it('answers no rows before a fit, and names a row that does not exist', async () => {
    const { s, posted } = session();
    await load(s, 'faithful.csv', faithful);
    posted.length = 0;
    await s.handle({ type: 'rows', jobId: 2, request: { requestId: 1, view: { kind: 'all', sort: { key: 'row', descending: false } }, offset: 0, limit: 10 } });
    await s.handle({ type: 'rowLine', jobId: 3, row: 272 });
    assert.deepEqual(posted.map((m) => m.type === 'error' && m.error.code), ['no-result', 'bad-row']);
    assert.match(posted[1].type === 'error' ? posted[1].error.message : '', /no row 272 .* 272 rows/);
  });

  it('maps a row of a JSON array to the line where its element starts', async () => {
    const { s, posted } = session();
    const json = '[\n  {"x": 1, "y": 2},\n  {\n    "x": 3,\n    "y": 4\n  },\n\n  {"x": 5, "y": 6}\n]\n';
    await load(s, 'points.json', json);
    posted.length = 0;
    for (const row of [0, 1, 2]) await s.handle({ type: 'rowLine', jobId: 10 + row, row });
    assert.deepEqual(posted.map((m) => (m.type === 'rowLine' ? m.line : m.type)), [2, 3, 8]);
  });

  it('refuses the rows view of a streamed fit, and names the file line of each point drawn, past the head too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-session-stream-'));
    try {
      const file = path.join(dir, 'big.csv');
      // Row r is on line r + 2; its cells say which row it is, so a line can be checked against the point drawn. The
      // unfitted padding makes the file larger than the head the worker reads (4 MiB).
      const lines = ['x,y,pad'];
      const pad = 'p'.repeat(200);
      for (let r = 0; r < 30_000; r++) lines.push(`${(r % 2) * 50 + (r % 7) / 7},${r},${pad}`);
      fs.writeFileSync(file, lines.join('\n') + '\n');
      const { s, posted } = session();
      await s.handle({ type: 'load', jobId: 1, request: { fileName: 'big.csv', uri: `file://${file}`, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, memoryBudgetBytes: 16 * 1024 } });
      const loaded = posted.find((m) => m.type === 'loaded');
      assert.ok(loaded?.type === 'loaded');
      const headRows = loaded.dataset.nRows;
      assert.ok(headRows < 30_000, 'only the head is held');
      await s.handle({ type: 'fit', jobId: 2, settings: settings({ columns: ['x', 'y'], nInit: 1, maxPoints: 300 }) });
      const result = posted.at(-1);
      assert.ok(result?.type === 'result' && result.result.streamed, 'the fit was streamed');
      const sample = result.result.sample;
      assert.ok(sample.rowIndex.some((r) => r >= headRows), 'some points drawn lie past the head');

      posted.length = 0;
      await s.handle({ type: 'rows', jobId: 3, request: { requestId: 1, view: { kind: 'all', sort: { key: 'logDensity', descending: false } }, offset: 0, limit: 5 } });
      await s.handle({ type: 'exportRows', jobId: 4, view: { kind: 'cluster', component: 0, sort: { key: 'row', descending: false } }, csvFormulaGuard: true });
      for (const m of posted) {
        assert.ok(m.type === 'error', `refused, not ${m.type}`);
        assert.equal(m.error.code, 'streamed-rows');
        assert.match(m.error.message, /big\.csv was read in passes .* rows view/);
      }

      for (let j = 0; j < sample.rowIndex.length; j += 7) {
        posted.length = 0;
        await s.handle({ type: 'rowLine', jobId: 10 + j, row: sample.rowIndex[j] });
        const m = posted[0];
        assert.ok(m.type === 'rowLine', `row ${sample.rowIndex[j]}: ${m.type === 'error' ? m.error.message : m.type}`);
        assert.equal(m.line, sample.rowIndex[j] + 2);
        assert.equal(Number(lines[m.line - 1].split(',')[1]), sample.values[j][1], 'the line holds the point drawn');
      }
      const notDrawn = Array.from({ length: 30_000 }, (_, r) => r).find((r) => r >= headRows && !sample.rowIndex.includes(r));
      assert.ok(notDrawn !== undefined);
      posted.length = 0;
      await s.handle({ type: 'rowLine', jobId: 99, row: notDrawn });
      assert.ok(posted[0].type === 'error');
      assert.match(posted[0].error.message, new RegExp(`big\\.csv was streamed.*row ${notDrawn.toLocaleString('en-US')} is neither`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
