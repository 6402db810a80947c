/**
 * Parquet reading: a generated file of 1,000,000 rows × 8 columns (six doubles, a 32-bit integer, a
 * dictionary-encoded string of 4 values; snappy, row groups of 100,000 rows) and the same data as CSV, generated
 * once into the temp folder from a fixed seed. Each measurement runs in a fresh child process, so its peak RSS is
 * its own:
 *   - ours, Parquet: opening (every column decoded once for its stats, none kept), then decoding the 2 columns a fit
 *     of 2 columns needs, and all 8;
 *   - ours, CSV: the text reader on the same data (it keeps every column);
 *   - pandas.read_parquet when /usr/bin/python3 has pyarrow or fastparquet (Debian 12 packages neither), and
 *     pandas.read_csv and R's data.table::fread on the CSV, which the issue accepts as the reference.
 * Times are CPU seconds (wall time too): on a shared machine the load swings wall time.
 *
 * Env: BENCH_ROWS (default 1e6), BENCH_REPEAT (default 3). `--quick`: 100,000 rows, one run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { readSource } from '../src/worker/readSource';
import { rng } from './lib/common';
import { bestOf, measureInChild, pandasMeasure, type Measure } from './lib/measure';

const QUICK = process.argv.includes('--quick');
const ROWS = Number(process.env.BENCH_ROWS ?? (QUICK ? 1e5 : 1e6));
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? (QUICK ? 1 : 3)));
const NAMES = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'k', 'g'];
const LEVELS = ['alpha', 'beta', 'gamma', 'delta'];

/** The Parquet and CSV files of the same data (reused when there already). */
function generate(): { parquet: string; csv: string } {
  const base = path.join(os.tmpdir(), `em-parquet-bench-${ROWS}`);
  const parquet = `${base}.parquet`, csv = `${base}.csv`;
  if (fs.existsSync(parquet) && fs.existsSync(csv)) return { parquet, csv };
  const r = rng(7);
  const doubles = Array.from({ length: 6 }, () => new Float64Array(ROWS));
  const k = new Int32Array(ROWS);
  const g = new Array<string>(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const cluster = i % 3;
    for (let c = 0; c < 6; c++) doubles[c][i] = Math.round((cluster * 4 + c + (r() + r() + r() - 1.5) * 2) * 1e4) / 1e4;
    k[i] = Math.floor(r() * 1000);
    g[i] = LEVELS[Math.floor(r() * 4)];
  }
  const columnData = [
    ...doubles.map((data, c) => ({ name: NAMES[c], data, type: 'DOUBLE' as const, nullable: false })),
    { name: 'k', data: k, type: 'INT32' as const, nullable: false },
    { name: 'g', data: g, type: 'STRING' as const, nullable: false },
  ];
  fs.writeFileSync(parquet, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 100_000 })));
  const fd = fs.openSync(csv, 'w');
  fs.writeSync(fd, NAMES.join(',') + '\n');
  let lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`${doubles.map((d) => d[i]).join(',')},${k[i]},${g[i]}`);
    if (lines.length === 10_000 || i === ROWS - 1) { fs.writeSync(fd, lines.join('\n') + '\n'); lines = []; }
  }
  fs.closeSync(fd);
  return { parquet, csv };
}

// ---------------------------------------------------------------- child: one measurement
async function measure(kind: string, file: string): Promise<Measure> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const { table } = await readSource({ fileName: path.basename(file), uri: file, source: { kind: 'path', path: file }, maxBytes: 2 ** 40 }, { onProgress: () => undefined });
  if (kind === 'fit2') await table.prepare!([0, 1]);
  if (kind === 'all') await table.prepare!(table.columns.map((_, c) => c));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, rows: table.nRows, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

// ---------------------------------------------------------------- parent: generate, spawn, report
/** data.table's fread on the CSV (one thread); null without R and data.table. */
function fread(file: string): Measure | null {
  const code = [
    'suppressMessages(library(data.table)); setDTthreads(1)',
    't <- proc.time(); d <- fread(commandArgs(TRUE)[1]); e <- proc.time() - t',
    'rss <- as.numeric(sub("VmHWM:\\\\s*([0-9]+).*", "\\\\1", grep("VmHWM", readLines("/proc/self/status"), value = TRUE))) / 1024',
    'cat(e[["elapsed"]], e[["user.self"]] + e[["sys.self"]], nrow(d), rss, "\\n")',
  ].join('\n');
  const r = spawnSync('Rscript', ['-e', code, file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [seconds, cpu, rows, maxRssMB] = r.stdout.trim().split(/\s+/).map(Number);
  return { seconds, cpu, rows, maxRssMB };
}

function report(label: string, m: Measure | null, why = 'not available', against: { name: string; m: Measure | null }[] = []): void {
  if (m === null) return console.log(`  ${label.padEnd(44)} ${why}`);
  const ratios = against.filter((a) => a.m !== null).map((a) => `${(a.m!.cpu / m.cpu).toFixed(2)}× ${a.name}`).join(', ');
  console.log(
    `  ${label.padEnd(44)} ${m.cpu.toFixed(2).padStart(6)} s CPU (wall ${m.seconds.toFixed(2)} s)  ${m.rows} rows  peak RSS ${m.maxRssMB.toFixed(0).padStart(5)} MB` +
      (ratios ? `  speed: ${ratios}` : ''),
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') {
    console.log(JSON.stringify(await measure(process.argv[3], process.argv[4])));
    return;
  }
  const { parquet, csv } = generate();
  const mb = (f: string) => `${(fs.statSync(f).size / 1e6).toFixed(1)} MB`;
  console.log(`parquet: ${ROWS} rows × 8 columns (6 doubles, int32, 4-level string), best of ${REPEAT} runs by CPU time`);
  console.log(`  ${parquet} (${mb(parquet)}, snappy, row groups of 100,000); the same data as CSV: ${mb(csv)}`);
  const pdCsv = bestOf(REPEAT, () => pandasMeasure('pandas.read_csv(f)', csv));
  const dt = bestOf(REPEAT, () => fread(csv));
  const refs = [{ name: 'pandas.read_csv', m: pdCsv }, { name: 'fread', m: dt }];
  const pdParquet = bestOf(REPEAT, () => pandasMeasure('pandas.read_parquet(f)', parquet));
  const pdParquet2 = bestOf(REPEAT, () => pandasMeasure("pandas.read_parquet(f, columns=['x1', 'x2'])", parquet));
  const withParquet = [...refs, { name: 'pandas.read_parquet', m: pdParquet }];
  report('ours, Parquet: open (stats of all 8 columns)', bestOf(REPEAT, () => measureInChild('open', parquet)), '', withParquet);
  report('ours, Parquet: open + decode the 2 fitted', bestOf(REPEAT, () => measureInChild('fit2', parquet)), '', [...refs, { name: 'pandas.read_parquet', m: pdParquet2 }]);
  report('ours, Parquet: open + decode all 8', bestOf(REPEAT, () => measureInChild('all', parquet)), '', withParquet);
  report('ours, the CSV (text reader, all columns)', bestOf(REPEAT, () => measureInChild('open', csv)), '', refs);
  report('pandas.read_parquet (all columns)', pdParquet, 'not available (this python3 has neither pyarrow nor fastparquet)');
  report("pandas.read_parquet(columns=['x1','x2'])", pdParquet2, 'not available');
  report('pandas.read_csv', pdCsv);
  report('data.table::fread (1 thread)', dt);
  console.log('  speed: how many times faster ours is than each reference (their CPU seconds / ours), > 1 = faster');
  console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
