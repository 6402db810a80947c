import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionPath, fit, scratchDir } from './helpers';

describe('settings', () => {
  let dir = '';
  const config = () => vscode.workspace.getConfiguration('emExplorer');
  const target = () => (vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  before(() => { dir = scratchDir('settings'); });
  after(async () => {
    await config().update('defaultComponents', undefined, target());
    await config().update('seed', undefined, target());
    await config().update('restarts', undefined, target());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses emExplorer.defaultComponents, emExplorer.seed and emExplorer.restarts for a file fitted the first time', async () => {
    await config().update('defaultComponents', '3', target());
    await config().update('seed', 7, target());
    await config().update('restarts', 2, target());
    assert.equal(config().get('defaultComponents'), '3');
    // A copy the extension has never seen, so no per-file settings are remembered for it.
    const file = path.join(dir, 'iris-copy.csv');
    fs.copyFileSync(extensionPath('samples', 'iris.csv'), file);
    const outcome = await fit(vscode.Uri.file(file));
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    assert.equal(outcome.result!.params.nComponents, 3);
    assert.deepEqual(outcome.result!.settings.components, { min: 3, max: 3 });
    assert.equal(outcome.result!.settings.seed, 7);
    assert.equal(outcome.result!.settings.nInit, 2);
  });

  it('lets the settings passed to the command override the configuration', async () => {
    await config().update('defaultComponents', '3', target());
    const file = path.join(dir, 'faithful-copy.csv');
    fs.copyFileSync(extensionPath('samples', 'faithful.csv'), file);
    const outcome = await fit(vscode.Uri.file(file), { components: { min: 2, max: 2 } });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    assert.equal(outcome.result!.params.nComponents, 2);
  });
});
