/** The delimiters we detect, in order of preference when two fit the file equally well. */
// Semicolon before comma: a file where both split every line the same way is almost always "1,5;2,5" from a
// spreadsheet that writes decimal commas; tab before both because text fields rarely hold tabs.
export const DELIMITER_CANDIDATES = ['\t', ';', '|', ','];

const SAMPLE_LINES = 50;

/**
 * Picks the delimiter that splits the first lines of `head` into the same number of fields most consistently
 * (quotes respected; at least half of the lines must agree). Falls back to comma for one-column files.
 */
export function detectDelimiter(head: string): string {
  const counts = countPerLine(head);
  let best = ',';
  let bestScore = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const perLine = counts.map((c) => c.get(d) ?? 0);
    if (perLine.length === 0 || perLine[0] === 0) continue;
    // Score: lines agreeing with the header's count; ties go to the earlier candidate.
    const score = perLine.filter((n) => n === perLine[0]).length / perLine.length;
    // At least half the lines must agree, or a one-column file with a ';' in its header would split on it.
    if (score >= 0.5 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Per non-blank line (at most SAMPLE_LINES, the last partial line left out), how often each candidate occurs. */
function countPerLine(head: string): Map<string, number>[] {
  const lines: Map<string, number>[] = [];
  let current = new Map<string, number>();
  let inQuotes = false;
  let empty = true;
  for (let i = 0; i < head.length && lines.length < SAMPLE_LINES; i++) {
    const ch = head[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if (!empty) lines.push(current);
      current = new Map();
      empty = true;
      continue;
    } else if (!inQuotes && DELIMITER_CANDIDATES.includes(ch)) current.set(ch, (current.get(ch) ?? 0) + 1);
    empty = false;
  }
  // A head that holds one line only (a tiny file) still counts.
  if (lines.length === 0 && !empty) lines.push(current);
  return lines;
}

/**
 * Whether the numbers of a file separated by `delimiter` (not a comma) are written with decimal commas ("1,5"): some
 * fields of the first lines are numbers with a decimal comma (other than three digits after it, which may be a
 * thousands separator) and none with a decimal point or thousands groups ("1,234,567"). Spreadsheets in locales
 * that write 1,5 export tab-separated files that way too. (A semicolon-separated file is taken to have them unless
 * its numbers are written with decimal points: see `usesDecimalComma`.)
 */
export function detectDecimalComma(head: string, delimiter: string): boolean {
  if (delimiter === ',') return false;
  const seen = numberStyle(head, delimiter);
  return seen.comma && !seen.point;
}

/** Which decimal marks the numbers of the first lines show (a point, or thousands groups, counts as `point`). */
function numberStyle(head: string, delimiter: string): { comma: boolean; point: boolean } {
  let comma = false;
  let point = false;
  // The first 64 KB at most: the streamed reader decides from as much, so both read a file the same way.
  const lines = head.slice(0, 65536).split(/\r?\n/, SAMPLE_LINES + 1);
  // The last line may be cut off by the end of the head.
  for (const line of lines.slice(0, Math.min(lines.length - 1, SAMPLE_LINES))) {
    for (const raw of line.split(delimiter)) {
      const field = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
      if (POINT_DECIMAL.test(field) || THOUSANDS.test(field)) point = true;
      // "1,234" may be a thousands separator: only other lengths of the part after the comma decide.
      const m = COMMA_DECIMAL.exec(field);
      if (m && m[1].length !== 3) comma = true;
    }
  }
  return { comma, point };
}

const COMMA_DECIMAL = /^\s*[+-]?\d+,(\d+)(?:[eE][+-]?\d+)?\s*$/;
const THOUSANDS = /^\s*[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?\s*$/;
const POINT_DECIMAL = /^\s*[+-]?\d*\.\d+(?:[eE][+-]?\d+)?\s*$/;

/**
 * Whether a file separated by `delimiter` is read with decimal commas: a semicolon-separated file unless its first
 * lines write numbers with decimal points and never with a decimal comma (spreadsheets separate fields with ';'
 * because their locale writes 1,5 for 1.5), another when its first lines say so.
 */
export function usesDecimalComma(head: string, delimiter: string): boolean {
  if (delimiter !== ';') return detectDecimalComma(head, delimiter);
  const seen = numberStyle(head, delimiter);
  return seen.comma || !seen.point;
}
