// What a user waits for and feels in the panel on 1e6 rows, in a real VS Code (code-server + Chromium, as the
// end-to-end suite drives it): the time from Fit to the first picture, then the main thread of the webview while the
// user scrolls the rows view of a cluster and hovers the scatter. Long tasks (> 50 ms, the browser's own
// PerformanceObserver) and the longest gap between animation frames say whether anything stalls visibly.
//
//   npm run package && node bench/panel.js [--rows 1000000]     (npm run bench runs it after the others)
//
// Needs the .vsix, code-server (installed by the test harness) and chromium; says so and exits 0 when they are
// missing. The data file (1e6 rows × 4 columns, three clusters, about 36 MB) is generated into a temp folder.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, launchBrowser, workbenchUrl, installVsix } = require('../test/integration/codeServer');
const wb = require('../test/e2e/workbench');

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = process.env.EM_E2E_VSIX || path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const ROWS = arg('--rows', 1_000_000);

function writeCsv(file, rows) {
  let s = 11;
  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const fd = fs.openSync(file, 'w');
  let batch = ['a,b,c,d'];
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    const g = () => r() + r() + r() - 1.5;
    batch.push([c * 4 + g(), c * 2 + g(), -c * 3 + g(), g() * (1 + c)].map((v) => v.toFixed(4)).join(','));
    if (batch.length === 50_000) { fs.writeSync(fd, batch.join('\n') + '\n'); batch = []; }
  }
  fs.writeSync(fd, batch.join('\n') + '\n');
  fs.closeSync(fd);
}

/** Starts recording long tasks and animation-frame gaps in the webview's frame. */
const startRecording = (frame) => frame.evaluate(() => {
  const w = window;
  w.__bench = { longTasks: [], gaps: [], running: true };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  let last = performance.now();
  const tick = (t) => { w.__bench.gaps.push(t - last); last = t; if (w.__bench.running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const stopRecording = (frame) => frame.evaluate(() => {
  const b = window.__bench;
  b.running = false;
  const gaps = b.gaps.slice(1).sort((x, y) => x - y);
  const pct = (p) => gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] : 0;
  return { longTasks: b.longTasks.length, longestTask: Math.max(0, ...b.longTasks), frames: gaps.length, p50: pct(0.5), p95: pct(0.95), maxGap: gaps.length ? gaps[gaps.length - 1] : 0 };
});

async function main() {
  if (!fs.existsSync(vsix)) { console.log(`panel bench skipped: ${path.basename(vsix)} is missing (npm run package)`); return; }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-bench-panel-'));
  let server; let browser;
  try {
    const extDir = path.join(tmp, 'extensions');
    fs.mkdirSync(extDir);
    await installVsix(vsix, extDir);
    const ws = path.join(tmp, 'workspace');
    fs.mkdirSync(ws);
    const file = path.join(ws, 'million.csv');
    writeCsv(file, ROWS);
    const mb = fs.statSync(file).size / 1e6;
    const settings = { 'workbench.colorTheme': 'Default Dark Modern', 'emExplorer.defaultComponents': '3', 'emExplorer.restarts': 3, 'emExplorer.seed': 0, 'emExplorer.covarianceType': 'full' };
    try {
      server = await startServer({ workspace: ws, extensionsDir: extDir, settings });
      browser = await launchBrowser({ headless: true });
    } catch (e) {
      console.log(`panel bench skipped: ${e.message.split('\n')[0]}`);
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
    await page.goto(workbenchUrl(server, { folder: ws }));
    await wb.waitForWorkbench(page, 'million.csv');
    console.log(`panel on ${ROWS.toLocaleString('en-US')} rows × 4 (${mb.toFixed(0)} MB CSV), K = 3 full, 3 starts, in code-server ${os.availableParallelism()} cores`);

    const t0 = Date.now();
    await wb.explorerContextCommand(page, 'million.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page, { timeoutMs: 120_000 });
    const tFrame = Date.now();
    await wb.waitForResult(frame, { timeoutMs: 600_000 });
    const tResult = Date.now();
    const drawn = Number(await frame.getAttribute('#scatter-chart', 'data-points'));
    console.log(`  first picture (command → fitted clusters drawn)  ${((tResult - t0) / 1000).toFixed(1)} s   (panel open ${((tFrame - t0) / 1000).toFixed(1)} s; ${drawn.toLocaleString('en-US')} points drawn)`);

    // The rows view of the largest cluster, sorted by probability, scrolled with the wheel for 4 s.
    const tRows = Date.now();
    await frame.selectOption('#rows-view', 'cluster:0');
    await wb.waitFor('the rows view of cluster 1', () => frame.evaluate(() => {
      const s = document.querySelector('#rows-scroll');
      return s?.getAttribute('data-view') === 'cluster:0' && document.querySelectorAll('#rows-table tbody tr[data-row]').length > 0 && document.querySelectorAll('#rows-table tbody tr.loading').length === 0;
    }), { timeoutMs: 120_000 });
    const total = Number(await frame.getAttribute('#rows-scroll', 'data-total'));
    console.log(`  rows view of a cluster (${total.toLocaleString('en-US')} rows) first page   ${(Date.now() - tRows).toLocaleString('en-US')} ms`);
    const report = (what, m) => console.log(`  ${what.padEnd(48)} frames ${String(m.frames).padStart(4)}, median ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, longest gap ${m.maxGap.toFixed(0)} ms; long tasks ${m.longTasks} (longest ${m.longestTask.toFixed(0)} ms)`);

    const scroller = await frame.locator('#rows-scroll').boundingBox();
    await page.mouse.move(scroller.x + scroller.width / 2, scroller.y + scroller.height / 2);
    await startRecording(frame);
    for (let i = 0; i < 80; i++) { await page.mouse.wheel(0, i % 20 === 19 ? 40_000 : 600); await wb.sleep(50); }
    report('scrolling the rows view (wheel, 4 s, 4 jumps)', await stopRecording(frame));

    // Hovering across the scatter: tooltips on the nearest point, for 4 s.
    await frame.locator('#scatter-chart').scrollIntoViewIfNeeded();
    const chart = await frame.locator('#scatter-chart').boundingBox();
    await startRecording(frame);
    for (let i = 0; i < 80; i++) {
      const t = i / 79;
      await page.mouse.move(chart.x + chart.width * (0.1 + 0.8 * t), chart.y + chart.height * (0.5 + 0.35 * Math.sin(t * 12)));
      await wb.sleep(50);
    }
    report('hovering the scatter (4 s)', await stopRecording(frame));
    if (process.env.EM_BENCH_SHOT) await page.screenshot({ path: process.env.EM_BENCH_SHOT });
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(`panel bench failed: ${e.message}`); process.exit(1); });
