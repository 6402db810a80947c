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
