// Playwright helpers for driving the code-server workbench and reading EM Explorer's panel inside the
// webview's nested iframes (outer iframe.webview → iframe#active-frame → our HTML).
'use strict';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn() until it returns a truthy value; throws with `what` after timeoutMs. */
async function waitFor(what, fn, { timeoutMs = 30000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await sleep(intervalMs);
  }
}

/** Waits until the workbench is up and the explorer lists `fileName` (the remote file system is connected). */
async function waitForWorkbench(page, fileName) {
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.getByRole('treeitem', { name: fileName, exact: false }).first().waitFor({ state: 'visible', timeout: 60000 });
}

function treeItem(page, fileName) {
  return page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: new RegExp(`^${escapeRe(fileName)}$`) }).first();
}

function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** Opens a file from the explorer and waits for its editor tab; leaves focus in the editor. */
async function openFile(page, fileName) {
  await treeItem(page, fileName).click();
  await page.locator('.tabs-container .tab.active').filter({ hasText: fileName }).first().waitFor({ timeout: 20000 });
  await focusWorkbench(page);
}

/** Keyboard shortcuts need focus inside the workbench: click the status bar, which does nothing. */
async function focusWorkbench(page) {
  const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  if (await editor.isVisible().catch(() => false)) await editor.click({ position: { x: 5, y: 5 } });
  else await page.locator('.monaco-workbench .part.statusbar').click({ position: { x: 2, y: 2 } }).catch(() => {});
}

/** Runs a command by its palette label (e.g. "EM: Fit Mixture Model"); retypes until the extension registered it. */
async function runCommand(page, label) {
  await waitFor(`command palette entry "${label}"`, async () => {
    await page.keyboard.press('Escape');
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(`>${label}`);
    // The row whose label is exactly `label` (not e.g. "Preferences: Browse Color Themes…" for "Color Theme").
    const exact = new RegExp(`^${escapeRe(label)}$`);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
    } catch {
      return false;
    }
    await row.click();
    return true;
  }, { timeoutMs: 45000, intervalMs: 500 });
}

/** Preferences: Color Theme → pick the theme whose label contains `name`. */
async function pickColorTheme(page, name) {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first();
  await row.waitFor({ timeout: 10000 });
  await row.click();
}

async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await waitFor('no open editors', async () => (await page.locator('.tabs-container .tab').count()) === 0, { timeoutMs: 15000 });
  await sleep(300);
}

/** Right-clicks a file in the explorer and picks a context-menu entry (hover, wait, click: see the recipe's gotcha 5). */
async function explorerContextCommand(page, fileName, label) {
  // The entry appears once the extension host has registered the extension's menus: retry until then.
  const entry = page.getByRole('menuitem', { name: label }).first();
  await waitFor(`context-menu entry "${label}" on ${fileName}`, async () => {
    await page.keyboard.press('Escape');
    await treeItem(page, fileName).click({ button: 'right' });
    try {
      await entry.waitFor({ state: 'visible', timeout: 3000 });
      return true;
    } catch {
      return false;
    }
  }, { timeoutMs: 45000, intervalMs: 500 });
  await entry.hover();
  await sleep(300);
  await entry.click();
}

/**
 * The frame of EM Explorer's panel: a webview content frame whose document has #status.
 * Only one panel should be open (close editors between steps).
 */
async function panelFrame(page, { timeoutMs = 30000 } = {}) {
  return waitFor('the EM Explorer panel (a webview frame with #status)', async () => {
    for (const f of page.frames()) {
      if (f === page.mainFrame() || f.isDetached()) continue;
      const ok = await f.evaluate(() => !!document.querySelector('#status') && !!document.querySelector('#fit-button')).catch(() => false);
      if (ok) return f;
    }
    return null;
  }, { timeoutMs });
}

/** Waits for a finished fit in the panel and reads it: summary fields, weights, means, chart data attributes. */
async function waitForResult(frame, { timeoutMs = 60000 } = {}) {
  await waitFor('a fit result in the panel (#summary [data-field="nComponents"][data-value])', () =>
    frame.evaluate(() => {
      const n = document.querySelector('#summary [data-field="nComponents"][data-value]');
      const rows = document.querySelectorAll('#params-table tr[data-component]');
      return !!n && rows.length > 0;
    }), { timeoutMs, intervalMs: 250 });
  return readPanel(frame);
}

function readPanel(frame) {
  return frame.evaluate(() => {
    const field = (name) => {
      const e = document.querySelector(`#summary [data-field="${name}"][data-value]`);
      return e ? e.getAttribute('data-value') : null;
    };
    const components = [...document.querySelectorAll('#params-table tr[data-component]')].map((tr) => ({
      k: Number(tr.getAttribute('data-component')),
      weight: Number(tr.querySelector('td[data-field="weight"]')?.getAttribute('data-value')),
      means: Object.fromEntries([...tr.querySelectorAll('td[data-field="mean"][data-column]')].map((td) => [td.getAttribute('data-column'), Number(td.getAttribute('data-value'))])),
    }));
    const ll = document.querySelector('#ll-chart');
    const scatter = document.querySelector('#scatter-chart');
    return {
      status: document.querySelector('#status')?.textContent?.trim() ?? '',
      error: document.querySelector('#error')?.textContent?.trim() ?? '',
      nComponents: Number(field('nComponents')),
      model: field('model'),
      logLikelihood: Number(field('logLikelihood')),
      bic: Number(field('bic')),
      iterations: Number(field('iterations')),
      converged: field('converged'),
      rowsUsed: Number(field('rowsUsed')),
      components,
      llIterations: ll ? Number(ll.getAttribute('data-iterations')) : null,
      scatterPoints: scatter ? Number(scatter.getAttribute('data-points')) : null,
    };
  });
}

/** The Content-Security-Policy of the panel's document. */
function panelCsp(frame) {
  return frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
}

module.exports = {
  sleep, waitFor, waitForWorkbench, pickColorTheme, openFile, focusWorkbench, runCommand, closeAllEditors, explorerContextCommand,
  panelFrame, waitForResult, readPanel, panelCsp, treeItem,
};
