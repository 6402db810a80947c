import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { MODEL_NAMES } from '../../../src/core/gaussian/models/catalog';
import { extensionPath, fit, scratchDir, sleep, syntheticCsv, writeFile } from './helpers';

describe('cancel', () => {
  let dir = '';
  before(() => { dir = scratchDir('cancel'); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cancels a long fit quickly, and a second fit then works', async function () {
    this.timeout(180_000);
    const big = writeFile(dir, 'big.csv', syntheticCsv(120_000, 5));
    const started = Date.now();
    const running = fit(big, { components: { min: 1, max: 8 }, models: [...MODEL_NAMES], nInit: 10, seed: 0, maxIter: 500, tol: 1e-9 });
    let settled = false;
    void running.then(() => { settled = true; });
    await sleep(3000);
    assert.equal(settled, false, 'the long fit is still running after 3 s (otherwise the test proves nothing)');

    const cancelAt = Date.now();
    const accepted = await vscode.commands.executeCommand<boolean>('emExplorer.cancel');
    const outcome = await Promise.race([running, sleep(10_000).then(() => ({ status: 'still running' }))]);
    const tookMs = Date.now() - cancelAt;
    assert.notEqual(accepted, false, 'emExplorer.cancel found the running fit');
    assert.equal(outcome.status, 'cancelled', `outcome after cancel (${Date.now() - started} ms after start)`);
    assert.ok(tookMs < 5000, `cancel settled in ${tookMs} ms (< 5 s)`);

    // The same panel fits again after a cancel.
    const again = await fit(big, { components: { min: 2, max: 2 }, models: ['VVI'], nInit: 1, seed: 0, maxIter: 20 });
    assert.equal(again.status, 'done', JSON.stringify(again.error));
    assert.equal(again.result!.params.nComponents, 2);
    // And another file still fits.
    const faithful = await fit(vscode.Uri.file(extensionPath('samples', 'faithful.csv')), { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(faithful.status, 'done', JSON.stringify(faithful.error));
  });

  it('does not lose a Cancel pressed right after Fit, while the fit is still being prepared', async function () {
    this.timeout(120_000);
    const big = writeFile(dir, 'quick-cancel.csv', syntheticCsv(60_000, 5, 4));
    const first = await fit(big, { components: { min: 2, max: 2 }, nInit: 1, seed: 0, maxIter: 5 });
    assert.equal(first.status, 'done', JSON.stringify(first.error));
    // Fit (a long sweep) and Cancel at once: the panel checks the file before the job starts, and the Cancel that
    // arrives meanwhile must stop it (it used to be dropped, and the sweep ran to its end).
    const running = fit(big, { components: { min: 1, max: 8 }, models: [...MODEL_NAMES], nInit: 10, seed: 0, maxIter: 500, tol: 1e-9 });
    const accepted = await vscode.commands.executeCommand<boolean>('emExplorer.cancel');
    const outcome = await Promise.race([running, sleep(10_000).then(() => ({ status: 'still running' }))]);
    assert.equal(accepted, true, 'the Cancel was taken');
    assert.equal(outcome.status, 'cancelled');
    const again = await fit(big, { components: { min: 2, max: 2 }, nInit: 1, seed: 0, maxIter: 5 });
    assert.equal(again.status, 'done', 'the panel fits again afterwards');
  });

  it('says nothing is running when there is nothing to cancel', async () => {
    const accepted = await vscode.commands.executeCommand<boolean>('emExplorer.cancel');
    assert.equal(accepted, false);
  });
});
