// End-to-end: the packaged .vsix installed into a fresh code-server, driven through Chromium like a user.
// Run by ./runE2e.js (which builds and packages first): node --test --test-concurrency=1 test/e2e/*.test.js
// Env: EM_E2E_VSIX (the package to install), EM_UPDATE_SCREENSHOTS=1 (also write docs/images/panel-*.png),
//      EM_E2E_KEEP=1 (keep the temp dir), EM_E2E_HEADED=1 (show the browser when a display exists).
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
const XSS_HEADER = '<img src=x onerror=alert(1)>';
const SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
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

/** A seeded mixture of 4 clusters: big enough that a K = 1..8 sweep over every covariance type takes a while. */
function bigCsv(rows, cols) {
  let s = 12345;
  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const out = [Array.from({ length: cols }, (_, j) => `v${j + 1}`).join(',')];
  for (let i = 0; i < rows; i++) {
    const c = i % 4;
    out.push(Array.from({ length: cols }, (_, j) => (c * 3 + (j % 2) * c + Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r())).toFixed(4)).join(','));
  }
  return out.join('\n') + '\n';
}

describe('EM Explorer in code-server (installed from the .vsix)', { timeout: 15 * 60_000 }, () => {
  let tmp; let ws; let extDir; let server; let browser; let page; let cliResult;
  const dialogs = [];
  const cspViolations = [];
  const alertCalls = [];
  let failed = false;

  before(async () => {
    assert.ok(fs.existsSync(vsix), `${vsix} exists (run npm run package first, or use test/e2e/runE2e.js)`);
    // runE2e.js gives a temp root it removes itself, also after an interrupted run.
    tmp = fs.mkdtempSync(path.join(process.env.EM_E2E_TMP || os.tmpdir(), 'em-e2e-'));
    extDir = path.join(tmp, 'extensions');
    fs.mkdirSync(extDir);
    await installVsix(vsix, extDir);
    ws = path.join(tmp, 'workspace');
    fs.mkdirSync(ws);
    for (const f of ['faithful.csv', 'iris.csv']) fs.copyFileSync(path.join(root, 'samples', f), path.join(ws, f));
    fs.writeFileSync(path.join(ws, 'malformed.csv'), 'a,b\n1,2\n3,"4\n5,6\n');
    const xssRows = Array.from({ length: 40 }, (_, i) => `${(i % 2 ? 10 : 0) + Math.sin(i)},${i % 7}`);
    fs.writeFileSync(path.join(ws, 'xss.csv'), `${XSS_HEADER},y\n${xssRows.join('\n')}\n`);
    fs.writeFileSync(path.join(ws, 'big.csv'), bigCsv(100_000, 4));
    // Numbers, text columns (with missing cells) and a column of few whole numbers: the mixed-data model.
    fs.copyFileSync(path.join(root, 'test', 'fixtures', 'mixed', 'survey.csv'), path.join(ws, 'survey.csv'));
    // Two groups in x and y, and a grade of five whole values that leans with the group (a column to suggest as categories).
    const gradeRows = Array.from({ length: 200 }, (_, i) => {
      const g = i % 2;
      return `${(g * 4 + 1.2 * Math.sin(i * 1.7)).toFixed(4)},${(g * 3 + Math.cos(i * 2.3)).toFixed(4)},${g ? [3, 4, 5, 5, 4][i % 5] : [1, 2, 1, 2, 3][i % 5]}`;
    });
    fs.writeFileSync(path.join(ws, 'grades.csv'), `x,y,grade\n${gradeRows.join('\n')}\n`);

    const installed = fs.readdirSync(extDir).find((d) => d.startsWith(`${extId}-`));
    assert.ok(installed, `the .vsix installed ${extId} into the extensions dir (found: ${fs.readdirSync(extDir).join(', ')})`);
    // The CLI from the installed package, on the same file, with the same seed and settings as the panel.
    const cli = path.join(extDir, installed, 'dist', 'cli.js');
    cliResult = JSON.parse(execFileSync(process.execPath, [cli, 'fit', path.join(ws, 'faithful.csv'), ...CLI_FLAGS], { encoding: 'utf8' }));

    server = await startServer({ workspace: ws, extensionsDir: extDir, settings: SETTINGS });
    browser = await launchBrowser({ headless: !(process.env.EM_E2E_HEADED && process.env.DISPLAY) });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
    page.on('console', (m) => {
      const t = m.text();
      if (/Content Security Policy|Content-Security-Policy/i.test(t) && /Refused/i.test(t)) cspViolations.push(t);
      if (/alert\(/i.test(t) || /allow-modals/i.test(t)) alertCalls.push(t);
    });
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.goto(workbenchUrl(server, { folder: ws }));
    await wb.waitForWorkbench(page, 'faithful.csv');
  });

  after(async (t) => {
    if (page && failed) await page.screenshot({ path: path.join(resultsDir, 'failure.png') }).catch(() => {});
    if (browser) await browser.close().catch(() => {});
    if (server) {
      if (failed) fs.writeFileSync(path.join(resultsDir, 'code-server.log'), server.output());
      await server.stop();
    }
    if (tmp && !process.env.EM_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    void t;
  });

  /** Wraps a test body so a failure leaves a screenshot and the server log in test-results/e2e/. */
  const step = (name, fn) => it(name, { timeout: 180_000 }, async () => {
    try {
      await fn();
    } catch (e) {
      failed = true;
      await page?.screenshot({ path: path.join(resultsDir, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) }).catch(() => {});
      throw e;
    }
  });

  async function savePanelShot(name) {
    const frameEl = page.locator('iframe.webview.ready').last();
    const file = path.join(resultsDir, name);
    // No hover tooltips in the picture: rest the mouse on the panel's plain header text.
    const box = await frameEl.boundingBox();
    await page.mouse.move(box.x + box.width * 0.55, box.y + 30);
    await page.keyboard.press('Escape');
    await wb.sleep(800);
    await frameEl.screenshot({ path: file });
    const docs = path.join(root, 'docs', 'images', name);
    if (process.env.EM_UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) {
      fs.mkdirSync(path.dirname(docs), { recursive: true });
      fs.copyFileSync(file, docs);
    }
  }

  step('runs from the installed package, not a development path', async () => {
    const title = await page.title();
    assert.doesNotMatch(title, /Extension Development Host/);
    assert.ok(!fs.existsSync(path.join(extDir, installedFolder(), 'src')), 'no sources in the installed extension');
  });

  function installedFolder() { return fs.readdirSync(extDir).find((d) => d.startsWith(`${extId}-`)); }

  step('fits through the command palette and shows the CLI\'s numbers', async () => {
    await wb.openFile(page, 'faithful.csv');
    await wb.runCommand(page, 'EM: Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    const r = await wb.waitForResult(frame);
    assert.equal(r.nComponents, 2, `number of components (status: ${r.status})`);
    assert.equal(r.components.length, 2, 'one parameter row per component');
    closeTo(r.logLikelihood, cliResult.logLikelihood, 'log-likelihood');
    for (const c of r.components) {
      closeTo(c.weight, cliResult.weights[c.k], `weight of component ${c.k}`);
      cliResult.columns.forEach((col, j) => closeTo(c.means[col], cliResult.means[c.k][j], `mean of ${col} in component ${c.k}`));
    }
    assert.equal(r.rowsUsed, 272);
    assert.ok(r.llIterations > 0, `the log-likelihood curve is drawn (#ll-chart data-iterations = ${r.llIterations})`);
    assert.ok(r.scatterPoints > 0, `the scatter is drawn (#scatter-chart data-points = ${r.scatterPoints})`);

    const csp = await wb.panelCsp(frame);
    assert.match(csp, /default-src 'none'/, `the panel has a strict CSP: ${csp}`);
    const scriptSrc = (/script-src ([^;]*)/.exec(csp) || [])[1] || '';
    assert.match(scriptSrc, /'nonce-[^']+'/, 'scripts are allowed by nonce');
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*|https?:/, `script-src is not loosened: ${scriptSrc}`);
  });

  step('fits through the explorer context menu', async () => {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'iris.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    const r = await wb.waitForResult(frame);
    assert.equal(r.nComponents, 2);
    assert.equal(r.rowsUsed, 150);
    assert.ok(r.llIterations > 0, '#ll-chart data-iterations > 0');
  });

  step('shows the first two principal components when the scatter asks for them', async () => {
    const frame = await wb.panelFrame(page);
    await frame.selectOption('#scatter-plane', 'pca');
    await wb.waitFor('the PC1 × PC2 plane (#scatter-chart data-plane="pca")', () =>
      frame.evaluate(() => document.querySelector('#scatter-chart')?.getAttribute('data-plane') === 'pca'));
    const note = await frame.evaluate(() => document.querySelector('#scatter-chart')?.closest('section')?.querySelector('.chart-footer')?.textContent ?? '');
    assert.doesNotMatch(note, /No principal components|Computing/, note);
    assert.ok(Number(await frame.getAttribute('#scatter-chart', 'data-points')) > 0, 'points drawn on the plane');
    await frame.selectOption('#scatter-plane', 'columns');
  });

  step('fits through the editor title button', async () => {
    await wb.closeAllEditors(page);
    await wb.openFile(page, 'faithful.csv');
    const button = page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Fit Mixture Model"]').first();
    await button.waitFor({ state: 'visible', timeout: 15000 });
    await button.click();
    const frame = await wb.panelFrame(page);
    const r = await wb.waitForResult(frame);
    assert.equal(r.nComponents, 2);
    closeTo(r.logLikelihood, cliResult.logLikelihood, 'log-likelihood');
  });

  step('shows the message of a malformed file in #error', async () => {
    await wb.closeAllEditors(page);
    await wb.openFile(page, 'malformed.csv');
    await wb.runCommand(page, 'EM: Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    const text = await wb.waitFor('#error to show the reader\'s message', async () => {
      const t = await frame.evaluate(() => document.querySelector('#error')?.textContent ?? '');
      return /never closed/.test(t) ? t : null;
    });
    assert.match(text, /malformed\.csv, line 3: a quoted field opens here but is never closed/);
  });

  step('shows an HTML-looking column name as text and runs no script', async () => {
    await wb.closeAllEditors(page);
    await wb.openFile(page, 'xss.csv');
    await wb.runCommand(page, 'EM: Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    const r = await wb.waitForResult(frame);
    assert.equal(r.nComponents, 2);
    assert.ok(XSS_HEADER in r.components[0].means, `the params table has a mean column named ${XSS_HEADER}`);
    const seen = await frame.evaluate((header) => {
      const box = [...document.querySelectorAll('#columns input[data-column]')].find((i) => i.getAttribute('data-column') === header);
      const label = box ? (box.closest('label')?.textContent ?? box.parentElement?.textContent ?? '') : '';
      return { label, bodyText: document.body.innerText.includes(header), imgs: document.querySelectorAll('img').length };
    }, XSS_HEADER);
    assert.ok(seen.label.includes(XSS_HEADER), `the column checkbox is labelled with the literal text (got "${seen.label}")`);
    assert.ok(seen.bodyText, 'the header text is shown literally in the panel');
    assert.equal(seen.imgs, 0, 'no <img> element was created in the panel');
    for (const f of page.frames()) {
      const n = await f.evaluate(() => document.querySelectorAll('img[src="x"]').length).catch(() => 0);
      assert.equal(n, 0, `no <img src=x> in frame ${f.url()}`);
    }
    await wb.sleep(500);
    assert.deepEqual(dialogs, [], 'no dialog was opened');
    assert.deepEqual(alertCalls, [], 'no alert() was attempted');
  });

  /**
   * big.csv's panel, opened from the explorer (the command gets the file's URI: with the palette, a 3 MB editor may
   * not have reached the extension host yet, and the command would ask for a file), its fit on open ended (read,
   * then fit: between the two it is briefly idle), and the options of a long sweep set.
   */
  async function bigFileReadyForLongSweep() {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'big.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page, { timeoutMs: 60000 });
    const isBusy = () => frame.evaluate(() => !document.querySelector('#cancel-button')?.disabled);
    await wb.waitForResult(frame);
    await wb.waitFor('the panel to be idle', async () => !(await isBusy()), { timeoutMs: 30000 });
    await setOptions(frame, { kMin: '1', kMax: '8', covariance: 'all', restarts: '10' });
    return { frame, isBusy };
  }

  step('cancels a long fit and the panel stays usable', async () => {
    const { frame, isBusy } = await bigFileReadyForLongSweep();
    await startLongSweep(frame, isBusy);
    await wb.sleep(1500);
    assert.equal(await isBusy(), true, `the long fit is still running after 1.5 s (status: "${await statusOf(frame)}")`);
    const t0 = Date.now();
    await frame.click('#cancel-button');
    const status = await wb.waitFor('the status to say the fit was cancelled', async () => {
      const t = await frame.evaluate(() => document.querySelector('#status')?.textContent ?? '');
      return /cancel/i.test(t) && !(await isBusy()) ? t : null;
    }, { timeoutMs: 10000, intervalMs: 100 });
    const ms = Date.now() - t0;
    assert.ok(ms < 5000, `cancel took ${ms} ms (status "${status}")`);

    // Usable afterwards: a different, short fit runs to the end, with a model scikit-learn does not have.
    await setOptions(frame, { kMin: '3', kMax: '3', covariance: 'VEV', restarts: '2' });
    await frame.click('#fit-button');
    const r = await wb.waitFor('the K = 3 VEV result', async () => {
      const p = await wb.readPanel(frame);
      return p.nComponents === 3 && p.model === 'VEV' && !(await isBusy()) ? p : null;
    }, { timeoutMs: 90000 });
    assert.equal(r.components.length, 3);
    assert.ok(r.llIterations > 0);
  });

  step('fits text columns ticked in the panel as categories and shows their profile', async () => {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'survey.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    // The fit on open used the numeric columns only: no category profiles, but the numeric one.
    assert.equal(await frame.evaluate(() => document.querySelectorAll('#profiles table.category-profile').length), 0, 'no category profiles for numbers only');
    assert.ok(await frame.evaluate(() => document.querySelectorAll('#numeric-profile tr[data-component]').length === 2), 'the numeric profile has a row per component');
    const box = (name) => `#columns input[data-column="${name}"]`;
    assert.equal(await frame.isChecked(box('Smoke')), false, 'a text column starts unticked');
    assert.equal(await frame.isEnabled(box('Smoke')), true, 'a text column can be ticked');
    await frame.check(box('Smoke'));
    await frame.check(box('Exer'));
    await setOptions(frame, { kMin: '2', kMax: '2', covariance: 'VVI', restarts: '10' });
    await frame.click('#fit-button');
    const table = '#profiles table[data-column="Smoke"]';
    await wb.waitFor('the category profile of Smoke', () => frame.evaluate((sel) => {
      const t = document.querySelector(sel);
      return !!t && !document.querySelector('#profiles').hidden && !document.querySelector('#cancel-button:not([disabled])');
    }, table), { timeoutMs: 90000 });
    const profile = await frame.evaluate((sel) => [...document.querySelectorAll(`${sel} tr[data-component]`)].map((tr) =>
      Object.fromEntries([...tr.querySelectorAll('td[data-level]')].map((td) => [td.getAttribute('data-level'), Number(td.getAttribute('data-value'))]))), table);
    assert.equal(profile.length, 2, 'one profile row per component');
    assert.deepEqual(Object.keys(profile[0]), ['Heavy', 'Never', 'Occas', 'Regul']);
    for (const row of profile) closeTo(Object.values(row).reduce((a, b) => a + b, 0), 1, 'probabilities of a component sum to 1', 1e-9);
    // The same fit from the CLI: the same log-likelihood and the same profile (up to the order of the components).
    const r = await wb.readPanel(frame);
    const cli = JSON.parse(execFileSync(process.execPath, [path.join(extDir, installedFolder(), 'dist', 'cli.js'), 'fit', path.join(ws, 'survey.csv'),
      '--columns', [...Object.keys(r.components[0].means), 'Exer', 'Smoke'].join(','), '--k', '2', '--covariance', 'VVI', '--restarts', '10', '--seed', '0'], { encoding: 'utf8' }));
    closeTo(r.logLikelihood, cli.logLikelihood, 'log-likelihood of the mixed fit', 1e-6);
    const cliRows = cli.categorical.Smoke.probabilities.map((p) => p[1]).sort();
    closeTo(profile.map((row) => row.Never).sort()[0], cliRows[0], 'P(Smoke = Never) of a component', 1e-6);
    assert.equal(r.model, 'VVI');
    await frame.evaluate(() => document.querySelector('#profiles')?.scrollIntoView());
    await wb.sleep(500);
    await page.locator('iframe.webview.ready').last().screenshot({ path: path.join(resultsDir, 'panel-mixed.png') });

    // Without any numeric column (a latent class model) the scatter becomes a map of the membership probabilities.
    assert.equal(await frame.isEnabled('#covariance'), true, 'with numeric columns the covariance model can be chosen');
    for (const name of Object.keys(r.components[0].means)) await frame.uncheck(box(name));
    await frame.check(box('Sex'));
    // No numeric column left: the covariance model and standardising mean nothing, and the form says so.
    assert.equal(await frame.isDisabled('#covariance'), true, 'the covariance model is disabled without a numeric column');
    assert.equal(await frame.isDisabled('#standardize'), true, 'standardising is disabled without a numeric column');
    assert.match(await frame.textContent('#covariance-hint'), /latent class/);
    assert.match(await frame.textContent('#k-hint'), /latent class/);
    await frame.click('#fit-button');
    await wb.waitFor('the membership map of a latent class model', () => frame.evaluate(() =>
      document.querySelector('#scatter-chart')?.getAttribute('data-plane') === 'map' && !document.querySelector('#cancel-button:not([disabled])')), { timeoutMs: 90000 });
    const map = await wb.readPanel(frame);
    assert.equal(map.model, 'latent class');
    assert.ok(map.scatterPoints > 200, `rows are drawn on the map (${map.scatterPoints})`);
    assert.ok(await frame.evaluate(() => document.querySelectorAll('#profiles table.category-profile').length === 3), 'a profile per categorical column');
  });

  step('suggests a column of few whole values as categories without switching it, and fits it as categories when asked', async () => {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'grades.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    const first = await wb.waitForResult(frame);
    const role = '#columns select[data-role-of="grade"]';
    // Suggested, never switched: the menu says "as numbers", the hint asks, and the fit on open used grade as a number.
    assert.equal(await frame.inputValue(role), 'numbers', 'a column of few whole values stays numbers by default');
    assert.deepEqual(await frame.evaluate((sel) => [...document.querySelectorAll(`${sel} option`)].map((o) => o.textContent), role),
      ['as numbers', 'as 5 categories', 'as counts']);
    const hint = `${role} + .hint`;
    assert.equal(await frame.isVisible(hint), true, 'the hint is shown');
    assert.equal((await frame.textContent(hint)).trim(), 'only 5 whole values: categories?');
    assert.ok('grade' in first.components[0].means, 'grade was fitted as a number');
    assert.equal(await frame.evaluate(() => document.querySelectorAll('#profiles table[data-column="grade"]').length), 0, 'no category profile yet');

    await frame.selectOption(role, 'categories');
    assert.equal(await frame.isVisible(hint), false, 'the hint goes once the column is fitted as categories');
    await setOptions(frame, { kMin: '2', kMax: '2', covariance: 'VVI', restarts: '10' });
    await frame.click('#fit-button');
    const table = '#profiles table[data-column="grade"]';
    await wb.waitFor('the category profile of grade', () => frame.evaluate((sel) => !!document.querySelector(sel) &&
      !document.querySelector('#cancel-button:not([disabled])'), table), { timeoutMs: 90000 });
    const profile = await frame.evaluate((sel) => [...document.querySelectorAll(`${sel} tr[data-component]`)].map((tr) =>
      Object.fromEntries([...tr.querySelectorAll('td[data-level]')].map((td) => [td.getAttribute('data-level'), Number(td.getAttribute('data-value'))]))), table);
    assert.equal(profile.length, 2, 'one profile row per component');
    assert.deepEqual(Object.keys(profile[0]).sort(), ['1', '2', '3', '4', '5']);
    for (const row of profile) closeTo(Object.values(row).reduce((a, b) => a + b, 0), 1, 'probabilities of a component sum to 1', 1e-9);
    // Each group holds its own grades: one component has (almost) no 1s, the other (almost) no 5s.
    const ones = profile.map((row) => row['1']).sort((a, b) => a - b), fives = profile.map((row) => row['5']).sort((a, b) => a - b);
    assert.ok(ones[0] < 0.05 && ones[1] > 0.3 && fives[0] < 0.05 && fives[1] > 0.3, `the profile tells the groups apart: ${JSON.stringify(profile)}`);
    const r = await wb.readPanel(frame);
    assert.deepEqual(Object.keys(r.components[0].means), ['x', 'y'], 'grade is no longer a numeric column');
    // The parameter tables list the same probabilities, a row per level and a value per component.
    const params = await frame.evaluate(() => [...document.querySelectorAll('#category-params-table tr[data-column="grade"]')].map((tr) =>
      [tr.getAttribute('data-level'), [...tr.querySelectorAll('td[data-field="probability"]')].map((td) => Number(td.getAttribute('data-value')))]));
    assert.equal(params.length, 5, 'a row per level of grade in the parameter tables');
    for (const [level, values] of params) assert.deepEqual(values, profile.map((row) => row[level]), `P(grade = ${level}) per component`);
    assert.equal(await frame.isVisible('#category-params-table'), true);
  });

  step('colours the clusters by a label column, with its cross-table, and draws the pairs plot', async () => {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'iris.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    assert.equal(await frame.isChecked('#columns input[data-column="class"]'), false, 'the label column is not fitted');
    await setOptions(frame, { kMin: '3', kMax: '3', covariance: 'VVV', restarts: '10' });
    await frame.click('#fit-button');
    await wb.waitFor('the K = 3 result', async () => (await wb.readPanel(frame)).nComponents === 3 && !(await frame.evaluate(() => !document.querySelector('#cancel-button')?.disabled)), { timeoutMs: 60000 });
    await frame.selectOption('#scatter-colour', 'class');
    const table = await wb.waitFor('the cross-table of clusters × class', () => frame.evaluate(() => {
      const rows = [...document.querySelectorAll('#comparison-table tbody tr[data-component]')];
      if (rows.length !== 3) return null;
      return rows.map((tr) => Object.fromEntries([...tr.querySelectorAll('td[data-level]')].map((td) => [td.getAttribute('data-level'), Number(td.getAttribute('data-value'))])));
    }), { timeoutMs: 30000 });
    assert.deepEqual(Object.keys(table[0]).sort(), ['setosa', 'versicolor', 'virginica']);
    assert.equal(table.flatMap((r) => Object.values(r)).reduce((a, b) => a + b, 0), 150, 'every flower counted once');
    // Setosa is one cluster of its own: some row holds all 50 of them.
    assert.ok(table.some((r) => r.setosa === 50), JSON.stringify(table));
    const summary = await frame.textContent('#comparison-summary');
    const ari = Number(/Adjusted Rand index ([0-9.]+)/.exec(summary)?.[1]);
    assert.ok(ari > 0.85 && ari <= 1, summary);
    // The fit did not use the label: the parameter table has the four measurements only.
    assert.equal(Object.keys((await wb.readPanel(frame)).components[0].means).length, 4);

    // The pairs plot: every fitted column; a click on a cell shows that pair in the Clusters chart.
    assert.equal(await frame.getAttribute('#pairs-chart', 'data-columns'), '4');
    const box = await frame.locator('#pairs-chart').boundingBox();
    await frame.locator('#pairs-chart').click({ position: { x: box.width * (2.5 / 4), y: box.height * (3.5 / 4) } });
    await wb.waitFor('the clusters chart to show the clicked pair', async () =>
      (await frame.inputValue('#scatter-x')) === 'petal length (cm)' && (await frame.inputValue('#scatter-y')) === 'petal width (cm)', { timeoutMs: 5000 });
    await frame.evaluate(() => document.querySelector('#comparison')?.scrollIntoView());
    await wb.sleep(500);
    await page.locator('iframe.webview.ready').last().screenshot({ path: path.join(resultsDir, 'panel-compare.png') });
    await frame.selectOption('#scatter-colour', '');
  });

  step('moves the focus from Fit to Cancel while fitting and back when cancelled', async () => {
    const { frame, isBusy } = await bigFileReadyForLongSweep();
    const focused = () => frame.evaluate(() => document.activeElement?.id ?? '');
    await frame.focus('#fit-button');
    await frame.press('#fit-button', 'Enter');
    await wb.waitFor('the long fit to start', isBusy, { timeoutMs: 10000 });
    await wb.waitFor('the focus to move to Cancel', async () => (await focused()) === 'cancel-button', { timeoutMs: 5000 });
    // Enter on the focused button (sent to the panel's frame: a workbench notification may hold the page's focus).
    await frame.press('#cancel-button', 'Enter');
    await wb.waitFor('the fit to stop', async () => !(await isBusy()), { timeoutMs: 10000 });
    await wb.waitFor('the focus to return to Fit', async () => (await focused()) === 'fit-button', { timeoutMs: 5000 });
  });

  /** axe-core's violations of the panel's document (written to test-results/e2e/<file>), serious and critical only. */
  async function seriousAxeViolations(frame, file) {
    // axe-core runs inside the panel's document (evaluated through the debugger protocol, so the panel's CSP is untouched).
    if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await frame.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    fs.writeFileSync(path.join(resultsDir, file), JSON.stringify(violations, null, 2));
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  step('has no serious or critical accessibility violations (axe-core), and says in words what each chart shows', async () => {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'iris.csv', 'Fit Mixture Model');
    const frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    await frame.selectOption('#scatter-colour', 'class');
    await wb.waitFor('the comparison table', () => frame.evaluate(() => document.querySelectorAll('#comparison-table tbody tr').length > 0), { timeoutMs: 30000 });
    const bad = await seriousAxeViolations(frame, 'axe-violations.json');
    assert.deepEqual(bad, [], `serious or critical violations: ${JSON.stringify(bad, null, 1)}`);

    // Each chart shown has a text alternative with its figures, not only its title.
    const descriptions = await frame.evaluate(() => Object.fromEntries([...document.querySelectorAll('[id$="-chart-description"]')]
      .filter((d) => !d.closest('[hidden]')).map((d) => [d.id, d.textContent ?? ''])));
    for (const id of ['scatter-chart-description', 'll-chart-description', 'pairs-chart-description']) assert.ok(id in descriptions, `${id} is shown: ${Object.keys(descriptions)}`);
    for (const [id, text] of Object.entries(descriptions)) {
      assert.ok((text.match(/\d+(\.\d+)?/g) ?? []).length >= 4, `${id} gives figures: "${text}"`);
    }
    assert.match(descriptions['pairs-chart-description'], /coloured by class.*Component 1: weight \d+%, mean ± standard deviation sepal length \(cm\) [\d.]+ ± [\d.]+.*Component 2: weight/);
    await frame.selectOption('#scatter-colour', '');
  });

  step('keeps the other starts\' lines visible and passes axe-core in a High Contrast theme', async () => {
    let frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    const note = await frame.textContent('#ll-chart-description');
    assert.match(await frame.evaluate(() => document.querySelector('#ll-chart')?.closest('.card')?.textContent ?? ''), /faint lines are the others/, `several starts are drawn: ${note}`);
    assert.equal(await frame.getAttribute('#ll-chart', 'data-others-alpha'), '0.35', 'faint in a normal theme');
    await wb.pickColorTheme(page, 'Dark High Contrast');
    try {
      await wb.waitFor('the workbench to switch to High Contrast', () =>
        page.evaluate(() => document.querySelector('.monaco-workbench')?.classList.contains('hc-black') ?? false), { timeoutMs: 20000 });
      frame = await wb.panelFrame(page);
      await wb.waitFor('the panel to receive the High Contrast theme', () => frame.evaluate(() => document.body.classList.contains('vscode-high-contrast')), { timeoutMs: 20000 });
      await wb.waitFor('the other starts to be drawn in High Contrast', async () => (await frame.getAttribute('#ll-chart', 'data-others-alpha')) === '0.9', { timeoutMs: 10000 });
      const bad = await seriousAxeViolations(frame, 'axe-violations-high-contrast.json');
      assert.deepEqual(bad, [], `serious or critical violations in High Contrast: ${JSON.stringify(bad, null, 1)}`);
    } finally {
      await wb.pickColorTheme(page, 'Dark Modern');
      await wb.waitFor('the workbench to switch back to Dark Modern', () =>
        page.evaluate(() => !document.querySelector('.monaco-workbench')?.classList.contains('hc-black')), { timeoutMs: 20000 });
    }
  });

  /**
   * The exploration views for the README in the current theme: iris coloured by its label with the pairs plot and
   * the cross-table (`explore-<theme>.png`), and the survey's numbers and categories with the cluster profiles
   * (`profiles-<theme>.png`). Opened from the explorer, so the side bar must be showing.
   */
  async function shootExplorationViews(theme) {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'iris.csv', 'Fit Mixture Model');
    let frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    await setOptions(frame, { kMin: '3', kMax: '3', covariance: 'VVV', restarts: '10' });
    await frame.click('#fit-button');
    await wb.waitFor('the K = 3 fit of iris', async () => (await wb.readPanel(frame)).nComponents === 3 && (await frame.evaluate(() => !!document.querySelector('#cancel-button')?.disabled)), { timeoutMs: 60000 });
    await frame.selectOption('#scatter-colour', 'class');
    await wb.waitFor('the cross-table', () => frame.evaluate(() => document.querySelectorAll('#comparison-table tbody tr[data-component]').length === 3), { timeoutMs: 30000 });
    // The cross-table and the pairs plot under it, below the panel's sticky header.
    await frame.evaluate(() => { document.querySelector('#comparison')?.scrollIntoView(); window.scrollBy(0, -70); });
    const framed = await frame.evaluate(() => {
      const inView = (sel) => { const r = document.querySelector(sel)?.getBoundingClientRect(); return !!r && r.top >= 0 && r.bottom <= window.innerHeight; };
      return { table: inView('#comparison-table'), pairs: inView('#pairs-chart') };
    });
    assert.ok(framed.table, `the screenshot shows the clusters × class table: ${JSON.stringify(framed)}`);
    await savePanelShot(`explore-${theme}.png`);

    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'survey.csv', 'Fit Mixture Model');
    frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    const box = (name) => `#columns input[data-column="${name}"]`;
    for (const name of ['Height', 'Pulse', 'Smoke', 'Exer', 'Sex']) if (!(await frame.isChecked(box(name)))) await frame.check(box(name));
    await setOptions(frame, { kMin: '3', kMax: '3', covariance: 'VVI', restarts: '10' });
    await frame.click('#fit-button');
    await wb.waitFor('the category profiles', () => frame.evaluate(() => document.querySelectorAll('#profiles table.category-profile').length === 3 &&
      !document.querySelector('#cancel-button:not([disabled])')), { timeoutMs: 90000 });
    // Below the panel's sticky header.
    await frame.evaluate(() => { document.querySelector('#profiles')?.scrollIntoView(); window.scrollBy(0, -70); });
    await savePanelShot(`profiles-${theme}.png`);
  }

  step('takes screenshots of the panel in a dark and a light theme', async () => {
    await wb.closeAllEditors(page);
    await page.setViewportSize({ width: 1280, height: 1380 });
    await shootExplorationViews('dark');
    await wb.closeAllEditors(page);
    // The explorer's context menu opens only the panel, which then has the whole editor area; hide the side bar too.
    await wb.explorerContextCommand(page, 'faithful.csv', 'Fit Mixture Model');
    let frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    await wb.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    await wb.sleep(1500);
    await savePanelShot('panel-dark.png');

    await wb.pickColorTheme(page, 'Light Modern');
    await wb.waitFor('the workbench to switch to the light theme', () =>
      page.evaluate(() => document.querySelector('.monaco-workbench')?.classList.contains('vs') ?? false), { timeoutMs: 20000 });
    frame = await wb.panelFrame(page);
    await wb.waitFor('the panel to receive the light theme', () => frame.evaluate(() => document.body.classList.contains('vscode-light')), { timeoutMs: 20000 });
    await wb.sleep(1500);
    await savePanelShot('panel-light.png');
    await wb.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await shootExplorationViews('light');
  });

  step('saw no Content-Security-Policy violations in the panel', async () => {
    assert.deepEqual(cspViolations, []);
  });

  const statusOf = (frame) => frame.evaluate(() => `${document.querySelector('#status')?.textContent ?? ''} ${document.querySelector('#error')?.textContent ?? ''}`.trim());

  /**
   * Presses Fit for the long sweep and waits until the host reports its progress (the panel's progress line), so
   * the fit is known to run in the worker, not only in the webview's own status. The document is tagged first: if
   * VS Code reloads the webview under the click (its `fit` message is then lost, and the restored panel is idle),
   * the failure says so rather than leaving a bare "not running".
   */
  async function startLongSweep(frame, isBusy) {
    await frame.evaluate(() => { window.emE2eTag = 'before-fit'; });
    await frame.click('#fit-button');
    await wb.waitFor('the long fit to start', isBusy, { timeoutMs: 10000 });
    const running = await wb.waitFor('the host to report the progress of the long fit', () => frame.evaluate(() => {
      const text = document.querySelector('#progress-text');
      const line = text && !text.closest('.progress-row')?.hidden ? text.textContent.trim() : '';
      return line && !document.querySelector('#cancel-button')?.disabled ? line : null;
    }), { timeoutMs: 15000, intervalMs: 100 }).catch(async (e) => {
      const reloaded = await frame.evaluate(() => window.emE2eTag !== 'before-fit');
      throw new Error(`${e.message} (status: "${await statusOf(frame)}"; the webview was ${reloaded ? '' : 'not '}reloaded)`);
    });
    return running;
  }

  async function setOptions(frame, { kMin, kMax, covariance, restarts }) {
    // Fill kMax first when raising so kMin ≤ kMax holds at every step.
    await frame.fill('#k-max', kMax);
    await frame.press('#k-max', 'Tab');
    await frame.fill('#k-min', kMin);
    await frame.press('#k-min', 'Tab');
    await frame.fill('#k-max', kMax);
    await frame.press('#k-max', 'Tab');
    await frame.selectOption('#covariance', covariance);
    await frame.fill('#restarts', restarts);
    await frame.press('#restarts', 'Tab');
  }
});
