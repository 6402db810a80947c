/**
 * The seeded order in which a data set's rows enter its samples (two-stage fits) and its agglomeration subset:
 * every sample of one seed is a prefix of it, so samples are nested and the agglomeration rows lie in every one.
 */
import { createRng } from '../numeric/rng';

/** The random stream row orders are drawn from (apart from every start's). */
const ROW_ORDER_STREAM = 0x5a4d;
const cache = new WeakMap<object, Map<number, Int32Array>>();

/** A seeded permutation of 0…n−1 for `owner` (a prepared data set), computed once per owner and seed. */
export function seededRowOrder(owner: object, n: number, seed: number): Int32Array {
  let bySeed = cache.get(owner);
  if (!bySeed) { bySeed = new Map(); cache.set(owner, bySeed); }
  let p = bySeed.get(seed);
  if (!p) {
    p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    const rng = createRng(seed, ROW_ORDER_STREAM);
    for (let i = n - 1; i > 0; i--) { const j = rng.int(i + 1); const t = p[i]; p[i] = p[j]; p[j] = t; }
    bySeed.set(seed, p);
  }
  return p;
}
