import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FitWorker } from '../../../src/extension/fitWorker';
import type { FitSettingsDto } from '../../../src/protocol/model';

// Bundled to out/test/unit/extension/: the repo root is four levels up. Needs `npm run build` (npm test does it).
const root = path.resolve(__dirname, '../../../..');
const dist = path.join(root, 'dist');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'em-fitworker-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const settings = (over: Partial<FitSettingsDto> = {}): FitSettingsDto => ({
  columns: ['eruptions', 'waiting'], categorical: [], counts: [], components: { min: 2, max: 2 }, models: ['VVV'], standardize: false, nInit: 2, seed: 0,
  maxIter: 200, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'kmeans++', maxPoints: 50, ...over,
});

function loadRequest(file: string) {
  return { type: 'load' as const, request: { fileName: path.basename(file), uri: file, source: { kind: 'path' as const, path: file }, maxBytes: 1 << 30 } };
}

describe('FitWorker (host side of the worker thread)', () => {
  it('reads by path in the worker, fits, and streams progress', async () => {
    const w = new FitWorker(dist, () => 1);
    try {
      const loaded = await w.request(loadRequest(path.join(root, 'samples', 'faithful.csv'))).reply;
      assert.equal(loaded.type, 'loaded');
      assert.equal(w.loaded, true);
      let progress = 0;
      const r = await w.request({ type: 'fit', settings: settings() }, () => progress++).reply;
      assert.equal(r.type, 'result');
      assert.ok(progress > 0);
    } finally {
      w.dispose();
    }
  });

  it('settles a cancelled fit at once and fits again afterwards', async () => {
    const file = path.join(tmp, 'big.csv');
    const lines = ['a,b,c'];
    let s = 1;
    const rnd = () => { s = (Math.imul(s, 48271) % 2147483647 + 2147483647) % 2147483647; return s / 2147483647; };
    for (let i = 0; i < 60000; i++) lines.push(`${(i % 5) * 3 + rnd()},${rnd() * 10},${rnd()}`);
    fs.writeFileSync(file, lines.join('\n'));
    const w = new FitWorker(dist, () => 1);
    try {
      assert.equal((await w.request(loadRequest(file)).reply).type, 'loaded');
      const long = w.request({ type: 'fit', settings: settings({ columns: ['a', 'b', 'c'], categorical: [], counts: [], components: { min: 8, max: 8 }, tol: 0, maxIter: 100000, nInit: 50 }) });
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      w.cancel(long.jobId);
      const reply = await long.reply;
      assert.equal(reply.type, 'cancelled');
      assert.ok(Date.now() - t0 < 100, 'the request settles before the thread stops');
      await new Promise((r) => setTimeout(r, 1200));
      if (!w.loaded) assert.equal((await w.request(loadRequest(file)).reply).type, 'loaded');
      const again = await w.request({ type: 'fit', settings: settings({ columns: ['a', 'b'], categorical: [], counts: [], components: { min: 2, max: 2 } }) }).reply;
      assert.equal(again.type, 'result');
    } finally {
      w.dispose();
    }
  });

  it('turns a worker that exits into an error reply, and starts a fresh one next time', async () => {
    const fake = path.join(tmp, 'fake-dist');
    fs.mkdirSync(fake, { recursive: true });
    fs.writeFileSync(path.join(fake, 'emWorker.js'), 'process.exit(3);\n');
    const w = new FitWorker(fake, () => 1);
    try {
      const r = await w.request(loadRequest(path.join(root, 'samples', 'faithful.csv'))).reply;
      assert.equal(r.type, 'error');
      assert.ok(r.type === 'error');
      assert.equal(r.error.code, 'worker-exited');
      assert.equal(r.error.message, 'The background fit stopped unexpectedly (exit code 3). The panel is still usable: press Fit to try again.');
      const again = await w.request(loadRequest(path.join(root, 'samples', 'faithful.csv'))).reply;
      assert.equal(again.type, 'error');
    } finally {
      w.dispose();
    }
  });

  it('turns a worker that throws into an error reply', async () => {
    const fake = path.join(tmp, 'throwing-dist');
    fs.mkdirSync(fake, { recursive: true });
    fs.writeFileSync(path.join(fake, 'emWorker.js'), "require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n");
    const w = new FitWorker(fake, () => 1);
    try {
      const r = await w.request(loadRequest('x.csv')).reply;
      assert.ok(r.type === 'error');
      assert.equal(r.error.code, 'worker-crashed');
      assert.match(r.error.message, /boom/);
    } finally {
      w.dispose();
    }
  });
});

describe('FitWorker restart after an unhonoured cancel', () => {
  it('answers a request queued behind the stuck job instead of losing it', { timeout: 20_000 }, async () => {
    const fake = path.join(tmp, 'stuck-dist');
    fs.mkdirSync(fake, { recursive: true });
    // Replies to load at once; a fit spins for 5 s without looking at the cancel flag.
    fs.writeFileSync(path.join(fake, 'emWorker.js'), [
      "const { parentPort } = require('node:worker_threads');",
      "parentPort.on('message', (m) => {",
      "  if (m.type === 'load') parentPort.postMessage({ type: 'loaded', jobId: m.jobId, dataset: {} });",
      "  else { const end = Date.now() + 5000; while (Date.now() < end); parentPort.postMessage({ type: 'cancelled', jobId: m.jobId }); }",
      '});',
    ].join('\n'));
    const w = new FitWorker(fake, () => 1);
    try {
      assert.equal((await w.request(loadRequest('x.csv')).reply).type, 'loaded');
      const stuck = w.request({ type: 'fit', settings: settings() });
      await new Promise((r) => setTimeout(r, 100));
      w.cancel(stuck.jobId);
      assert.equal((await stuck.reply).type, 'cancelled');
      const next = await w.request({ type: 'fit', settings: settings() }).reply;
      assert.ok(next.type === 'error');
      assert.equal(next.error.code, 'worker-restarted');
      assert.equal(w.loaded, false, 'the fresh thread has no table yet');
    } finally {
      w.dispose();
    }
  });
});
