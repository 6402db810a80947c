import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

it('ships the licence of every package bundled into dist/ (media/THIRD_PARTY_NOTICES.md is up to date)', () => {
  const r = spawnSync(process.execPath, ['scripts/notices.js', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr || r.stdout);
  const text = fs.readFileSync('media/THIRD_PARTY_NOTICES.md', 'utf8');
  for (const name of ['chart.js', 'ml-matrix', 'hyparquet', '@uwdata/flechette']) assert.match(text, new RegExp(`^## ${name.replace('.', '\\.')} `, 'm'));
  assert.match(text, /BSD-3-Clause/);
});
