/**
 * The Python target: a script that reads the data file as EM Explorer did, scores it at the fitted parameters with
 * numpy (missing cells integrated out, as EM Explorer does; scikit-learn cannot take NaN), prints the total
 * log-likelihood, holds the parameters in a scikit-learn GaussianMixture (fitted attributes set directly) and, with
 * --refit, refits with scikit-learn from them (weights_init / means_init / precisions_init) on the complete rows.
 */
import type { FitResultDto } from '../../protocol/model';
import { gaussianPlan, sklearnNote, type GaussianPlan } from './gaussianPlan';
import { numberLiteral, pyString } from './literals';
import { PY_READER, PY_SCORING } from './pythonParts';
import type { CodeSource } from './types';
import { pyParameterConstants, pySourceConstants } from './pythonConstants';

/** The Python script for `result`, fitted on the file `source` describes. Throws CodeExportError for a mixed fit. */
export function pythonScript(result: FitResultDto, source: CodeSource): string {
  const plan = gaussianPlan(result, 'python');
  return [header(result, plan, source), constants(result, source, plan), PY_READER, PY_SCORING, SKLEARN_PART, MAIN_PART].join('\n');
}

function header(result: FitResultDto, plan: GaussianPlan, source: CodeSource): string {
  const s = result.settings;
  const missing = s.missing === 'drop'
    ? 'Rows with a missing fitted cell are dropped, as in the fit (missing: drop).'
    : 'Rows with every fitted cell missing are skipped. Rows with some missing are scored on their observed cells, the\n' +
      'missing ones integrated out, as EM Explorer does (missing: em). scikit-learn cannot take a missing cell, so\n' +
      'scikit-learn scores and refits the complete rows only.';
  return String.raw`#!/usr/bin/env python3
"""A Gaussian mixture fitted by EM Explorer: ${plan.nComponents} component${plan.nComponents === 1 ? '' : 's'}, covariance model ${plan.model}, on ${plan.nFeatures} column${plan.nFeatures === 1 ? '' : 's'} of DATA_PATH.

Reads the data file the way EM Explorer read it (the same columns, the same cells read as missing, the same rows
skipped), scores every row at the fitted parameters and prints the total log-likelihood, which equals the one EM
Explorer reported. The parameters are in the file's own units${s.standardize ? ' (the fit ran on standardized columns; --refit does too)' : ''}.
${missing}
${sklearnNote(plan)}

    python3 this_script.py                  # the log-likelihood at the fitted parameters
    python3 this_script.py --refit          # refit with scikit-learn, starting from them
    python3 this_script.py --labels out.csv # each used row's cluster and membership probabilities
    python3 this_script.py --data other.csv # the same on another file with the same columns

Needs numpy, scipy, pandas and scikit-learn${source.format === 'parquet' || source.format === 'arrow' ? ', and pyarrow to read the file' : ''}.
"""
import argparse
import gzip
import json
import math
import re
import sys

import numpy as np
import pandas as pd
from scipy.linalg import solve_triangular
from scipy.special import logsumexp
from sklearn.mixture import GaussianMixture
`;
}

function constants(result: FitResultDto, source: CodeSource, plan: GaussianPlan): string {
  const s = result.settings;
  return `
#region The fit, as EM Explorer made it
${pySourceConstants(result, source)}
CHECK_NAMES = ${source.renamed ? 'False  # EM Explorer renamed some of the file\'s columns (empty or repeated names)' : 'True'}
MISSING = ${pyString(s.missing)}
STANDARDIZE = ${s.standardize ? 'True' : 'False'}
REG_COVAR = ${numberLiteral(s.regCovar)}
TOL = ${numberLiteral(s.tol)}
MAX_ITER = ${s.maxIter}
SEED = ${s.seed}
MODEL = ${pyString(plan.model)}
SKLEARN_TYPE = ${pyString(plan.sklearnType)}
EM_EXPLORER_ROWS = ${result.nRowsUsed}
EM_EXPLORER_LOG_LIKELIHOOD = ${numberLiteral(result.logLikelihood)}

${pyParameterConstants(plan)}
#endregion
`;
}

