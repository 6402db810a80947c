import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CliError, parseArgs } from '../../../src/cli/args';
import { jsonPieces } from '../../../src/cli/jsonOut';

function cliError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    assert.ok(e instanceof CliError);
    return e.message;
  }
  assert.fail('expected a CliError');
}

describe('CLI arguments', () => {
  it('refuses a column named twice in --columns', () => {
    assert.equal(cliError(['fit', 'x.csv', '--columns', 'a,b,a']), '--columns names "a" more than once; name each column once.');
    assert.equal(cliError(['fit', 'x.csv', '--columns', ' , ']), '--columns needs at least one column name (--columns a,b,c).');
    assert.deepEqual(parseArgs(['fit', 'x.csv', '--columns', 'a, b ,c']).columns, ['a', 'b', 'c']);
  });

  it('takes --max-file-size in MB, defaulting to the setting’s 1024 MB', () => {
    assert.equal(parseArgs(['fit', 'x.csv']).maxBytes, 1024 * 2 ** 20);
    assert.equal(parseArgs(['fit', 'x.csv', '--max-file-size', '2.5']).maxBytes, 2.5 * 2 ** 20);
    assert.equal(cliError(['fit', 'x.csv', '--max-file-size', '0']), '--max-file-size takes a size in MB greater than 0 (got "0").');
  });
});

describe('CLI JSON output in pieces', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes', () => {
    const values: unknown[] = [
      { k: 2, columns: ['a', 'b"c'], nested: { empty: [], none: {}, deep: [[1, 2], [3, [4, null]]] }, skip: undefined, t: true },
      [], {}, 'text', 3.25, null, [undefined, () => 1, NaN, -0, 1e-7, 'ü\n'],
      { labels: Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? null : i % 7)) },
    ];
    for (const v of values) assert.equal([...jsonPieces(v)].join(''), JSON.stringify(v, null, 2) + '\n');
  });

  it('yields a large value in many pieces rather than one string', () => {
    const pieces = [...jsonPieces({ labels: Array.from({ length: 200_000 }, (_, i) => i) })];
    assert.ok(pieces.length > 10);
    assert.ok(pieces.every((p) => p.length < 200_000));
  });
});
