import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EmExplorerApi } from '../../../src/extension/extension';
import type { FitSettingsDto } from '../../../src/protocol/model';
import { extension, extensionPath, fit, scratchDir, sleep, writeFile } from './helpers';

const SETTINGS: Partial<FitSettingsDto> = { components: { min: 2, max: 2 }, models: ['VVV'], nInit: 2, seed: 0, columns: ['x', 'y'] };

/** 60 rows in two groups; `at(i)` is the row's values. */
const at = (i: number): [number, number] => [(i % 2 ? 10 : 0) + Math.sin(i), (i % 2 ? 5 : 0) + Math.cos(3 * i)];

/** The files, each with rows on lines that are not simply row + 2: blank lines, multi-line JSON elements. */
function files(dir: string): { name: string; uri: vscode.Uri; lineOf: (row: number) => number }[] {
  const n = 60;
  // CSV: header on line 1, a blank line after every 10th row.
  const csv: string[] = ['x,y'];
  const csvLines: number[] = [];
  for (let i = 0; i < n; i++) {
    csv.push(at(i).join(','));
    csvLines.push(csv.length);
    if (i % 10 === 9) csv.push('');
  }
  // TSV: a header, then the rows from line 2.
  const tsv = ['x\ty', ...Array.from({ length: n }, (_, i) => at(i).join('\t'))];
  // JSON Lines: a blank line between records.
  const jsonl: string[] = [];
  const jsonlLines: number[] = [];
  for (let i = 0; i < n; i++) {
    jsonl.push(JSON.stringify({ x: at(i)[0], y: at(i)[1] }));
    jsonlLines.push(jsonl.length);
    jsonl.push('');
  }
  // JSON: an array whose elements each span four lines, after a one-line opening.
  const json: string[] = ['['];
  const jsonLines: number[] = [];
  for (let i = 0; i < n; i++) {
    jsonLines.push(json.length + 1);
    json.push('  {', `    "x": ${at(i)[0]},`, `    "y": ${at(i)[1]}`, i < n - 1 ? '  },' : '  }');
  }
  json.push(']');
  return [
    { name: 'reveal.csv', uri: writeFile(dir, 'reveal.csv', csv.join('\n') + '\n'), lineOf: (r) => csvLines[r] },
    { name: 'reveal.tsv', uri: writeFile(dir, 'reveal.tsv', tsv.join('\n') + '\n'), lineOf: (r) => r + 2 },
    { name: 'reveal.jsonl', uri: writeFile(dir, 'reveal.jsonl', jsonl.join('\n')), lineOf: (r) => jsonlLines[r] },
    { name: 'reveal.json', uri: writeFile(dir, 'reveal.json', json.join('\n') + '\n'), lineOf: (r) => jsonLines[r] },
  ];
}

describe('a row shown in the file', () => {
  let api: EmExplorerApi;
  before(async () => {
    api = (await extension().activate()) as EmExplorerApi;
  });

  for (const format of ['csv', 'tsv', 'jsonl', 'json']) {
    it(`opens a ${format.toUpperCase()} file with the row's line selected in the active editor`, async () => {
      const file = files(scratchDir(`reveal-${format}`)).find((f) => f.name === `reveal.${format}`)!;
      const outcome = await fit(file.uri, SETTINGS);
      assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
      for (const row of [0, 17, 59]) {
        const expected = file.lineOf(row);
        const line = await api.revealRow(file.uri, row);
        assert.equal(line, expected, `row ${row} is on line ${expected}`);
        // The editor reaches the extension host asynchronously: poll briefly.
        for (let i = 0; i < 50 && vscode.window.activeTextEditor?.selection.start.line !== expected - 1; i++) await sleep(100);
        const editor = vscode.window.activeTextEditor;
        assert.ok(editor, 'an editor is active');
        assert.equal(editor.document.uri.toString(), file.uri.toString(), 'the active editor is the data file');
        assert.equal(editor.selection.start.line, expected - 1, `the selection is on line ${expected}`);
        assert.equal(editor.selection.end.line, expected - 1, 'the selection is that one line');
        assert.ok(editor.visibleRanges.some((r) => r.contains(new vscode.Position(expected - 1, 0))), 'the line is scrolled into view');
      }
    });
  }

  it('names the row of a Parquet file in a message instead of opening the binary file at a line', async () => {
    const dir = scratchDir('reveal-parquet');
    const file = vscode.Uri.file(path.join(dir, 'faithful.parquet'));
    fs.copyFileSync(extensionPath('samples', 'faithful.parquet'), file.fsPath);
    const outcome = await fit(file, { ...SETTINGS, columns: ['eruptions', 'waiting'] });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
    const shown: string[] = [];
    const window = vscode.window as { showInformationMessage: (message: string) => Thenable<unknown> };
    const original = window.showInformationMessage;
    window.showInformationMessage = (message: string) => { shown.push(message); return Promise.resolve(undefined); };
    try {
      assert.equal(await api.revealRow(file, 16), undefined, 'no line is revealed');
    } finally {
      window.showInformationMessage = original;
    }
    await sleep(300);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === file.toString()), 'the binary file is not opened as text');
    assert.deepEqual(shown, ['faithful.parquet is a Parquet file, which is binary, so the editor cannot show it as text: this is row 17 of the file (counting from 1).']);
  });

  it('does not reveal a row the file does not have', async () => {
    const file = files(scratchDir('reveal-bad'))[0];
    const outcome = await fit(file.uri, SETTINGS);
    assert.equal(outcome.status, 'done');
    assert.equal(await api.revealRow(file.uri, 60), undefined);
  });
});
