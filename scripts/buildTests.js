// Bundles every test/**/*.test.ts (or the folders given) into out/test/ so node's test runner can run them.
const esbuild = require('esbuild');
const { wasmPlugin } = require('./wasm');
const fs = require('fs');
const path = require('path');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(p));
    else if (entry.name.endsWith('.test.ts')) found.push(p);
  }
  return found;
}

async function buildTests(folder, extra = {}) {
  const entryPoints = findTests(folder);
  const outdir = path.join('out', folder);
  fs.rmSync(outdir, { recursive: true, force: true });
  if (entryPoints.length === 0) return outdir;
  await esbuild.build({
    entryPoints,
    outdir,
    outbase: folder,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha', 'playwright-core', 'fast-check'],
    plugins: [wasmPlugin],
    ...extra,
  });
  return outdir;
}

module.exports = { buildTests, findTests };

if (require.main === module) {
  buildTests(process.argv[2] || 'test/unit').catch((e) => { console.error(e.message); process.exit(1); });
}
