/**
 * Rows whose categorical and count cells are all the same (the same levels, counts and missing cells) have the same
 * log density in those blocks and, with no numeric column, the same responsibilities. A latent class model on a
 * large table has few such patterns (6 columns of 2–5 levels: at most a few thousand over a million rows), so its
 * pass runs over the patterns, and the blocks' statistics, being sums over rows, are taken from each pattern's summed
 * responsibilities. The same fit up to the order of the sums. Used only when it pays: when the table has at most
 * half as many patterns as rows.
 */
import type { MixedData } from './prepare';

export interface BlockPatterns {
  /** P, the number of distinct patterns. */
  readonly count: number;
  /** Working row → its pattern. */
  readonly of: Int32Array;
  /** Rows of each pattern. */
  readonly size: Float64Array;
  /** The blocks' cells of one row of each pattern, as a table of P rows (what the block passes read). */
  readonly data: MixedData;
}

const cache = new WeakMap<MixedData, BlockPatterns | null>();

/** The patterns of the table's categorical and count cells, or undefined when there are more than half as many as rows. */
export function blockPatterns(data: MixedData): BlockPatterns | undefined {
  let found = cache.get(data);
  if (found === undefined) {
    found = findPatterns(data) ?? null;
    cache.set(data, found);
  }
  return found ?? undefined;
}

function findPatterns(data: MixedData): BlockPatterns | undefined {
  const N = data.nUsed, J = data.levels.length, C = data.countNames.length;
  if (J + C === 0 || N < 4) return undefined;
  const limit = Math.floor(N / 2);
  const of = new Int32Array(N);
  const first: number[] = [];
  const key = patternKeyOf(data);
  const ids = new Map<number | string, number>();
  for (let i = 0; i < N; i++) {
    const k = key(i);
    let id = ids.get(k);
    if (id === undefined) {
      id = first.length;
      if (id >= limit) return undefined;
      ids.set(k, id);
      first.push(i);
    }
    of[i] = id;
    // Nearly every row new so far (checked at 4096, 8192, … rows): give up early rather than key half the table.
    if ((i & 4095) === 4095 && first.length > 0.75 * (i + 1)) return undefined;
  }
  const P = first.length;
  const size = new Float64Array(P);
  for (let i = 0; i < N; i++) size[of[i]]++;
  const codes = new Int32Array(P * J), counts = new Float64Array(P * C);
  first.forEach((i, u) => {
    codes.set(data.codes.subarray(i * J, (i + 1) * J), u * J);
    counts.set(data.counts.subarray(i * C, (i + 1) * C), u * C);
  });
  return { count: P, of, size, data: { ...data, nUsed: P, codes, counts } };
}

/**
 * A row's pattern as a number when the codes fit one (a mixed-radix number of code + 1, no count column), else as
 * text (codes, then counts; a missing count as "-").
 */
function patternKeyOf(data: MixedData): (i: number) => number | string {
  const J = data.levels.length, C = data.countNames.length;
  let span = 1;
  for (const levels of data.levels) span *= levels.length + 1;
  const { codes, counts } = data;
  if (C === 0 && span <= Number.MAX_SAFE_INTEGER) {
    const radix = data.levels.map((levels) => levels.length + 1);
    return (i) => {
      let k = 0;
      for (let j = 0; j < J; j++) k = k * radix[j] + codes[i * J + j] + 1;
      return k;
    };
  }
  return (i) => {
    let k = '';
    for (let j = 0; j < J; j++) k += `${codes[i * J + j]},`;
    for (let c = 0; c < C; c++) { const v = counts[i * C + c]; k += v === v ? `${v};` : '-;'; }
    return k;
  };
}

/** out[u·K + k] = Σ r_ik over the rows i of pattern u. */
export function patternResp(p: BlockPatterns, K: number, resp: Float64Array, out: Float64Array): void {
  out.fill(0);
  const { of } = p, N = of.length;
  for (let i = 0; i < N; i++) {
    const from = i * K, to = of[i] * K;
    for (let k = 0; k < K; k++) out[to + k] += resp[from + k];
  }
}
