/**
 * Streaming gzip decompression for the readers: compressed chunks in, decompressed chunks out to `push` as they
 * come, so a .csv.gz costs no more memory than the .csv (never the whole file, compressed or not, at once).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { DataError, ErrorText, READ_CHUNK_BYTES } from '../data';

/**
 * Decompresses `source` (one gzip stream, or several concatenated, as `gzip -c a b` writes) into `push`.
 * Throws DataError `unreadable` for damaged data; errors thrown by `push` or `source` come through unchanged.
 */
export async function gunzipInto(fileName: string, source: AsyncIterable<Uint8Array>, push: (chunk: Uint8Array) => void): Promise<void> {
  const gunzip = zlib.createGunzip({ chunkSize: READ_CHUNK_BYTES });
  // The first error of the reader (or of the source) is the one to report: tearing the pipeline down after it
  // makes the other streams fail with AbortErrors of their own.
  let first: { error: unknown } | undefined;
  const guarded = async function* (): AsyncGenerator<Uint8Array> {
    try {
      yield* source;
    } catch (e) {
      first ??= { error: e };
      throw e;
    }
  };
  try {
    await pipeline(Readable.from(guarded(), { objectMode: false }), gunzip, async (out: AsyncIterable<Buffer>) => {
      for await (const chunk of out) {
        try {
          push(chunk);
        } catch (e) {
          first ??= { error: e };
          throw e;
        }
      }
    });
  } catch (e) {
    if (first) throw first.error;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new DataError('unreadable', fileName, ErrorText.badGzip(fileName, (e as Error).message));
    }
    throw e;
  }
}
