#!/usr/bin/env node
// Installs code-server 4.100.3 (VS Code 1.100.3) offline-friendly into
// ${EM_CODE_SERVER_DIR:-<repo>/.vscode-test/code-server-4.100.3}, so the extension-host and end-to-end
// suites (and `npm start` without desktop VS Code) have a real VS Code to run in.
//
// Only the npm registry is needed: code-server's own postinstall downloads from GitHub, so it is replaced
// by explicit steps (see ../shared/notes/e2e-recipe.md):
//   npm install --ignore-scripts code-server   → npm rebuild argon2
//   lib/vscode: npm install --omit=dev --ignore-scripts → npm rebuild <native modules> → require() each
//   symlink Debian's rg for @vscode/ripgrep, plus the links code-server's postinstall makes
//   lib/vscode/extensions: npm install --omit=dev → smoke test (start the server, wait for the workbench page)
// Idempotent: a finished install has a marker file and is re-checked in well under a second.
//
// Needs Node 20, make, g++, python3, libkrb5-dev, ripgrep, and Chromium for the tests (apt-get installs them when
// root and CI=true or EM_APT=1; otherwise the error says what to install).
// Usage: node scripts/install-code-server.js [--force] [--verify]
//   --force   reinstall from scratch   --verify  also run the server smoke test on an existing install
// From code: require('./install-code-server').ensureCodeServer() → { dir, entry }.
'use strict';
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');

const VERSION = '4.100.3';
const ROOT = path.resolve(__dirname, '..');
const NATIVE = ['kerberos', 'node-pty', '@vscode/spdlog', '@vscode/deviceid', 'native-watchdog'];
const MARKER = '.em-install-complete';
const APT_PACKAGES = { chromium: 'chromium', rg: 'ripgrep', make: 'make', 'g++': 'g++', python3: 'python3', 'krb5-config': 'libkrb5-dev' };

function defaultDir() {
  return path.resolve(process.env.EM_CODE_SERVER_DIR || path.join(ROOT, '.vscode-test', `code-server-${VERSION}`));
}

/** Debian's Chromium (or CHROMIUM_PATH when set); null when there is none. */
function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) || null;
}

function log(msg) { console.log(`[code-server] ${msg}`); }

function fail(msg) {
  const e = new Error(msg);
  e.userFacing = true;
  throw e;
}

function which(cmd) {
  return (process.env.PATH || '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
}

function run(cmd, args, opts = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: opts.quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...opts });
  if (r.error) fail(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0 && !opts.allowFail) {
    const out = opts.quiet ? `\n${(r.stdout || '').slice(-2000)}${(r.stderr || '').slice(-4000)}` : '';
    fail(`\`${cmd} ${args.join(' ')}\` failed with exit code ${r.status} (in ${opts.cwd || process.cwd()})${out}`);
  }
  if (!opts.quiet) log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return r;
}

/** Node 20 is required: code-server 4.100.x ships VS Code 1.100 whose native modules target Node 20. */
function checkPrerequisites({ needChromium = true } = {}) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    fail(`code-server ${VERSION} needs Node 20 (its native modules are built for Node 20's ABI); this is Node ${process.versions.node}. ` +
      'Install Node 20 (e.g. `nvm install 20`) and run again.');
  }
  const missing = Object.keys(APT_PACKAGES).filter((cmd) => {
    if (cmd === 'chromium') return needChromium && !chromiumPath();
    return !which(cmd);
  });
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => APT_PACKAGES[m]);
  // Install them ourselves only in CI (or when asked): on a developer's machine, say what to install.
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const mayApt = (process.env.CI === 'true' || process.env.EM_APT === '1') && !process.env.EM_NO_APT;
  if (isRoot && mayApt && which('apt-get')) {
    log(`installing missing apt packages: ${pkgs.join(' ')}`);
    run('apt-get', ['update'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  const hint = missing.includes('chromium') ? ' (the tests drive code-server with Chromium)' : '';
  fail(`missing: ${missing.join(', ')}${hint}. Install them with: sudo apt-get install ${pkgs.join(' ')}` +
    (isRoot ? ' (or run again with EM_APT=1 to let this script do it)' : ''));
}

function npmEnv() {
  const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // Build native modules against the installed Node headers instead of downloading them (no internet here).
  if (!env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

function paths(dir) {
  const cs = path.join(dir, 'node_modules', 'code-server');
  return { cs, vscode: path.join(cs, 'lib', 'vscode'), entry: path.join(cs, 'out', 'node', 'entry.js') };
}

/** Loads every native module in a child Node; returns '' on success or the error text. */
function nativeModulesLoad(vscodeDir) {
  const script = `for (const m of ${JSON.stringify([...NATIVE, '@parcel/watcher'])}) require(m);` +
    "require('node-pty'); require('fs').accessSync(require('path').join('node_modules','@vscode','ripgrep','bin','rg'), 1);";
  const r = spawnSync(process.execPath, ['-e', script], { cwd: vscodeDir, encoding: 'utf8' });
  return r.status === 0 ? '' : (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 6).join('\n');
}

function readVersion(entry) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-cs-version-'));
  try {
    const r = spawnSync(process.execPath, [entry, '--version'], {
      encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp },
    });
    const line = (r.stdout || '').split('\n').find((l) => /^\d+\.\d+\.\d+ /.test(l));
    return r.status === 0 && line ? line.trim() : (r.stdout || '').trim();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function httpGet(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body, location: res.headers.location }));
    });
    req.on('error', reject);
    req.setTimeout(3000, () => req.destroy(new Error('timeout')));
  });
}

