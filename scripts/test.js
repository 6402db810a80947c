// `npm test`: the unit suite (node --test), then the extension-host suite and the end-to-end suite,
// both inside a real VS Code (code-server). `node scripts/test.js unit|ext|e2e` runs one of them.
// Each runner prints its own summary; the last line adds them up as "total: N passed, N failed".
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const { buildTests } = require('./buildTests');

const root = path.resolve(__dirname, '..');
process.chdir(root);

const totals = { passed: 0, failed: 0 };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Runs a test runner, passing its output through and counting the summary lines it prints. */
function runCounted(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let counted = { passed: 0, failed: 0, cancelled: 0 };
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) counted = countLine(line, counted);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      counted = countLine(pending, counted);
      totals.passed += counted.passed;
      totals.failed += counted.failed + counted.cancelled;
      resolve(code ?? 1);
    });
  });
}

/**
 * node --test's "ℹ pass N" / "ℹ fail N" / "ℹ cancelled N" (a test that timed out counts as failed) and mocha's
 * "N passed, N failed". The last summary of a run wins.
 */
function countLine(line, counted) {
  const plain = line.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '').trim();
  let m = /^(?:ℹ|#) (pass|fail|cancelled) (\d+)$/.exec(plain);
  if (m) return { ...counted, [{ pass: 'passed', fail: 'failed', cancelled: 'cancelled' }[m[1]]]: Number(m[2]) };
  m = /^(\d+) passed, (\d+) failed/.exec(plain);
  if (m) return { passed: Number(m[1]), failed: Number(m[2]), cancelled: 0 };
  return counted;
}

async function unit() {
  // Some unit tests start the real worker bundle (dist/emWorker.js), so build first.
  if (run(process.execPath, ['esbuild.js']) !== 0) return 1;
  const outdir = await buildTests('test/unit');
  console.log('\n== unit tests (node --test) ==');
  return runCounted(process.execPath, ['--test', '--test-reporter=spec', outdir]);
}

async function ext() {
  console.log('\n== extension-host tests (mocha inside code-server) ==');
  return runCounted(process.execPath, [path.join('test', 'integration', 'runTest.js')]);
}

async function e2e() {
  console.log('\n== end-to-end tests (Playwright + code-server) ==');
  return runCounted(process.execPath, [path.join('test', 'e2e', 'runE2e.js')]);
}

const suites = { unit, ext, e2e };

async function main() {
  const which = process.argv.slice(2);
  const chosen = which.length ? which : ['unit', 'ext', 'e2e'];
  const failed = [];
  for (const name of chosen) {
    const suite = suites[name];
    if (!suite) { console.error(`Unknown suite "${name}". Use one of: ${Object.keys(suites).join(', ')}.`); process.exit(2); }
    const code = await suite();
    if (code !== 0) failed.push(name);
  }
  if (failed.length) console.error(`\nFailed suites: ${failed.join(', ')}`);
  else console.log(`\nAll suites passed: ${chosen.join(', ')}`);
  // A suite that failed without reporting a failed test still counts as one failure.
  const failedTests = Math.max(totals.failed, failed.length);
  console.log(`total: ${totals.passed} passed, ${failedTests} failed`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
