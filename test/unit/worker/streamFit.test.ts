import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng } from '../../../src/core/numeric/rng';
import type { FitResultDto, FitSettingsDto, GaussianParamsDto } from '../../../src/protocol/model';
import { covarianceMatrices } from '../../../src/worker/modelSummary';
import { assertClose } from '../core/helpers';
import type { LoadRequest } from '../../../src/protocol/worker';
import { readSource } from '../../../src/worker/readSource';
import { runFit, type RunFitHooks } from '../../../src/worker/runFit';
import { openStreamedFile } from '../../../src/worker/stream/streamedFile';
import { runStreamedFit } from '../../../src/worker/stream/streamFit';
import type { PassProgress } from '../../../src/worker/stream/fileRows';
import { writeStreamedLabels } from '../../../src/worker/stream/labelledExport';
import { exportText } from '../../../src/worker/exportText';
import { readTable, type Table } from '../../../src/data';
import type { GaussianParams } from '../../../src/core';
import { arrowOf, fixtureData, parquetOf } from '../data/columnarFiles';

let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-stream-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const KiB = 1024;

function request(file: string, budget: number): LoadRequest {
  return { fileName: path.basename(file), uri: `file://${file}`, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, memoryBudgetBytes: budget };
}

/** 12,000 rows of three clusters: x, y, z (some cells empty, some "NA"), a quoted text column with a line break. */
function rows(): { x: number; y: number; z: number | null; note: string }[] {
  const rng = createRng(17, 3);
  return Array.from({ length: 12_000 }, (_, i) => {
    const c = i % 3;
    const z = rng.next() < 0.03 ? null : c * 2 + rng.normal() * 0.7;
    return { x: c * 4 + rng.normal(), y: -c * 3 + rng.normal() * (1 + c / 2), z, note: i % 1000 === 7 ? 'two\nlines, "quoted"' : i % 1000 === 9 ? '=HYPERLINK("x")' : `n${i % 5}` };
  });
}