/** Starts the server on a free port, waits for /healthz and the workbench page, kills it. */
async function smokeTest(entry) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-cs-smoke-'));
  const port = await freePort();
  const child = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext'), '--disable-telemetry',
    '--disable-update-check', tmp], {
    detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') },
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  try {
    const deadline = Date.now() + 30000;
    for (;;) {
      if (child.exitCode !== null) fail(`code-server exited during the smoke test:\n${output.slice(-3000)}`);
      try {
        let page = await httpGet(`http://127.0.0.1:${port}/`);
        if (page.status >= 300 && page.status < 400 && page.location) page = await httpGet(new URL(page.location, `http://127.0.0.1:${port}/`).href);
        if (page.status === 200 && page.body.includes('vscode-workbench-web-configuration')) break;
      } catch { /* not up yet */ }
      if (Date.now() > deadline) fail(`code-server did not serve the workbench within 30 s:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function symlink(target, linkPath) {
  try { fs.rmSync(linkPath, { force: true, recursive: false }); } catch { /* a directory: leave it */ }
  if (!fs.existsSync(linkPath)) fs.symlinkSync(target, linkPath);
}

function install(dir) {
  const env = npmEnv();
  const { cs, vscode } = paths(dir);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(path.join(dir, MARKER), { force: true });
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'em-code-server', private: true }, null, 2) + '\n');
  }
  if (readPkgVersion(cs) !== VERSION) {
    log(`npm install code-server@${VERSION} (scripts off: upstream postinstall downloads from GitHub)`);
    run('npm', ['install', '--no-save', '--ignore-scripts', '--no-package-lock', `code-server@${VERSION}`], { cwd: dir, env });
  }
  log('npm rebuild argon2');
  run('npm', ['rebuild', 'argon2'], { cwd: dir, env });
  if (!fs.existsSync(path.join(vscode, 'node_modules', 'node-pty'))) {
    log('lib/vscode: npm install --omit=dev --ignore-scripts');
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscode, env });
  }
  // Debian's rg instead of @vscode/ripgrep's GitHub download.
  const rgDir = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  const rg = (process.env.PATH || '').split(':').map((d) => path.join(d, 'rg')).find((p) => fs.existsSync(p)) || '/usr/bin/rg';
  symlink(rg, path.join(rgDir, 'rg'));
  if (nativeModulesLoad(vscode)) {
    log(`lib/vscode: npm rebuild ${NATIVE.join(' ')} (C++ compile, about a minute on 2 cores)`);
    run('npm', ['rebuild', ...NATIVE], { cwd: vscode, env, allowFail: true });
  }
  // The links upstream's postinstall.sh makes.
  symlink('node_modules', path.join(vscode, 'node_modules.asar'));
  const remoteCli = path.join(vscode, 'bin', 'remote-cli');
  if (fs.existsSync(path.join(remoteCli, 'code-linux.sh'))) symlink('code-linux.sh', path.join(remoteCli, 'code-server'));
  const helpers = path.join(vscode, 'bin', 'helpers');
  if (fs.existsSync(path.join(helpers, 'browser-linux.sh'))) symlink('browser-linux.sh', path.join(helpers, 'browser.sh'));
  const exts = path.join(vscode, 'extensions');
  if (fs.existsSync(path.join(exts, 'package.json')) && !fs.existsSync(path.join(exts, 'node_modules'))) {
    log('lib/vscode/extensions: npm install --omit=dev');
    run('npm', ['install', '--omit=dev'], { cwd: exts, env });
  }
}

function readPkgVersion(pkgDir) {
  try { return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version; } catch { return ''; }
}

/**
 * Makes sure a working code-server is in `dir`. Returns { dir, entry, version }.
 * options: { dir, force, verify, needChromium }
 */
async function ensureCodeServer(options = {}) {
  const dir = path.resolve(options.dir || defaultDir());
  const t0 = Date.now();
  checkPrerequisites({ needChromium: options.needChromium !== false });
  const { vscode, entry } = paths(dir);
  const marker = path.join(dir, MARKER);
  if (!options.force && fs.existsSync(marker)) {
    const err = nativeModulesLoad(vscode);
    if (!err && fs.existsSync(entry)) {
      if (options.verify) await smokeTest(entry);
      log(`code-server ${VERSION} ready in ${dir} (checked in ${Date.now() - t0} ms)`);
      return { dir, entry, version: VERSION };
    }
    log(`existing install in ${dir} is broken (${err || 'entry.js missing'}); repairing`);
  }
  if (options.force) fs.rmSync(dir, { recursive: true, force: true });
  log(`installing code-server ${VERSION} into ${dir}`);
  install(dir);
  const err = nativeModulesLoad(vscode);
  if (err) fail(`native modules in lib/vscode do not load after the build:\n${err}\n(needs make, g++, python3, libkrb5-dev and Node 20 headers)`);
  const version = readVersion(entry);
  if (!version.startsWith(VERSION)) fail(`entry.js --version printed "${version}", expected ${VERSION}`);
  log('smoke test: start the server and wait for the workbench page');
  await smokeTest(entry);
  fs.writeFileSync(marker, JSON.stringify({ version: VERSION, node: process.versions.node, date: new Date().toISOString() }) + '\n');
  log(`code-server ${VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { dir, entry, version: VERSION };
}

module.exports = { ensureCodeServer, defaultDir, chromiumPath, freePort, httpGet, VERSION };

if (require.main === module) {
  const args = process.argv.slice(2);
  ensureCodeServer({ force: args.includes('--force'), verify: args.includes('--verify') })
    .then((r) => { console.log(r.entry); })
    .catch((e) => { console.error(`ERROR: ${e.userFacing ? e.message : e.stack}`); process.exit(1); });
}
