import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { extension, fit, scratchDir, sleep, syntheticCsv } from './helpers';
import type { EmExplorerApi } from '../../../src/extension/extension';

describe('the labelled export of a file larger than the memory budget', () => {
  let dir = '';
  const config = () => vscode.workspace.getConfiguration('emExplorer');
  const target = () => (vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  before(async () => {
    dir = scratchDir('streamed-export');
    await config().update('memoryBudgetMB', 1, target());
  });
  after(async () => {
    await config().update('memoryBudgetMB', undefined, target());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams the fit, then writes every row with its cluster to a new file as the file is read again', async () => {
    const file = path.join(dir, 'large.csv');
    fs.writeFileSync(file, syntheticCsv(80_000, 3, 9));
    assert.ok(fs.statSync(file).size > 2 ** 20, 'the file is over the 1 MB budget');
    const uri = vscode.Uri.file(file);
    const outcome = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    assert.ok(outcome.result!.streamed, 'the fit was streamed');

    const out = vscode.Uri.file(path.join(dir, 'large.clusters.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.exportClusters', uri, { kind: 'labels-csv', target: out });
    assert.equal(written?.fsPath, out.fsPath);
    const lines = fs.readFileSync(out.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'x1,x2,x3,cluster,p_1,p_2,uncertainty');
    assert.equal(lines.length, 80_001, 'header + every row');
    const counts = [0, 0];
    for (const line of lines.slice(1)) counts[Number(line.split(',')[3]) - 1]++;
    assert.deepEqual(counts, outcome.result!.counts, 'the clusters written are the fit\'s');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
    assert.equal(fs.readFileSync(file, 'utf8'), syntheticCsv(80_000, 3, 9), 'the data file is untouched');
  });

  it('refuses the JSON export of a streamed fit, and writes nothing', async () => {
    const uri = vscode.Uri.file(path.join(dir, 'large.csv'));
    const out = vscode.Uri.file(path.join(dir, 'large.clusters.json'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('emExplorer.exportClusters', uri, { kind: 'labels-json', target: out });
    assert.equal(written, undefined);
    assert.equal(fs.existsSync(out.fsPath), false);
  });

  it('fits a Parquet file whose fitted columns decoded exceed the budget one row group at a time, and exports its rows', async () => {
    const file = path.join(dir, 'large.parquet');
    const n = 80_000;
    const a = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n; i++) { const c = i % 2; a[i] = c * 6 + Math.sin(i * 12.9898); b[i] = -c * 3 + Math.cos(i * 78.233); }
    const bytes = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'a', data: a, type: 'DOUBLE' }, { name: 'b', data: b, type: 'DOUBLE' }], rowGroupSize: 30_000 }));
    fs.writeFileSync(file, bytes);
    assert.ok(8 * n * 2 > 2 ** 20, 'decoded, the two columns are over the 1 MB budget');
    const uri = vscode.Uri.file(file);
    const outcome = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    assert.equal(outcome.result!.streamed?.decodedBytes, 8 * n * 2, 'read by row groups');
    assert.ok(outcome.result!.streamed.passes.some((p) => p.purpose === 'em'));
    const out = vscode.Uri.file(path.join(dir, 'large.parquet.clusters.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.exportClusters', uri, { kind: 'labels-csv', target: out });
    assert.equal(written?.fsPath, out.fsPath);
    const lines = fs.readFileSync(out.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'a,b,cluster,p_1,p_2,uncertainty');
    assert.equal(lines.length, n + 1, 'header + every row');
    assert.equal(Number(lines[n].split(',')[0]), a[n - 1], 'the last row of the last row group');
    const counts = [0, 0];
    for (const line of lines.slice(1)) counts[Number(line.split(',')[2]) - 1]++;
    assert.deepEqual(counts, outcome.result!.counts, 'the clusters written are the fit\'s');
    assert.deepEqual(new Uint8Array(fs.readFileSync(file)), bytes, 'the data file is untouched');
  });

  it('shows the line of a point drawn past the part of the file read for its columns (the first 4 MiB)', async () => {
    const file = path.join(dir, 'larger.csv');
    const text = syntheticCsv(220_000, 3, 11);
    fs.writeFileSync(file, text);
    assert.ok(fs.statSync(file).size > 4 * 2 ** 20, 'the file is larger than the head read');
    const uri = vscode.Uri.file(file);
    const outcome = await fit(uri, { components: { min: 2, max: 2 }, nInit: 1, seed: 0, maxIter: 20 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    const sample = outcome.result!.sample;
    const j = sample.rowIndex.indexOf(Math.max(...sample.rowIndex));
    const row = sample.rowIndex[j];
    assert.ok(row > 200_000, `a point drawn near the end of the file (row ${row})`);
    const api = (await extension().activate()) as EmExplorerApi;
    const line = await api.revealRow(uri, row);
    assert.equal(line, row + 2, 'header, then one row a line');
    for (let i = 0; i < 50 && vscode.window.activeTextEditor?.selection.start.line !== row + 1; i++) await sleep(100);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, file);
    assert.equal(editor.selection.start.line, row + 1);
    assert.deepEqual(editor.document.lineAt(row + 1).text.split(',').map(Number), sample.values[j], 'the line holds the point drawn');
  });
});
