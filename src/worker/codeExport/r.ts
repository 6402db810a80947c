/**
 * The R target: a script that reads the data file as EM Explorer did, builds mclust's parameter list for the
 * fitted model (pro, mean d × G, variance with modelName, d, G, sigma and the model's own pieces), scores the
 * complete rows with mclust's estep() and the rows with missing cells in base R (mclust cannot take NA), prints the
 * total log-likelihood and, with --refit, runs mclust's em() from the parameters.
 */
import type { FitResultDto } from '../../protocol/model';
import { gaussianPlan, type GaussianPlan } from './gaussianPlan';
import { CodeExportError, codeMessages } from './messages';
import { numberLiteral, rString, rStrings, rVector } from './literals';
import { R_MODEL, R_READER } from './rParts';
import type { CodeSource } from './types';

/** The R script for `result`. Throws CodeExportError for a mixed fit, or a file R's reader would read otherwise. */
export function rScript(result: FitResultDto, source: CodeSource): string {
  const plan = gaussianPlan(result, 'r');
  if (source.format === 'parquet' || source.format === 'arrow') {
    throw new CodeExportError('not-expressible', codeMessages.columnarFile('r', source.fileName, source.format === 'parquet' ? 'Parquet' : 'Arrow'));
  }
  if (source.longRows && (source.format === 'csv' || source.format === 'tsv')) throw new CodeExportError('not-expressible', codeMessages.rLongRows(source.fileName));
  return [header(result, plan), constants(result, source, plan), R_READER, R_MODEL, MAIN].join('\n');
}

/** mclust's name of the model: in one dimension mclust has only E (equal variances) and V (varying). */
function mclustModel(plan: GaussianPlan): string {
  if (plan.nFeatures > 1) return plan.model;
  return plan.model.startsWith('E') ? 'E' : 'V';
}

function header(result: FitResultDto, plan: GaussianPlan): string {
  const s = result.settings;
  return `#!/usr/bin/env Rscript
# A Gaussian mixture fitted by EM Explorer: ${plan.nComponents} component${plan.nComponents === 1 ? '' : 's'}, covariance model ${mclustModel(plan)} (mclust's name),
# on ${plan.nFeatures} column${plan.nFeatures === 1 ? '' : 's'} of data_path.
#
# Reads the data file the way EM Explorer read it (the same columns, the same cells read as missing, the same rows
# skipped), scores every row at the fitted parameters and prints the total log-likelihood, which equals the one EM
# Explorer reported. The parameters are in the file's own units${s.standardize ? ' (the fit ran on standardized columns; --refit does too)' : ''}.
# mclust's estep() scores the complete rows.${s.missing === 'em' ? ' Rows with some cells missing are scored here in base R on their\n# observed cells (mclust cannot take NA); --refit uses the complete rows only.' : ' Rows with a missing cell are dropped, as in the fit.'}
# mclust has no ridge like EM Explorer's regularization (${numberLiteral(s.regCovar)} added to every covariance diagonal),
# so a refit with em() can end slightly elsewhere.
#
#   Rscript this_script.R                 # the log-likelihood at the fitted parameters
#   Rscript this_script.R --refit         # refit with mclust's em(), starting from them
#   Rscript this_script.R --data other.csv
#
# Needs mclust (and jsonlite for JSON files).
suppressPackageStartupMessages(library(mclust))
`;
}

