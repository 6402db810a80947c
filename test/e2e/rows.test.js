// End-to-end: the rows view in code-server, driven through Chromium like a user. A click on a row shows its line in
// the editor; the rows view lists a cluster's rows, sorted, virtualised; a box drawn in the scatter fills it and
// exports as CSV beside the file. Run by ./runE2e.js (see panel.test.js for the environment).
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer, launchBrowser, workbenchUrl, installVsix } = require('../integration/codeServer');
const wb = require('./workbench');

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = process.env.EM_E2E_VSIX || path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const resultsDir = path.join(root, 'test-results', 'e2e');
const SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'emExplorer.defaultComponents': '2',
  'emExplorer.restarts': 3,
  'emExplorer.seed': 0,
  'emExplorer.covarianceType': 'full',
  // streamed.csv (1.1 MB) is over it, rowsdata.csv far under.
  'emExplorer.memoryBudgetMB': 1,
};

/**
 * 1200 rows in two clusters (x, y) plus a label column, a blank line after every 100th row, and one far outlier
 * on a known line: the most unusual row. Returns the text and the outlier's line.
 */
function rowsCsv() {
  let s = 7;
  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const lines = ['x,y,label'];
  let outlierLine = 0;
  for (let i = 0; i < 1200; i++) {
    if (i === 777) {
      lines.push('40,-35,far away');
      outlierLine = lines.length;
    } else {
      const c = i % 2;
      lines.push(`${(c * 8 + gauss()).toFixed(4)},${(c * 4 + gauss()).toFixed(4)},${c ? 'b' : 'a'}`);
    }
    if (i % 100 === 99) lines.push('');
  }
  return { text: lines.join('\n') + '\n', outlierLine };
}

/**
 * 1100 rows of x, y and a long note (so the file is over a 1 MB memory budget with few enough rows to be all drawn),
 * a blank line after every 100th row, and one far outlier. Returns the text and the outlier's line.
 */
function streamedCsv() {
  let s = 11;
  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const lines = ['x,y,note'];
  let outlierLine = 0;
  for (let i = 0; i < 1100; i++) {
    const note = `${'n'.repeat(1000)}${i}`;
    if (i === 950) {
      lines.push(`40,-35,${note}`);
      outlierLine = lines.length;
    } else {
      const c = i % 2;
      lines.push(`${(c * 8 + r()).toFixed(4)},${(c * 4 + r()).toFixed(4)},${note}`);
    }
    if (i % 100 === 99) lines.push('');
  }
  return { text: lines.join('\n') + '\n', outlierLine };
}

