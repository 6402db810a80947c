// Starts code-server (a real VS Code 1.100.3 in the browser) and Debian's Chromium through playwright-core.
// Shared by the extension-host shim (codeServerShim.js), the end-to-end suite (test/e2e) and `npm start`.
// Everything a run writes lives in one temp dir that stop() removes; the server is killed by process group.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureCodeServer, chromiumPath, freePort, httpGet } = require('../../scripts/install-code-server');

/** User settings that keep the workbench quiet and offline (no marketplace, no welcome page, no updates). */
const BASE_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'extensions.gallery.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.watcherExclude': { '**': false },
  'window.restoreWindows': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
};

// Servers run in their own process group (so one kill takes down the wrapper, server, watcher and extension
// host); make sure none outlives this process, whether it exits normally or is interrupted.
const live = new Set();
function killAll() { for (const s of live) s.kill(); }
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll();
    // Leave the exit to another handler when there is one (e.g. the shim's graceful cleanup).
    if (process.listenerCount(sig) === 1) process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

/** Writes <userDataDir>/User/settings.json (code-server keeps user settings server-side). */
function writeUserSettings(userDataDir, settings = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  return file;
}

/**
 * Starts code-server on 127.0.0.1:<free port>.
 * opts: { workspace, extensionsDir?, userDataDir?, settings?, env?, log?: (line) => void, keep?: boolean }
 * Returns { port, url, userDataDir, extensionsDir, tmp, entry, output(), stop() }.
 */
async function startServer(opts = {}) {
  const { entry } = await ensureCodeServer({ needChromium: opts.needChromium !== false });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-cs-'));
  const userDataDir = opts.userDataDir || path.join(tmp, 'user-data');
  const extensionsDir = opts.extensionsDir || path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, opts.settings);
  const port = opts.port || await freePort();
  const host = opts.host || '127.0.0.1';
  const args = [entry, '--auth', 'none', '--bind-addr', `${host}:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];
  if (opts.workspace) args.push(opts.workspace);
  // code-server writes config.yaml, heartbeat and logs outside --user-data-dir: keep them in tmp too.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    ...opts.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  const onData = (d) => {
    out += d;
    if (out.length > 2e6) out = out.slice(-1e6);
    if (opts.log) for (const line of String(d).split('\n')) if (line.trim()) opts.log(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let stopped = false;
  const server = {
    port, host, tmp, entry, userDataDir, extensionsDir, pid: child.pid,
    url: `http://${host}:${port}/`,
    output: () => out,
    /** A `vscode-remote://` URI for a server-side absolute path (what the web workbench's payload needs). */
    remoteUri: (p) => `vscode-remote://${host}:${port}${path.resolve(p).split(path.sep).map(encodeURIComponent).join('/')}`,
    kill() {
      if (stopped) return;
      stopped = true;
      live.delete(server);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
      if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
    },
    async stop() {
      if (stopped) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const t0 = Date.now();
      while (child.exitCode === null && child.signalCode === null && Date.now() - t0 < 3000) await sleep(100);
      server.kill();
    },
  };
  live.add(server);
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) { server.kill(); throw new Error(`code-server exited with ${child.exitCode}:\n${out.slice(-3000)}`); }
    try { if ((await httpGet(`${server.url}healthz`)).status === 200) break; } catch { /* not yet */ }
    if (Date.now() > deadline) { server.kill(); throw new Error(`code-server did not answer /healthz within 30 s:\n${out.slice(-3000)}`); }
    await sleep(200);
  }
  return server;
}

/** The workbench URL: folder + optional payload entries ([key, value] pairs, e.g. extensionDevelopmentPath). */
function workbenchUrl(server, { folder, payload } = {}) {
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  if (payload && payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return server.url + (q.length ? `?${q.join('&')}` : '');
}

/** Launches Debian's Chromium (headless unless opts.headless === false). */
async function launchBrowser(opts = {}) {
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium not found at /usr/bin/chromium: install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH).');
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: exe,
    headless: opts.headless !== false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Installs a .vsix into an extensions dir with code-server's CLI (all side state in a temp dir). */
async function installVsix(vsix, extensionsDir) {
  const { entry } = await ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-cs-install-'));
  try {
    const r = spawnSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(tmp, 'ud'),
      '--install-extension', vsix], {
      encoding: 'utf8', timeout: 120000,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') },
    });
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    return (r.stdout + r.stderr).trim();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

module.exports = { startServer, launchBrowser, workbenchUrl, writeUserSettings, installVsix, sleep, BASE_SETTINGS };
