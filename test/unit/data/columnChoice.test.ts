import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultColumns, isFittable } from '../../../src/data/columnChoice';
import type { ColumnInfo } from '../../../src/data/types';

const stats = { count: 10, missing: 0 };
const numeric = (name: string, extra: Partial<ColumnInfo> = {}): ColumnInfo => ({ name, type: 'numeric', usable: true, stats, ...extra });
const text = (name: string, levels?: number): ColumnInfo => ({ name, type: 'text', usable: false, reason: 'holds text', stats, ...(levels ? { levels } : {}) });

describe('the columns a fit uses by default', () => {
  it('are the usable numeric columns when there are any', () => {
    assert.deepEqual(defaultColumns([numeric('a'), text('t', 3), numeric('c', { usable: false, reason: 'constant' }), numeric('b')]), ['a', 'b']);
  });

  it("are a file's text columns of categories when it has no usable numeric column (a latent class model)", () => {
    const grade = numeric('grade', { usable: false, reason: 'constant', levels: 3, suggestCategories: true });
    assert.deepEqual(defaultColumns([text('Class', 4), text('free text'), grade, text('Sex', 2)]), ['Class', 'Sex']);
  });

  it('leave out a text column with a value for nearly every row (a name, an identifier), unless nothing else is left', () => {
    const name: ColumnInfo = { ...text('name', 9), stats: { count: 10, missing: 0 } };
    assert.deepEqual(defaultColumns([name, text('Sex', 2)]), ['Sex']);
    assert.deepEqual(defaultColumns([name]), ['name']);
  });

  it('are none when nothing can be fitted', () => {
    assert.deepEqual(defaultColumns([text('free text'), numeric('c', { usable: false, reason: 'constant' })]), []);
  });

  it('count numbers and categories as fittable, not free text', () => {
    assert.equal(isFittable(numeric('a')), true);
    assert.equal(isFittable(text('t', 5)), true);
    assert.equal(isFittable(text('free text')), false);
  });
});
