import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { createRng } from '../../../src/core/numeric/rng';
import type { GaussianParams } from '../../../src/core';
import { readTable, type Table } from '../../../src/data';
import { ColumnarTable } from '../../../src/data/columnar';
import type { FitSettingsDto } from '../../../src/protocol/model';
import type { FromWorker, LoadRequest } from '../../../src/protocol/worker';
import { exportText } from '../../../src/worker/exportText';
import { readSource } from '../../../src/worker/readSource';
import { runFit, type RunFitHooks } from '../../../src/worker/runFit';
import { WorkerSession } from '../../../src/worker/session';
import type { PassProgress } from '../../../src/worker/stream/fileRows';
import { writeRowGroupLabels } from '../../../src/worker/stream/labelledExport';
import { rowGroupBytes, runRowGroupFit } from '../../../src/worker/stream/streamFit';

let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-rowgroups-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const KiB = 1024;
const N = 12_000;

/**
 * 12,000 rows of three clusters as Parquet, in row groups of 2,500 rows (the last one shorter): x and y doubles, z a
 * double with nulls and an infinity, w a float, note a text column with a line break and a formula-like cell.
 */
function writeParquet(file: string, codec = 'SNAPPY'): string {
  const rng = createRng(23, 5);
  const x: number[] = [], y: number[] = [], z: (number | null)[] = [], w: number[] = [], note: string[] = [];
  for (let i = 0; i < N; i++) {
    const c = i % 3;
    x.push(c * 4 + rng.normal());
    y.push(-c * 3 + rng.normal() * (1 + c / 2));
    z.push(i === 5 ? Infinity : rng.next() < 0.03 ? null : c * 2 + rng.normal() * 0.7);
    w.push(Math.fround(rng.normal() + c));
    note.push(i % 1000 === 7 ? 'two\nlines, "quoted"' : i % 1000 === 9 ? '=HYPERLINK("x")' : `n${i % 5}`);
  }
  const bytes = parquetWriteBuffer({
    columnData: [
      { name: 'x', data: x, type: 'DOUBLE' }, { name: 'y', data: y, type: 'DOUBLE' }, { name: 'z', data: z, type: 'DOUBLE' },
      { name: 'w', data: w, type: 'FLOAT' }, { name: 'note', data: note, type: 'STRING' },
    ],
    codec, rowGroupSize: 2500,
  } as Parameters<typeof parquetWriteBuffer>[0]);
  fs.writeFileSync(file, new Uint8Array(bytes));
  return file;
}

function request(file: string, budget: number): LoadRequest {
  return { fileName: path.basename(file), uri: `file://${file}`, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, memoryBudgetBytes: budget };
}

const settings: FitSettingsDto = {
  columns: ['x', 'y', 'z', 'w'], categorical: [], counts: [], components: { min: 3, max: 3 }, models: ['VVV'], standardize: false, nInit: 4,
  seed: 1, maxIter: 200, tol: 1e-4, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 1000,
};

function hooks(passes: PassProgress[] = [], cancelAt = Infinity): RunFitHooks & { onPass(p: PassProgress): void } {
  return { isCancelled: () => passes.length >= cancelAt, onProgress: () => undefined, executorFor: () => undefined, forDisplay: false, onPass: (p) => passes.push(p) };
}

async function load(file: string): Promise<ColumnarTable> {
  const { table } = await readSource(request(file, 64 * KiB), { onProgress: () => undefined });
  assert.ok(table instanceof ColumnarTable);
  return table;
}

/** The in-memory fit: the fitted columns decoded whole. */
async function inMemory(file: string, s: FitSettingsDto = settings) {
  const table = await load(file);
  await table.prepare(s.columns.map((name) => table.columns.findIndex((c) => c.name === name)));
  return { table, outcome: runFit(table, path.basename(file), s, hooks()) };
}

