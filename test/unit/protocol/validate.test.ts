import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkFromWebview, checkSettings, MAX_COPY_LENGTH } from '../../../src/protocol/validate';
import type { FitSettingsDto } from '../../../src/protocol/model';

const settings: FitSettingsDto = {
  columns: ['x', 'y'], categorical: [], counts: [], components: { min: 1, max: 6 }, models: ['VVV'], standardize: false, nInit: 10, seed: 0,
  maxIter: 200, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 20000,
};

const rejected = (raw: unknown): string => {
  const r = checkFromWebview(raw);
  assert.equal(r.ok, false, `accepted ${JSON.stringify(raw)?.slice(0, 120)}`);
  return r.ok ? '' : r.problem;
};

describe('messages from the webview, checked at run time', () => {
  it('accepts every well-formed message, returning a copy with nothing added', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const good: unknown[] = [
      { type: 'ready' }, { type: 'cancel' }, { type: 'pca' }, { type: 'cancelPca' },
      { type: 'fit', settings }, { type: 'settingsChanged', settings: { ...settings, models: ['EII', 'VEV', 'VVV'], components: { min: 3, max: 3 } } },
      { type: 'export', kind: 'labels-csv' }, { type: 'export', kind: 'labels-json' }, { type: 'export', kind: 'params-json' },
      { type: 'savePng', name: 'clusters', dataUrl: png }, { type: 'savePng', name: 'model-selection', dataUrl: png },
      { type: 'copy', text: 'a,b\n1,2\n' },
      { type: 'exportCode' }, { type: 'exportCode', language: 'python' }, { type: 'exportCode', language: 'r' }, { type: 'exportCode', language: 'pyspark' },
    ];
    for (const m of good) {
      const r = checkFromWebview(m);
      assert.ok(r.ok, `${JSON.stringify(m)}: ${r.ok ? '' : r.problem}`);
      assert.deepEqual(r.value, m);
    }
  });

  it('refuses an export whose kind is not one of the three (a path in disguise)', () => {
    assert.match(rejected({ type: 'export', kind: { png: '../../../../tmp/pwned' } }), /kind must be one of labels-csv, labels-json, params-json/);
    rejected({ type: 'export', kind: '../../x' });
    rejected({ type: 'export' });
  });

  it('refuses a code export in a language outside the list, or carrying a path', () => {
    assert.match(rejected({ type: 'exportCode', language: 'bash' }), /language must be one of python, r, pyspark/);
    rejected({ type: 'exportCode', language: { code: 'python' } });
    assert.match(rejected({ type: 'exportCode', language: 'python', path: '/etc/passwd' }), /unexpected field "path"/);
  });

  it('refuses a chart name outside the list, and a data URL that is not a base64 PNG', () => {
    assert.match(rejected({ type: 'savePng', name: '../../../tmp/x', dataUrl: 'data:image/png;base64,AAAA' }), /name must be one of clusters, log-likelihood, model-selection/);
    rejected({ type: 'savePng', name: 'clusters', dataUrl: 'data:text/html;base64,AAAA' });
    rejected({ type: 'savePng', name: 'clusters', dataUrl: 'data:image/png;base64,<script>' });
    rejected({ type: 'savePng', name: 'clusters', dataUrl: 42 });
  });

  it('refuses unknown types, extra fields, non-objects and oversized text', () => {
    for (const raw of [null, undefined, 'fit', 7, [], { type: 'writeFile', path: '/etc/passwd' }, { type: 'ready', path: '/x' }, { kind: 'labels-csv' }]) rejected(raw);
    assert.match(rejected({ type: 'copy', text: 'x'.repeat(MAX_COPY_LENGTH + 1) }), /at most/);
    rejected({ type: 'copy', text: { toString: 'x' } });
  });

  it('refuses settings with a missing, extra, mistyped or out-of-bounds field', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ components: { min: 1, max: 1e9 } }, /components must hold whole numbers from 1 to 100/],
      [{ components: { min: 0, max: 3 } }, /components/],
      [{ components: { min: 4, max: 3 } }, /components.max must be at least components.min/],
      [{ components: { min: 1, max: 3, extra: 1 } }, /components must be \{ min, max \}/],
      [{ components: 3 }, /components must be/],
      [{ nInit: 1.5 }, /nInit must be a whole number/],
      [{ nInit: 1e6 }, /nInit/],
      [{ maxIter: Infinity }, /maxIter/],
      [{ tol: NaN }, /tol must be a number/],
      [{ tol: -1 }, /tol/],
      [{ regCovar: '1e-6' }, /regCovar/],
      [{ maxPoints: 1e9 }, /maxPoints/],
      [{ seed: 2 ** 40 }, /seed/],
      [{ models: ['full'] }, /models must be a list of distinct models/],
      [{ models: [] }, /models/],
      [{ models: ['VVV', 'VVV'] }, /models/],
      [{ covarianceType: 'full' }, /unexpected field "covarianceType"/],
      [{ missing: 'zero' }, /missing/],
      [{ init: 'magic' }, /init/],
      [{ standardize: 'yes' }, /standardize must be true or false/],
      [{ columns: 'x' }, /columns must be a list/],
      [{ columns: ['x', 'x'] }, /names "x" twice/],
      [{ columns: ['x', 3] }, /column names/],
      [{ threads: 300 }, /unexpected field "threads"/],
      [{ maxFileSizeMB: 1e9 }, /unexpected field/],
    ];
    for (const [change, problem] of bad) {
      const r = checkSettings({ ...settings, ...change });
      assert.ok(!r.ok, `accepted ${JSON.stringify(change)}`);
      assert.match(r.problem, problem);
      assert.equal(checkFromWebview({ type: 'fit', settings: { ...settings, ...change } }).ok, false);
    }
    const missing: Record<string, unknown> = { ...settings };
    delete missing.tol;
    assert.match(rejected({ type: 'fit', settings: missing }), /tol/);
    assert.equal(checkSettings(JSON.parse('{"__proto__": {"polluted": 1}}')).ok, false);
  });
});
