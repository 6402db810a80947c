import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRng } from '../../../src/core/numeric/rng';
import type { FitSettingsDto } from '../../../src/protocol/model';
import type { LoadRequest } from '../../../src/protocol/worker';
import { readSource } from '../../../src/worker/readSource';
import { runFit, type RunFitHooks } from '../../../src/worker/runFit';
import { openStreamedFile } from '../../../src/worker/stream/streamedFile';
import { runStreamedFit } from '../../../src/worker/stream/streamFit';
import type { PassProgress } from '../../../src/worker/stream/fileRows';

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
    return { x: c * 4 + rng.normal(), y: -c * 3 + rng.normal() * (1 + c / 2), z, note: i % 1000 === 7 ? 'two\nlines, "quoted"' : `n${i % 5}` };
  });
}

function writeCsv(file: string): string {
  const lines = ['x,y,z,note'];
  for (const r of rows()) lines.push(`${r.x.toFixed(6)},${r.y.toFixed(6)},${r.z === null ? (r.x > 4 ? 'NA' : '') : r.z.toFixed(6)},"${r.note.replace(/"/g, '""')}"`);
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
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

describe('streamed fit of a file larger than the memory budget', () => {
  for (const [format, write] of [['CSV', writeCsv], ['JSON Lines', writeJsonl]] as const) {
    it(`${format}: reads the file in passes and gets the in-memory fit to 1e-9`, async () => {
      const file = write(path.join(dir, format === 'CSV' ? 'data.csv' : 'data.jsonl'));
      const streamed = openStreamedFile(request(file, 64 * KiB));
      assert.ok(streamed, 'the file is over the budget, so it is streamed');
      assert.ok(streamed.head.notices.some((n) => n.code === 'streamed'));
      const passes: PassProgress[] = [];
      const s = runStreamedFit(streamed, settings, hooks(passes));
      const m = await inMemory(file);
      assert.ok(s.dto.streamed, 'the result says it was streamed');
      assert.deepEqual(s.dto.streamed.passes.slice(0, 2).map((p) => p.purpose), ['count', 'sample']);
      assert.equal(s.dto.streamed.passes.length, passes.at(-1)?.pass);
      assert.ok(passes.every((p) => p.bytesRead <= p.totalBytes && p.totalBytes === fs.statSync(file).size));
      assert.equal(s.dto.nRowsUsed, m.dto.nRowsUsed);
      assert.equal(s.dto.iterations, m.dto.iterations);
      assert.ok(Math.abs(s.dto.logLikelihood - m.dto.logLikelihood) <= 1e-9 * Math.abs(m.dto.logLikelihood));
      const close = (a: number[], b: number[], what: string) => a.forEach((v, j) => assert.ok(Math.abs(v - b[j]) <= 1e-9 * Math.max(1, Math.abs(b[j])), `${what}[${j}]: ${v} vs ${b[j]}`));
      close(s.dto.params.weights, m.dto.params.weights, 'weights');
      const means = (p: typeof s.dto.params) => (p as unknown as { means: number[][] }).means.flat();
      close(means(s.dto.params), means(m.dto.params), 'means');
      assert.deepEqual(s.dto.counts, m.dto.counts);
      assert.equal(s.dto.sample.total, m.dto.nRowsUsed);
      assert.ok(s.dto.sample.rowIndex.length <= settings.maxPoints && s.dto.sample.rowIndex.every((r) => r >= 0 && r < 12_000));
    });
  }

  it('is not used for a file within the budget, nor for a gzip file', () => {
    const file = writeCsv(path.join(dir, 'small.csv'));
    assert.equal(openStreamedFile(request(file, 2 ** 30)), undefined);
    assert.equal(openStreamedFile({ ...request(file, 1), memoryBudgetBytes: undefined }), undefined);
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
