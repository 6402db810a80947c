import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { extension, extensionPath } from './helpers';

interface Manifest {
  contributes: { commands: { command: string; title: string }[] };
  activationEvents?: string[];
}

describe('activation', () => {
  it('loads the extension under test from the development path', () => {
    const ext = extension();
    assert.equal(ext.packageJSON.name, 'em-explorer');
  });

  it('activates only on its commands and its panel (no startup activation)', () => {
    const manifest = JSON.parse(fs.readFileSync(extensionPath('package.json'), 'utf8')) as Manifest;
    const commands = new Set(manifest.contributes.commands.map((c) => `onCommand:${c.command}`));
    for (const event of manifest.activationEvents ?? []) {
      assert.ok(event === 'onWebviewPanel:emExplorer.panel' || commands.has(event), `unexpected activation event ${event}`);
    }
  });

  it('activates when one of its commands runs', async () => {
    const ext = extension();
    // Cancel with nothing running is harmless and activates the extension.
    await vscode.commands.executeCommand('emExplorer.cancel');
    assert.equal(ext.isActive, true);
  });

  it('registers every command the manifest contributes, and no other emExplorer command', async () => {
    const manifest = JSON.parse(fs.readFileSync(extensionPath('package.json'), 'utf8')) as Manifest;
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.ok(contributed.length >= 4, 'the manifest contributes the four commands');
    await extension().activate();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('emExplorer.')).sort();
    assert.deepEqual(registered, contributed);
    for (const id of ['emExplorer.fit', 'emExplorer.openSample', 'emExplorer.exportClusters', 'emExplorer.exportCode', 'emExplorer.cancel']) {
      assert.ok(contributed.includes(id), `${id} is contributed`);
    }
  });
});
