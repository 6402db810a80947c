/**
 * Finds where JSON text goes wrong. `JSON.parse` does the parsing; its error messages differ between engines and
 * do not always give a position, so when it fails this small checker walks the text again (iteratively: deeply
 * nested input cannot overflow the stack) and reports the first bad character.
 */

/** A syntax problem: offset into the text and what was wrong there. */
export interface JsonProblem {
  offset: number;
  problem: string;
}

const AFTER_VALUE = 0;
const VALUE = 1;
const VALUE_OR_CLOSE = 2; // after '['
const KEY_OR_CLOSE = 3; // after '{'
const KEY = 4; // after ',' in an object
const COLON = 5;

/** The first syntax problem in `text[from, to)`, or null when it is one valid JSON value. */
export function locateJsonError(text: string, from = 0, to = text.length): JsonProblem | null {
  const stack: number[] = []; // 0 = array, 1 = object
  let state = VALUE;
  let i = from;
  const found = (k: number): string => (k >= to ? 'the end of the text' : `'${text[k]}'`);
  const fail = (k: number, expected: string): JsonProblem => ({ offset: k, problem: `expected ${expected} but found ${found(k)}` });
  for (;;) {
    while (i < to && isWhitespace(text.charCodeAt(i))) i++;
    if (state === AFTER_VALUE && stack.length === 0) {
      return i < to ? { offset: i, problem: `more text after the end of the JSON value, at ${found(i)}` } : null;
    }
    if (i >= to) return { offset: i, problem: 'the text ends before the JSON value is complete' };
    const c = text[i];
    if (state === AFTER_VALUE) {
      const top = stack[stack.length - 1];
      if (c === ',') state = top === 1 ? KEY : VALUE;
      else if ((top === 0 && c === ']') || (top === 1 && c === '}')) stack.pop();
      else return fail(i, top === 0 ? "',' or ']'" : "',' or '}'");
      i++;
      continue;
    }
    if (state === COLON) {
      if (c !== ':') return fail(i, "':'");
      state = VALUE;
      i++;
      continue;
    }
    if (state === KEY || state === KEY_OR_CLOSE) {
      if (c === '}' && state === KEY_OR_CLOSE) {
        stack.pop();
        state = AFTER_VALUE;
        i++;
      } else if (c === '"') {
        const end = scanString(text, i, to);
        if (typeof end !== 'number') return end;
        i = end;
        state = COLON;
      } else return fail(i, state === KEY ? 'a property name in double quotes' : "a property name in double quotes or '}'");
      continue;
    }
    // VALUE or VALUE_OR_CLOSE
    if (c === ']' && state === VALUE_OR_CLOSE) {
      stack.pop();
      state = AFTER_VALUE;
      i++;
    } else if (c === '[' || c === '{') {
      stack.push(c === '[' ? 0 : 1);
      state = c === '[' ? VALUE_OR_CLOSE : KEY_OR_CLOSE;
      i++;
    } else if (c === '"') {
      const end = scanString(text, i, to);
      if (typeof end !== 'number') return end;
      i = end;
      state = AFTER_VALUE;
    } else {
      const end = scanLiteral(text, i, to);
      if (end === i) return fail(i, 'a value');
      i = end;
      state = AFTER_VALUE;
    }
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number, from = 0): { line: number; column: number } {
  let line = 1;
  let lineStart = from;
  for (let k = text.indexOf('\n', from); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Index after the string starting at `text[i] === '"'`, or the problem inside it. */
function scanString(text: string, i: number, to: number): number | JsonProblem {
  for (let k = i + 1; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) return k + 1;
    if (c < 32) return { offset: k, problem: 'a line break or control character inside a string; write it as \\n or \\t' };
    if (c === 92) {
      const e = text[k + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(k + 2, k + 6))) return { offset: k, problem: 'a \\u escape needs four hex digits' };
        k += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) k++;
      else return { offset: k, problem: `an unknown escape \\${e ?? ''} in a string` };
    }
  }
  return { offset: i, problem: 'a string opens here but is never closed' };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$0-9.+-]+/y;

/** Index after a number or true/false/null at `i`; `i` itself when there is none. */
function scanLiteral(text: string, i: number, to: number): number {
  WORD.lastIndex = i;
  const word = WORD.exec(text)?.[0] ?? '';
  const end = Math.min(i + word.length, to);
  const w = text.slice(i, end);
  if (w === 'true' || w === 'false' || w === 'null') return end;
  NUMBER.lastIndex = i;
  const m = NUMBER.exec(text);
  return m !== null && m[0].length === w.length && m.index + m[0].length <= to ? end : i;
}
