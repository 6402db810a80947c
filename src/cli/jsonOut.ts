/**
 * JSON text in pieces, formatted exactly as `JSON.stringify(value, null, 2)`, so the CLI can write a result with
 * millions of numbers (labels, wide covariance matrices) without building one string of hundreds of megabytes.
 */

/** Pieces of about this many characters. */
const PIECE = 1 << 16;

/** Yields the JSON text of `value` (plain objects, arrays, strings, numbers, booleans, null) in pieces. */
export function* jsonPieces(value: unknown): Generator<string> {
  const out = { text: '' };
  yield* emit(value, '', out);
  yield out.text + '\n';
}

/** Text of a value that is not an object or array (undefined and functions inside arrays are null, as in JSON). */
function primitive(v: unknown): string {
  // Finite numbers, the bulk of a result, print the same with String() and several times faster.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return (typeof v === 'function' ? undefined : JSON.stringify(v)) ?? 'null';
}

/** Appends the value's text to `out.text`, yielding `out.text` whenever it grows past PIECE. */
function* emit(value: unknown, indent: string, out: { text: string }): Generator<string> {
  if (value === null || typeof value !== 'object') {
    out.text += primitive(value);
    return;
  }
  const inner = indent + '  ';
  const array = Array.isArray(value) ? (value as unknown[]) : null;
  const record = value as Record<string, unknown>;
  const keys = array ? null : Object.keys(record).filter((k) => record[k] !== undefined && typeof record[k] !== 'function');
  const n = array ? array.length : keys!.length;
  const [open, close] = array ? ['[', ']'] : ['{', '}'];
  if (n === 0) {
    out.text += open + close;
    return;
  }
  out.text += open + '\n';
  for (let i = 0; i < n; i++) {
    const v = array ? array[i] : record[keys![i]];
    out.text += array ? inner : `${inner}${JSON.stringify(keys![i])}: `;
    if (v === null || typeof v !== 'object') out.text += primitive(v);
    else yield* emit(v, inner, out);
    out.text += i < n - 1 ? ',\n' : '\n';
    if (out.text.length >= PIECE) {
      yield out.text;
      out.text = '';
    }
  }
  out.text += indent + close;
}
