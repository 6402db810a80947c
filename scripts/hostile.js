// `node scripts/hostile.js [--keep]` (after `npm run build`): generates hostile data files in a temp folder and runs
// the headless CLI on each, printing its time, peak memory and the one line it ended with (the first line of its
// JSON for a fit, else its message on stderr). What must hold: every run ends by itself, in under 30 s and 1 GB
// (the 4000-column diag fit in under 20 s), with a result or one clear line (exit 2, no stack trace).
// Peak RSS is the child's own (Linux: VmHWM from /proc, read just before it exits, through a preloaded hook).
// Figures, not assertions: the script exits 1 only when a run breaks those rules.
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const keep = process.argv.includes('--keep');

/** mulberry32: the same files on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** rows × cols of numbers from two clusters, as CSV text (with a header of c0…). */
function clusters(rows, cols, seed = 1) {
  const r = rng(seed);
  const out = [Array.from({ length: cols }, (_, j) => `c${j}`).join(',')];
  for (let i = 0; i < rows; i++) {
    const shift = (i % 2) * 3;
    const cells = new Array(cols);
    for (let j = 0; j < cols; j++) cells[j] = (shift + r() * 2 - 1).toFixed(3);
    out.push(cells.join(','));
  }
  return out.join('\n') + '\n';
}

const digits = (n, seed = 2) => { const r = rng(seed); return Array.from({ length: n }, () => String(Math.floor(r() * 10))).join(','); };

/** [name, file content (string, Buffer or a function writing the file), CLI flags, time limit in s]. */
const CASES = [
  ['one line of 262,144 numbers (1 MB)', 'line.csv', () => digits(262_144) + '\n', [], 30],
  ['two lines of 1.3 million numbers (5 MB)', 'lines.csv', () => `${digits(1_300_000)}\n${digits(1_300_000, 3)}\n`, [], 30],
  ['JSON Lines, one record of 100,000 distinct keys', 'keys.jsonl', () => JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, k) => [`k${k}`, k]))) + '\n{"a": 1}\n', [], 30],
  ['JSON Lines, 200,000 records each with its own key', 'sparse.jsonl', () => Array.from({ length: 200_000 }, (_, k) => `{"key${k}": ${k % 97}}`).join('\n') + '\n', [], 30],
  ['JSON array of arrays, one row of 50,000 values', 'rows.json', () => `[[${digits(50_000)}],[1]]`, [], 30],
  ['a quoted field that never closes (20 MB)', 'quote.csv', () => 'a,b\n1,"2\n' + '3,4\n'.repeat(5_000_000), [], 30],
  ['a 3 MB field without quotes', 'field.csv', () => 'a,b\n1,2\n' + 'x'.repeat(3 * 2 ** 20) + ',3\n', [], 30],
  ['1e400 in JSON (as in CSV)', 'big.json', () => JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ a: i % 5, b: (i * 7) % 11 }))).replace('"a":0,', '"a":1e400,'), ['--k', '2'], 30],
  ['1,000 columns × 1,000 rows, diag', 'w1000.csv', () => clusters(1000, 1000), ['--covariance', 'diag'], 30],
  ['4,000 columns × 500 rows, diag', 'w4000.csv', () => clusters(500, 4000), ['--covariance', 'diag'], 20],
  ['4,000 columns × 500 rows, default (full)', 'w4000full.csv', () => clusters(500, 4000, 4), [], 30],
  ['20,000 columns × 20 rows', 'w20000.csv', () => clusters(20, 20_000), ['--covariance', 'diag'], 30],
  ['9,000 columns × 60 rows, diag', 'w9000.csv', () => clusters(60, 9000), ['--covariance', 'diag'], 30],
  // 32 gzip members of 64 MB each (as `cat a.gz a.gz …` makes): 2 GB of digits in about 2 MB.
  ['gzip bomb: 2 GB of "1,2" lines in 2 MB', 'bomb.csv.gz', () => Buffer.concat(new Array(32).fill(zlib.gzipSync(Buffer.from('1,2\n'.repeat(2 ** 24)), { level: 9 }))), [], 30],
  ['a FIFO named data.csv', 'fifo.csv', (file) => void execFileSync('mkfifo', [file]), [], 30],
  ['/dev/stdin fed by a pipe', null, null, ['--k', '1'], 30],
  ['--threads 300', 'threads.csv', () => clusters(30_000, 2), ['--threads', '300', '--restarts', '2'], 30],
  ['--columns a,a', 'dup.csv', () => clusters(20, 2), ['--columns', 'c0,c0'], 30],
];

// Preloaded into each run: reports the process's peak RSS (VmHWM, every thread included) to fd 3 just before exit.
const HOOK = `process.on('exit', () => { try { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); const m = /VmHWM:\\s+(\\d+) kB/.exec(s); require('fs').writeSync(3, (m ? m[1] : String(process.resourceUsage().maxRSS)) + '\\n'); } catch {} });`;

async function main() {
  if (!fs.existsSync(cli)) { console.error('dist/cli.js is missing: run npm run build first'); process.exit(1); }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-hostile-'));
  const hook = path.join(dir, 'peak-rss.js');
  fs.writeFileSync(hook, HOOK);
  let broken = 0;
  console.log(`hostile files in ${dir}${keep ? ' (kept)' : ''}; node ${process.version}, ${os.availableParallelism()} cores\n`);
  console.log(`${'case'.padEnd(52)} ${'size'.padStart(9)} ${'time'.padStart(7)} ${'peak RSS'.padStart(9)} exit  last line`);
  for (const [name, fileName, make, flags, limit] of CASES) {
    let file = '/dev/stdin';
    if (fileName) {
      file = path.join(dir, fileName);
      const content = typeof make === 'function' ? await make(file) : make;
      if (typeof content === 'string' || Buffer.isBuffer(content)) fs.writeFileSync(file, content);
    }
    const size = fileName && fs.statSync(file).isFile() ? fs.statSync(file).size : 0;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', hook, cli, 'fit', file, ...flags], {
      encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      input: fileName ? '' : 'a,b\n1,2\n3,4\n5,6\n',
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const peakMb = Number((r.output[3] ?? '').trim()) / 1024;
    const errLines = (r.stderr ?? '').trim().split('\n').filter(Boolean);
    const last = r.status === 0 ? `${(r.stdout ?? '').split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ')} … (${(r.stdout ?? '').length} bytes of JSON)` : errLines[errLines.length - 1] ?? `(killed: ${r.signal})`;
    const fault = r.signal ? 'did not end' : seconds > limit ? `over ${limit} s` : peakMb > 1024 ? 'over 1 GB'
      : r.status !== 0 && r.status !== 2 ? `exit ${r.status}` : r.status === 2 && errLines.filter((l) => !l.startsWith('notice:')).length !== 1 ? 'not one line'
        : /\n\s+at /.test(r.stderr ?? '') ? 'stack trace' : '';
    if (fault) broken++;
    const sizeText = size ? `${(size / 1e6).toFixed(1)} MB` : '-';
    console.log(`${name.padEnd(52)} ${sizeText.padStart(9)} ${seconds.toFixed(2).padStart(6)}s ${(Number.isFinite(peakMb) && peakMb > 0 ? `${peakMb.toFixed(0)} MB` : '?').padStart(9)} ${String(r.status ?? r.signal).padStart(4)}  ${last.slice(0, 400)}${fault ? `   <-- ${fault}` : ''}`);
  }
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  console.log(broken ? `\n${broken} run(s) broke the rules` : '\nevery run ended by itself, in time and memory, with a result or one clear line');
  process.exit(broken ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
