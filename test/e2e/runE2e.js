// The end-to-end suite: `npm run package` (production build + .vsix), make sure code-server is installed,
// then node's test runner on test/e2e/*.test.js, which installs that .vsix into a fresh code-server and drives
// it with Playwright + Chromium. Exits with the test runner's code; a hard timeout stops a hung run.
// Env: EM_SKIP_PACKAGE=1 (reuse the existing .vsix), EM_E2E_TIMEOUT_MS (default 20 min), and those of panel.test.js.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);

async function main() {
  const t0 = Date.now();
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  if (!process.env.EM_SKIP_PACKAGE || !fs.existsSync(vsix)) {
    const r = spawnSync('npm', ['run', 'package'], { stdio: 'inherit' });
    if (r.status !== 0) { console.error('e2e: npm run package failed'); return 1; }
  }
  await require('../../scripts/install-code-server').ensureCodeServer();
  const files = fs.readdirSync(__dirname).filter((f) => /\.test\.[cm]?js$/.test(f)).sort().map((f) => path.join('test', 'e2e', f));
  // Extra arguments go to node's test runner, e.g. --test-name-pattern=cancel
  const args = ['--test', '--test-concurrency=1', '--test-reporter=spec', ...process.argv.slice(2), ...files];
  console.log(`$ node ${args.join(' ')}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-e2e-run-'));
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, EM_E2E_VSIX: vsix, EM_E2E_TMP: tmp }, detached: true });
  const limit = Number(process.env.EM_E2E_TIMEOUT_MS || 20 * 60_000);
  const timer = setTimeout(() => {
    console.error(`e2e: TIMEOUT after ${limit / 1000} s, stopping the test run`);
    // SIGTERM first: the test process then stops its code-server (a process group of its own).
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
  }, limit);
  const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
  clearTimeout(timer);
  if (!process.env.EM_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`end-to-end suite ${code === 0 ? 'passed' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return code;
}

main().then((code) => process.exit(code), (e) => { console.error(e.stack || e); process.exit(1); });
