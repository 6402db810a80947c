/**
 * Literals of the generated scripts. Every string that comes from the data file (column names, its path) reaches
 * a script only through `pyString` / `rString`, which write printable ASCII and escape everything else, so no name
 * can end the literal, start a new line or turn into code. Numbers are written so they read back as the same double.
 */
import { CodeExportError, codeMessages } from './messages';

/** A Python string literal (double-quoted, ASCII only: \\xNN, \\uNNNN and \\UNNNNNNNN escapes for the rest). */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x100) out += '\\x' + hex(c, 2);
    else if (c < 0x10000) out += '\\u' + hex(c, 4);
    else out += '\\U' + hex(c, 8);
  }
  return out + '"';
}

/**
 * An R string literal (double-quoted, ASCII only: \\u{NNNN} and \\U{NNNNNNNN} for the rest). R cannot hold a NUL
 * or a lone surrogate in a string; a name with one is refused (the readers never produce them from UTF-8 text,
 * but a JSON key may be written with a \\uD800 escape).
 */
export function rString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0 || (c >= 0xd800 && c <= 0xdfff)) throw new CodeExportError('not-expressible', codeMessages.rBadString(c));
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x10000) out += `\\u{${hex(c, 4)}}`;
    else out += `\\U{${hex(c, 8)}}`;
  }
  return out + '"';
}

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, '0');
}

/**
 * A finite double as a literal both Python and R read back exactly (JavaScript's shortest round-trip form:
 * `0.1`, `1e-7`, `1.5e+300`; whole numbers get `.0` so Python reads a float).
 */
export function numberLiteral(v: number): string {
  if (!Number.isFinite(v)) throw new CodeExportError('not-expressible', codeMessages.notFinite(v));
  const s = Object.is(v, -0) ? '-0.0' : String(v);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** A Python list of numbers (`[1.0, 2.5]`), or of lists, `indent` applied to the rows of a nested list. */
export function pyList(v: NestedNumbers, indent = ''): string {
  if (typeof v === 'number') return numberLiteral(v);
  if (v.every((x) => typeof x === 'number')) return `[${(v as number[]).map(numberLiteral).join(', ')}]`;
  const inner = indent + '    ';
  return `[\n${v.map((x) => inner + pyList(x, inner)).join(',\n')},\n${indent}]`;
}

/** A nested list of numbers: a vector, a matrix (list of rows), or a list of matrices. */
export type NestedNumbers = number | NestedNumbers[];

/** An R numeric vector `c(1.0, 2.5)`. */
export function rVector(v: readonly number[]): string {
  return `c(${v.map(numberLiteral).join(', ')})`;
}

/** An R matrix with the given rows (R stores by column; `byrow = TRUE` keeps the text in reading order). */
export function rMatrix(rows: readonly (readonly number[])[], indent = ''): string {
  const inner = indent + '  ';
  return `matrix(c(\n${rows.map((r) => inner + r.map(numberLiteral).join(', ')).join(',\n')}\n${indent}), nrow = ${rows.length}, byrow = TRUE)`;
}

/** A Python list of strings. */
export function pyStrings(v: readonly string[]): string {
  return `[${v.map(pyString).join(', ')}]`;
}

/** An R character vector. */
export function rStrings(v: readonly string[]): string {
  return `c(${v.map(rString).join(', ')})`;
}
