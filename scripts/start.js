// `npm start`: build, then open a real VS Code with the extension loaded on samples/faithful.csv.
//   - desktop VS Code when `code` is on PATH: code --extensionDevelopmentPath=<repo> <repo>/samples <repo>/samples/faithful.csv
//   - otherwise code-server (installed on first use into .vscode-test/ by scripts/install-code-server.js) on
//     127.0.0.1, with the repo as a development extension; prints the URL and opens Chromium when a display exists.
// Flags: --code-server (skip desktop `code`), --no-browser, --check (start, verify in headless Chromium that the
// extension's "Fit Mixture Model" button shows on faithful.csv, then stop; used to test this script).
// Env: EM_PORT (default 8080, or a free port when taken), EM_CODE_SERVER_DIR (where code-server lives).
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const samples = path.join(root, 'samples');
const sample = path.join(samples, 'faithful.csv');

function onPath(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => {
    try { fs.accessSync(path.join(d, cmd), fs.constants.X_OK); return true; } catch { return false; }
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function build() {
  console.log('Building the extension (node esbuild.js)…');
  const r = spawnSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}

function desktop() {
  console.log(`Opening VS Code: code --extensionDevelopmentPath=${root} ${samples} ${sample}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${root}`, samples, sample], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

async function codeServer() {
  const { startServer, workbenchUrl, launchBrowser } = require('../test/integration/codeServer');
  const { chromiumPath } = require('./install-code-server');
  const wanted = Number(process.env.EM_PORT || 8080);
  const port = (await portFree(wanted)) ? wanted : undefined;
  const state = path.join(root, '.vscode-test', 'start');
  const server = await startServer({
    workspace: samples,
    port,
    needChromium: false,
    userDataDir: path.join(state, 'user-data'),
    extensionsDir: path.join(state, 'extensions'),
  });
  const url = workbenchUrl(server, {
    folder: samples,
    payload: [['extensionDevelopmentPath', server.remoteUri(root)], ['openFile', server.remoteUri(sample)]],
  });
  const stop = async (code) => { await server.stop(); process.exit(code); };
  process.on('SIGINT', () => { console.log('\nStopping code-server…'); void stop(0); });
  process.on('SIGTERM', () => void stop(0));

  if (args.includes('--check')) {
    const wb = require('../test/e2e/workbench');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      await wb.waitForWorkbench(page, 'faithful.csv');
      await page.locator('.tabs-container .tab.active').filter({ hasText: 'faithful.csv' }).first().waitFor({ timeout: 30000 });
      await page.locator('.editor-actions .action-label[aria-label*="Fit Mixture Model"]').first().waitFor({ timeout: 30000 });
      console.log('check: code-server shows samples/faithful.csv with the extension\'s "Fit Mixture Model" button');
      await browser.close();
      await stop(0);
    } catch (e) {
      console.error(`check FAILED: ${e.message}`);
      await browser.close();
      await stop(1);
    }
    return;
  }

  console.log('\nEM Explorer is running in code-server (VS Code 1.100.3 in the browser). Open:\n');
  console.log(`  ${url}\n`);
  console.log('Then press the scatter icon in the editor title, or run "EM: Fit Mixture Model" (F1). Ctrl+C stops the server.');
  const hasDisplay = !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const chromium = chromiumPath();
  if (hasDisplay && chromium && !args.includes('--no-browser')) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const browserArgs = [`--user-data-dir=${path.join(state, 'chromium')}`, '--no-first-run', `--app=${url}`];
    if (isRoot) browserArgs.unshift('--no-sandbox');
    spawn(chromium, browserArgs, { stdio: 'ignore', detached: true }).unref();
  } else if (!hasDisplay) {
    console.log('(No display found: open the URL in a browser on this machine, or forward the port.)');
  }
}

async function main() {
  build();
  if (!args.includes('--code-server') && !args.includes('--check') && onPath('code')) return desktop();
  return codeServer();
}

main().catch((e) => { console.error(`npm start failed: ${e.userFacing ? e.message : e.stack || e}`); process.exit(1); });
