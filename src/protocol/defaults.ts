/**
 * The fit's defaults, in one place for the panel (when the `emExplorer.*` configuration holds nothing usable) and the
 * CLI (when a flag is not given), so the two agree: K from 1 to 6 chosen by BIC, VVV (scikit-learn's `full`), 10
 * restarts of the start portfolio, tol 1e-4 per row, ridge 1e-6, missing cells integrated out. The extension's
 * `package.json` declares the same values as its settings' defaults (a unit test holds the three together).
 */
import type { FitSettingsDto } from './model';

const DEFAULTS: FitSettingsDto = {
  columns: [], categorical: [], counts: [], components: { min: 1, max: 6 }, models: ['VVV'], standardize: false, nInit: 10,
  seed: 0, maxIter: 200, tol: 1e-4, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 20000,
};

export const DEFAULT_FIT_SETTINGS: Readonly<FitSettingsDto> = Object.freeze(DEFAULTS);
