/** Rules for the options form: which columns start selected, and keeping numbers in range. Pure, unit-tested. */
import type { DatasetDto, FitSettingsDto } from '../protocol/model';

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
 * Settings with every number in range. `changed` says which of kMin/kMax the person just edited, so the
 * other one follows it (typing K min = 5 over K max = 3 raises K max, not the other way round).
 */
export function clampSettings(s: FitSettingsDto, prev: FitSettingsDto, changed?: 'kMin' | 'kMax'): FitSettingsDto {
  let kMin = int(s.kMin, 1, 100, prev.kMin);
  let kMax = int(s.kMax, 1, 100, prev.kMax);
  if (kMin > kMax) {
    if (changed === 'kMax') kMin = kMax;
    else kMax = kMin;
  }
  return {
    ...s,
    kMin,
    kMax,
    nInit: int(s.nInit, 1, 1000, prev.nInit),
    seed: int(s.seed, 0, 2 ** 31 - 1, prev.seed),
    maxIter: int(s.maxIter, 1, 100_000, prev.maxIter),
    tol: positive(s.tol, prev.tol),
    regCovar: positive(s.regCovar, prev.regCovar),
    maxPoints: int(s.maxPoints, 100, 1_000_000, prev.maxPoints),
  };
}
