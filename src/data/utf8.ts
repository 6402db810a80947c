/**
 * UTF-8 decoding in chunks. Node's TextDecoder is about three times slower with `{ stream: true }` than on whole
 * buffers, so this keeps the few bytes of a character cut off at the end of a chunk and decodes only complete
 * characters, in one call per chunk. Invalid bytes throw `Utf8Failure`, which says where the first one is.
 */
export class Utf8ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry: Uint8Array | null = null;
  private atStart = true;
  /** Bytes decoded or carried so far (the file offset of the next chunk). */
  private offset = 0;

  /** Decodes the next chunk; the incomplete character at its end, if any, waits for the next one. */
  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    const start = this.offset - (this.carry?.length ?? 0);
    this.offset += chunk.length;
    if (this.carry !== null) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    const end = completeEnd(bytes);
    if (end < bytes.length) this.carry = bytes.slice(end);
    let text: string;
    try {
      text = this.decoder.decode(bytes.subarray(0, end));
    } catch {
      throw new Utf8Failure(bytes, Math.max(0, firstInvalidUtf8(bytes)), start);
    }
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // the byte-order mark is not data
    }
    return text;
  }

  /** Throws when the input ended inside a character. */
  finish(): void {
    if (this.carry !== null) throw new Utf8Failure(this.carry, 0, this.offset - this.carry.length);
  }
}

/** Invalid UTF-8: `bytes[bad]` is the first bad byte, at file offset `start + bad`. */
export class Utf8Failure {
  constructor(
    readonly bytes: Uint8Array,
    readonly bad: number,
    readonly start: number,
  ) {}
}

/** Index after the last complete character: a cut-off lead byte and its continuation bytes stay out. */
function completeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  // Walk back over at most three continuation bytes to the lead byte of the last character.
  for (let k = n - 1; k >= 0 && k >= n - 4; k--) {
    const b = bytes[k];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return k + need > n ? k : n;
  }
  return n; // only continuation bytes: invalid, and decoding says so
}

/**
 * The index of the first byte that does not start or continue a valid sequence, or -1. Error path only.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i; // cut off at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Line breaks (LF) in `bytes[0, end)`. */
export function countLineFeeds(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let k = bytes.indexOf(10); k !== -1 && k < end; k = bytes.indexOf(10, k + 1)) n++;
  return n;
}
