import { DataError } from './dataError';
import { type FormatReader, DelimitedReader } from './delimitedReader';
import { detectDelimiter } from './delimiter';
import { detectFormat } from './detectFormat';
import { JsonDocumentReader } from './jsonDocument';
import { JsonLinesReader } from './jsonLinesReader';
import { DelimiterName, ErrorText, NoticeText } from './messages';
import type { ReadOptions, Table } from './types';
import { countLineFeeds, Utf8ChunkDecoder, Utf8Failure } from './utf8';

/** Default size limit: 1 GiB, so a 1 GB file fits (the extension's `emExplorer.maxFileSizeMB` overrides it). */
export const DEFAULT_MAX_BYTES = 2 ** 30;
/** Size of the pieces `readTable` feeds the streaming reader (and so how often it reports progress). */
export const READ_CHUNK_BYTES = 2 ** 20;
// Text gathered before choosing the format and delimiter: enough lines to see a pattern, small enough to be instant.
const HEAD_CHARS = 64 * 1024;

/** A streaming reader: push the file's bytes in any pieces, then finish once. */
export interface TableReader {
  /** Reads the next bytes (split anywhere, even inside a character or a quoted field). Throws DataError. */
  push(chunk: Uint8Array): void;
  /** Ends the input and returns the table. Throws DataError. */
  finish(): Table;
}

/**
 * Creates a streaming reader. Throws DataError `too-large` at once when `options.totalBytes` is over the limit.
 * Bytes are decoded as UTF-8 (a BOM is dropped); the first 64 KiB decide the format (`detectFormat`), delimiter
 * and header unless `options` fix them; after that each chunk is parsed as it comes.
 */
export function createTableReader(options: ReadOptions): TableReader {
  return new StreamingTableReader(options);
}

/** Reads a whole file held in memory (in 1 MiB steps, so progress is reported). */
export function readTable(bytes: Uint8Array, options: ReadOptions): Table {
  const reader = createTableReader({ ...options, totalBytes: options.totalBytes ?? bytes.length });
  for (let off = 0; off < bytes.length; off += READ_CHUNK_BYTES) reader.push(bytes.subarray(off, off + READ_CHUNK_BYTES));
  return reader.finish();
}

class StreamingTableReader implements TableReader {
  private readonly decoder = new Utf8ChunkDecoder();
  private readonly maxBytes: number;
  private readonly totalBytes: number;
  private bytesRead = 0;
  private sawContent = false;
  private head: string[] | null = [];
  private headChars = 0;
  private readonly headBytes: Uint8Array[] = [];
  private reader: FormatReader | null = null;

  constructor(private readonly options: ReadOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.totalBytes = options.totalBytes ?? 0;
    if (this.totalBytes > this.maxBytes) throw this.tooLarge(this.totalBytes);
  }

  push(chunk: Uint8Array): void {
    guard(this.options.fileName, () => this.read(chunk));
  }

  finish(): Table {
    return guard(this.options.fileName, () => {
      try {
        this.decoder.finish();
      } catch (e) {
        throw e instanceof Utf8Failure ? this.notUtf8(e) : e; // the file ends inside a multi-byte character
      }
      if (this.reader === null) this.start();
      const f = this.options.fileName;
      if (!this.sawContent) throw new DataError('empty-file', f, ErrorText.emptyFile(f));
      return this.reader!.finish();
    });
  }

  private read(chunk: Uint8Array): void {
    const f = this.options.fileName;
    if (this.bytesRead === 0 && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new DataError('not-utf8', f, ErrorText.utf16(f));
    }
    this.bytesRead += chunk.length;
    if (this.bytesRead > this.maxBytes) throw this.tooLarge(Math.max(this.bytesRead, this.totalBytes));
    // A zero byte never occurs in text; it is the cheapest sure sign of a binary file (or UTF-16 without a BOM).
    if (chunk.indexOf(0) !== -1) throw new DataError('binary', f, ErrorText.binary(f));
    let text: string;
    try {
      text = this.decoder.decode(chunk);
    } catch (e) {
      throw e instanceof Utf8Failure ? this.notUtf8(e) : e;
    }
    if (this.head !== null && this.headChars < HEAD_CHARS) this.headBytes.push(chunk.slice(0, HEAD_CHARS));
    this.accept(text);
    this.options.onProgress?.(this.bytesRead, this.totalBytes);
  }

  /** Hands decoded text to the format reader, or keeps it until the head is long enough to detect the format. */
  private accept(text: string): void {
    if (!this.sawContent && /\S/.test(text)) this.sawContent = true;
    if (this.head === null) return this.reader!.push(text);
    this.head.push(text);
    this.headChars += text.length;
    if (this.headChars >= HEAD_CHARS) this.start();
  }

  /** Picks the format and delimiter from the head and starts the format reader on it. */
  private start(): void {
    const o = this.options;
    const text = this.head!.join('');
    this.head = null;
    const format = o.format ?? detectFormat(o.fileName, concat(this.headBytes));
    if (format === 'json') this.reader = new JsonDocumentReader(o.fileName);
    else if (format === 'jsonl') this.reader = new JsonLinesReader(o.fileName);
    else {
      const delimiter = o.delimiter ?? (format === 'tsv' ? '\t' : detectDelimiter(text));
      // Spreadsheets that separate fields with ';' do it because their locale writes 1,5 for 1.5.
      const decimalComma = o.decimalComma ?? delimiter === ';';
      const reader = new DelimitedReader(o.fileName, format, delimiter, o.header, this.totalBytes, decimalComma);
      if (o.delimiter === undefined && delimiter !== (format === 'tsv' ? '\t' : ',')) {
        const name = DelimiterName[delimiter] ?? delimiter;
        reader.notices.push({ code: 'delimiter', message: NoticeText.delimiter(o.fileName, name, decimalComma) });
      }
      this.reader = reader;
    }
    this.reader.push(text);
  }

  private notUtf8(failure: Utf8Failure): DataError {
    const f = this.options.fileName;
    const before = this.reader !== null ? this.reader.linesSeen : (this.head ?? []).reduce((n, s) => n + s.split('\n').length - 1, 0);
    const line = before + countLineFeeds(failure.bytes, failure.bad) + 1;
    const offset = failure.start + failure.bad;
    return new DataError('not-utf8', f, ErrorText.notUtf8(f, line, offset), { line });
  }

  private tooLarge(size: number): DataError {
    const f = this.options.fileName;
    return new DataError('too-large', f, ErrorText.tooLarge(f, size, this.maxBytes));
  }
}

/** Runs `fn`; anything but a DataError escaping it is a bug, and is turned into an `internal` DataError. */
function guard<T>(fileName: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof DataError) throw e;
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new DataError('internal', fileName, ErrorText.internal(fileName, detail));
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
