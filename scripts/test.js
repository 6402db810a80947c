// `npm test`: the unit suite (node --test), then the extension-host suite and the end-to-end suite,
// both inside a real VS Code (code-server). `node scripts/test.js unit|ext|e2e` runs one of them.
const { spawnSync } = require('child_process');
const path = require('path');
const { buildTests } = require('./buildTests');

const root = path.resolve(__dirname, '..');
process.chdir(root);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

async function unit() {
  // Some unit tests start the real worker bundle (dist/emWorker.js), so build first.
  if (run(process.execPath, ['esbuild.js']) !== 0) return 1;
  const outdir = await buildTests('test/unit');
  console.log('\n== unit tests (node --test) ==');
  return run(process.execPath, ['--test', '--test-reporter=spec', outdir]);
}

async function ext() {
  console.log('\n== extension-host tests (mocha inside code-server) ==');
  return run(process.execPath, [path.join('test', 'integration', 'runTest.js')]);
}

async function e2e() {
  console.log('\n== end-to-end tests (Playwright + code-server) ==');
  return run(process.execPath, [path.join('test', 'e2e', 'runE2e.js')]);
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
  if (failed.length) { console.error(`\nFailed suites: ${failed.join(', ')}`); process.exit(1); }
  console.log(`\nAll suites passed: ${chosen.join(', ')}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
