import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkerSession } from '../../../src/worker/session';
import type { FromWorker } from '../../../src/protocol/worker';
import type { FitSettingsDto } from '../../../src/protocol/model';
import { arrowOf, bytesRequest, csvOf, fixtureData, parquetOf } from '../data/columnarFiles';

const data = fixtureData();

function session() {
  const posted: FromWorker[] = [];
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const s = new WorkerSession({ cancelFlag, threads: 1, distDir: path.resolve(__dirname, '../../../../dist'), post: (m) => posted.push(m) });
  return { s, posted };
}

const settings = (over: Partial<FitSettingsDto> = {}): FitSettingsDto => ({
  columns: ['i32', 'f64'], categorical: [], counts: [], components: { min: 2, max: 2 }, models: ['VVV'], standardize: false, nInit: 3, seed: 0,
  maxIter: 200, tol: 1e-6, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 100, ...over,
});

/** Loads the bytes, fits, exports labelled CSV and JSON; returns the result and the exports. */
async function fitAndExport(fileName: string, bytes: Uint8Array, fit: FitSettingsDto) {
  const { s, posted } = session();
  await s.handle({ type: 'load', jobId: 1, request: bytesRequest(fileName, bytes) });
  const loaded = posted.find((m) => m.type === 'loaded');
  assert.ok(loaded && loaded.type === 'loaded', JSON.stringify(posted[posted.length - 1]));
  await s.handle({ type: 'fit', jobId: 2, settings: fit });
  const result = posted[posted.length - 1];
  assert.ok(result.type === 'result', JSON.stringify(result));
  await s.handle({ type: 'export', jobId: 3, kind: 'labels-csv', csvFormulaGuard: true });
  const csv = posted[posted.length - 1];
  await s.handle({ type: 'export', jobId: 4, kind: 'labels-json', csvFormulaGuard: true });
  const json = posted[posted.length - 1];
  assert.ok(csv.type === 'exported' && json.type === 'exported');
  // Fitting again after an export (which decodes every column, then lets the unfitted ones go) gives the same.
  await s.handle({ type: 'fit', jobId: 5, settings: fit });
  const again = posted[posted.length - 1];
  assert.ok(again.type === 'result');
  assert.equal(again.result.logLikelihood, result.result.logLikelihood);
  return { dataset: loaded.dataset, result: result.result, csv: csv.text, json: json.text };
}

describe('WorkerSession with columnar files', () => {
  const csvBytes = new TextEncoder().encode(csvOf(data));
  for (const fit of [settings(), settings({ columns: ['f32', 'f64', 'cat', 'b'], models: ['VVI'] })]) {
    const what = fit.columns.join(', ');
    it(`fits and exports a Parquet file exactly as the same data as CSV (${what})`, async () => {
      const reference = await fitAndExport('data.csv', csvBytes, fit);
      const parquet = await fitAndExport('data.parquet', parquetOf(data, { rowGroupSize: 16 }), fit);
      assert.equal(parquet.dataset.format, 'parquet');
      assert.deepEqual(parquet.dataset.columns, reference.dataset.columns);
      assert.equal(parquet.result.logLikelihood, reference.result.logLikelihood);
      assert.deepEqual(parquet.result.params, reference.result.params);
      assert.deepEqual(parquet.result.counts, reference.result.counts);
      assert.equal(parquet.csv, reference.csv);
      assert.equal(parquet.json, reference.json);
    });
  }

  it('fits an Arrow file exactly as the same data as CSV', async () => {
    const reference = await fitAndExport('data.csv', csvBytes, settings());
    const arrow = await fitAndExport('data.arrow', arrowOf(data, 'file', 25), settings());
    assert.equal(arrow.dataset.format, 'arrow');
    assert.equal(arrow.result.logLikelihood, reference.result.logLikelihood);
    assert.equal(arrow.csv, reference.csv);
  });

  it('reports a damaged Parquet file as an error message naming the file', async () => {
    const { s, posted } = session();
    const bytes = parquetOf(data);
    await s.handle({ type: 'load', jobId: 1, request: bytesRequest('cut.parquet', bytes.subarray(0, bytes.length - 30)) });
    const last = posted[posted.length - 1];
    assert.ok(last.type === 'error');
    assert.equal(last.error.code, 'corrupt');
    assert.match(last.error.message, /^cut\.parquet: the Parquet file is damaged or incomplete/);
  });
});