function constants(result: FitResultDto, source: CodeSource, plan: GaussianPlan): string {
  const { nComponents: K, nFeatures: d } = plan;
  // Column-major, as R fills arrays: mean is d × G (column k = component k's mean); sigma d × d × G.
  const sigma = plan.covariances.flatMap((m) => Array.from({ length: d * d }, (_, i) => m[i % d][Math.floor(i / d)]));
  return `
## ---- The fit, as EM Explorer made it ----
data_path <- ${rString(source.path)}
format <- ${rString(source.format)}
delimiter <- ${rString(source.delimiter)}
has_header <- ${source.header ? 'TRUE' : 'FALSE'}
decimal_comma <- ${source.decimalComma ? 'TRUE' : 'FALSE'}
n_file_columns <- ${source.nColumns}
# The fitted columns, and where they stand among the file's columns (1-based).
columns <- ${rStrings(result.columns)}
positions <- c(${source.positions.map((p) => p + 1).join(', ')})
check_column_names <- ${source.renamed ? 'FALSE  # EM Explorer renamed some of the file\'s columns (empty or repeated names)' : 'TRUE'}
missing_strategy <- ${rString(result.settings.missing)}
standardize <- ${result.settings.standardize ? 'TRUE' : 'FALSE'}
model_name <- ${rString(mclustModel(plan))}
em_explorer_rows <- ${result.nRowsUsed}
em_explorer_loglik <- ${numberLiteral(result.logLikelihood)}

# Mixing proportions, means (d x G) and covariances (d x d x G, regularization included), in the file's units.
pro <- ${rVector(plan.weights)}
mean <- matrix(${rVector(plan.means.flat())}, nrow = ${d}, ncol = ${K})
sigma <- array(${rVector(sigma)}, dim = c(${d}, ${d}, ${K}))
`;
}

const MAIN = String.raw`
## ---- Main ----
args <- commandArgs(trailingOnly = TRUE)
path <- if ("--data" %in% args) args[which(args == "--data") + 1] else data_path
x_all <- read_columns(path)
observed <- !is.na(x_all)
used <- if (missing_strategy == "drop") rowSums(!observed) == 0 else rowSums(observed) > 0
x <- x_all[used, , drop = FALSE]
complete <- rowSums(is.na(x)) == 0
cat(sprintf("rows used: %d of %d (EM Explorer used %d)\n", nrow(x), nrow(x_all), em_explorer_rows))

parameters <- list(pro = pro, mean = mean, variance = variance_for(model_name, sigma))
densities <- weighted_log_densities(x, pro, mean, sigma)
total <- 0
if (any(complete)) {
  e <- estep(data = x[complete, , drop = FALSE], modelName = model_name, parameters = parameters)
  cat(sprintf("mclust estep log-likelihood of the %d complete rows: %.17g (base R: %.17g)\n", sum(complete), e$loglik,
              sum(row_logsumexp(densities[complete, , drop = FALSE]))))
  total <- e$loglik
}
if (any(!complete)) total <- total + sum(row_logsumexp(densities[!complete, , drop = FALSE]))
cat(sprintf("log-likelihood: %.17g\n", total))
cat(sprintf("EM Explorer's log-likelihood: %.17g (relative difference %.1e)\n", em_explorer_loglik,
            abs(total - em_explorer_loglik) / max(1, abs(em_explorer_loglik))))

if ("--refit" %in% args) {
  # In the fit's working units: z = (x - mean) / scale over the used rows' observed cells (scale: the standard
  # deviation with standardize, 1 for a constant column; else 1).
  shift <- colMeans(x, na.rm = TRUE)
  scale <- if (standardize) apply(x, 2, function(v) sqrt(mean((v - mean(v, na.rm = TRUE))^2, na.rm = TRUE))) else rep(1, ncol(x))
  scale[scale == 0] <- 1
  z <- sweep(sweep(x[complete, , drop = FALSE], 2, shift), 2, scale, "/")
  sigma_z <- sigma / as.vector(outer(scale, scale))
  start <- list(pro = pro, mean = (mean - shift) / scale, variance = variance_for(model_name, sigma_z))
  fit <- em(data = z, modelName = model_name, parameters = start)
  cat(sprintf("mclust em refit (%s, %d complete rows): log-likelihood %.17g\n", model_name, nrow(z),
              fit$loglik - nrow(z) * sum(log(scale))))
  print(fit$parameters$pro)
  print(fit$parameters$mean * scale + shift)
}
`;
