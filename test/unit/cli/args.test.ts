import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CliError, parseArgs } from '../../../src/cli/args';
import { jsonPieces } from '../../../src/cli/jsonOut';
import { readFileSync } from 'node:fs';
import { DEFAULT_FIT_SETTINGS } from '../../../src/protocol/defaults';
import { parseModelList } from '../../../src/core';
import { parseComponentRange } from '../../../src/protocol/components';

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

  it('has the panel\'s defaults: K from 1 to 6 by BIC, VVV, 10 restarts, tol 1e-4, as package.json declares them', () => {
    const { columns: _columns, ...fit } = DEFAULT_FIT_SETTINGS;
    assert.deepEqual(parseArgs(['fit', 'x.csv']).settings, { ...fit, maxPoints: 0 });
    assert.deepEqual(DEFAULT_FIT_SETTINGS.components, { min: 1, max: 6 });
    const props = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } }).contributes.configuration.properties;
    const setting = (name: string): unknown => props[`emExplorer.${name}`].default;
    assert.deepEqual(parseComponentRange(setting('defaultComponents') as string), DEFAULT_FIT_SETTINGS.components);
    const models = parseModelList(setting('covarianceType') as string);
    assert.ok('models' in models);
    assert.deepEqual(models.models, DEFAULT_FIT_SETTINGS.models);
    assert.equal(setting('restarts'), DEFAULT_FIT_SETTINGS.nInit);
    assert.equal(setting('maxIterations'), DEFAULT_FIT_SETTINGS.maxIter);
    assert.equal(setting('tolerance'), DEFAULT_FIT_SETTINGS.tol);
    assert.equal(setting('regularization'), DEFAULT_FIT_SETTINGS.regCovar);
    assert.equal(setting('seed'), DEFAULT_FIT_SETTINGS.seed);
    assert.equal(setting('standardize'), DEFAULT_FIT_SETTINGS.standardize);
    assert.equal(setting('missingValues'), DEFAULT_FIT_SETTINGS.missing);
    assert.equal(setting('maxPoints'), DEFAULT_FIT_SETTINGS.maxPoints);
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
