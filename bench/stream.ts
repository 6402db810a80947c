/**
 * A fit of a CSV larger than memory, streamed (issue 13): peak RSS and seconds per pass over the file, on the CLI's
 * path (openStreamedFile → runStreamedFit, memory budget 1024 MB). The CSV (8 columns of three clusters, values like
 * -12.3456) is generated into the temp folder as one ~100 MB block written again until the size is reached, and
 * deleted afterwards (BENCH_KEEP=1 keeps it). Goal: peak RSS under 1.5 GB for a 5 GB CSV.
 *
 *   npm run bench [-- --quick]        BENCH_STREAM_GB (default 5; --quick 0.5) sets the size
 *
 * Peak memory does not depend on the number of iterations (every pass reuses its buffers), so the fit runs one start
 * (K = 2, full) of at most 5 iterations: two passes to count and sample, then one per EM iteration.
 *
 * Then the same rows as Parquet (8 doubles, snappy, row groups of 1,048,576 rows, pyarrow's default), whose fitted
 * columns decoded exceed the budget, so the fit reads it one row group at a time: the same figures, and the time
 * to open it (every column read once for the column list's statistics). BENCH_STREAM_PARQUET=0 skips it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FitSettingsDto } from '../src/protocol/model';
import { openStreamedFile } from '../src/worker/stream/streamedFile';
import { runRowGroupFit, runStreamedFit } from '../src/worker/stream/streamFit';
import { writeRowGroupLabels, writeStreamedLabels, type StreamedExportOptions } from '../src/worker/stream/labelledExport';
import type { FitOutcome } from '../src/worker/fitHooks';
import { ColumnarTable } from '../src/data/columnar';
import { readSource } from '../src/worker/readSource';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { GaussianParams } from '../src/core';
import { rng, peakMb } from './lib/common';

const QUICK = process.argv.includes('--quick');
const GB = Number(process.env.BENCH_STREAM_GB ?? (QUICK ? 0.5 : 5));
/** The default memory budget (1024 MB), or half the file for a smaller one (--quick). */
const BUDGET = Math.min(1024 * 2 ** 20, Math.floor((GB * 1e9) / 2));
const GOAL_MB = 1536;

interface Measured {
  /** Parquet only: seconds to open the file (its footer, and every column once for its statistics). */
  openSeconds?: number;
  fileBytes: number; rows: number; peakMb: number; passes: { purpose: string; seconds: number }[]; seconds: number; logLikelihood: number;
  /** The labelled export written as the file is read again: seconds, bytes written, peak RSS after it. */
  export: { seconds: number; bytes: number; peakMb: number };
}

function generate(file: string, bytes: number): void {
  const cols = 8, r = rng(5);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 100e6; i++) {
    const c = i % 3;
    const cells: string[] = [];
    for (let j = 0; j < cols; j++) cells.push((c * 4 + (j % 2) * c + (r() + r() + r() - 1.5) * (1 + c / 3)).toFixed(4));
    const line = cells.join(',');
    lines.push(line);
    size += line.length + 1;
  }
  const block = Buffer.from(lines.join('\n') + '\n');
  const fd = fs.openSync(`${file}.part`, 'w');
  fs.writeSync(fd, Array.from({ length: cols }, (_, j) => `x${j + 1}`).join(',') + '\n');
  for (let written = 0; written < bytes; written += block.length) fs.writeSync(fd, block);
  fs.closeSync(fd);
  fs.renameSync(`${file}.part`, file);
}

/** A writer for hyparquet-writer that appends to `file` each megabyte it gathers (its Node `fileWriter`, which the types do not reach). */
function fileSink(file: string): ByteWriter {
  const w = new ByteWriter();
  const fd = fs.openSync(file, 'w');
  const flush = (): void => {
    fs.writeSync(fd, new Uint8Array(w.buffer, 0, w.index));
    w.index = 0;
  };
  const grow = w.ensure.bind(w);
  w.ensure = (size: number): void => {
    if (w.index > 1e6) flush();
    grow(size);
  };
  w.finish = (): void => {
    flush();
    fs.closeSync(fd);
  };
  return w;
}

/** The CSV's rows (the same generator, block after block) as Parquet: 8 doubles, snappy, row groups of 2^20 rows. */
function generateParquet(file: string, csvBytes: number): void {
  const cols = 8, r = rng(5), group = 2 ** 20;
  const rows = Math.round(csvBytes / 58); // the CSV's lines average 58 bytes
  const writer = new ParquetWriter({
    writer: fileSink(`${file}.part`),
    schema: [{ name: 'root', num_children: cols }, ...Array.from({ length: cols }, (_, j) => ({ name: `x${j + 1}`, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const }))],
  });
  for (let first = 0; first < rows; first += group) {
    const n = Math.min(group, rows - first);
    const data = Array.from({ length: cols }, () => new Float64Array(n));
    for (let i = 0; i < n; i++) {
      const c = (first + i) % 3;
      for (let j = 0; j < cols; j++) data[j][i] = Math.round((c * 4 + (j % 2) * c + (r() + r() + r() - 1.5) * (1 + c / 3)) * 1e4) / 1e4;
    }
    writer.write({ columnData: data.map((d, j) => ({ name: `x${j + 1}`, data: d })), rowGroupSize: group });
  }
  writer.finish();
  fs.renameSync(`${file}.part`, file);
}

/** The bench's fit: every column, K = 2 full, one start of at most 5 iterations. */
function benchSettings(columns: string[]): FitSettingsDto {
  return {
    columns, categorical: [], counts: [], components: { min: 2, max: 2 },
    models: ['VVV'], standardize: false, nInit: 1, seed: 0, maxIter: 5, tol: 1e-4, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 20_000,
  };
}

