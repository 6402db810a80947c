/**
 * Where UTF-8 goes wrong. TextDecoder with `fatal: true` says only *that* bytes are invalid; this finds the first
 * bad byte so the message can give a line. Used only on the error path.
 * @returns the index of the first byte that does not start or continue a valid sequence, or -1
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
    if (i + need >= n) return i + need >= n && allContinuation(bytes, i + 1, n) ? -1 : i; // cut off: the next chunk may finish it
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

function allContinuation(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if ((bytes[k] & 0xc0) !== 0x80) return false;
  return true;
}

/** Line breaks (LF) in `bytes[0, end)`. */
export function countLineFeeds(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let k = bytes.indexOf(10); k !== -1 && k < end; k = bytes.indexOf(10, k + 1)) n++;
  return n;
}
