/** Shared helpers for the agglomeration tests: the mclust fixtures, a seeded generator, the adjusted Rand index. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One case written by test/fixtures/mclust-hc/make_mclust_hc.R. */
export interface HcCase {
  case: string;
  model: 'VVV' | 'EII';
  use: 'SVD' | 'VARS' | 'STD';
  n: number;
  d: number;
  /** The raw data, row-major. */
  x: number[];
  zColumns: number;
  /** mclust's transformed data (attr(tree, "data")), row-major. */
  z: number[];
  alpha?: number;
  /** mclust's merge matrix, one [i, j] (1-based) per merge. */
  merges: [number, number][];
  /** hclass(tree, G) for G = 1 … 9, labels 1-based. */
  hclass: Record<string, number[]>;
}

function fixtureDir(): string {
  let dir = process.cwd();
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'test/fixtures/mclust-hc');
}

/** A JSON file from test/fixtures/mclust-hc. */
export function readFixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(fixtureDir(), name), 'utf8')) as T;
}

/** Every single-case fixture (the files with a "case" field). */
export function hcCases(): HcCase[] {
  return fs.readdirSync(fixtureDir())
    .filter((f) => f.endsWith('.json') && !f.startsWith('openblas') && !f.startsWith('small'))
    .sort()
    .map((f) => readFixture<HcCase>(f));
}

/** A small seeded generator (mulberry32) with uniform and normal draws. */
export function seeded(seed: number): { uniform(): number; normal(): number; int(k: number): number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
    int: (k) => Math.floor(uniform() * k),
  };
}

/** The adjusted Rand index of two labelings (1 when they are the same partition). */
export function adjustedRand(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const pairs = (m: number): number => (m * (m - 1)) / 2;
  const joint = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const m of joint.values()) index += pairs(m);
  let sa = 0;
  for (const m of rows.values()) sa += pairs(m);
  let sb = 0;
  for (const m of cols.values()) sb += pairs(m);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Merges of a tree as mclust's 1-based [i, j] pairs. */
export function mergePairs(merges: Int32Array): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < merges.length / 2; k++) out.push([merges[2 * k] + 1, merges[2 * k + 1] + 1]);
  return out;
}