const SKLEARN_PART = String.raw`
#region scikit-learn
def sklearn_arrays(covariances):
    """Covariances, precision Cholesky factors and precisions in scikit-learn's layout for SKLEARN_TYPE."""
    if SKLEARN_TYPE in ("full", "tied"):
        full = covariances if SKLEARN_TYPE == "full" else covariances[:1]
        eye = np.eye(full.shape[1])
        # As scikit-learn's _compute_precision_cholesky: the inverse of the covariance's Cholesky factor, transposed.
        chol = np.array([solve_triangular(np.linalg.cholesky(c), eye, lower=True).T for c in full])
        prec = np.array([c @ c.T for c in chol])
        return (full, chol, prec) if SKLEARN_TYPE == "full" else (full[0], chol[0], prec[0])
    variances = np.array([np.diag(c) for c in covariances])
    if SKLEARN_TYPE == "spherical":
        variances = variances[:, 0]
    return variances, 1 / np.sqrt(variances), 1 / variances


def fitted_model(weights, means, covariances):
    """A GaussianMixture holding these parameters as if it had fitted them (its fitted attributes set directly)."""
    cov, prec_chol, prec = sklearn_arrays(covariances)
    model = GaussianMixture(n_components=len(weights), covariance_type=SKLEARN_TYPE, reg_covar=REG_COVAR, tol=TOL,
                            max_iter=MAX_ITER, random_state=SEED)
    model.weights_ = np.array(weights, dtype=float)
    model.means_ = np.array(means, dtype=float)
    model.covariances_ = cov
    model.precisions_cholesky_ = prec_chol
    model.precisions_ = prec
    model.converged_ = True
    model.n_iter_ = 0
    model.lower_bound_ = -np.inf
    model.n_features_in_ = means.shape[1]
    return model


def working_units(x):
    """EM Explorer's working units: z = (x - mean) / scale over the used rows' observed cells; scale is the standard
    deviation with STANDARDIZE (1 for a constant column), else 1."""
    shift = np.nanmean(x, axis=0)
    scale = np.nanstd(x, axis=0) if STANDARDIZE else np.ones(x.shape[1])
    scale[scale == 0] = 1.0
    return shift, scale


def refit(x, complete):
    """Refits with scikit-learn from the fitted parameters, on the complete rows, in the fit's working units (so
    REG_COVAR means what it meant in the fit). Returns the model, the units and the log-likelihood in file units."""
    shift, scale = working_units(x)
    z = (x[complete] - shift) / scale
    _, _, precisions = sklearn_arrays(COVARIANCES / np.outer(scale, scale))
    model = GaussianMixture(n_components=len(WEIGHTS), covariance_type=SKLEARN_TYPE, reg_covar=REG_COVAR, tol=TOL,
                            max_iter=MAX_ITER, random_state=SEED, weights_init=WEIGHTS, means_init=(MEANS - shift) / scale,
                            precisions_init=precisions)
    model.fit(z)
    # Back to file units: each row's log density shifts by -sum(log scale).
    return model, shift, scale, model.score(z) * len(z) - len(z) * np.sum(np.log(scale))
#endregion
`;

const MAIN_PART = String.raw`
def write_labels(path, rows, log_densities):
    """Each used row's 1-based number among the file's rows, its cluster (1-based) and membership probabilities."""
    resp = np.exp(log_densities - logsumexp(log_densities, axis=1, keepdims=True))
    out = pd.DataFrame(resp, columns=[f"p_{k + 1}" for k in range(resp.shape[1])])
    out.insert(0, "cluster", resp.argmax(axis=1) + 1)
    out.insert(0, "row", rows + 1)
    with open(path, "x", encoding="utf-8", newline="") as f:  # "x": never overwrites a file
        out.to_csv(f, index=False)


def main():
    parser = argparse.ArgumentParser(description="Score (and refit) the Gaussian mixture EM Explorer fitted.")
    parser.add_argument("--data", default=DATA_PATH, help="the data file (default: the one the fit was made on)")
    parser.add_argument("--refit", action="store_true", help="refit with scikit-learn, starting from these parameters")
    parser.add_argument("--labels", metavar="OUT.csv", help="write each used row's cluster and probabilities (a new file)")
    args = parser.parse_args()

    x_all = read_columns(args.data)
    rows = np.flatnonzero(used_rows(x_all))
    x = x_all[rows]
    log_densities = weighted_log_densities(x, WEIGHTS, MEANS, COVARIANCES)
    total = float(logsumexp(log_densities, axis=1).sum())
    print(f"rows used: {len(x)} of {len(x_all)} (EM Explorer used {EM_EXPLORER_ROWS})")
    print(f"log-likelihood: {total!r}")
    difference = abs(total - EM_EXPLORER_LOG_LIKELIHOOD) / max(1.0, abs(EM_EXPLORER_LOG_LIKELIHOOD))
    print(f"EM Explorer's log-likelihood: {EM_EXPLORER_LOG_LIKELIHOOD!r} (relative difference {difference:.1e})")

    complete = ~np.isnan(x).any(axis=1)
    if complete.any():
        model = fitted_model(WEIGHTS, MEANS, COVARIANCES)
        sklearn_total = float(model.score_samples(x[complete]).sum())
        numpy_total = float(logsumexp(log_densities[complete], axis=1).sum())
        print(f"scikit-learn log-likelihood of the {int(complete.sum())} complete rows: {sklearn_total!r} (numpy: {numpy_total!r})")
    if args.labels:
        write_labels(args.labels, rows, log_densities)
        print(f"labels written to {args.labels}")
    if args.refit:
        if not complete.any():
            sys.exit("no complete row to refit on")
        model, shift, scale, refit_total = refit(x, complete)
        print(f"scikit-learn refit ({SKLEARN_TYPE}, {int(complete.sum())} complete rows): log-likelihood {refit_total!r} "
              f"after {model.n_iter_} iterations (converged: {model.converged_})")
        print("refit weights:", model.weights_)
        print("refit means (file units):", model.means_ * scale + shift)


if __name__ == "__main__":
    main()
`;