describe('a Parquet file whose fitted columns are larger than the memory budget, read by row groups', () => {
  it('is read by row groups only above the budget (8 bytes a fitted cell decoded)', async () => {
    const file = writeParquet(path.join(dir, 'budget.parquet'));
    const table = await load(file);
    assert.deepEqual(table.rowGroups, [2500, 2500, 2500, 2500, 2000]);
    assert.equal(rowGroupBytes(table, settings, 8 * N * 4), undefined);
    assert.equal(rowGroupBytes(table, settings, 8 * N * 4 - 1), 8 * N * 4);
    assert.equal(rowGroupBytes(table, { ...settings, columns: ['x'] }, 8 * N * 4 - 1), undefined);
    assert.equal(rowGroupBytes(table, settings, undefined), undefined);
  });

  for (const codec of ['SNAPPY', 'UNCOMPRESSED']) {
    it(`${codec}: reads the fitted columns a row group at a time and gets the in-memory fit to 1e-9`, async () => {
      const file = writeParquet(path.join(dir, `fit-${codec}.parquet`), codec);
      const table = await load(file);
      const passes: PassProgress[] = [];
      const s = runRowGroupFit(table, 'fit.parquet', fs.statSync(file).size, 64 * KiB, settings, hooks(passes));
      const { outcome: m } = await inMemory(file);
      assert.ok(s.dto.streamed, 'the result says the file was read in passes');
      assert.equal(s.dto.streamed.decodedBytes, 8 * N * 4);
      assert.equal(s.dto.streamed.sizeBytes, fs.statSync(file).size);
      assert.deepEqual(s.dto.streamed.passes.slice(0, 2).map((p) => p.purpose), ['count', 'sample']);
      assert.ok(s.dto.streamed.passes.filter((p) => p.purpose === 'em').length >= 2);
      assert.equal(s.dto.streamed.passes.length, passes.at(-1)?.pass);
      assert.ok(passes.every((p) => p.bytesRead <= p.totalBytes && p.totalBytes > 0));
      assert.equal(s.dto.nRowsUsed, m.dto.nRowsUsed);
      assert.equal(s.dto.iterations, m.dto.iterations);
      assert.ok(Math.abs(s.dto.logLikelihood - m.dto.logLikelihood) <= 1e-9 * Math.abs(m.dto.logLikelihood), `${s.dto.logLikelihood} vs ${m.dto.logLikelihood}`);
      const close = (a: number[], b: number[], what: string) => a.forEach((v, j) => assert.ok(Math.abs(v - b[j]) <= 1e-9 * Math.max(1, Math.abs(b[j])), `${what}[${j}]: ${v} vs ${b[j]}`));
      close(s.dto.params.weights, m.dto.params.weights, 'weights');
      const means = (p: typeof s.dto.params) => (p as unknown as { means: number[][] }).means.flat();
      close(means(s.dto.params), means(m.dto.params), 'means');
      assert.deepEqual(s.dto.counts, m.dto.counts);
      // Points drawn are rows of the file, each with its row number (counted from 1) as its line.
      assert.ok(s.dto.sample.rowIndex.length > 0 && s.dto.sample.rowIndex.every((r) => r >= 0 && r < N));
      s.sampleLines!.rows.forEach((row, j) => assert.equal(s.sampleLines!.lines[j], row + 1));
      // Nothing of the fitted columns was decoded into the table.
      assert.throws(() => table.numericValues(0), /before it was prepared/);
    });
  }

  it('writes the labelled CSV as it reads the row groups: the in-memory export\'s rows and columns', async () => {
    const file = writeParquet(path.join(dir, 'export.parquet'));
    const table = await load(file);
    const s = runRowGroupFit(table, 'export.parquet', fs.statSync(file).size, 64 * KiB, settings, hooks());
    const mem = await inMemory(file);
    await mem.table.prepare(mem.table.columns.map((_, k) => k));
    const expected = exportText(mem.table, mem.outcome, 'labels-csv', { csvFormulaGuard: true });
    const out = path.join(dir, 'export.clusters.csv');
    const passes: PassProgress[] = [];
    const options = {
      params: s.fit.params as GaussianParams, missing: 'em' as const, fields: s.numeric.columns, missingColumns: s.numeric.missingColumns ?? [], csvFormulaGuard: true,
      isCancelled: () => false, onProgress: (p: PassProgress) => passes.push(p),
    };
    assert.equal(writeRowGroupLabels(table, out, options), N);
    assert.deepEqual(s.numeric.missingColumns, [2]);
    assert.equal(passes.length, 5);
    assert.ok(passes.every((p) => p.purpose === 'label' && p.bytesRead <= p.totalBytes));
    const read = (text: string): Table => readTable(new TextEncoder().encode(text), { fileName: 'x.csv', format: 'csv', maxBytes: 2 ** 30 });
    const want = read(expected), got = read(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(got.columns.map((c) => c.name), want.columns.map((c) => c.name));
    assert.deepEqual(want.columns.map((c) => c.name).slice(5), ['cluster', 'p_1', 'p_2', 'p_3', 'uncertainty', 'z_imputed']);
    assert.equal(got.nRows, N);
    for (let r = 0; r < N; r++) {
      for (let c = 0; c < want.columns.length; c++) {
        const a = got.cell(r, c), b = want.cell(r, c);
        if (c < 5 || a === null || b === null) assert.equal(a, b, `row ${r}, ${want.columns[c].name}`);
        else assert.ok(Math.abs(Number(a) - Number(b)) <= 1e-6, `row ${r}, ${want.columns[c].name}: ${a} vs ${b}`);
      }
    }
    assert.equal(got.cell(5, 2), 'Infinity');
    assert.match(fs.readFileSync(out, 'utf8'), /"'=HYPERLINK\(""x""\)"/);
    assert.throws(() => writeRowGroupLabels(table, out, options), (e: { code?: string }) => e.code === 'EEXIST');
    const cancelled = path.join(dir, 'cancelled.clusters.csv');
    assert.throws(() => writeRowGroupLabels(table, cancelled, { ...options, isCancelled: () => true }), (e: { code?: string }) => e.code === 'cancelled');
    assert.equal(fs.existsSync(cancelled), false);
  });

  it('refuses categorical columns with a message that says what to do', async () => {
    const file = writeParquet(path.join(dir, 'mixed.parquet'));
    const table = await load(file);
    assert.throws(() => runRowGroupFit(table, 'mixed.parquet', 1, 64 * KiB, { ...settings, columns: ['x', 'note'], categorical: ['note'] }, hooks()),
      (e: { code?: string; message: string }) => e.code === 'streamed-mixed' && /mixed\.parquet: the fitted columns take 1 MB decoded, more than the memory budget \(1 MB\).*numeric columns only.*emExplorer\.memoryBudgetMB/s.test(e.message));
  });

  it('stops within a pass when cancelled, and with a clear message when the file changes between passes', async () => {
    const file = writeParquet(path.join(dir, 'cancel.parquet'));
    const table = await load(file);
    const passes: PassProgress[] = [];
    assert.throws(() => runRowGroupFit(table, 'cancel.parquet', 1, 64 * KiB, settings, hooks(passes, 3)), (e: { code?: string }) => e.code === 'cancelled');
    assert.equal(passes.length, 3, 'it stopped at the next column chunk');
    fs.appendFileSync(file, 'x');
    assert.throws(() => runRowGroupFit(table, 'cancel.parquet', 1, 64 * KiB, settings, hooks()),
      (e: { code?: string; message: string }) => e.code === 'changed' && e.message.includes('cancel.parquet'));
  });

  it('through the worker session: the result says so, the rows views are refused, a row\'s line is its number, and the labelled export is written', async () => {
    const file = writeParquet(path.join(dir, 'session.parquet'));
    const posted: FromWorker[] = [];
    const s = new WorkerSession({ cancelFlag: new Int32Array(new SharedArrayBuffer(4)), threads: 1, distDir: path.resolve(__dirname, '../../../../dist'), post: (m) => posted.push(m) });
    await s.handle({ type: 'load', jobId: 1, request: request(file, 64 * KiB) });
    assert.equal(posted.at(-1)?.type, 'loaded', JSON.stringify(posted.at(-1)));
    await s.handle({ type: 'fit', jobId: 2, settings });
    const result = posted.at(-1);
    assert.ok(result?.type === 'result', JSON.stringify(result));
    assert.equal(result.result.streamed?.decodedBytes, 8 * N * 4);
    assert.ok(posted.some((m) => m.type === 'progress' && m.progress.phase === 'streaming'));
    await s.handle({ type: 'rows', jobId: 3, request: { offset: 0, limit: 10 } } as never);
    const rows = posted.at(-1);
    assert.ok(rows?.type === 'error' && rows.error.code === 'streamed-rows', JSON.stringify(rows));
    await s.handle({ type: 'rowLine', jobId: 4, row: 11_999 });
    assert.deepEqual(posted.at(-1), { type: 'rowLine', jobId: 4, line: 12_000 });
    const out = path.join(dir, 'session.clusters.csv');
    await s.handle({ type: 'exportStreamed', jobId: 5, path: out, csvFormulaGuard: true });
    assert.deepEqual(posted.at(-1), { type: 'exportedFile', jobId: 5, rows: N });
    assert.equal(fs.readFileSync(out, 'utf8').split('\n')[0], 'x,y,z,w,note,cluster,p_1,p_2,p_3,uncertainty,z_imputed');
    // Within the budget, the same file is decoded and fitted in memory.
    await s.handle({ type: 'load', jobId: 6, request: request(file, 2 ** 30) });
    await s.handle({ type: 'fit', jobId: 7, settings });
    const inMem = posted.at(-1);
    assert.ok(inMem?.type === 'result' && inMem.result.streamed === undefined);
    assert.ok(Math.abs(inMem.result.logLikelihood - result.result.logLikelihood) <= 1e-9 * Math.abs(inMem.result.logLikelihood));
  });
});
