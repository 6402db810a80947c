import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, fit, scratchDir, sleep, syntheticCsv } from './helpers';

/** Waits (up to 20 s) until the panel of `uri` says whether its result is stale; returns what it said last. */
async function staleness(uri: vscode.Uri, want: boolean): Promise<boolean | undefined> {
  const api = (await extension().activate()) as { isStale(uri: vscode.Uri): boolean | undefined };
  let seen = api.isStale(uri);
  for (let waited = 0; seen !== want && waited < 20_000; waited += 100) {
    await sleep(100);
    seen = api.isStale(uri);
  }
  return seen;
}

describe('a changed file is never fitted as if unchanged', () => {
  let dir = '';
  before(() => { dir = scratchDir('stale'); });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks the result stale when the file changes on disk, and a refit reads the file again', async () => {
    const file = path.join(dir, 'changing.csv');
    fs.writeFileSync(file, syntheticCsv(200, 2, 3));
    const uri = vscode.Uri.file(file);
    const first = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(first.status, 'done', JSON.stringify(first.error));
    assert.equal(first.result!.nRowsUsed, 200);
    assert.equal(await staleness(uri, false), false);

    fs.writeFileSync(file, syntheticCsv(350, 2, 4));
    assert.equal(await staleness(uri, true), true, 'the panel marks its result stale');

    const second = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(second.status, 'done', JSON.stringify(second.error));
    assert.equal(second.result!.nRowsUsed, 350, 'the refit read the new file');
    assert.equal(typeof second.result!.readMs, 'number', 'the refit\'s time includes the read it started with');
    assert.equal(await staleness(uri, false), false, 'fresh again after the refit');
    const third = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(third.status, 'done', JSON.stringify(third.error));
    assert.equal(third.result!.readMs, undefined, 'a refit of an unchanged file reads nothing');
  });

  it('reads the file again even when the change comes too quickly to be watched', async () => {
    const file = path.join(dir, 'quick.csv');
    fs.writeFileSync(file, syntheticCsv(120, 2, 5));
    const uri = vscode.Uri.file(file);
    assert.equal((await fit(uri, { components: { min: 1, max: 1 }, nInit: 1 })).result?.nRowsUsed, 120);
    fs.writeFileSync(file, syntheticCsv(180, 2, 6));
    const again = await fit(uri, { components: { min: 1, max: 1 }, nInit: 1 });
    assert.equal(again.status, 'done', JSON.stringify(again.error));
    assert.equal(again.result!.nRowsUsed, 180);
  });

  it('marks the result stale on an unsaved edit, and a refit fits the edited text', async () => {
    const file = path.join(dir, 'edited.csv');
    fs.writeFileSync(file, syntheticCsv(100, 2, 7));
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal((await fit(uri, { components: { min: 1, max: 1 }, nInit: 1 })).result?.nRowsUsed, 100);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(doc.lineCount, 0), '1.5,2.5\n2.5,3.5\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(await staleness(uri, true), true, 'an edit in the editor makes the result stale');
    const again = await fit(uri, { components: { min: 1, max: 1 }, nInit: 1 });
    assert.equal(again.result?.nRowsUsed, 102, 'the refit read the editor’s text');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
