import { detectDelimiter } from './delimiter';
import type { DataFormat } from './types';

const BY_EXTENSION: Record<string, DataFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

/**
 * The format of a file: from its extension (after a `.gz`), else from its first bytes. A `.json` file that holds one object per
 * line is read as JSON Lines (many "JSON" exports are). Unknown text is CSV, or TSV when tabs split it best.
 * @param head the first bytes of the file (64 KiB is plenty)
 */
export function detectFormat(fileName: string, head: Uint8Array): DataFormat {
  const name = fileName.replace(/\.gz$/i, ''); // data.csv.gz holds a data.csv
  const dot = name.lastIndexOf('.');
  const byName = dot >= 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
  if (byName === 'csv' || byName === 'tsv' || byName === 'jsonl') return byName;
  const text = new TextDecoder('utf-8').decode(head); // lenient: only sniffing here
  const start = text.search(/\S/);
  if (start >= 0 && (text[start] === '{' || text[start] === '[')) return looksLikeJsonLines(text, start) ? 'jsonl' : 'json';
  if (byName === 'json') return 'json';
  return detectDelimiter(text) === '\t' ? 'tsv' : 'csv';
}

/** Whether the first line is a whole JSON object and the next non-blank line starts another. */
function looksLikeJsonLines(text: string, start: number): boolean {
  if (text[start] !== '{') return false;
  const nl = text.indexOf('\n', start);
  if (nl < 0) return false;
  try {
    JSON.parse(text.slice(start, nl));
  } catch {
    return false;
  }
  return /^\s*\{/.test(text.slice(nl + 1));
}
