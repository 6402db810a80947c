/**
 * LZ4 frames (the LZ4_FRAME codec of Arrow IPC buffers: what pyarrow's and R's Feather writers use by default).
 * hyparquet-compressors decodes LZ4 blocks one at a time; a frame's blocks may refer back into earlier blocks'
 * output ("linked" blocks, LZ4's default), so this decodes every block into one output buffer. Format: the LZ4
 * Frame Format Description 1.6.x and the LZ4 Block Format Description.
 */

const MAGIC = 0x184d2204;
const SKIPPABLE = 0x184d2a50; // 0x184D2A50 … 0x184D2A5F

/** The bytes of an LZ4 frame (or several, one after another), decompressed into `outputLength` bytes. Throws on damaged input. */
export function decodeLz4Frame(input: Uint8Array, outputLength: number): Uint8Array {
  const out = new Uint8Array(outputLength);
  let i = 0, o = 0;
  while (i < input.length) {
    const magic = u32(input, i);
    i += 4;
    if ((magic & 0xfffffff0) === SKIPPABLE) { i += 4 + u32(input, i); continue; }
    if (magic !== MAGIC) throw new Error('lz4: not an LZ4 frame');
    const flg = input[i];
    if (flg >> 6 !== 1) throw new Error('lz4: unknown frame version');
    const blockChecksum = (flg & 0x10) !== 0, contentSize = (flg & 0x08) !== 0, contentChecksum = (flg & 0x04) !== 0, dictId = (flg & 0x01) !== 0;
    if (dictId) throw new Error('lz4: frames with a dictionary are not supported');
    i += 2 + (contentSize ? 8 : 0) + 1; // FLG, BD, content size, header checksum
    for (;;) {
      if (i + 4 > input.length) throw new Error('lz4: the frame ends early');
      const size = u32(input, i);
      i += 4;
      if (size === 0) break; // end mark
      const n = size & 0x7fffffff;
      if (i + n > input.length) throw new Error('lz4: a block runs past the end');
      if (size & 0x80000000) {
        if (o + n > out.length) throw new Error('lz4: more data than expected');
        out.set(input.subarray(i, i + n), o);
        o += n;
      } else o = decodeBlock(input, i, i + n, out, o);
      i += n + (blockChecksum ? 4 : 0);
    }
    if (contentChecksum) i += 4;
  }
  if (o !== outputLength) throw new Error(`lz4: ${o} bytes decompressed, ${outputLength} expected`);
  return out;
}

/** Decodes the sequences of one block in input[i, end) into out from `o`; returns the new output position. */
function decodeBlock(input: Uint8Array, i: number, end: number, out: Uint8Array, o: number): number {
  while (i < end) {
    const token = input[i++];
    let literals = token >> 4;
    if (literals === 15) for (let b = 255; b === 255 && i < end;) { b = input[i++]; literals += b; }
    if (i + literals > end || o + literals > out.length) throw new Error('lz4: damaged block');
    out.set(input.subarray(i, i + literals), o);
    i += literals;
    o += literals;
    if (i >= end) break; // the last sequence has literals only
    const offset = input[i] | (input[i + 1] << 8);
    i += 2;
    if (offset === 0 || offset > o) throw new Error('lz4: damaged block');
    let length = (token & 15) + 4;
    if ((token & 15) === 15) for (let b = 255; b === 255 && i < end;) { b = input[i++]; length += b; }
    if (o + length > out.length) throw new Error('lz4: more data than expected');
    // Byte by byte: the match may overlap what it writes (a run).
    for (let from = o - offset, k = 0; k < length; k++) out[o++] = out[from + k];
  }
  return o;
}

function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}
