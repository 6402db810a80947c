import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { numberLiteral, pyString, rString } from '../../../../src/worker/codeExport/literals';

/** Reads back a literal written by pyString / rString (their escapes only). */
function decode(literal: string, r: boolean): string {
  assert.ok(literal.startsWith('"') && literal.endsWith('"'));
  const body = literal.slice(1, -1);
  const escape = r ? /\\(["\\]|u\{([0-9a-f]{4})\}|U\{([0-9a-f]{8})\})/g : /\\(["\\]|x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))/g;
  // Nothing but printable ASCII, and no quote that is not escaped: the literal cannot end early.
  assert.match(body, /^[\x20-\x7e]*$/);
  assert.equal(body.replace(escape, '').includes('"'), false, `an unescaped quote in ${literal}`);
  assert.equal(body.replace(escape, '').includes('\\'), false, `a stray backslash in ${literal}`);
  const groups = r ? 3 : 4;
  return body.replace(escape, (...m: unknown[]) => {
    const [one, ...hexes] = m.slice(1, groups + 1) as (string | undefined)[];
    const hex = hexes.find((h) => h !== undefined);
    return hex === undefined ? one! : String.fromCodePoint(parseInt(hex, 16));
  });
}

const HOSTILE = ['a"; import os; os.system("x") #', 'line\nbreak', 'back\\slash', "it's", '\u2028sep', 'tab\there', 'é', '😀', '"""', '${x}', ''];

describe('literals written into generated scripts', () => {
  it('escapes every hostile column name into one Python string that reads back as the name', () => {
    for (const name of HOSTILE) assert.equal(decode(pyString(name), false), name, name);
  });

  it('escapes every hostile column name into one R string that reads back as the name', () => {
    for (const name of HOSTILE) assert.equal(decode(rString(name), true), name, name);
  });

  it('round-trips any text through Python and R literals', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => decode(pyString(s), false) === s && decode(rString(s), true) === s));
  });

  it('refuses a lone surrogate or NUL for R, which cannot hold them', () => {
    assert.throws(() => rString('a\ud800b'), /U\+D800/);
    assert.throws(() => rString('a\u0000b'), /U\+0000/);
  });

  it('writes numbers that read back as the same double, floats even when whole', () => {
    for (const v of [0.1, -1114.4399165178531, 1e-7, 1.5e300, 5e-324, 79, -0, 2 ** 53]) {
      const text = numberLiteral(v);
      assert.ok(Object.is(Number(text), v), text);
      assert.match(text, /[.e]/, `${text} is a float literal`);
    }
    assert.throws(() => numberLiteral(Number.NaN), /not a number a script can load/);
    assert.throws(() => numberLiteral(Infinity), /not a number a script can load/);
  });
});
