/**
 * Reader speed and memory: a 100 MB numeric CSV and a 100 MB JSON Lines file (generated once into the temp folder
 * from a fixed seed), parsed streaming in 1 MiB chunks by our readers, by papaparse, and by pandas when
 * /usr/bin/python3 has it. Each measurement runs in a fresh child process so its peak RSS is its own.
 *
 *   npx esbuild bench/readers.ts --bundle --platform=node --outfile=/tmp/readers-bench.js && node /tmp/readers-bench.js
 *
 * Speeds are MB per CPU second (wall time is shown too): on a shared machine the load swings wall time by 5×.
 * Env: BENCH_MB (default 100) sets the file size; BENCH_REPEAT (default 3) how many runs each, best one shown.
 * `--quick` (as `npm run bench -- --quick` passes it): 10 MB, one run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { createTableReader } from '../src/data';
import { rng } from './lib/common';
import { bestOf, measureInChild, pandasMeasure, type Measure } from './lib/measure';

const MB = 1e6;
const CHUNK = 2 ** 20;
const QUICK = process.argv.includes('--quick');
const SIZE_MB = Number(process.env.BENCH_MB ?? (QUICK ? 10 : 100));
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? (QUICK ? 1 : 3)));

const COLS = 8;

/** Writes rows from `row()` until the file reaches the target size; reuses the file when it is already there. */
function generate(file: string, header: string, row: (r: () => number) => string): string {
  const target = SIZE_MB * MB;
  if (fs.existsSync(file) && fs.statSync(file).size >= target) return file;
  const r = rng(42);
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let batch: string[] = [header];
  while (size < target) {
    const line = row(r);
    batch.push(line);
    size += line.length + 1;
    if (batch.length === 10000) {
      fs.writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    }
  }
  fs.writeSync(fd, batch.join('\n') + '\n');
  fs.closeSync(fd);
  return file;
}

function numericCsv(): string {
  const header = Array.from({ length: COLS }, (_, k) => `x${k + 1}`).join(',');
  return generate(path.join(os.tmpdir(), `em-readers-bench-${SIZE_MB}mb.csv`), header, (r) => {
    const cells: string[] = [];
    for (let k = 0; k < COLS; k++) cells.push(k === 0 ? String(Math.floor(r() * 1000)) : ((r() - 0.5) * 200).toFixed(4));
    return cells.join(',');
  });
}

function jsonLines(): string {
  return generate(path.join(os.tmpdir(), `em-readers-bench-${SIZE_MB}mb.jsonl`), '', (r) => {
    const o: Record<string, number | string> = { id: Math.floor(r() * 1e6), group: r() < 0.5 ? 'a' : 'b' };
    for (let k = 1; k < COLS; k++) o[`x${k}`] = Math.round((r() - 0.5) * 2e6) / 1e4;
    return JSON.stringify(o);
  });
}

/** Feeds a file to `push` in 1 MiB chunks. */
function stream(file: string, push: (chunk: Uint8Array) => void): void {
  const fd = fs.openSync(file, 'r');
  const buf = new Uint8Array(CHUNK);
  for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) push(buf.subarray(0, n));
  fs.closeSync(fd);
}

interface ReaderMeasure extends Measure {
  heapMB: number;
}

// ---------------------------------------------------------------- child: one measurement
async function measure(kind: string, file: string): Promise<ReaderMeasure> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let rows = 0;
  let heap = 0;
  if (kind === 'ours') {
    const reader = createTableReader({ fileName: path.basename(file), totalBytes: fs.statSync(file).size });
    stream(file, (c) => reader.push(c));
    const table = reader.finish();
    rows = table.nRows;
    heap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  } else if (kind === 'papaparse') {
    // papaparse's own streaming input, typed values, rows dropped as they come (its fastest useful mode).
    await new Promise<void>((resolve, reject) => {
      const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { dynamicTyping: true, skipEmptyLines: true });
      parser.on('data', () => rows++);
      parser.on('end', resolve);
      parser.on('error', reject);
      fs.createReadStream(file, { highWaterMark: CHUNK }).pipe(parser);
    });
    rows--; // header row
    heap = process.memoryUsage().heapUsed;
  } else if (kind === 'papaparse-whole') {
    // papaparse at its best: the whole file as one string, fastMode (no quote handling: this file has none).
    const text = new TextDecoder().decode(fs.readFileSync(file));
    const result = Papa.parse(text, { dynamicTyping: true, fastMode: true, skipEmptyLines: true });
    rows = result.data.length - 1;
    heap = process.memoryUsage().heapUsed;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, rows, maxRssMB: process.resourceUsage().maxRSS / 1024, heapMB: heap / 2 ** 20 };
}

// ---------------------------------------------------------------- parent: generate, spawn, report
function pandas(file: string, lines: boolean): ReaderMeasure | null {
  const m = pandasMeasure(lines ? 'pandas.read_json(f, lines=True)' : 'pandas.read_csv(f)', file);
  return m && { ...m, heapMB: NaN };
}

function report(label: string, file: string, m: ReaderMeasure | null, base?: ReaderMeasure): void {
  if (m === null) return console.log(`  ${label.padEnd(24)} not available`);
  const mb = fs.statSync(file).size / MB;
  const ratio = base ? `  ours ${(m.cpu / base.cpu).toFixed(2)}× as fast` : '';
  const heap = Number.isNaN(m.heapMB) ? '' : `, heap+buffers after ${m.heapMB.toFixed(0)} MB`;
  console.log(
    `  ${label.padEnd(24)} ${(mb / m.cpu).toFixed(1).padStart(6)} MB/s CPU (${m.cpu.toFixed(2)} s; wall ${m.seconds.toFixed(2)} s)` +
      `  ${m.rows} rows  peak RSS ${m.maxRssMB.toFixed(0)} MB${heap}${ratio}`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') {
    console.log(JSON.stringify(await measure(process.argv[3], process.argv[4])));
    return;
  }
  const csv = numericCsv();
  const jsonl = jsonLines();
  console.log(`readers: ${SIZE_MB} MB files in ${os.tmpdir()}, streamed in 1 MiB chunks, best of ${REPEAT} runs by CPU time`);
  console.log(`numeric CSV (${COLS} columns, ${(fs.statSync(csv).size / MB).toFixed(0)} MB)`);
  const ours = bestOf(REPEAT, () => measureInChild<ReaderMeasure>('ours', csv))!;
  report('ours', csv, ours);
  report('papaparse (parse only)', csv, bestOf(REPEAT, () => measureInChild<ReaderMeasure>('papaparse', csv)), ours);
  report('papaparse whole string', csv, bestOf(REPEAT, () => measureInChild<ReaderMeasure>('papaparse-whole', csv)), ours);
  report('pandas.read_csv', csv, bestOf(REPEAT, () => pandas(csv, false)), ours);
  console.log(`JSON Lines (${(fs.statSync(jsonl).size / MB).toFixed(0)} MB)`);
  const oursL = bestOf(REPEAT, () => measureInChild<ReaderMeasure>('ours', jsonl))!;
  report('ours', jsonl, oursL);
  report('pandas.read_json', jsonl, bestOf(REPEAT, () => pandas(jsonl, true)), oursL);
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
