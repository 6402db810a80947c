import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createExclusive, existing, isSameFile, placeExclusive, placeReplacing, replaceFile } from '../../../src/extension/safeWrite';

let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-write-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('writing exports', () => {
  it('creates a new file, and never writes over one that is there (even one that appeared just now)', () => {
    const file = path.join(dir, 'a.clusters.csv');
    assert.equal(createExclusive(file, bytes('new')), 'created');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    assert.equal(createExclusive(file, bytes('again')), 'exists');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  });

  it('places a finished file only where nothing is (a link included), or over a file or link when asked', () => {
    const temp = path.join(dir, '.d.clusters.csv.tmp');
    fs.writeFileSync(temp, 'streamed');
    const file = path.join(dir, 'd.clusters.csv');
    assert.equal(placeExclusive(temp, file), 'created');
    assert.equal(fs.readFileSync(file, 'utf8'), 'streamed');
    assert.equal(fs.existsSync(temp), false, 'the temporary file is gone');
    fs.writeFileSync(temp, 'again');
    assert.equal(placeExclusive(temp, file), 'exists');
    assert.equal(fs.readFileSync(file, 'utf8'), 'streamed');
    const victim = path.join(dir, 'victim3.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(dir, 'e.clusters.csv');
    fs.symlinkSync(victim, link);
    assert.equal(placeExclusive(temp, link), 'exists');
    placeReplacing(temp, link);
    assert.equal(fs.readFileSync(link, 'utf8'), 'again');
    assert.equal(existing(link)?.kind, 'file', 'the link itself was replaced');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    fs.writeFileSync(temp, 'folder');
    fs.mkdirSync(path.join(dir, 'f.clusters.csv'));
    assert.throws(() => placeReplacing(temp, path.join(dir, 'f.clusters.csv')), /folder/);
    fs.rmSync(temp);
  });

  it('never follows a symbolic link, whether it points to a file or nowhere', () => {
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(dir, 'b.clusters.csv');
    fs.symlinkSync(victim, link);
    assert.equal(createExclusive(link, bytes('export')), 'exists');
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    assert.deepEqual(existing(link), { kind: 'symlink', linkTarget: victim });
    const dangling = path.join(dir, 'c.clusters.csv');
    const nowhere = path.join(dir, 'nowhere.txt');
    fs.symlinkSync(nowhere, dangling);
    assert.equal(createExclusive(dangling, bytes('export')), 'exists');
    assert.equal(fs.existsSync(nowhere), false, 'the link target was not created');
  });

  it('replaces a link (when asked) by a file, leaving what it pointed to unchanged', () => {
    const victim = path.join(dir, 'victim2.txt');
    fs.writeFileSync(victim, 'precious');
    const link = path.join(dir, 'd.model.json');
    fs.symlinkSync(victim, link);
    replaceFile(link, bytes('{"k": 2}'));
    assert.equal(fs.readFileSync(victim, 'utf8'), 'precious');
    assert.equal(fs.lstatSync(link).isSymbolicLink(), false);
    assert.equal(fs.readFileSync(link, 'utf8'), '{"k": 2}');
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('replaces a file atomically and refuses to replace a folder', () => {
    const file = path.join(dir, 'e.csv');
    fs.writeFileSync(file, 'old');
    replaceFile(file, bytes('new'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'new');
    const folder = path.join(dir, 'f.csv');
    fs.mkdirSync(folder);
    assert.throws(() => replaceFile(folder, bytes('x')), { code: 'EISDIR' });
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  it('knows when a target is the data file itself, by another path or a hard link', () => {
    const data = path.join(dir, 'data.csv');
    fs.writeFileSync(data, 'x\n1\n');
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    fs.symlinkSync(dir, path.join(sub, 'up'));
    assert.ok(isSameFile(path.join(sub, 'up', 'data.csv'), data));
    fs.linkSync(data, path.join(dir, 'hard.csv'));
    assert.ok(isSameFile(path.join(dir, 'hard.csv'), data));
    assert.equal(isSameFile(path.join(dir, 'other.csv'), data), false);
  });
});
