import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { routeWebviewMessage, type PanelInbox } from '../../../src/extension/panelInbox';

/** An inbox that records what it was asked to do. */
function recorder(): { inbox: PanelInbox; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  const inbox: PanelInbox = {
    ready: record('ready'), fit: record('fit'), cancel: record('cancel'), settingsChanged: record('settingsChanged'),
    export: record('export'), exportCode: record('exportCode'), savePng: record('savePng'), copy: record('copy'), pca: record('pca'), cancelPca: record('cancelPca'),
    compare: record('compare'), rows: record('rows'), revealRow: record('revealRow'), exportRows: record('exportRows'),
    rejected: record('rejected'),
  };
  return { inbox, calls };
}

describe('the panel acts only on checked messages', () => {
  it('never exports for a message whose kind is a path', () => {
    const { inbox, calls } = recorder();
    routeWebviewMessage({ type: 'export', kind: { png: '../../../../tmp/pwned' } }, inbox);
    assert.equal(calls.length, 1);
    assert.equal(calls[0][0], 'rejected');
    assert.equal(calls[0][2], false);
  });

  it('asks for a code export only in a language from the list, and lets the host ask which when none is given', () => {
    const { inbox, calls } = recorder();
    routeWebviewMessage({ type: 'exportCode', language: 'r' }, inbox);
    routeWebviewMessage({ type: 'exportCode' }, inbox);
    routeWebviewMessage({ type: 'exportCode', language: '../../evil.sh' }, inbox);
    assert.deepEqual(calls.map((c) => c.slice(0, 2)), [['exportCode', 'r'], ['exportCode', undefined], ['rejected', 'exportCode: language must be one of python, r, pyspark']]);
  });

  it('answers a rejected fit, so the panel does not wait for it', () => {
    const { inbox, calls } = recorder();
    routeWebviewMessage({ type: 'fit', settings: { columns: ['x'] } }, inbox);
    assert.deepEqual(calls.map((c) => c[0]), ['rejected']);
    assert.equal(calls[0][2], true);
  });

  it('hands a chart over as decoded PNG bytes under a name from the list', () => {
    const { inbox, calls } = recorder();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    routeWebviewMessage({ type: 'savePng', name: 'clusters', dataUrl: `data:image/png;base64,${bytes.toString('base64')}` }, inbox);
    assert.equal(calls[0][0], 'savePng');
    assert.equal(calls[0][1], 'clusters');
    assert.deepEqual([...(calls[0][2] as Uint8Array)], [...bytes]);
  });

  it('hands over a page request, a row to reveal and a view to export, and nothing else', () => {
    const { inbox, calls } = recorder();
    const view = { kind: 'cluster', component: 1, sort: { key: 'probability', descending: true } };
    routeWebviewMessage({ type: 'rows', requestId: 4, view, offset: 20, limit: 40 }, inbox);
    routeWebviewMessage({ type: 'revealRow', row: 12 }, inbox);
    routeWebviewMessage({ type: 'exportRows', view }, inbox);
    assert.deepEqual(calls, [
      ['rows', { requestId: 4, view, offset: 20, limit: 40 }],
      ['revealRow', 12],
      ['exportRows', view],
    ]);
  });

  it('does not reveal anything for a row given as a line or a negative index', () => {
    const { inbox, calls } = recorder();
    routeWebviewMessage({ type: 'revealRow', line: 12 }, inbox);
    routeWebviewMessage({ type: 'revealRow', row: -1 }, inbox);
    assert.deepEqual(calls.map((c) => c[0]), ['rejected', 'rejected']);
  });
});