const quietHooks = { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined, forDisplay: false, onPass: () => undefined };

/**
 * Times a fit made in passes (`fit`) and its labelled export (`exportTo`, written to a file beside `file` and
 * removed), with the peak RSS after each, and prints the figures as JSON.
 */
function measureJob(file: string, fileBytes: number, t0: number, openSeconds: number | undefined, fit: () => FitOutcome,
  exportTo: (out: string, options: StreamedExportOptions) => void): void {
  const outcome = fit();
  const { dto } = outcome;
  const fitPeak = peakMb(), seconds = (performance.now() - t0) / 1000 - (openSeconds ?? 0);
  const out = `${file}.clusters.csv`;
  fs.rmSync(out, { force: true });
  const t1 = performance.now();
  try {
    exportTo(out, {
      params: outcome.fit.params as GaussianParams, missing: 'em', fields: outcome.numeric.columns, missingColumns: outcome.numeric.missingColumns ?? [], csvFormulaGuard: true,
      isCancelled: () => false, onProgress: () => undefined,
    });
    const exported = { seconds: (performance.now() - t1) / 1000, bytes: fs.statSync(out).size, peakMb: peakMb() };
    const m: Measured = {
      ...(openSeconds !== undefined ? { openSeconds } : {}), fileBytes, rows: dto.nRowsUsed, peakMb: fitPeak, passes: dto.streamed?.passes ?? [],
      seconds, logLikelihood: dto.logLikelihood, export: exported,
    };
    process.stdout.write(JSON.stringify(m));
  } finally {
    fs.rmSync(out, { force: true });
  }
}

async function childParquet(file: string): Promise<void> {
  const t0 = performance.now();
  const { table, sizeBytes } = await readSource({ fileName: path.basename(file), uri: file, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, memoryBudgetBytes: BUDGET }, { onProgress: () => undefined });
  if (!(table instanceof ColumnarTable)) throw new Error('not read as a columnar table');
  const openSeconds = (performance.now() - t0) / 1000;
  const settings = benchSettings(table.columns.map((c) => c.name));
  measureJob(file, sizeBytes, t0, openSeconds, () => runRowGroupFit(table, path.basename(file), sizeBytes, BUDGET, settings, quietHooks),
    (out, options) => writeRowGroupLabels(table, out, options));
}

function child(file: string): void {
  const t0 = performance.now();
  const streamed = openStreamedFile({ fileName: path.basename(file), uri: file, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, memoryBudgetBytes: BUDGET });
  if (!streamed) throw new Error('the file is not over the memory budget');
  const settings = benchSettings(streamed.head.columns.filter((c) => c.usable).map((c) => c.name));
  measureJob(file, streamed.stamp.size, t0, undefined, () => runStreamedFit(streamed, settings, quietHooks),
    (out, options) => writeStreamedLabels(streamed, out, options));
}

/** Runs one measurement in a fresh process (its peak RSS is its own) and prints its figures. */
function measure(file: string, what: 'csv' | 'parquet'): void {
  const r = spawnSync(process.execPath, [__filename, what === 'csv' ? '--child' : '--child-parquet', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) {
    console.log(`failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
    process.exit(1);
  }
  const m = JSON.parse(r.stdout) as Measured;
  const em = m.passes.filter((p) => p.purpose === 'em');
  const perPass = em.reduce((t, p) => t + p.seconds, 0) / Math.max(1, em.length);
  console.log(`file ${(m.fileBytes / 1e9).toFixed(2)} GB, ${m.rows.toLocaleString('en-US')} rows × 8; ${m.passes.length} passes (${em.length} EM) in ${m.seconds.toFixed(0)} s`);
  if (m.openSeconds !== undefined) console.log(`opening it (every column read once for the column list): ${m.openSeconds.toFixed(1)} s`);
  console.log(`passes: ${m.passes.map((p) => `${p.purpose} ${p.seconds.toFixed(1)} s`).join(', ')}`);
  console.log(`seconds per EM pass: ${perPass.toFixed(1)} (${(m.fileBytes / 1e6 / perPass).toFixed(0)} MB/s of the file)`);
  console.log(`peak RSS ${m.peakMb.toFixed(0)} MB (goal < ${GOAL_MB} MB: ${m.peakMb < GOAL_MB ? 'met' : 'NOT met'}); log-likelihood ${m.logLikelihood.toFixed(1)}`);
  console.log(`labelled export (one pass, written as read): ${m.export.seconds.toFixed(0)} s, ${(m.export.bytes / 1e9).toFixed(2)} GB written; peak RSS after it ${m.export.peakMb.toFixed(0)} MB`);
}

function main(): void {
  const file = path.join(os.tmpdir(), `em-stream-bench-${GB}gb.csv`);
  console.log(`streamed fit of a ${GB} GB CSV (node ${process.version}; memory budget ${Math.round(BUDGET / 2 ** 20)} MB; file in ${os.tmpdir()})\n`);
  if (!fs.existsSync(file)) generate(file, GB * 1e9);
  try {
    measure(file, 'csv');
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(file, { force: true });
  }
  if (process.env.BENCH_STREAM_PARQUET === '0') return;
  const parquet = path.join(os.tmpdir(), `em-stream-bench-${GB}gb.parquet`);
  if (!fs.existsSync(parquet)) generateParquet(parquet, GB * 1e9);
  console.log(`\nthe same rows as Parquet, read one row group at a time (the fitted columns decoded exceed the budget)\n`);
  try {
    measure(parquet, 'parquet');
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(parquet, { force: true });
  }
}

if (process.argv[2] === '--child') child(process.argv[3]);
else if (process.argv[2] === '--child-parquet') void childParquet(process.argv[3]);
else main();
