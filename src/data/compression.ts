/**
 * Compressed files and archives, recognised by their first bytes, so a reader can say "this is a ZIP archive"
 * instead of "this looks binary". Gzip is also read transparently by the worker and the CLI (see readSource).
 */

interface Signature {
  magic: number[];
  kind: string;
}

const SIGNATURES: Signature[] = [
  { magic: [0x1f, 0x8b], kind: 'compressed with gzip' },
  { magic: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (an Excel .xlsx workbook is one too)' },
  { magic: [0x42, 0x5a, 0x68], kind: 'compressed with bzip2' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'compressed with xz' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], kind: 'compressed with zstd' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: 'a 7-Zip archive' },
];

/** Bytes of a file's start that `compressionOf` needs to see. */
export const SIGNATURE_BYTES = 8;

/** How the bytes at the start of a file are packed ("compressed with gzip"), or null for anything else. */
export function compressionOf(head: Uint8Array): string | null {
  for (const s of SIGNATURES) {
    if (head.length >= s.magic.length && s.magic.every((b, k) => head[k] === b)) {
      // "BZh" is also how a text file may start; bzip2 follows it with the block size (a digit 1-9) and "1A".
      if (s.magic[0] === 0x42 && !(head.length > 5 && head[3] >= 0x31 && head[3] <= 0x39 && head[4] === 0x31 && head[5] === 0x41)) continue;
      return s.kind;
    }
  }
  return null;
}

/** Whether the bytes start like a gzip stream (two magic bytes, then method 8 = deflate). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}
