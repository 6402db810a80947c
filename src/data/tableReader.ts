import { DataError } from './dataError';
import { DelimitedReader } from './delimitedReader';
import type { TextReader } from './textReader';
import { detectDelimiter, usesDecimalComma } from './delimiter';
import { detectFormat } from './detectFormat';
import { joinBytes } from './fieldText';
import { JsonDocumentReader } from './jsonDocument';
import { JsonLinesReader } from './jsonLinesReader';
import { compressionOf, SIGNATURE_BYTES } from './compression';
import { delimiterNotice, ErrorText } from './messages';
import type { ReadOptions, Table } from './types';
import { countLineFeeds, Utf8ChunkDecoder, Utf8Failure } from './utf8';

/** Default size limit: 1 GiB, so a 1 GB file fits (the extension's `emExplorer.maxFileSizeMB` overrides it). */
export const DEFAULT_MAX_BYTES = 2 ** 30;
/** Size of the pieces `readTable` feeds the streaming reader (and so how often it reports progress). */
export const READ_CHUNK_BYTES = 2 ** 20;
// Bytes gathered before choosing the format and delimiter: enough lines to see a pattern, small enough to be instant.
const HEAD_BYTES = 64 * 1024;

/** A streaming reader: push the file's bytes in any pieces, then finish once. */
export interface TableReader {
  /**
   * Reads the next bytes (split anywhere, even inside a character or a quoted field). Keeps no reference to `chunk`
   * after it returns (what it needs later is copied), so the caller may reuse one buffer. Throws DataError.
   */
  push(chunk: Uint8Array): void;
  /** Ends the input and returns the table. Throws DataError. */
  finish(): Table;
}

/**
 * Creates a streaming reader. Throws DataError `too-large` at once when `options.totalBytes` is over the limit.
 * The first 64 KiB decide the format (`detectFormat`), delimiter and header unless `options` fix them; after that
 * each chunk is parsed as it comes. CSV and TSV are split as bytes and only non-numeric fields are decoded; JSON
 * and JSON Lines are decoded chunk by chunk. Either way the text must be UTF-8 (a byte-order mark is dropped).
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
  /** The file's first SIGNATURE_BYTES bytes, gathered across chunks. */
  private readonly lead: number[] = [];
  /** Copies of the first chunks, until there are enough to detect the format; then null. */
  private head: Uint8Array[] | null = [];
  private headBytes = 0;
  private csv: DelimitedReader | null = null;
  private text: TextReader | null = null;

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
      if (this.head !== null) this.start();
      const f = this.options.fileName;
      if (this.text !== null) {
        try {
          this.decoder.finish();
        } catch (e) {
          throw e instanceof Utf8Failure ? this.notUtf8(e) : e; // the file ends inside a multi-byte character
        }
      }
      if (!this.sawContent) throw new DataError('empty-file', f, ErrorText.emptyFile(f));
      return this.csv !== null ? this.csv.finish() : this.text!.finish();
    });
  }

  private read(chunk: Uint8Array): void {
    const f = this.options.fileName;
    const atStart = this.bytesRead === 0;
    if (atStart && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      throw new DataError('not-utf8', f, ErrorText.utf16(f));
    }
    if (this.lead.length < SIGNATURE_BYTES) {
      // The first bytes, however the file was split, decide whether it is compressed (before the zero-byte test).
      for (let k = 0; k < chunk.length && this.lead.length < SIGNATURE_BYTES; k++) this.lead.push(chunk[k]);
      const packed = compressionOf(Uint8Array.from(this.lead));
      if (packed !== null) throw new DataError('compressed', f, ErrorText.compressed(f, packed));
    }
    this.bytesRead += chunk.length;
    if (this.bytesRead > this.maxBytes) throw this.tooLarge(Math.max(this.bytesRead, this.totalBytes));
    // A zero byte never occurs in text; it is the cheapest sure sign of a binary file (or UTF-16 without a BOM).
    if (chunk.indexOf(0) !== -1) throw new DataError('binary', f, ErrorText.binary(f));
    if (!this.sawContent) this.sawContent = hasContent(chunk, atStart);
    if (this.head !== null) {
      this.head.push(chunk.slice()); // a copy: the caller may reuse its buffer
      this.headBytes += chunk.length;
      if (this.headBytes >= HEAD_BYTES) this.start();
    } else this.feed(chunk);
    this.options.onProgress?.(this.bytesRead, this.totalBytes);
  }

  /** Bytes to the CSV reader as they are; decoded text to the others. */
  private feed(bytes: Uint8Array): void {
    if (this.csv !== null) return this.csv.push(bytes);
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch (e) {
      throw e instanceof Utf8Failure ? this.notUtf8(e) : e;
    }
    this.text!.push(text);
  }

  /** Picks the format and delimiter from the head and starts the format reader on it. */
  private start(): void {
    const o = this.options;
    let head = joinBytes(this.head!);
    this.head = null;
    const format = o.format ?? detectFormat(o.fileName, head);
    if (format === 'json') this.text = new JsonDocumentReader(o.fileName);
    else if (format === 'jsonl') this.text = new JsonLinesReader(o.fileName);
    else {
      const sniff = new TextDecoder().decode(head); // lenient, for detection only
      const delimiter = o.delimiter ?? (format === 'tsv' ? '\t' : detectDelimiter(sniff));
      // Spreadsheets that separate fields with ';' do it because their locale writes 1,5 for 1.5; other separators
      // (tab, '|') have decimal commas when the first lines' numbers are written so.
      const decimalComma = o.decimalComma ?? usesDecimalComma(sniff, delimiter);
      const reader = new DelimitedReader(o.fileName, format, delimiter, o.header, this.totalBytes, decimalComma);
      // Said of what was detected here only (a caller that passes both, as the streamed reader does, says it itself).
      if ((o.delimiter === undefined && delimiter !== (format === 'tsv' ? '\t' : ',')) || (decimalComma && o.decimalComma === undefined)) {
        const said = delimiterNotice(o.fileName, format, delimiter, decimalComma);
        if (said) reader.notices.push(said);
      }
      this.csv = reader;
      if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3); // byte-order mark
    }
    this.feed(head);
  }

  private notUtf8(failure: Utf8Failure): DataError {
    const f = this.options.fileName;
    const line = this.text!.linesSeen + countLineFeeds(failure.bytes, failure.bad) + 1;
    const offset = failure.start + failure.bad;
    return new DataError('not-utf8', f, ErrorText.notUtf8(f, line, offset), { line });
  }

  private tooLarge(size: number): DataError {
    const f = this.options.fileName;
    return new DataError('too-large', f, ErrorText.tooLarge(f, size, this.maxBytes, this.options.limitSource));
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

/** Whether the bytes hold anything but spaces and line ends (a byte-order mark at the file's start is not content). */
function hasContent(bytes: Uint8Array, atStart: boolean): boolean {
  const from = atStart && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let k = from; k < bytes.length; k++) {
    const b = bytes[k];
    if (b !== 32 && b !== 10 && b !== 13 && b !== 9) return true;
  }
  return false;
}
