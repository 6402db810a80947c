// End-to-end: a Parquet file (samples/faithful.parquet) fitted from the explorer's context menu, from the editor
// title of the binary-file editor VS Code opens it in, and from the palette with that editor active; the panel
// shows the numbers the installed CLI prints for the same file. Run by ./runE2e.js (see panel.test.js).
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, launchBrowser, workbenchUrl, installVsix } = require('../integration/codeServer');
const wb = require('./workbench');

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extId = `${pkg.publisher}.${pkg.name}`;
const vsix = process.env.EM_E2E_VSIX || path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const resultsDir = path.join(root, 'test-results', 'e2e');
const SETTINGS = {
  'emExplorer.defaultComponents': '2',
  'emExplorer.restarts': 3,
  'emExplorer.seed': 0,
  'emExplorer.covarianceType': 'full',
};
const CLI_FLAGS = ['--k', '2', '--seed', '0', '--restarts', '3', '--covariance', 'full'];

function closeTo(actual, expected, what, rtol = 1e-6) {
  const tol = rtol * Math.max(1, Math.abs(expected));
  assert.ok(Number.isFinite(actual) && Math.abs(actual - expected) <= tol, `${what}: panel shows ${actual}, CLI printed ${expected}`);
}

describe('EM Explorer on a Parquet file in code-server', { timeout: 10 * 60_000 }, () => {
  let tmp; let ws; let server; let browser; let page; let cliResult;
  let failed = false;

  before(async () => {
    assert.ok(fs.existsSync(vsix), `${vsix} exists (run npm run package first, or use test/e2e/runE2e.js)`);
    tmp = fs.mkdtempSync(path.join(process.env.EM_E2E_TMP || os.tmpdir(), 'em-e2e-columnar-'));
    const extDir = path.join(tmp, 'extensions');
    fs.mkdirSync(extDir);
    await installVsix(vsix, extDir);
    ws = path.join(tmp, 'workspace');
    fs.mkdirSync(ws);
    fs.copyFileSync(path.join(root, 'samples', 'faithful.parquet'), path.join(ws, 'geyser.parquet'));
    const installed = fs.readdirSync(extDir).find((d) => d.startsWith(`${extId}-`));
    assert.ok(installed, `the .vsix installed ${extId}`);
    const cli = path.join(extDir, installed, 'dist', 'cli.js');
    cliResult = JSON.parse(execFileSync(process.execPath, [cli, 'fit', path.join(ws, 'geyser.parquet'), ...CLI_FLAGS], { encoding: 'utf8' }));
    server = await startServer({ workspace: ws, extensionsDir: extDir, settings: SETTINGS });
    browser = await launchBrowser({ headless: !(process.env.EM_E2E_HEADED && process.env.DISPLAY) });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.goto(workbenchUrl(server, { folder: ws }));
    await wb.waitForWorkbench(page, 'geyser.parquet');
  });

  after(async () => {
    if (page && failed) await page.screenshot({ path: path.join(resultsDir, 'columnar-failure.png') }).catch(() => {});
    if (browser) await browser.close().catch(() => {});
    if (server) {
      if (failed) fs.writeFileSync(path.join(resultsDir, 'columnar-code-server.log'), server.output());
      await server.stop();
    }
    if (tmp && !process.env.EM_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const step = (name, fn) => it(name, { timeout: 180_000 }, async () => {
    try {
      await fn();
    } catch (e) {
      failed = true;
      await page?.screenshot({ path: path.join(resultsDir, `columnar-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) }).catch(() => {});
      throw e;
    }
  });

  /** The panel's result agrees with the CLI's fit of the same Parquet file. */
  async function assertCliResult(frame) {
    const r = await wb.waitForResult(frame);
    assert.equal(r.nComponents, 2, `number of components (status: ${r.status})`);
    assert.equal(r.rowsUsed, 272);
    closeTo(r.logLikelihood, cliResult.logLikelihood, 'log-likelihood');
    for (const c of r.components) {
      closeTo(c.weight, cliResult.weights[c.k], `weight of component ${c.k}`);
      cliResult.columns.forEach((col, j) => closeTo(c.means[col], cliResult.means[c.k][j], `mean of ${col} in component ${c.k}`));
    }
    assert.ok(r.llIterations > 0 && r.scatterPoints > 0, 'the charts are drawn');
    return r;
  }

  step('fits a .parquet file through the explorer context menu', async () => {
    await wb.explorerContextCommand(page, 'geyser.parquet', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    await assertCliResult(frame);
    const header = await frame.evaluate(() => document.body.innerText);
    assert.match(header, /272 rows · 2 columns · PARQUET/, 'the panel names the format');
    assert.deepEqual(cliResult.columns, ['eruptions', 'waiting']);
  });

  step('fits it from the editor title of the binary-file editor it opens in', async () => {
    await wb.closeAllEditors(page);
    await wb.openFile(page, 'geyser.parquet');
    const button = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Fit Mixture Model"]').first();
    await button.waitFor({ state: 'visible', timeout: 15000 });
    await button.click();
    await assertCliResult(await wb.panelFrame(page));
  });

  step('fits it from the palette while its editor is active', async () => {
    await wb.closeAllEditors(page);
    await wb.openFile(page, 'geyser.parquet');
    // With no text editor, the command takes the active tab's file (else it would ask for one, and no panel would open).
    await wb.runCommand(page, 'EM: Fit Mixture Model');
    await assertCliResult(await wb.panelFrame(page));
  });
});
