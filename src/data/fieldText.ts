import { firstInvalidUtf8 } from './utf8';

// ASCII bytes decode the same in every encoding; windows-1252 ("latin1" in the Encoding spec) never fails.
const ascii = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Thrown by `fieldText` for bytes that are not UTF-8; `index` is the first bad one, counted from `start`. */
export class BadUtf8 {
  constructor(readonly index: number) {}
}

/**
 * The text of the bytes `b[start, end)`, which must be UTF-8. The CSV tokenizer works on bytes and calls this only
 * for fields that are not plain numbers, so validating here covers every byte of the file that is not a delimiter,
 * quote or line end (those are ASCII, and UTF-8 never uses ASCII bytes inside a character).
 */
export function fieldText(b: Uint8Array, start: number, end: number): string {
  let k = start;
  while (k < end && b[k] < 0x80) k++;
  if (k === end) {
    // Short ASCII strings are cheaper built by hand than by a decoder call (and V8 keeps them flat below 13).
    if (end - start <= 12) {
      let s = '';
      for (let q = start; q < end; q++) s += String.fromCharCode(b[q]);
      return s;
    }
    return ascii.decode(b.subarray(start, end));
  }
  try {
    return utf8.decode(b.subarray(start, end));
  } catch {
    throw new BadUtf8(Math.max(0, firstInvalidUtf8(b.subarray(start, end))));
  }
}

/** A field's text, or '' when it is not valid UTF-8 (a streamed pass reads such a field as empty: missing, no number). */
export function fieldTextOrEmpty(b: Uint8Array, start: number, end: number): string {
  try {
    return fieldText(b, start, end);
  } catch (e) {
    if (e instanceof BadUtf8) return '';
    throw e;
  }
}

/** The bytes of `parts` joined into one array. */
export function joinBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
