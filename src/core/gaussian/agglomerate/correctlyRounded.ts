/**
 * log and exp rounded to the nearest double, as glibc's (which R's mclust calls) nearly always are: glibc 2.36
 * misrounds about 3 in 100 000 logs and 7 in 100 000 exps, where V8's Math.log and Math.exp differ from it about
 * 3 and 10 times in 100. mclust's criterion takes a log of every candidate merge, so two merges that tie in
 * exact arithmetic are ordered by these last bits; matching glibc keeps the merge order equal to R's.
 *
 * Fast path: table reduction, then a short series carried in double-double, giving the value to about 2^-70
 * relatively; only when that lands within 2^-14 half-units of a rounding midpoint (about 1 call in 10 000) is
 * the value recomputed to about 2^-94 in `doubleDouble.ts`.
 */
import { ddExp, ddLog, ddScale } from './doubleDouble';
import { biasedExponent, nearMidpoint, pow2 } from './floatBits';

/** Dekker's splitter. */
const SPLITTER = 134217729;
/** fdlibm's ln 2 split: LN2_HI has 32 significant bits, so k·LN2_HI is exact for |k| < 2^21. */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** Relative half-width, in half-units of the last place, inside which the fast result is not trusted. */
const MARGIN = 2 ** -14;

//#region log: x = 2^k·m, m in [√½, √2); m·invc = 1 + r with invc ≈ 1/(1 + i/128); log m = log(1/invc) + log1p(r)

const LOG_OFFSET = 40;
const LOG_INVC = new Float64Array(97);
const LOG_TABLE_HI = new Float64Array(97);
const LOG_TABLE_LO = new Float64Array(97);
for (let i = -LOG_OFFSET; i <= 56; i++) {
  const invc = i === 0 ? 1 : 1 / (1 + i / 128);
  const log = i === 0 ? [0, 0] : ddLog(invc);
  LOG_INVC[i + LOG_OFFSET] = invc;
  LOG_TABLE_HI[i + LOG_OFFSET] = -log[0];
  LOG_TABLE_LO[i + LOG_OFFSET] = -log[1];
}

/** Natural logarithm of x, correctly rounded (NaN, ±0, negative and infinite x as Math.log). */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let k = biasedExponent(x) - 1023;
  if (k === -1023) return ddRound(ddLog(x)); // subnormal: never on the agglomeration's path
  let m = x * pow2(-k);
  if (m >= Math.SQRT2) { m *= 0.5; k += 1; }
  const i = Math.round((m - 1) * 128);
  const invc = LOG_INVC[i + LOG_OFFSET];
  // r = m·invc − 1 exactly, as rh + rl (the product's high part is within 1% of 1, so ph − 1 is exact).
  const ph = m * invc;
  const pl = productError(m, invc, ph);
  const r0 = ph - 1;
  const rh = r0 + pl;
  const rl = pl - (rh - r0);
  // log1p(r) = r − r²/2 + r³/3 − …, |r| < 2^-7.4: the first two terms exact, the rest to 2^-53 of themselves.
  const sh = rh * rh;
  const sl = productError(rh, rh, sh);
  const tail = rh * sh * (1 / 3 - rh * (1 / 4 - rh * (1 / 5 - rh * (1 / 6 - rh * (1 / 7 - rh * (1 / 8 - rh / 9))))));
  const a = rh - 0.5 * sh;
  const aLow = (rh - a) - 0.5 * sh;
  const low = aLow + ((rl - 0.5 * sl - rh * rl) + tail);
  // k·ln2 + log(1/invc) + log1p(r), the three leading parts added without error.
  const big = k * LN2_HI;
  const t = LOG_TABLE_HI[i + LOG_OFFSET];
  const s1 = big + t;
  let z = s1 - big;
  const e1 = (big - (s1 - z)) + (t - z);
  const s2 = s1 + a;
  z = s2 - s1;
  const e2 = (s1 - (s2 - z)) + (a - z);
  const rest = e1 + e2 + (LOG_TABLE_LO[i + LOG_OFFSET] + k * LN2_LO + low);
  const result = s2 + rest;
  const offset = (s2 - result) + rest;
  return nearMidpoint(result, offset, MARGIN) ? ddRound(ddLog(x)) : result;
}

//#endregion

//#region exp: x = (64n + j)·ln2/64 + r, e^x = 2^n · 2^(j/64) · (1 + expm1 r)

const INV_LN2_64 = 64 / Math.LN2;
/** ln2/64 split like LN2_HI/LN2_LO (dividing by 64 is exact). */
const LN2_64_HI = LN2_HI / 64;
const LN2_64_LO = LN2_LO / 64;
const EXP_TABLE_HI = new Float64Array(64);
const EXP_TABLE_LO = new Float64Array(64);
for (let j = 0; j < 64; j++) {
  const value = j === 0 ? [1, 0] : ddExp(ddScale([Math.LN2, 2.3190468138462996e-17], j / 64));
  EXP_TABLE_HI[j] = value[0];
  EXP_TABLE_LO[j] = value[1];
}

/** e^x, correctly rounded for |x| < 700 (beyond that, and for NaN, as Math.exp). */
export function crExp(x: number): number {
  if (!(Math.abs(x) < 700)) return Math.exp(x);
  const k = Math.round(x * INV_LN2_64);
  const n = Math.floor(k / 64);
  const j = k - 64 * n;
  // r = x − k·ln2/64: the first difference is exact (Sterbenz), the second is carried as rh + rl.
  const r0 = x - k * LN2_64_HI;
  const c = -k * LN2_64_LO;
  const rh = r0 + c;
  const zr = rh - r0;
  const rl = (r0 - (rh - zr)) + (c - zr);
  // expm1(r) = r + r²/2 + r³/6 + …, |r| < 2^-7.5.
  const sh = rh * rh;
  const sl = productError(rh, rh, sh);
  const tail = rh * sh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720 + rh * (1 / 5040)))));
  const a = rh + 0.5 * sh;
  const aLow = (rh - a) + 0.5 * sh;
  const low = aLow + ((rl + 0.5 * sl + rh * rl) + tail);
  // 2^(j/64)·(1 + a + low).
  const th = EXP_TABLE_HI[j];
  const ph = th * a;
  const pe = productError(th, a, ph);
  const s = th + ph;
  const z = s - th;
  const se = (th - (s - z)) + (ph - z);
  const rest = se + pe + (th * low + EXP_TABLE_LO[j] * (1 + a));
  const result = s + rest;
  const offset = (s - result) + rest;
  if (nearMidpoint(result, offset, MARGIN)) return ddRound(ddExp([x, 0]));
  return result * pow2(n);
}

//#endregion

function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo;
}

/** The double nearest to hi + lo. */
function ddRound(v: readonly [number, number]): number {
  return v[0] + v[1];
}
