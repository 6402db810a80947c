import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FitSettingsDto } from '../../../src/protocol/model';
import * as fs from 'node:fs';
import { assertClose, cli, extensionPath, fit, scratchDir, sleep, writeFile } from './helpers';

// The same settings on both sides: the panel's command API and the headless CLI share the engine.
const SETTINGS: Partial<FitSettingsDto> = {
  components: { min: 2, max: 2 }, models: ['VVV'], nInit: 3, seed: 0, maxIter: 200, tol: 1e-3, regCovar: 1e-6,
  standardize: false, missing: 'em',
};
const CLI_FLAGS = ['--k', '2', '--seed', '0', '--restarts', '3', '--covariance', 'full', '--max-iter', '200',
  '--tol', '1e-3', '--reg', '1e-6', '--missing', 'em'];

describe('fit through the command API', () => {
  it('fits samples/faithful.csv and returns what the CLI computes for the same seed', async () => {
    const file = extensionPath('samples', 'faithful.csv');
    const outcome = await fit(vscode.Uri.file(file), SETTINGS);
    assert.equal(outcome.status, 'done', `fit failed: ${JSON.stringify(outcome.error)}`);
    const result = outcome.result!;
    const expected = cli(['fit', file, ...CLI_FLAGS]) as {
      k: number; weights: number[]; means: number[][]; logLikelihood: number; columns: string[]; iterations: number;
    };

    assert.equal(result.params.nComponents, 2);
    assert.equal(expected.k, 2);
    assert.deepEqual(result.columns, expected.columns);
    assert.equal(result.nRowsUsed, 272);
    assert.equal(result.iterations, expected.iterations);
    assertClose(result.logLikelihood, expected.logLikelihood, 'log-likelihood');
    result.params.weights.forEach((w, k) => assertClose(w, expected.weights[k], `weight of component ${k}`));
    assert.ok(result.params.kind === 'gaussian', 'numeric columns only: a Gaussian mixture');
    result.params.means.forEach((m, k) => m.forEach((v, j) => assertClose(v, expected.means[k][j], `mean[${k}][${j}]`)));
    // The fit shows in a panel (a webview tab of the extension's view type) titled after the file.
    // (The tab model reaches the extension host asynchronously: poll briefly.)
    const panelTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) =>
      t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('emExplorer.panel') && t.label.includes('faithful.csv'));
    for (let i = 0; i < 50 && !panelTab(); i++) await sleep(100);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const describe = (t: vscode.Tab) => `${t.label} [${t.input instanceof vscode.TabInputWebview ? `webview ${t.input.viewType}` : 'other'}]`;
    assert.ok(panelTab(), `a panel tab for faithful.csv (tabs: ${tabs.map(describe).join(', ')})`);
    // Faithful has two well separated clusters with weights near 0.36 / 0.64.
    const sorted = [...result.params.weights].sort();
    assert.ok(Math.abs(sorted[0] - 0.356) < 0.02, `smaller weight ${sorted[0]} is near 0.356`);
  });

  it('returns the same numbers when the same fit runs again (same seed)', async () => {
    const uri = vscode.Uri.file(extensionPath('samples', 'faithful.csv'));
    const a = await fit(uri, SETTINGS);
    const b = await fit(uri, SETTINGS);
    assert.equal(a.status, 'done');
    assert.equal(b.status, 'done');
    assert.equal(a.result!.logLikelihood, b.result!.logLikelihood);
    assert.deepEqual(a.result!.params, b.result!.params);
  });

  it('picks K by BIC over a range and reports the sweep', async () => {
    const outcome = await fit(vscode.Uri.file(extensionPath('samples', 'iris.csv')), { ...SETTINGS, components: { min: 1, max: 4 }, nInit: 2 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    const r = outcome.result!;
    assert.ok(r.selection && r.selection.length === 4, 'one selection row per K');
    const best = Math.min(...r.selection!.map((row) => row.bic));
    assertClose(r.bic, best, 'chosen model has the lowest BIC');
  });

  it('fits a file of text columns only, opened with the defaults, as a latent class model of its categories', async () => {
    // A newcomer's first fit of such a file used to stop at "no columns are selected" while the panel showed them ticked.
    const dir = scratchDir('categories-only');
    try {
      const rows = Array.from({ length: 240 }, (_, i) => {
        const g = i % 3;
        return [['1st', '2nd', '3rd'][(g + (i % 7 === 0 ? 1 : 0)) % 3], g === 0 ? 'Female' : 'Male', i % 5 === 0 ? 'Child' : 'Adult', g === 2 ? 'No' : 'Yes'].join(',');
      });
      const uri = writeFile(dir, 'passengers.csv', `Class,Sex,Age,Survived\n${rows.join('\n')}\n`);
      const outcome = await fit(uri, { components: { min: 1, max: 3 }, nInit: 2, seed: 0 });
      assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
      const r = outcome.result!;
      assert.deepEqual(r.settings.columns, ['Class', 'Sex', 'Age', 'Survived']);
      assert.ok(r.params.kind === 'mixed' && !r.params.gaussian, 'no numeric block: a latent class model');
      assert.deepEqual(r.params.categorical.map((c) => c.column), ['Class', 'Sex', 'Age', 'Survived']);
      assert.equal(r.nRowsUsed, 240);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