function writeCsv(file: string): string {
  const lines = ['x,y,z,note'];
  for (const r of rows()) lines.push(`${r.x.toFixed(6)},${r.y.toFixed(6)},${r.z === null ? (r.x > 4 ? 'NA' : '') : r.z.toFixed(6)},"${r.note.replace(/"/g, '""')}"`);
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

/** The same rows tab-separated with decimal commas, as a spreadsheet in such a locale writes them. */
function writeTsvComma(file: string): string {
  const n = (v: number) => v.toFixed(6).replace('.', ',');
  const lines = ['x\ty\tz\tnote'];
  for (const r of rows()) lines.push(`${n(r.x)}\t${n(r.y)}\t${r.z === null ? '' : n(r.z)}\t"${r.note.replace(/"/g, '""')}"`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function writeJsonl(file: string): string {
  fs.writeFileSync(file, rows().map((r) => JSON.stringify({ note: r.note, x: r.x, y: r.y, ...(r.z === null ? {} : { z: r.z }) })).join('\n') + '\n');
  return file;
}

const settings: FitSettingsDto = {
  columns: ['x', 'y', 'z'], categorical: [], counts: [], components: { min: 3, max: 3 }, models: ['VVV'], standardize: false, nInit: 4,
  seed: 1, maxIter: 200, tol: 1e-4, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 1000,
};

function hooks(passes: PassProgress[] = [], cancelAt = Infinity): RunFitHooks & { onPass(p: PassProgress): void } {
  return {
    isCancelled: () => passes.length >= cancelAt,
    onProgress: () => undefined,
    executorFor: () => undefined,
    forDisplay: false,
    onPass: (p) => passes.push(p),
  };
}

async function inMemory(file: string, s: FitSettingsDto = settings) {
  const { table } = await readSource(request(file, 2 ** 40), { onProgress: () => undefined });
  return runFit(table, path.basename(file), s, hooks());
}

/**
 * The streamed fit is the in-memory one to 1e-9 (relative, and absolute near zero, as the core's streamed tests
 * compare): log-likelihood, weights, means and every covariance entry, each failure naming the entry and both values.
 */
function assertSameFit(streamed: FitResultDto, inMemory: FitResultDto): void {
  assertClose(streamed.logLikelihood, inMemory.logLikelihood, { rtol: 1e-9 }, 'log-likelihood (streamed vs in memory)');
  const s = gaussian(streamed), m = gaussian(inMemory);
  assert.equal(s.model, m.model);
  assertClose(s.weights, m.weights, { rtol: 1e-9, atol: 1e-12 }, 'weights (streamed vs in memory)');
  assertClose(s.means.flat(), m.means.flat(), { rtol: 1e-9, atol: 1e-9 }, 'means (streamed vs in memory)');
  assertClose(covarianceMatrices(s).flat(2), covarianceMatrices(m).flat(2), { rtol: 1e-9, atol: 1e-9 }, 'covariances (streamed vs in memory)');
}

function gaussian(dto: FitResultDto): GaussianParamsDto {
  assert.equal(dto.params.kind, 'gaussian');
  return dto.params as GaussianParamsDto;
}

describe('streamed fit of a file larger than the memory budget', () => {
  for (const [format, write, name] of [['CSV', writeCsv, 'data.csv'], ['JSON Lines', writeJsonl, 'data.jsonl'], ['TSV with decimal commas', writeTsvComma, 'data.tsv']] as const) {
    it(`${format}: reads the file in passes and gets the in-memory fit to 1e-9`, async () => {
      const file = write(path.join(dir, name));
      const streamed = openStreamedFile(request(file, 64 * KiB));
      assert.ok(streamed, 'the file is over the budget, so it is streamed');
      assert.ok(streamed.head.notices.some((n) => n.code === 'streamed'));
      // The head says how it was read, as the whole-file reader does ("Export as code" reads it back from there).
      const { table } = await readSource(request(file, 2 ** 40), { onProgress: () => undefined });
      assert.deepEqual(streamed.head.notices.filter((n) => n.code === 'delimiter'), table.notices.filter((n) => n.code === 'delimiter'));
      const passes: PassProgress[] = [];
      const s = runStreamedFit(streamed, settings, hooks(passes));
      const m = await inMemory(file);
      assert.ok(s.dto.streamed, 'the result says it was streamed');
      assert.deepEqual(s.dto.streamed.passes.slice(0, 2).map((p) => p.purpose), ['count', 'sample']);
      assert.equal(s.dto.streamed.passes.length, passes.at(-1)?.pass);
      assert.ok(passes.every((p) => p.bytesRead <= p.totalBytes && p.totalBytes === fs.statSync(file).size));
      assert.equal(s.dto.nRowsUsed, m.dto.nRowsUsed);
      assert.equal(s.dto.iterations, m.dto.iterations);
      assertSameFit(s.dto, m.dto);
      assert.deepEqual(s.dto.counts, m.dto.counts);
      assert.equal(s.dto.sample.total, m.dto.nRowsUsed);
      assert.ok(s.dto.sample.rowIndex.length <= settings.maxPoints && s.dto.sample.rowIndex.every((r) => r >= 0 && r < 12_000));
    });
  }

  it('writes the labelled CSV of a streamed fit as it reads the file: the in-memory export\'s rows and columns', async () => {
    const file = writeCsv(path.join(dir, 'export.csv'));
    const streamed = openStreamedFile(request(file, 64 * KiB));
    assert.ok(streamed);
    const s = runStreamedFit(streamed, settings, hooks());
    const { table } = await readSource(request(file, 2 ** 40), { onProgress: () => undefined });
    const expected = exportText(table, runFit(table, 'export.csv', settings, hooks()), 'labels-csv', { csvFormulaGuard: true });
    const out = path.join(dir, 'export.clusters.csv');
    const passes: PassProgress[] = [];
    const options = {
      params: s.fit.params as GaussianParams, missing: 'em' as const, fields: s.numeric.columns, missingColumns: s.numeric.missingColumns ?? [], csvFormulaGuard: true,
      isCancelled: () => false, onProgress: (p: PassProgress) => passes.push(p),
    };
    assert.equal(writeStreamedLabels(streamed, out, options), 12_000);
    // One pass over the file: the fit already knows which columns have missing cells (z).
    assert.deepEqual(s.numeric.missingColumns, [2]);
    assert.deepEqual([...new Set(passes.map((p) => `${p.pass} ${p.purpose}`))], ['1 label']);
    const read = (text: string): Table => readTable(new TextEncoder().encode(text), { fileName: 'x.csv', format: 'csv', maxBytes: 2 ** 30 });
    const want = read(expected), got = read(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(got.columns.map((c) => c.name), want.columns.map((c) => c.name));
    assert.deepEqual(want.columns.map((c) => c.name).slice(4), ['cluster', 'p_1', 'p_2', 'p_3', 'uncertainty', 'z_imputed']);
    assert.equal(got.nRows, want.nRows);
    for (let r = 0; r < want.nRows; r++) {
      for (let c = 0; c < want.columns.length; c++) {
        const a = got.cell(r, c), b = want.cell(r, c);
        if (c < 4 || a === null || b === null) assert.equal(a, b, `row ${r}, ${want.columns[c].name}`);
        else assert.ok(Math.abs(Number(a) - Number(b)) <= 1e-6, `row ${r}, ${want.columns[c].name}: ${a} vs ${b}`);
      }
    }
    // A formula-like cell is written as text, as in the in-memory export.
    assert.match(fs.readFileSync(out, 'utf8'), /"'=HYPERLINK\(""x""\)"/);
    // Never over an existing file; a cancelled export leaves no file behind.
    assert.throws(() => writeStreamedLabels(streamed, out, options), (e: { code?: string }) => e.code === 'EEXIST');
    assert.ok(fs.statSync(out).size > 0, 'the existing file is left as it was');
    const cancelled = path.join(dir, 'cancelled.clusters.csv');
    // (Cancelled at its first poll, once the file was created.)
    let polls = 0;
    assert.throws(() => writeStreamedLabels(streamed, cancelled, { ...options, isCancelled: () => ++polls > 0 }), (e: { code?: string }) => e.code === 'cancelled');
    assert.equal(polls, 1);
    assert.equal(fs.existsSync(cancelled), false);
  });

  it('reads a headerless TSV with decimal commas as the whole-file reader does: first row as data, in the fit and the labelled export', async () => {
    // The first row "1,5\t…" is a number once decimal commas are known, so it is data (it once became the header).
    const file = path.join(dir, 'headerless.tsv');
    const n = (v: number) => v.toFixed(6).replace('.', ',');
    fs.writeFileSync(file, rows().map((r) => `${n(r.x)}\t${n(r.y)}\t${r.z === null ? '' : n(r.z)}`).join('\n') + '\n');
    const streamed = openStreamedFile(request(file, 64 * KiB));
    assert.ok(streamed, 'the file is over the budget, so it is streamed');
    const { table } = await readSource(request(file, 2 ** 40), { onProgress: () => undefined });
    for (const t of [streamed.head, table]) {
      assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [['column1', 'numeric'], ['column2', 'numeric'], ['column3', 'numeric']]);
      assert.equal(t.lineNumbers[0], 1, 'the first line is a row');
      assert.deepEqual(t.notices.filter((c) => c.code !== 'streamed').map((c) => c.code), ['delimiter', 'no-header']);
    }
    assert.equal(streamed.decimalComma, true);
    assert.equal(table.nRows, 12_000);
    const headerless = { ...settings, columns: ['column1', 'column2', 'column3'] };
    const s = runStreamedFit(streamed, headerless, hooks());
    const m = runFit(table, 'headerless.tsv', headerless, hooks());
    assert.equal(s.dto.nRowsUsed, 12_000);
    assert.equal(s.dto.nRowsUsed, m.dto.nRowsUsed);
    assertSameFit(s.dto, m.dto);
    // The streamed labelled export takes the first row as data too (its own header rule, with decimal commas).
    const out = path.join(dir, 'headerless.clusters.csv');
    const written = writeStreamedLabels(streamed, out, {
      params: s.fit.params as GaussianParams, missing: 'em', fields: s.numeric.columns, missingColumns: s.numeric.missingColumns ?? [],
      csvFormulaGuard: true, isCancelled: () => false, onProgress: () => undefined,
    });
    assert.equal(written, 12_000);
    const lines = fs.readFileSync(out, 'utf8').split('\n');
    assert.match(lines[0], /^column1,column2,column3,cluster,p_1,p_2,p_3,uncertainty/);
    assert.ok(lines[1].startsWith(`"${n(rows()[0].x)}","${n(rows()[0].y)}",`), lines[1]);
  });

  it('with few rows, fitted in memory: still says it was streamed, and each point drawn has its line in the file', () => {
    // 300 long rows (over the budget), too few for a two-stage fit; a blank line after every 50th row.
    const file = path.join(dir, 'few.csv');
    const lines = ['x,y,note'];
    const lineOf: number[] = [];
    for (let i = 0; i < 300; i++) {
      lines.push(`${(i % 2) * 10 + (i % 7) / 7},${i},${'p'.repeat(300)}`);
      lineOf.push(lines.length);
      if (i % 50 === 49) lines.push('');
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const streamed = openStreamedFile(request(file, 64 * KiB));
    assert.ok(streamed);
    const s = runStreamedFit(streamed, { ...settings, columns: ['x', 'y'], components: { min: 2, max: 2 } }, hooks());
    assert.ok(s.dto.streamed, 'the result says the file was streamed (its rows are not held)');
    assert.equal(s.dto.sample.rowIndex.length, 300, 'every row is drawn');
    s.dto.sample.rowIndex.forEach((row, j) => {
      assert.equal(s.dto.sample.line[j], lineOf[row], `row ${row}'s line`);
      assert.equal(s.dto.sample.values[j][1], row);
    });
  });

  it('is not used for a file within the budget, nor for a gzip file', () => {
    const file = writeCsv(path.join(dir, 'small.csv'));
    assert.equal(openStreamedFile(request(file, 2 ** 30)), undefined);
    assert.equal(openStreamedFile({ ...request(file, 1), memoryBudgetBytes: undefined }), undefined);
  });

  it('streams a file within the budget whose table would not be: short cells take several times their bytes as numbers', () => {
    const short = path.join(dir, 'short.csv'), long = path.join(dir, 'long.csv');
    const n = 50_000;
    fs.writeFileSync(short, 'a,b\n' + Array.from({ length: n }, (_, i) => `${i % 7},${i % 3}`).join('\n') + '\n');
    fs.writeFileSync(long, 'a,b\n' + Array.from({ length: n }, (_, i) => `${(i % 7) + 0.123456},${(i % 3) + 0.654321}`).join('\n') + '\n');
    // 4 bytes a row hold 16 bytes of table; 18 bytes a row hold 16.
    const budget = 2 * fs.statSync(short).size;
    const streamed = openStreamedFile(request(short, budget));
    assert.ok(streamed, 'the short cells\' table (16 bytes a row) is over twice the file (4 bytes a row)');
    const note = streamed.head.notices.find((n) => n.code === 'streamed');
    assert.match(note?.message ?? '', /^short\.csv \(0 MB; about 1 MB as a table in memory\) is larger than the memory budget \(0 MB\)/);
    assert.equal(openStreamedFile(request(long, Math.ceil(1.2 * fs.statSync(long).size))), undefined, 'the long cells\' table is smaller than the file');
    assert.equal(openStreamedFile(request(short, 4.5 * fs.statSync(short).size)), undefined);
  });

  it('leaves Parquet and Arrow files over the budget to the columnar reader (it once took them for CSV to stream: "binary")', () => {
    const parquet = path.join(dir, 'big.parquet'), arrow = path.join(dir, 'big.arrow'), noName = path.join(dir, 'big.bin');
    fs.writeFileSync(parquet, parquetOf(fixtureData()));
    fs.writeFileSync(arrow, arrowOf(fixtureData()));
    fs.copyFileSync(parquet, noName);
    for (const f of [parquet, arrow, noName]) assert.equal(openStreamedFile(request(f, KiB)), undefined, f);
  });

  it('refuses categorical columns with a message that says what to do', () => {
    const file = writeCsv(path.join(dir, 'mixed.csv'));
    const streamed = openStreamedFile(request(file, 64 * KiB));
    assert.ok(streamed);
    assert.throws(() => runStreamedFit(streamed, { ...settings, columns: ['x', 'note'] }, hooks()), /streamed.*numeric columns only.*emExplorer\.memoryBudgetMB/s);
  });

  it('stops within a pass when cancelled', () => {
    const file = writeCsv(path.join(dir, 'cancel.csv'));
    const streamed = openStreamedFile(request(file, 64 * KiB));
    assert.ok(streamed);
    const passes: PassProgress[] = [];
    assert.throws(() => runStreamedFit(streamed, settings, hooks(passes, 3)), (e: { code?: string }) => e.code === 'cancelled');
    assert.equal(passes.length, 3);
  });

  it('fails with a clear message when the file changes between passes', () => {
    const file = writeCsv(path.join(dir, 'changing.csv'));
    const streamed = openStreamedFile(request(file, 64 * KiB));
    assert.ok(streamed);
    fs.appendFileSync(file, '1,2,3,"x"\n');
    assert.throws(() => runStreamedFit(streamed, settings, hooks()), (e: { code?: string; message: string }) => e.code === 'changed' && e.message.includes('changing.csv'));
  });
});
