import type { Table } from './types';

/** A reader for a format that is fed decoded text: JSON and JSON Lines (CSV and TSV are fed bytes). */
export interface TextReader {
  push(text: string): void;
  finish(): Table;
  /** Line ends seen so far, to place errors found while decoding. */
  readonly linesSeen: number;
}
