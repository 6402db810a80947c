/** Rules for the options form: which columns start selected, and keeping numbers in range. Pure, unit-tested. */
import type { DatasetDto, FitSettingsDto } from '../protocol/model';
import { MAX_COMPONENTS } from '../core/mixture/components';

/** The settings' columns that the dataset can use; all usable numeric columns when none of them is left. */
export function initialColumns(dataset: DatasetDto, settings: FitSettingsDto): string[] {
  const usable = dataset.columns.filter((c) => c.usable).map((c) => c.name);
  const kept = settings.columns.filter((c) => usable.includes(c));
  return kept.length > 0 ? kept : usable;
}

function int(x: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, Math.round(x))) : fallback;
}

function positive(x: number, fallback: number): number {
  return Number.isFinite(x) && x >= 0 ? x : fallback;
}

/**
 * Settings with every number in range. `changed` says which end of the components range the person just edited,
 * so the other one follows it (typing 5 as the smallest over a largest of 3 raises the largest, not the other way round).
 */
export function clampSettings(s: FitSettingsDto, prev: FitSettingsDto, changed?: 'min' | 'max'): FitSettingsDto {
  let min = int(s.components.min, 1, MAX_COMPONENTS, prev.components.min);
  let max = int(s.components.max, 1, MAX_COMPONENTS, prev.components.max);
  if (min > max) {
    if (changed === 'max') min = max;
    else max = min;
  }
  return {
    ...s,
    components: { min, max },
    models: s.models.length > 0 ? s.models : prev.models,
    nInit: int(s.nInit, 1, 1000, prev.nInit),
    seed: int(s.seed, 0, 2 ** 31 - 1, prev.seed),
    maxIter: int(s.maxIter, 1, 100_000, prev.maxIter),
    tol: positive(s.tol, prev.tol),
    regCovar: positive(s.regCovar, prev.regCovar),
    maxPoints: int(s.maxPoints, 100, 1_000_000, prev.maxPoints),
  };
}
