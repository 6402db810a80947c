/**
 * Double-double arithmetic (a value hi + lo with |lo| ≤ ulp(hi)/2, about 106 bits) for the slow, careful path of
 * the correctly rounded log and exp in `correctlyRounded.ts`, and for building their tables. Not for hot loops:
 * results are returned as fresh [hi, lo] pairs.
 */

/** hi + lo. */
export type DD = readonly [number, number];

/** Veltkamp's splitter for 53-bit doubles: 2^27 + 1. */
const SPLITTER = 134217729;

/** a + b exactly as [sum, error] (Knuth). */
export function twoSum(a: number, b: number): DD {
  const s = a + b;
  const z = s - a;
  return [s, (a - (s - z)) + (b - z)];
}

/** a·b exactly as [product, error] (Dekker), for |a|, |b| well inside the double range. */
export function twoProduct(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return [p, ((aHi * bHi - p) + aHi * bLo + aLo * bHi) + aLo * bLo];
}

function renormalize(s: number, e: number): DD {
  const hi = s + e;
  return [hi, e - (hi - s)];
}

/** a + b. */
export function ddAdd(a: DD, b: DD): DD {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, e2] = twoSum(a[1], b[1]);
  const [u, e3] = renormalize(s, e1 + t);
  return renormalize(u, e3 + e2);
}

/** a·b. */
export function ddMul(a: DD, b: DD): DD {
  const [p, e] = twoProduct(a[0], b[0]);
  return renormalize(p, e + (a[0] * b[1] + a[1] * b[0]));
}

/** a·k for a double k. */
export function ddScale(a: DD, k: number): DD {
  const [p, e] = twoProduct(a[0], k);
  return renormalize(p, e + a[1] * k);
}

/** a / b. */
export function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = ddAdd(a, ddScale(b, -q1));
  const q2 = r[0] / b[0];
  r = ddAdd(r, ddScale(b, -q2));
  const q3 = r[0] / b[0];
  return ddAdd(renormalize(q1, q2), [q3, 0]);
}

/** ln 2 to about 160 bits, as three doubles. */
const LN2_A = 0.6931471805599453;
const LN2_B = 2.3190468138462996e-17;
const LN2_C = 5.707708438416212e-34;

/** e^x for a double-double x in the normal range (series on x / 2^10, then ten squarings). */
export function ddExp(x: DD): DD {
  const k = Math.round(x[0] / LN2_A);
  let r = ddAdd(x, ddScale([LN2_A, LN2_B], -k));
  r = ddAdd(r, [-k * LN2_C, 0]);
  r = [r[0] / 1024, r[1] / 1024];
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let i = 1; i <= 12; i++) {
    term = ddMul(term, r);
    term = ddDiv(term, [i, 0]);
    sum = ddAdd(sum, term);
  }
  for (let i = 0; i < 10; i++) sum = ddMul(sum, sum);
  const scale = 2 ** k;
  return [sum[0] * scale, sum[1] * scale];
}

/**
 * log x for a double x > 0 in the normal range, relative error about 2^-100: x = 2^k·m with m in [√½, √2),
 * log m = 2·atanh(t) = 2·(t + t³/3 + t⁵/5 + …) for t = (m − 1)/(m + 1), all in double-double.
 */
export function ddLog(x: number): DD {
  let k = Math.floor(Math.log2(x));
  let m = x / 2 ** k;
  while (m >= Math.SQRT2) { m /= 2; k += 1; }
  while (m < Math.SQRT1_2) { m *= 2; k -= 1; }
  const t = ddDiv([m - 1, 0], twoSum(m, 1));
  const t2 = ddMul(t, t);
  let power = t;
  let sum: DD = t;
  for (let i = 1; i < 40; i++) {
    power = ddMul(power, t2);
    const term = ddDiv(power, [2 * i + 1, 0]);
    sum = ddAdd(sum, term);
    if (Math.abs(term[0]) < Math.abs(sum[0]) * 2 ** -110) break;
  }
  const logM: DD = [2 * sum[0], 2 * sum[1]];
  const kLn2 = ddAdd(ddScale([LN2_A, LN2_B], k), [k * LN2_C, 0]);
  return ddAdd(kLn2, logM);
}
