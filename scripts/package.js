// `npm run package`: production bundles (minified, no source maps), then `vsce package --no-dependencies`
// into the repo root, then a check that the .vsix holds exactly what an installed extension needs:
// dist/*.js (no maps), media/**, samples/**, README.md, LICENSE, CHANGELOG.md, package.json.
// Prints the .vsix path and size; exits non-zero (loudly) on anything else.
// Env: EM_VSIX_MAX_BYTES (default 1 MiB).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsixName = `${pkg.name}-${pkg.version}.vsix`;
const vsixPath = path.join(root, vsixName);
const maxBytes = Number(process.env.EM_VSIX_MAX_BYTES || 1024 * 1024);

/** Paths inside the package (relative to extension/) that may ship. */
const ALLOWED = [
  /^dist\/[^/]+\.js$/,
  /^media\/.+$/,
  /^samples\/.+$/,
  // vsce stores README.md / CHANGELOG.md / LICENSE as readme.md / changelog.md / LICENSE.txt.
  /^(readme\.md|LICENSE(\.txt|\.md)?|changelog\.md|package\.json)$/i,
];
const REQUIRED = ['package.json', 'readme.md', 'changelog.md', 'dist/extension.js', 'dist/emWorker.js', 'dist/webview.js',
  'dist/cli.js', 'samples/faithful.csv', 'samples/iris.csv', 'samples/faithful.parquet'];

function run(cmd, args) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) { console.error(`\nPACKAGING FAILED: ${cmd} exited with ${r.status}`); process.exit(1); }
}

function listZip(file) {
  const r = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
  if (r.status === 0) return r.stdout.split('\n').filter(Boolean);
  // No unzip: read the central directory with JSZip (a dependency of @vscode/test-electron).
  return null;
}

async function entries(file) {
  const listed = listZip(file);
  if (listed) return listed;
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return Object.keys(zip.files).filter((n) => !zip.files[n].dir);
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function main() {
  for (const f of fs.readdirSync(root)) if (f.endsWith('.vsix')) fs.rmSync(path.join(root, f));
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  run(process.execPath, ['esbuild.js', '--production']);
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // --no-rewrite-relative-links: README images (docs/images) stay relative; we publish no marketplace page.
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links',
    '--out', vsixPath]);

  const files = (await entries(vsixPath)).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  const problems = [];
  for (const f of files) if (!ALLOWED.some((re) => re.test(f))) problems.push(`unexpected file in the package: ${f}`);
  for (const f of REQUIRED) if (!files.some((g) => g.toLowerCase() === f.toLowerCase())) problems.push(`missing from the package: ${f}`);
  if (!files.some((f) => /^LICENSE/.test(f))) problems.push('missing from the package: LICENSE');
  // Everything in media/ and samples/ ships (the webview loads media/*, openSample opens samples/*).
  for (const dir of ['media', 'samples']) {
    for (const f of listFiles(path.join(root, dir))) {
      const rel = path.relative(root, f).split(path.sep).join('/');
      if (!files.includes(rel)) problems.push(`missing from the package: ${rel}`);
    }
  }
  if (files.some((f) => f.endsWith('.map'))) problems.push('source maps in the package (build with --production)');
  const size = fs.statSync(vsixPath).size;
  if (size > maxBytes) problems.push(`the package is ${(size / 1024).toFixed(0)} KiB, over the ${(maxBytes / 1024).toFixed(0)} KiB budget`);
  console.log(`\n${vsixName}: ${files.length} files`);
  for (const f of files.sort()) console.log(`  ${f}`);
  if (problems.length) {
    console.error(`\nPACKAGING FAILED (.vscodeignore or the build is wrong):\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
  console.log(`\nPackaged ${path.relative(process.cwd(), vsixPath) || vsixPath}: ${(size / 1024).toFixed(1)} KiB (${size} bytes)`);
}

main().catch((e) => { console.error(`PACKAGING FAILED: ${e.stack || e}`); process.exit(1); });
