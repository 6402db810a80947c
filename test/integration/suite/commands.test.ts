import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionPath, fit, scratchDir } from './helpers';

describe('open sample and export', () => {
  let dir = '';
  before(() => { dir = scratchDir('export'); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens the bundled faithful sample in an editor', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.openSample', 'faithful');
    assert.ok(uri, 'openSample returns the sample URI');
    assert.equal(uri.fsPath, extensionPath('samples', 'faithful.csv'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath);
  });

  it('exports the labelled rows as CSV to the given target', async () => {
    const source = path.join(dir, 'faithful.csv');
    fs.copyFileSync(extensionPath('samples', 'faithful.csv'), source);
    const uri = vscode.Uri.file(source);
    const outcome = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    const target = vscode.Uri.file(path.join(dir, 'labels.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.exportClusters', uri, { kind: 'labels-csv', target });
    assert.equal(written?.fsPath, target.fsPath);
    const lines = fs.readFileSync(target.fsPath, 'utf8').trim().split(/\r?\n/);
    assert.equal(lines.length, 273, 'header + 272 rows');
    assert.match(lines[0], /cluster/);
  });

  it('writes the fit as a Python script beside the data file', async () => {
    const source = path.join(dir, 'geyser.csv');
    fs.copyFileSync(extensionPath('samples', 'faithful.csv'), source);
    const uri = vscode.Uri.file(source);
    const outcome = await fit(uri, { components: { min: 2, max: 2 }, models: ['VEV'], nInit: 1, seed: 0 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    const written = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.exportCode', uri, { language: 'python' });
    assert.equal(written?.fsPath, path.join(dir, 'geyser.fit.py'));
    const script = fs.readFileSync(written.fsPath, 'utf8');
    assert.match(script, /^DATA_PATH = .*geyser\.csv"$/m);
    assert.match(script, /^MODEL = "VEV"$/m);
    assert.ok(script.includes(`EM_EXPLORER_LOG_LIKELIHOOD = ${String(outcome.result?.logLikelihood)}`));
    const r = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.exportCode', uri, { language: 'r', target: vscode.Uri.file(path.join(dir, 'geyser.R')) });
    assert.match(fs.readFileSync(r!.fsPath, 'utf8'), /^model_name <- "VEV"$/m);
  });
});
