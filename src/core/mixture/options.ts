/** Checks the EM loop's options once, where a fit starts; every bad value gets a message naming it. */
import { START_STRATEGIES, type EmOptions } from './types';
import { FitError, messages } from './errors';

/** Throws FitError 'bad-option' naming the first bad option. */
export function checkEmOptions(o: EmOptions): void {
  const bad = (name: string, v: unknown, want: string): never => { throw new FitError('bad-option', messages.badOption(name, v, want)); };
  const isInt = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
  if (!isInt(o.nComponents, 1)) bad('nComponents', o.nComponents, 'a whole number ≥ 1');
  if (!(o.tol >= 0) || !Number.isFinite(o.tol)) bad('tol', o.tol, 'a number ≥ 0');
  if (o.refineTol !== undefined && (!(o.refineTol >= 0) || !Number.isFinite(o.refineTol))) bad('refineTol', o.refineTol, 'a number ≥ 0');
  if (!isInt(o.maxIter, 1)) bad('maxIter', o.maxIter, 'a whole number ≥ 1');
  if (!isInt(o.nInit, 1)) bad('nInit', o.nInit, 'a whole number ≥ 1');
  if (!START_STRATEGIES.includes(o.init)) bad('init', o.init, START_STRATEGIES.join(', '));
  if (!Number.isFinite(o.seed)) bad('seed', o.seed, 'a finite number');
}
