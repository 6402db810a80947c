// `npm run bench [-- --quick] [-- --no-sklearn] [-- --no-panel]`: bundles every bench/*.ts (and the pass helper thread
// used by the threaded executor) into out/bench/ with esbuild, then runs each bench in turn, passing the arguments
// through; then bench/panel.js, the panel in code-server on 1e6 rows (100,000 with --quick), after `npm run package`.
const esbuild = require('esbuild');
const { wasmPlugin } = require('./wasm');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

async function main() {
  const root = path.join(__dirname, '..');
  const benchDir = path.join(root, 'bench');
  const outdir = path.join(root, 'out', 'bench');
  const benches = fs.readdirSync(benchDir).filter((f) => f.endsWith('.ts')).sort();
  fs.rmSync(outdir, { recursive: true, force: true });
  // The host event-loop bench starts the real worker bundle from dist/.
  if (spawnSync(process.execPath, ['esbuild.js', '--production'], { stdio: 'inherit', cwd: root }).status !== 0) process.exit(1);
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'es2022', logLevel: 'warning', plugins: [wasmPlugin] };
  await esbuild.build({ ...common, entryPoints: benches.map((f) => path.join(benchDir, f)), outdir });
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'src/worker/parallel/passWorker.ts')], outfile: path.join(outdir, 'passWorker.js') });
  let failed = 0;
  for (const f of benches) {
    const js = path.join(outdir, f.replace(/\.ts$/, '.js'));
    console.log(`\n=== ${f} ===`);
    const r = spawnSync(process.execPath, [js, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) { failed++; console.error(`${f} exited with ${r.status ?? r.signal}`); }
  }
  // The panel in a real VS Code on 1e6 rows (code-server + Chromium; skipped when the .vsix or they are missing).
  if (!process.argv.includes('--no-panel')) {
    console.log('\n=== panel.js ===');
    const args = process.argv.includes('--quick') ? ['--rows', '100000'] : [];
    const r = spawnSync(process.execPath, [path.join(benchDir, 'panel.js'), ...args], { stdio: 'inherit', cwd: root });
    if (r.status !== 0) { failed++; console.error(`panel.js exited with ${r.status ?? r.signal}`); }
  }
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
