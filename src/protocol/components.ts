/**
 * The number of components, parsed and checked in one place for every boundary: the settings the extension reads,
 * the webview's messages and form (`limits.ts`, `validate.ts`), the worker and the CLI. A single count ("3") or an
 * inclusive range ("1-6") of counts to fit and choose among. Here in the protocol, which imports no other layer's
 * values, so that every boundary can use this one rule; the engine itself takes the counts (`componentCounts`).
 */

/** An inclusive range of component counts; min === max for a single count. */
export interface ComponentRange {
  readonly min: number;
  readonly max: number;
}

/** Largest number of components accepted anywhere. */
export const MAX_COMPONENTS = 100;

/**
 * What is wrong with `value` as a range: 'shape' (not an object), 'bounds' (min or max not a whole number from 1 to
 * MAX_COMPONENTS), 'order' (max below min); undefined when it is a well-formed range.
 */
export function componentRangeProblem(value: unknown): 'shape' | 'bounds' | 'order' | undefined {
  if (typeof value !== 'object' || value === null) return 'shape';
  const { min, max } = value as { min?: unknown; max?: unknown };
  if (!isCount(min) || !isCount(max)) return 'bounds';
  return max < min ? 'order' : undefined;
}

/** Whether `value` is a well-formed range (whole numbers, 1 ≤ min ≤ max ≤ MAX_COMPONENTS). */
export function isComponentRange(value: unknown): value is ComponentRange {
  return componentRangeProblem(value) === undefined;
}

/** A whole number from 1 to MAX_COMPONENTS. */
function isCount(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_COMPONENTS;
}

/** "3" or "1-6" (spaces allowed) → the range; undefined when malformed or out of bounds. */
export function parseComponentRange(text: string): ComponentRange | undefined {
  const m = /^\s*(\d{1,4})\s*(?:-\s*(\d{1,4})\s*)?$/.exec(text);
  if (!m) return undefined;
  const range = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : Number(m[2]) };
  return isComponentRange(range) ? range : undefined;
}

/** "3" or "1-6", as a person writes it. */
export function formatComponentRange(r: ComponentRange): string {
  return r.min === r.max ? String(r.min) : `${r.min}-${r.max}`;
}

/** The counts of a range, ascending. */
export function componentCounts(r: ComponentRange): number[] {
  return Array.from({ length: r.max - r.min + 1 }, (_, j) => r.min + j);
}
