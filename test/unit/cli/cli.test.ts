import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { csvOf, fixtureData, parquetOf } from '../data/columnarFiles';

// Bundled to out/test/unit/cli/: the repo root is four levels up.
const root = path.resolve(__dirname, '../../../..');
const cliJs = path.join(root, 'dist', 'cli.js');
const faithful = path.join(root, 'samples', 'faithful.csv');
let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-cli-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI; a run that hangs is killed after 20 s (and then fails its test). */
function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cliJs, ...args], { encoding: 'utf8', timeout: 20_000, input, maxBuffer: 1 << 28 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, text: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('CLI', () => {
  it('refuses a FIFO at once instead of waiting for a writer forever', () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const r = run(['fit', fifo, '--k', '1']);
    assert.equal(r.signal, null, 'the CLI ended by itself');
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'pipe.csv: this is a named pipe (FIFO), not a regular file, so it cannot be read as a whole. Save the data to a file first, then open that.\n');
  });

  it('refuses /dev/stdin fed by a pipe', () => {
    const r = run(['fit', '/dev/stdin', '--k', '1'], 'a,b\n1,2\n3,4\n');
    assert.equal(r.signal, null);
    assert.equal(r.status, 2);
    // A pipe in a shell (`cat x.csv | cli fit /dev/stdin`), a socket when Node spawns the process.
    assert.match(r.stderr, /^stdin: this is (a named pipe \(FIFO\)|a socket), not a regular file/);
  });

  it('honours --max-file-size, naming the flag when the file is over it', () => {
    const file = write('big.csv', 'a,b\n' + Array.from({ length: 200_000 }, (_, i) => `${i % 10}.5,${i % 7}.5\n`).join(''));
    const r = run(['fit', file, '--k', '1', '--max-file-size', '1']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'big.csv: the file is 1.6 MB, over the limit of 1 MB. Pass a larger --max-file-size (in MB) to read it, or use a smaller sample of the file.\n');
    assert.equal(run(['fit', file, '--k', '1', '--restarts', '1', '--max-file-size', '2']).status, 0);
  });

  it('prints reader notices on stderr and in a notices array', () => {
    const file = write('semi.csv', 'x;y\n1,5;2\n2,5;3\n3,5;1\nn/a?;4\n' + Array.from({ length: 30 }, (_, i) => `${i},1;${i % 4}`).join('\n') + '\n');
    const r = run(['fit', file, '--k', '1', '--restarts', '1']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { notices: { code: string; message: string }[] };
    const codes = out.notices.map((n) => n.code);
    assert.ok(codes.includes('delimiter') && codes.includes('stray-values'), codes.join());
    for (const n of out.notices) assert.ok(r.stderr.includes(`notice: ${n.message}\n`), n.message);
  });

  it('names --columns, not the panel, for a column the file lacks or cannot fit, and refuses a repeated one', () => {
    const unknown = run(['fit', faithful, '--columns', 'eruptions,nope']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, 'faithful.csv: there is no column named "nope" (--columns). The file\'s columns are "eruptions", "waiting".\n');
    const text = write('t.csv', 'name,x\nann,1\nann,2\nann,3\n');
    const unusable = run(['fit', text, '--columns', 'name,x']);
    assert.equal(unusable.stderr, 't.csv: column "name" cannot be fitted: it holds a single value, so it carries no information for clustering. Leave it out of --columns.\n');
    const constant = write('c.csv', 'x,y\n1,2\n1,2\n1,2\n');
    const none = run(['fit', constant]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /^c\.csv: no column can be fitted \("x": every value is the same \(1\).*name them with --columns\.\n$/);
    assert.doesNotMatch(unknown.stderr + unusable.stderr + none.stderr, /panel|tick/i);
    const twice = run(['fit', faithful, '--columns', 'waiting,waiting']);
    assert.equal(twice.status, 2);
    assert.equal(twice.stderr, '--columns names "waiting" more than once; name each column once.\n');
  });

  it('fits text columns named in --columns as categories, --categorical numbers as categories and --count as Poisson counts', () => {
    const rows = ['x,colour,grade,visits'];
    for (let i = 0; i < 80; i++) {
      const a = i % 2 === 0;
      const colour = i % 10 === 3 ? '' : a ? (i % 7 === 0 ? 'blue' : 'red') : 'blue';
      rows.push(`${(a ? 0 : 5) + ((i * 37) % 11) / 10},${colour},${a ? 1 + (i % 3 === 0 ? 1 : 0) : 3},${a ? i % 3 : 6 + (i % 4)}`);
    }
    const file = write('mixed.csv', rows.join('\n') + '\n');
    const r = run(['fit', file, '--columns', 'x,colour', '--categorical', 'grade', '--count', 'visits', '--k', '2', '--restarts', '3']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      columns: string[]; nRows: number; nParameters: number; covariance: string;
      categorical: Record<string, { levels: string[]; probabilities: number[][] }>; counts: Record<string, number[]>;
    };
    assert.deepEqual(out.columns, ['x', 'colour', 'grade', 'visits']);
    assert.equal(out.nRows, 80);
    assert.deepEqual(out.categorical.colour.levels, ['blue', 'red']);
    assert.deepEqual(out.categorical.grade.levels, ['1', '2', '3']);
    for (const p of Object.values(out.categorical)) for (const row of p.probabilities) assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.equal(out.counts.visits.length, 2);
    const rates = [...out.counts.visits].sort((a, b) => a - b);
    assert.ok(rates[0] < 1.5 && rates[1] > 6, `rates ${rates}`);
    // weight 1 (K − 1) + means 2 + variances 2 + colour 2·1 + grade 2·2 + visits 2 = 13
    assert.equal(out.nParameters, 13);
    const bad = run(['fit', file, '--count', 'colour']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'mixed.csv: column "colour" cannot be fitted as counts: it holds text, not numbers. Leave it out of --count, or name it with --categorical.\n');
    const both = run(['fit', file, '--count', 'grade', '--categorical', 'grade']);
    assert.equal(both.stderr, 'Column "grade" is named by both --categorical and --count; a column is fitted one way.\n');
    const frac = run(['fit', file, '--count', 'x']);
    assert.equal(frac.status, 2);
    assert.match(frac.stderr, /^mixed\.csv, line 3: column "x" holds 5\.4, which is not a count \(a whole number ≥ 0\)/);
  });

  it('fits a file without numbers as a latent class model of its text columns', () => {
    const rows = ['a,b'];
    for (let i = 0; i < 60; i++) rows.push(i % 2 === 0 ? `yes,${i % 5 === 0 ? 'n' : 'y'}` : `no,${i % 7 === 0 ? '' : 'n'}`);
    const r = run(['fit', write('lc.csv', rows.join('\n') + '\n'), '--k', '2', '--restarts', '2']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { covariance: string; columns: string[]; means?: unknown; categorical: Record<string, unknown> };
    assert.equal(out.covariance, 'latent class');
    assert.deepEqual(out.columns, ['a', 'b']);
    assert.equal(out.means, undefined);
    assert.deepEqual(Object.keys(out.categorical), ['a', 'b']);
  });

  it('reads a gzip-compressed file as the file inside it', () => {
    const gz = write('faithful.csv.gz', zlib.gzipSync(fs.readFileSync(faithful)));
    const plain = JSON.parse(run(['fit', faithful, '--k', '2', '--restarts', '2']).stdout) as { logLikelihood: number; nRows: number };
    const r = run(['fit', gz, '--k', '2', '--restarts', '2']);
    assert.equal(r.status, 0, r.stderr);
    const packed = JSON.parse(r.stdout) as { logLikelihood: number; nRows: number };
    assert.equal(packed.nRows, 272);
    assert.equal(packed.logLikelihood, plain.logLikelihood);
  });

  it('clamps --threads to the cores there are, saying so', () => {
    const r = run(['fit', faithful, '--k', '1', '--restarts', '1', '--threads', '300']);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, `notice: --threads 300 is more than the ${os.availableParallelism()} cores of this machine; using ${os.availableParallelism()}.\n`);
  });

  it('fits a Parquet file as it fits the same data as CSV, and names a damaged one in one line', () => {
    const data = fixtureData();
    const asCsv = JSON.parse(run(['fit', write('data.csv', csvOf(data)), '--k', '2', '--columns', 'i32,f64', '--labels']).stdout) as { logLikelihood: number; labels: number[] };
    const r = run(['fit', write('data.parquet', parquetOf(data, { rowGroupSize: 25 })), '--k', '2', '--columns', 'i32,f64', '--labels']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { logLikelihood: number; labels: number[] };
    assert.equal(out.logLikelihood, asCsv.logLikelihood);
    assert.deepEqual(out.labels, asCsv.labels);
    const bytes = parquetOf(data);
    const bad = run(['fit', write('cut.parquet', bytes.subarray(0, bytes.length - 9)), '--k', '2']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^cut\.parquet: the Parquet file is damaged or incomplete \(.*\)\. Write it again from its source, or check that it was copied or downloaded whole\.\n$/);
  });

  it('reads a Parquet file by row groups when its fitted columns decoded exceed --memory-budget, to the same fit', () => {
    // 80,000 rows × 2 doubles: 1.2 MB decoded, over a budget of 1 MB.
    const n = 80_000;
    const a: number[] = [], b: number[] = [];
    for (let i = 0; i < n; i++) { const c = i % 2; a.push(c * 5 + Math.sin(i * 12.9898) * 1.3); b.push(-c * 2 + Math.cos(i * 78.233) * 0.9); }
    const file = write('big.parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'a', data: a, type: 'DOUBLE' }, { name: 'b', data: b, type: 'DOUBLE' }], rowGroupSize: 30_000 })));
    const args = ['fit', file, '--k', '2', '--restarts', '2'];
    const byGroups = run([...args, '--memory-budget', '1']);
    assert.equal(byGroups.status, 0, byGroups.stderr);
    const inMemory = run(args);
    const g = JSON.parse(byGroups.stdout) as { logLikelihood: number; streamed?: { by?: string; decodedBytes?: number; passes: number } };
    const m = JSON.parse(inMemory.stdout) as { logLikelihood: number; streamed?: unknown };
    assert.equal(g.streamed?.by, 'row group');
    assert.equal(g.streamed?.decodedBytes, 8 * n * 2);
    assert.equal(m.streamed, undefined);
    assert.ok(Math.abs(g.logLikelihood - m.logLikelihood) <= 1e-9 * Math.abs(m.logLikelihood), `${g.logLikelihood} vs ${m.logLikelihood}`);
    const labels = run([...args, '--memory-budget', '1', '--labels']);
    assert.equal(labels.status, 2);
    assert.match(labels.stderr, /^big\.parquet is larger than --memory-budget \(a Parquet file: its fitted columns, decoded\).*Leave --labels out/);
  });
});
