#!/usr/bin/env node
// A stand-in for the VS Code executable that `@vscode/test-electron`'s runTests() spawns
// (`runTests({ vscodeExecutablePath: <this file>, ... })`). It runs the extension-host test suite in
// code-server instead: the dev extension and the tests module go in the workbench URL's `payload` as
// vscode-remote:// URIs, the suite runs in the server-side Node extension host, and the workbench reports
// the result through window.codeAutomationExit(code), which this shim exposes with Playwright and turns
// into its own exit code (0 = all passed). runTests judges only that exit code.
//
// Flags used: --extensionDevelopmentPath=P (repeatable), --extensionTestsPath=P, --user-data-dir=D,
// --extensions-dir=D, and the first non-flag argument as the folder to open. Other flags are ignored.
// Env: EM_SHIM_TIMEOUT_MS (hard timeout, default 600000), EM_SHIM_VERBOSE=1 (print the server log).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, launchBrowser, workbenchUrl } = require('./codeServer');

function parseArgs(argv) {
  const out = { devPaths: [], testsPath: '', userDataDir: '', extensionsDir: '', folder: '', ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) { if (!out.folder) out.folder = a; else out.ignored.push(a); continue; }
    const [, name, inline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(name);
    const value = inline !== undefined ? inline : (takesValue ? argv[++i] : undefined);
    switch (name) {
      case 'extensionDevelopmentPath': out.devPaths.push(path.resolve(value)); break;
      case 'extensionTestsPath': out.testsPath = path.resolve(value); break;
      case 'user-data-dir': out.userDataDir = path.resolve(value); break;
      case 'extensions-dir': out.extensionsDir = path.resolve(value); break;
      default: out.ignored.push(a);
    }
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath) throw new Error('codeServerShim: --extensionTestsPath is required');
  const verbose = process.env.EM_SHIM_VERBOSE === '1';
  const timeoutMs = Number(process.env.EM_SHIM_TIMEOUT_MS || 600000);
  const t0 = Date.now();
  const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const say = (m) => console.log(`[shim ${stamp()}] ${m}`);
  if (args.ignored.length && verbose) say(`ignoring ${args.ignored.join(' ')}`);

  // A module path can be given as a folder (VS Code resolves index.js itself).
  let testsPath = args.testsPath;
  if (fs.existsSync(testsPath) && fs.statSync(testsPath).isDirectory()) testsPath = path.join(testsPath, 'index.js');
  const folder = args.folder || fs.mkdtempSync(path.join(os.tmpdir(), 'em-ws-'));

  // The suite's index.js appends mocha's report here (see suite/index.ts); we stream it to stdout.
  const outFile = path.join(os.tmpdir(), `em-ext-tests-${process.pid}.log`);
  fs.writeFileSync(outFile, '');
  let printed = 0;
  const pump = () => {
    const text = fs.readFileSync(outFile, 'utf8');
    if (text.length > printed) { process.stdout.write(text.slice(printed)); printed = text.length; }
  };
  const pumpTimer = setInterval(pump, 300);

  let server;
  let browser;
  let timer;
  const cleanup = async () => {
    clearTimeout(timer);
    clearInterval(pumpTimer);
    try { pump(); } catch { /* gone */ }
    fs.rmSync(outFile, { force: true });
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (!args.folder) fs.rmSync(folder, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => { say(`${sig}: stopping`); cleanup().finally(() => process.exit(130)); });
  }

  try {
    server = await startServer({
      workspace: folder,
      userDataDir: args.userDataDir || undefined,
      extensionsDir: args.extensionsDir || undefined,
      log: verbose ? (l) => console.log(`[server] ${l}`) : undefined,
      env: { EM_TEST_OUTPUT: outFile },
    });
    say(`code-server up on ${server.url}`);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(() => {});
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    if (verbose) page.on('console', (msg) => console.log(`[browser] ${msg.text()}`));
    page.on('pageerror', (e) => { if (verbose) say(`page error: ${e.message}`); });
    const payload = [
      ...args.devPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
      ['extensionTestsPath', server.remoteUri(testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(workbenchUrl(server, { folder, payload }));
    const code = await exit;
    await new Promise((r) => setTimeout(r, 200));
    pump();
    if (code === 'timeout') {
      say(`TIMEOUT: the test suite did not finish within ${timeoutMs / 1000} s`);
      console.log(server.output().slice(-4000));
      await cleanup();
      return 1;
    }
    say(`extension tests finished with code ${code}`);
    if (code !== 0 && !verbose) console.log(`--- code-server log (tail) ---\n${server.output().slice(-3000)}`);
    await cleanup();
    return code;
  } catch (e) {
    console.error(`[shim] ${e.stack || e}`);
    if (server) console.error(server.output().slice(-3000));
    await cleanup();
    return 1;
  }
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(1); });