describe('the rows view in code-server', { timeout: 10 * 60_000 }, () => {
  let tmp; let ws; let server; let browser; let page; let frame; let outlierLine; let streamedOutlierLine;
  let failed = false;
  const cspViolations = [];

  before(async () => {
    assert.ok(fs.existsSync(vsix), `${vsix} exists (run npm run package first, or use test/e2e/runE2e.js)`);
    tmp = fs.mkdtempSync(path.join(process.env.EM_E2E_TMP || os.tmpdir(), 'em-e2e-rows-'));
    const extDir = path.join(tmp, 'extensions');
    fs.mkdirSync(extDir);
    await installVsix(vsix, extDir);
    ws = path.join(tmp, 'workspace');
    fs.mkdirSync(ws);
    const data = rowsCsv();
    outlierLine = data.outlierLine;
    fs.writeFileSync(path.join(ws, 'rowsdata.csv'), data.text);
    const streamed = streamedCsv();
    streamedOutlierLine = streamed.outlierLine;
    fs.writeFileSync(path.join(ws, 'streamed.csv'), streamed.text);
    server = await startServer({ workspace: ws, extensionsDir: extDir, settings: SETTINGS });
    browser = await launchBrowser({ headless: !(process.env.EM_E2E_HEADED && process.env.DISPLAY) });
    page = await browser.newPage({ viewport: { width: 1600, height: 1100 } });
    page.on('console', (m) => {
      const t = m.text();
      if (/Content.Security.Policy/i.test(t) && /Refused/i.test(t)) cspViolations.push(t);
    });
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.goto(workbenchUrl(server, { folder: ws }));
    await wb.waitForWorkbench(page, 'rowsdata.csv');
  });

  after(async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) {
      if (failed) fs.writeFileSync(path.join(resultsDir, 'rows-code-server.log'), server.output());
      await server.stop();
    }
    if (tmp && !process.env.EM_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const step = (name, fn) => it(name, { timeout: 180_000 }, async () => {
    try {
      await fn();
    } catch (e) {
      failed = true;
      await page?.screenshot({ path: path.join(resultsDir, `rows-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) }).catch(() => {});
      throw e;
    }
  });

  /** The rows of the virtualised table now in the DOM, with their data attributes. */
  const domRows = () => frame.evaluate(() => [...document.querySelectorAll('#rows-table tbody tr[data-row]')].map((tr) => ({
    index: Number(tr.getAttribute('data-index')), row: Number(tr.getAttribute('data-row')), line: Number(tr.getAttribute('data-line')),
    cluster: Number(tr.getAttribute('data-cluster')), probability: Number(tr.getAttribute('data-probability')),
    uncertainty: Number(tr.getAttribute('data-uncertainty')), logDensity: Number(tr.getAttribute('data-log-density')),
  })));
  const rowsState = () => frame.evaluate(() => {
    const s = document.querySelector('#rows-scroll');
    return { view: s?.getAttribute('data-view'), sort: s?.getAttribute('data-sort'), total: Number(s?.getAttribute('data-total')), placeholders: document.querySelectorAll('#rows-table tbody tr.loading').length };
  });
  /** Waits until the rows view shows `view` sorted by `sort`, its rows all loaded. */
  const waitForRows = (view, sort) => wb.waitFor(`the rows view to list ${view} by ${sort}`, async () => {
    const st = await rowsState();
    return st.view === view && (sort === null || st.sort === sort) && st.total >= 0 && st.placeholders === 0 && (await domRows()).length > 0 ? st : null;
  }).catch(async (e) => {
    const st = await rowsState().catch((x) => x.message);
    const note = await frame.textContent('#rows-note').catch((x) => x.message);
    throw new Error(`${e.message}; the view is ${JSON.stringify(st)}, its note "${note}"`);
  });

  /** The editor's cursor line from the status bar ("Ln 12, Col 1"). */
  const cursorLine = () => page.evaluate(() => {
    const item = [...document.querySelectorAll('.statusbar-item')].map((e) => e.textContent || '').find((t) => /Ln \d+, Col \d+/.test(t));
    const m = item && /Ln (\d+), Col/.exec(item);
    return m ? Number(m[1]) : null;
  });

  step('lists the most unusual row first, and a click on it shows its line in the file', async () => {
    await wb.explorerContextCommand(page, 'rowsdata.csv', 'Fit Mixture Model');
    frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    const first = await wb.waitFor('the most unusual rows', () => frame.evaluate(() => {
      const tr = document.querySelector('#unusual-table tbody tr[data-row]');
      return tr ? { line: Number(tr.getAttribute('data-line')), text: tr.textContent } : null;
    }));
    assert.equal(first.line, outlierLine, `the planted outlier (line ${outlierLine}) is the most unusual row: ${first.text}`);
    await frame.click('#unusual-table tbody tr[data-row]');
    await wb.waitFor(`rowsdata.csv to open at line ${outlierLine}`, async () => {
      const tab = await page.locator('.tabs-container .tab.active').first().textContent().catch(() => '');
      return /rowsdata\.csv/.test(tab || '') && (await cursorLine()) === outlierLine;
    });
    const selected = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().textContent();
    assert.ok(selected.replace(/\u00a0/g, ' ').includes('40,-35,far away'), `the outlier's line is in view: ${selected.slice(0, 200)}`);
  });

  /**
   * Clicks the planted outlier (40, −35), the only point far right and low: found by hovering there (the chart marks the
   * canvas clickable over a point), nearest the plot's bottom-right corner first.
   */
  async function clickOutlierPoint() {
    await frame.evaluate(() => { document.querySelector('#scatter-chart')?.scrollIntoView({ block: 'center' }); });
    await wb.sleep(300);
    const box = await frame.locator('#scatter-chart').boundingBox();
    const overPoint = () => frame.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
      resolve(document.querySelector('#scatter-chart')?.classList.contains('clickable') ?? false)))));
    const spots = [];
    for (let dx = 0; dx < box.width * 0.35; dx += 4) for (let dy = 0; dy < box.height * 0.45; dy += 4) spots.push([dx, dy]);
    spots.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
    for (const [dx, dy] of spots) {
      const at = { x: box.x + box.width - 2 - dx, y: box.y + box.height - 2 - dy };
      await page.mouse.move(at.x, at.y);
      if (await overPoint()) {
        await page.mouse.click(at.x, at.y);
        return;
      }
    }
    assert.fail('a point is drawn near the bottom-right corner of the scatter (the outlier)');
  }

  step('a click on a point drawn in the scatter shows that row\'s line in the file', async () => {
    // First somewhere else in the file: the first row of the rows view (a row of a cluster, not the outlier).
    await frame.evaluate(() => document.querySelector('#rows-card')?.scrollIntoView());
    await waitForRows('cluster:0', null);
    const other = (await domRows())[0];
    assert.notEqual(other.line, outlierLine);
    // Clicked in the page (the virtualised table may redraw its rows under a pointer click's wait for them to settle).
    await frame.evaluate((row) => document.querySelector(`#rows-table tbody tr[data-row="${row}"]`)?.click(), other.row);
    await wb.waitFor(`rowsdata.csv to open at line ${other.line}`, async () => (await cursorLine()) === other.line);

    await clickOutlierPoint();
    await wb.waitFor(`rowsdata.csv to open at the outlier's line ${outlierLine}`, async () => (await cursorLine()) === outlierLine);
    const selected = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().textContent();
    assert.ok(selected.replace(/\u00a0/g, ' ').includes('40,-35,far away'), `the outlier's line is in view: ${selected.slice(0, 200)}`);
    // Back to the panel's group (the workbench helpers click into the active editor, scrolled far down here).
    await frame.click('#status');
  });

  step('lists a cluster\'s rows sorted by probability, only those in view in the DOM', async () => {
    const result = await wb.readPanel(frame);
    const k = 1;
    const count = await frame.evaluate((c) => Number(document.querySelector(`#params-table tr[data-component="${c}"] td[data-field="count"]`)?.getAttribute('data-value')), k);
    await frame.selectOption('#rows-view', `cluster:${k}`);
    const st = await waitForRows(`cluster:${k}`, 'probability:descending');
    assert.equal(st.total, count, `the view holds the ${count} rows of component ${k + 1}`);
    let rows = await domRows();
    assert.ok(rows.length < st.total / 4, `virtualised: ${rows.length} of ${st.total} rows in the DOM`);
    assert.ok(rows.every((r) => r.cluster === k), 'every row is in the cluster');
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].probability >= rows[i].probability, 'most probable first');
    assert.equal(result.rowsUsed, 1200);

    // Sorted by uncertainty (a click on its header), then scrolled to the end.
    await frame.click('#rows-table thead button[data-sort="uncertainty"]');
    await waitForRows(`cluster:${k}`, 'uncertainty:descending');
    rows = await domRows();
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].uncertainty >= rows[i].uncertainty, 'most uncertain first');
    await frame.evaluate(() => { const s = document.querySelector('#rows-scroll'); s.scrollTop = s.scrollHeight; });
    const last = await wb.waitFor('the last rows to load', async () => {
      const now = await domRows();
      const st2 = await rowsState();
      return st2.placeholders === 0 && now.length && now[now.length - 1].index === st2.total - 1 ? now : null;
    });
    assert.ok(last.every((r) => r.cluster === k));
    for (let i = 1; i < last.length; i++) assert.ok(last[i - 1].uncertainty >= last[i].uncertainty, 'still sorted at the end');
  });

  step('fills the rows view with the points in a box drawn in the scatter, and exports them', async () => {
    await frame.click('#scatter-mode-box');
    const box = await frame.locator('#scatter-chart').boundingBox();
    // The frame's coordinates are the page's: drag over the whole plot.
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 5 });
    await page.mouse.up();
    const st = await waitForRows('selection', 'row:ascending');
    const drawn = Number(await frame.getAttribute('#scatter-chart', 'data-points'));
    assert.equal(st.total, drawn, 'every drawn point is selected');
    const note = await frame.textContent('#rows-note');
    assert.match(note, /selected/);
    const rows = await domRows();
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].row < rows[i].row, 'in file order');

    await frame.click('#rows-export');
    const out = path.join(ws, 'rowsdata.selection.csv');
    await wb.waitFor('rowsdata.selection.csv to be written', () => fs.existsSync(out) && fs.readFileSync(out, 'utf8').split('\n').length > st.total);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'x,y,label,cluster,p_1,p_2,uncertainty,log_density,line');
    assert.equal(lines.length, st.total + 1, 'a line per selected row');
    await frame.click('#scatter-mode-pan');
    // Another view keeps the order chosen (file order, from the selection).
    await frame.selectOption('#rows-view', 'cluster:0');
    await waitForRows('cluster:0', 'row:ascending');
  });

  step('gives the whole job\'s time in the status line and each candidate\'s in the table of candidates', async () => {
    await frame.fill('#k-max', '3');
    await frame.press('#k-max', 'Tab');
    await frame.fill('#k-min', '1');
    await frame.press('#k-min', 'Tab');
    await frame.click('#fit-button');
    const rows = await wb.waitFor('the table of candidates', () => frame.evaluate(() => {
      const trs = [...document.querySelectorAll('#candidates-table tbody tr[data-candidate]')];
      return trs.length === 3 ? trs.map((tr) => ({ k: tr.children[0].textContent, time: tr.querySelector('[data-field="elapsedMs"]')?.textContent ?? '' })) : null;
    }), { timeoutMs: 60000 });
    assert.deepEqual(rows.map((r) => r.k), ['1', '2', '3']);
    assert.ok(rows.every((r) => /\d+(\.\d+)? (ms|s)|min/.test(r.time)), `a time per candidate: ${JSON.stringify(rows)}`);
    const { status, total } = await frame.evaluate(() => ({
      status: document.querySelector('#status')?.textContent ?? '',
      total: document.querySelector('#summary [data-field="elapsedMs"]')?.textContent ?? '',
    }));
    assert.ok(total && status.includes(`in ${total}`), `the status line ("${status}") gives the job's time shown in the summary (${total})`);
  });

  step('a streamed fit says why its rows are not listed, and a click on a point still shows its line', async () => {
    await wb.closeAllEditors(page);
    await wb.explorerContextCommand(page, 'streamed.csv', 'Fit Mixture Model');
    frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    const shown = await wb.waitFor('the rows cards to explain', () => frame.evaluate(() => {
      const rows = document.querySelector('#rows-note')?.textContent ?? '';
      const unusual = document.querySelector('#unusual-note')?.textContent ?? '';
      return /Not available/.test(rows) && /Not available/.test(unusual) ? {
        rows, unusual, table: !document.querySelector('#rows-scroll')?.hidden, box: !!document.querySelector('#scatter-mode-box')?.offsetParent,
        listed: document.querySelectorAll('#unusual-table tbody tr, #rows-table tbody tr').length,
      } : null;
    }), { timeoutMs: 30000 });
    assert.match(shown.rows, /was larger than the memory budget and was streamed.*Click a point in the scatter/);
    assert.deepEqual({ table: shown.table, box: shown.box, listed: shown.listed }, { table: false, box: false, listed: 0 }, 'no table, no box or lasso, no rows');
    await clickOutlierPoint();
    await wb.waitFor(`streamed.csv to open at the outlier's line ${streamedOutlierLine}`, async () => {
      const tab = await page.locator('.tabs-container .tab.active').first().textContent().catch(() => '');
      return /streamed\.csv/.test(tab || '') && (await cursorLine()) === streamedOutlierLine;
    });
    await frame.click('#status');
  });

  step('takes screenshots of the rows views in a dark and a light theme', async () => {
    // The panel alone, the whole editor area wide.
    await wb.closeAllEditors(page);
    await page.setViewportSize({ width: 1280, height: 1200 });
    await wb.explorerContextCommand(page, 'rowsdata.csv', 'Fit Mixture Model');
    await wb.runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    frame = await wb.panelFrame(page);
    await wb.waitForResult(frame);
    await frame.selectOption('#rows-view', 'cluster:0');
    const st = await waitForRows('cluster:0', null);
    if (st.sort !== 'probability:descending') await frame.click('#rows-table thead button[data-sort="probability"]');
    await waitForRows('cluster:0', 'probability:descending');
    const shoot = async (name) => {
      // The unusual rows and the rows view at the top of the panel, no hover tooltip.
      await frame.evaluate(() => {
        document.querySelector('#unusual-card')?.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -((document.querySelector('header')?.offsetHeight ?? 0) + 12));
      });
      const frameEl = page.locator('iframe.webview.ready').last();
      const b = await frameEl.boundingBox();
      await page.mouse.move(b.x + b.width * 0.55, b.y + 30);
      await page.keyboard.press('Escape');
      await wb.sleep(600);
      const file = path.join(resultsDir, name);
      await frameEl.screenshot({ path: file });
      const docs = path.join(root, 'docs', 'images', name);
      if (process.env.EM_UPDATE_SCREENSHOTS === '1' || !fs.existsSync(docs)) fs.copyFileSync(file, docs);
    };
    await shoot('rows-dark.png');
    await wb.pickColorTheme(page, 'Light Modern');
    await wb.waitFor('the panel to receive the light theme', () => frame.evaluate(() => document.body.classList.contains('vscode-light')), { timeoutMs: 20000 });
    await waitForRows('cluster:0', 'probability:descending');
    await shoot('rows-light.png');
  });

  step('saw no Content-Security-Policy violations (the rows view sizes itself through the CSSOM)', async () => {
    assert.deepEqual(cspViolations, []);
  });
});
