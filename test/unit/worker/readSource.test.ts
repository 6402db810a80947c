import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DataError, ErrorText, readTable } from '../../../src/data';
import type { LoadRequest } from '../../../src/protocol/worker';
import { readSource, type ReadHooks } from '../../../src/worker/readSource';

let dir = '';
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'em-read-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const MiB = 2 ** 20;
const noHooks: ReadHooks = { onProgress: () => undefined };

function byPath(file: string, over: Partial<LoadRequest> = {}): LoadRequest {
  return { fileName: path.basename(file), uri: `file://${file}`, source: { kind: 'path', path: file }, maxBytes: 2 ** 30, ...over };
}

function byBytes(fileName: string, bytes: Uint8Array, over: Partial<LoadRequest> = {}): LoadRequest {
  const copy = Uint8Array.from(bytes);
  return { fileName, uri: `file:///tmp/${fileName}`, source: { kind: 'bytes', bytes: copy.buffer as ArrayBuffer }, maxBytes: 2 ** 30, ...over };
}

/** A numeric CSV of about `bytes` bytes. */
function csv(bytes: number): string {
  const lines = ['a,b,c'];
  let size = 6;
  for (let i = 0; size < bytes; i++) {
    const line = `${i},${(i * 7) % 13}.5,${(i * 31) % 101}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

async function rejection(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  assert.fail('expected a DataError');
}

describe('readSource', () => {
  it('refuses a device or other special file at once instead of reading it', async () => {
    const e = await rejection(readSource(byPath('/dev/null'), noHooks));
    assert.equal(e.code, 'not-a-file');
    assert.equal(e.message, ErrorText.notAFile('null', 'a character device (a terminal or /dev/stdin, say)'));
  });

  it('fails with a clear message when the file grows while it is read', async () => {
    const file = path.join(dir, 'grow.csv');
    fs.writeFileSync(file, csv(3 * MiB));
    let grown = false;
    const e = await rejection(readSource(byPath(file), {
      onProgress: () => { if (!grown) { grown = true; fs.appendFileSync(file, '1,2,3\n'.repeat(1000)); } },
    }));
    assert.equal(e.code, 'changed');
    assert.equal(e.message, ErrorText.changed('grow.csv'));
  });

  it('fails with the same message when the file is cut short while it is read, not with what the cut left', async () => {
    const file = path.join(dir, 'cut.csv');
    fs.writeFileSync(file, csv(3 * MiB));
    let cut = false;
    const e = await rejection(readSource(byPath(file), {
      onProgress: () => { if (!cut) { cut = true; fs.truncateSync(file, 1.5 * MiB + 3); } },
    }));
    assert.equal(e.code, 'changed');
  });

  it('fails when the file is rewritten in place (same size, new modification time) while it is read', async () => {
    const file = path.join(dir, 'touch.csv');
    fs.writeFileSync(file, csv(3 * MiB));
    let touched = false;
    const e = await rejection(readSource(byPath(file), {
      onProgress: () => { if (!touched) { touched = true; fs.utimesSync(file, new Date(), new Date(Date.now() + 5000)); } },
    }));
    assert.equal(e.code, 'changed');
  });

  it('reports the size and modification time it read, and reads an unchanged file as before', async () => {
    const file = path.join(dir, 'same.csv');
    const text = csv(2.5 * MiB);
    fs.writeFileSync(file, text);
    const r = await readSource(byPath(file), noHooks);
    assert.equal(r.sizeBytes, Buffer.byteLength(text));
    assert.deepEqual(r.stamp, { size: Buffer.byteLength(text), mtimeMs: fs.statSync(file).mtimeMs });
    assert.equal(r.table.nRows, readTable(new TextEncoder().encode(text), { fileName: 'same.csv' }).nRows);
  });

  it('reads gzip files transparently, by path and as bytes, with the format of the name inside', async () => {
    const text = csv(1.5 * MiB);
    const plain = readTable(new TextEncoder().encode(text), { fileName: 'data.csv' });
    const gz = zlib.gzipSync(text);
    const file = path.join(dir, 'data.csv.gz');
    fs.writeFileSync(file, gz);
    const progress: number[] = [];
    const fromPath = await readSource(byPath(file), { onProgress: (read) => progress.push(read) });
    const fromBytes = await readSource(byBytes('data.csv.gz', gz), noHooks);
    for (const r of [fromPath, fromBytes]) {
      assert.equal(r.table.format, 'csv');
      assert.equal(r.table.nRows, plain.nRows);
      assert.deepEqual(r.table.columns, plain.columns);
      assert.equal(r.table.cell(plain.nRows - 1, 1), plain.cell(plain.nRows - 1, 1));
      assert.equal(r.sizeBytes, gz.length);
    }
    assert.equal(progress[progress.length - 1], gz.length, 'progress counts compressed bytes, up to the whole file');
    const tsv = zlib.gzipSync('x\ty\n1\t2\n3\t5\n');
    assert.equal((await readSource(byBytes('t.tsv.gz', tsv), noHooks)).table.format, 'tsv');
    // Two gzip members one after the other (`cat a.gz b.gz`) read as one file.
    const two = Buffer.concat([zlib.gzipSync('a,b\n1,2\n'), zlib.gzipSync('3,4\n5,6\n')]);
    assert.equal((await readSource(byBytes('two.csv.gz', two), noHooks)).table.nRows, 3);
  });

  it('names damaged gzip data, and applies the size limit to what it decompresses to', async () => {
    const gz = zlib.gzipSync(csv(200_000));
    const damaged = await rejection(readSource(byBytes('bad.csv.gz', gz.subarray(0, gz.length >> 1)), noHooks));
    assert.equal(damaged.code, 'unreadable');
    assert.match(damaged.message, /^bad\.csv\.gz: the gzip data is damaged \(.+\)\. Test it with "gunzip -t", or compress the data file again\.$/);
    // 64 MB of ones compress to 64 kB: over a 1 MB limit, it stops early instead of filling memory.
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MiB, 0x31));
    const big = await rejection(readSource(byBytes('bomb.csv.gz', bomb, { maxBytes: MiB }), noHooks));
    assert.equal(big.code, 'too-large');
    assert.equal(big.message, ErrorText.tooLargeUnpacked('bomb.csv.gz', MiB));
    const cli = await rejection(readSource(byBytes('bomb.csv.gz', bomb, { maxBytes: MiB, limitSource: 'cli' }), noHooks));
    assert.match(cli.message, /Pass a larger --max-file-size \(in MB\)/);
  });

  it('refuses a compression bomb long before the size limit: at most 50 times the compressed size', async () => {
    // 96 MB of "1,2" lines in about 100 kB: under the 1 GB limit, but no real table compresses like that.
    const bomb = zlib.gzipSync(Buffer.from('1,2\n'.repeat(24 * MiB)), { level: 9 });
    const e = await rejection(readSource(byBytes('bomb.csv.gz', bomb), noHooks));
    assert.equal(e.code, 'too-large');
    assert.match(e.message, /^bomb\.csv\.gz: the file decompresses to more than 50 times its size \(over 67\.1 MB from [\d.]+ kB\): a compression bomb/);
    // A well-compressed file under the allowance still reads.
    const small = zlib.gzipSync(Buffer.from('a,b\n' + '1,2\n3,4\n'.repeat(2 ** 20)), { level: 9 });
    assert.equal((await readSource(byBytes('fine.csv.gz', small), noHooks)).table.nRows, 2 ** 21);
  });

  it('stops a cancelled read between chunks', async () => {
    const file = path.join(dir, 'cancel.csv');
    fs.writeFileSync(file, csv(3 * MiB));
    let calls = 0;
    await assert.rejects(readSource(byPath(file), { onProgress: () => undefined, isCancelled: () => ++calls > 1 }), { code: 'cancelled' });
  });
});
