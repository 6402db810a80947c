import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFromWebview } from '../../../src/protocol/validate';
import { MAX_PAGE_ROWS, MAX_ROW_INDEX, MAX_SELECTION_ROWS } from '../../../src/protocol/rows';

const sort = { key: 'probability', descending: true };

const rejected = (raw: unknown): string => {
  const r = checkFromWebview(raw);
  assert.equal(r.ok, false, `accepted ${JSON.stringify(raw)?.slice(0, 160)}`);
  return r.ok ? '' : r.problem;
};

describe('rows view messages from the webview, checked at run time', () => {
  it('accepts well-formed page, reveal and export messages as they are', () => {
    const good: unknown[] = [
      { type: 'rows', requestId: 0, view: { kind: 'cluster', component: 2, sort }, offset: 0, limit: 100 },
      { type: 'rows', requestId: 7, view: { kind: 'all', sort: { key: 'logDensity', descending: false } }, offset: 999_900, limit: MAX_PAGE_ROWS },
      { type: 'rows', requestId: 8, view: { kind: 'selection', sort: { key: 'row', descending: false } }, offset: 0, limit: 50, selection: [3, 1, 4, 1, 5] },
      { type: 'revealRow', row: 0 }, { type: 'revealRow', row: MAX_ROW_INDEX },
      { type: 'exportRows', view: { kind: 'cluster', component: 0, sort: { key: 'uncertainty', descending: true } } },
      { type: 'exportRows', view: { kind: 'selection', sort } },
    ];
    for (const m of good) {
      const r = checkFromWebview(m);
      assert.ok(r.ok, `${JSON.stringify(m)}: ${r.ok ? '' : r.problem}`);
      assert.deepEqual(r.value, m);
    }
  });

  it('rejects a row that is not a whole number in bounds', () => {
    for (const row of [-1, 1.5, '3', null, NaN, Infinity, MAX_ROW_INDEX + 1, [1]]) {
      assert.match(rejected({ type: 'revealRow', row }), /row must be a whole number/);
    }
  });

  it('never takes a line number or a path from the webview', () => {
    assert.match(rejected({ type: 'revealRow', row: 3, line: 10 }), /unexpected field "line"/);
    assert.match(rejected({ type: 'exportRows', view: { kind: 'all', sort }, path: '/tmp/x.csv' }), /unexpected field "path"/);
    assert.match(rejected({ type: 'exportRows', view: { kind: 'all', sort, name: '../../x' } }), /unexpected field "name"/);
  });

  it('rejects page requests out of bounds', () => {
    const base = { type: 'rows', requestId: 1, view: { kind: 'all', sort }, offset: 0, limit: 10 };
    assert.match(rejected({ ...base, limit: 0 }), /limit must be/);
    assert.match(rejected({ ...base, limit: MAX_PAGE_ROWS + 1 }), /limit must be/);
    assert.match(rejected({ ...base, offset: -5 }), /offset must be/);
    assert.match(rejected({ ...base, offset: 2.5 }), /offset must be/);
    assert.match(rejected({ ...base, requestId: 'a' }), /requestId must be/);
    assert.match(rejected({ ...base, extra: 1 }), /unexpected field "extra"/);
  });

  it('rejects views of unknown kinds, sort keys or components', () => {
    const page = (view: unknown) => ({ type: 'rows', requestId: 1, view, offset: 0, limit: 10 });
    assert.match(rejected(page({ kind: 'everything', sort })), /view.kind must be/);
    assert.match(rejected(page({ kind: 'all', sort: { key: 'name', descending: false } })), /sort.key must be one of/);
    assert.match(rejected(page({ kind: 'all', sort: { key: 'row', descending: 'yes' } })), /descending must be true or false/);
    assert.match(rejected(page({ kind: 'all' })), /sort must be/);
    assert.match(rejected(page({ kind: 'cluster', sort })), /component must be a whole number/);
    assert.match(rejected(page({ kind: 'cluster', component: 100, sort })), /component must be a whole number from 0 to 99/);
    assert.match(rejected(page({ kind: 'all', component: 1, sort })), /unexpected field "component"/);
    assert.match(rejected(page(null)), /view must be an object/);
  });

  it('rejects a selection that is not a list of row indices, or is too long', () => {
    const base = { type: 'rows', requestId: 1, view: { kind: 'selection', sort }, offset: 0, limit: 10 };
    assert.match(rejected({ ...base, selection: 'all' }), /selection must be a list/);
    assert.match(rejected({ ...base, selection: [1, -2] }), /selection must hold whole numbers/);
    assert.match(rejected({ ...base, selection: [1, 0.5] }), /selection must hold whole numbers/);
    assert.match(rejected({ ...base, selection: new Array(MAX_SELECTION_ROWS + 1).fill(0) }), /at most 1000000 row indices/);
    const big = checkFromWebview({ ...base, selection: Array.from({ length: MAX_SELECTION_ROWS }, (_, i) => i) });
    assert.ok(big.ok, 'a selection of the most rows the scatter draws is accepted');
  });
});
