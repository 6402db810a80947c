// The extension-host suite (mocha, test/integration/suite/*.test.ts) through @vscode/test-electron's runTests.
// Desktop VS Code when it can be had: VSCODE_EXECUTABLE=/path/to/code, or the normal download when a display
// exists (EM_TEST_TARGET=desktop insists on it). Otherwise (here: no download, no display), or with
// EM_TEST_TARGET=code-server, runTests spawns ./codeServerShim.js as its "VS Code executable", which runs the
// same suite inside code-server.
// Env: EM_SKIP_BUILD=1 (reuse dist/ and out/), EM_TEST_GREP=<mocha grep>, EM_SHIM_VERBOSE=1.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
process.chdir(root);

async function build() {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('esbuild.js failed');
  const { buildTests, findTests } = require('../../scripts/buildTests');
  const suite = path.join('test', 'integration', 'suite');
  await buildTests(suite, { entryPoints: [...findTests(suite), path.join(suite, 'index.ts')] });
  console.log(`built extension and extension-host tests in ${Date.now() - t0} ms`);
  return path.join(root, 'out', suite, 'index.js');
}

async function executable() {
  if (process.env.VSCODE_EXECUTABLE) return { exe: process.env.VSCODE_EXECUTABLE, kind: 'desktop' };
  const target = process.env.EM_TEST_TARGET || 'auto';
  // Desktop VS Code needs a display; try the normal download only where one exists (or when asked).
  if (target === 'desktop' || (target === 'auto' && process.env.DISPLAY)) {
    try {
      const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
      return { exe: await downloadAndUnzipVSCode({ version: process.env.EM_VSCODE_VERSION || 'stable', timeout: 15000 }), kind: 'desktop' };
    } catch (e) {
      if (target === 'desktop') throw e;
      console.log(`desktop VS Code not available (${e.message.split('\n')[0]}); using code-server`);
    }
  }
  const shim = path.join(__dirname, 'codeServerShim.js');
  await require('../../scripts/install-code-server').ensureCodeServer();
  return { exe: shim, kind: 'code-server' };
}

async function main() {
  const testsPath = process.env.EM_SKIP_BUILD ? path.join(root, 'out', 'test', 'integration', 'suite', 'index.js') : await build();
  const { exe, kind } = await executable();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-ext-tests-'));
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);
  const t0 = Date.now();
  try {
    console.log(`running the extension-host suite in ${kind === 'desktop' ? `desktop VS Code (${exe})` : 'code-server (test/integration/codeServerShim.js)'}`);
    const { runTests } = require('@vscode/test-electron');
    await runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: { EM_NODE: process.execPath, EM_TEST_GREP: process.env.EM_TEST_GREP || '' },
    });
    console.log(`extension-host suite passed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return 0;
  } catch (e) {
    console.error(`extension-host suite FAILED: ${e.message} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => { console.error(e.stack || e); process.exit(1); });
