import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fit, scratchDir, syntheticCsv } from './helpers';

describe('a large table fitted in passes', () => {
  let dir = '';
  before(() => { dir = scratchDir('table-passes'); });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fits 400,000 rows without a working copy, then labels every row for the export from the fitted parameters', async function () {
    this.timeout(180_000);
    // 8 bytes × 400,000 rows × (4 columns + K 6 + 1) = 35 MB of working rows: over the 32 MB from which a table is
    // fitted in passes (src/worker/stream/tableFit.ts).
    const file = path.join(dir, 'wide-enough.csv');
    const text = syntheticCsv(400_000, 4, 5);
    fs.writeFileSync(file, text);
    const uri = vscode.Uri.file(file);
    const outcome = await fit(uri, { components: { min: 1, max: 6 }, models: ['VVV'], nInit: 1, seed: 0, maxIter: 20 });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    const result = outcome.result!;
    assert.equal(result.streamed, undefined, 'read into memory, not streamed');
    assert.equal(result.nRowsUsed, 400_000);
    assert.equal(result.selection?.length, 6);
    assert.ok(result.sample.rowIndex.length > 0 && result.sample.rowIndex.every((r) => r >= 0 && r < 400_000));

    const out = vscode.Uri.file(path.join(dir, 'wide-enough.clusters.csv'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('emExplorer.exportClusters', uri, { kind: 'labels-csv', target: out });
    assert.equal(written?.fsPath, out.fsPath);
    const lines = fs.readFileSync(out.fsPath, 'utf8').trim().split('\n');
    assert.equal(lines.length, 400_001, 'header + every row');
    const K = result.params.nComponents;
    const counts = new Array<number>(K).fill(0);
    for (const line of lines.slice(1)) counts[Number(line.split(',')[4]) - 1]++;
    assert.deepEqual(counts, result.counts, 'the clusters written are the fit\'s');
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'the data file is untouched');
  });
});
