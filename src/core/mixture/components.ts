/**
 * The number of components, parsed and checked in one place for every boundary (settings, the panel's form, the
 * CLI): a single count ("3") or an inclusive range ("1-6") of counts to fit and choose among.
 */

/** An inclusive range of component counts; min === max for a single count. */
export interface ComponentRange {
  readonly min: number;
  readonly max: number;
}

/** Largest number of components accepted anywhere. */
export const MAX_COMPONENTS = 100;

/** Whether `value` is a well-formed range (whole numbers, 1 ≤ min ≤ max ≤ MAX_COMPONENTS). */
export function isComponentRange(value: unknown): value is ComponentRange {
  if (typeof value !== 'object' || value === null) return false;
  const { min, max } = value as { min?: unknown; max?: unknown };
  return Number.isInteger(min) && Number.isInteger(max) && (min as number) >= 1 && (max as number) >= (min as number) && (max as number) <= MAX_COMPONENTS;
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
