/**
 * The PySpark target: a Spark job that reads the data file (or a larger one with the same columns) with Spark's
 * readers, reads its cells as EM Explorer does, skips the rows EM Explorer skips, scores and labels every row at
 * the fitted parameters in a pandas UDF (mapInPandas: missing cells integrated out, as EM Explorer does), prints the
 * total log-likelihood and writes the labels; with --refit, it refits with pyspark.mllib's GaussianMixture from the
 * parameters (`initialModel`) on the complete rows. pyspark.ml's GaussianMixture cannot start from given parameters.
 */
import type { FitResultDto } from '../../protocol/model';
import { gaussianPlan, type GaussianPlan } from './gaussianPlan';
import { numberLiteral, pyString } from './literals';
import { CodeExportError, codeMessages } from './messages';
import { PY_SCORING } from './pythonParts';
import type { CodeSource } from './types';
import { pyParameterConstants, pySourceConstants } from './pythonConstants';

/** The PySpark script for `result`. Throws CodeExportError for a mixed fit. */
export function pysparkScript(result: FitResultDto, source: CodeSource): string {
  const plan = gaussianPlan(result, 'pyspark');
  if (source.format === 'arrow') throw new CodeExportError('not-expressible', codeMessages.columnarFile('pyspark', source.fileName, 'Arrow'));
  return [header(result, plan), constants(result, source, plan), SPARK_READER, PY_SCORING, SPARK_MAIN].join('\n');
}

function header(result: FitResultDto, plan: GaussianPlan): string {
  return String.raw`#!/usr/bin/env python3
"""A Gaussian mixture fitted by EM Explorer (${plan.nComponents} component${plan.nComponents === 1 ? '' : 's'}, covariance model ${plan.model}), scored and labelled on Spark.

Reads DATA_PATH (or --data, e.g. the full data on a cluster) with Spark, reads the fitted columns' cells as EM Explorer
does (numbers; missing tokens and text are missing cells), skips the rows EM Explorer skips (${result.settings.missing === 'drop' ? 'any fitted cell missing' : 'every fitted cell missing'}),
and labels every row with its most probable component and membership probabilities, computed with numpy in a pandas
UDF at the fitted parameters (rows with missing cells are scored on their observed cells, as EM Explorer does).
It prints the total log-likelihood and writes the labels to --out (a new folder of CSV files).

With --refit it refits with pyspark.mllib's GaussianMixture, starting from the fitted parameters (initialModel), on
the complete rows. Spark's model has full covariances only: for ${plan.model} the refit ${plan.model === 'VVV' ? 'is the same model' : `does not keep ${plan.model}'s constraints`},
it has no regularization like EM Explorer's, and its tolerance is on the total log-likelihood. pyspark.ml's
GaussianMixture cannot start from given parameters.

    spark-submit this_script.py --out labels_dir [--data PATH] [--refit]

Needs pyspark (3.x), numpy, scipy and pandas with pyarrow on the workers.
"""
import argparse
import math

import numpy as np
import pandas as pd
from scipy.linalg import solve_triangular
from scipy.special import logsumexp
from pyspark.sql import SparkSession, functions as F, types as T
`;
}

function constants(result: FitResultDto, source: CodeSource, plan: GaussianPlan): string {
  const s = result.settings;
  return `
#region The fit, as EM Explorer made it
${pySourceConstants(result, source)}
MISSING = ${pyString(s.missing)}
TOL = ${numberLiteral(s.tol)}
MAX_ITER = ${s.maxIter}
SEED = ${s.seed}
EM_EXPLORER_ROWS = ${result.nRowsUsed}
EM_EXPLORER_LOG_LIKELIHOOD = ${numberLiteral(result.logLikelihood)}

${pyParameterConstants(plan)}
#endregion
`;
}

const SPARK_READER = String.raw`
#region Reading the file as EM Explorer read it
# A cell is a number when it matches this (spaces and tabs around it ignored); anything else - the missing tokens
# "", NA, N/A, NaN, null, None, ?, text - is a missing cell.
NUMBER = r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$" if DECIMAL_COMMA else r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"


def quoted(name):
    """A column name as Spark reads it literally (dots and spaces included)."""
    return "\x60" + name.replace("\x60", "\x60\x60") + "\x60"


def read_features(spark, path):
    """A DataFrame of the fitted columns as doubles (null = missing), named f0, f1..., with every cell as text first
    (a Parquet file's columns are typed: read as doubles, NaN and infinities missing, as EM Explorer reads them)."""
    if FORMAT == "parquet":
        frame = spark.read.parquet(path)
        features = []
        for j, name in enumerate(COLUMNS):
            number = F.col(quoted(name)).cast("double")
            features.append(F.when(~F.isnan(number) & (F.abs(number) < float("inf")), number).alias(f"f{j}"))
        return frame.select(*features)
    if FORMAT in ("json", "jsonl"):
        # Every value as text, as EM Explorer reads JSON strings; a top-level array needs multiLine.
        frame = spark.read.json(path, primitivesAsString=True, multiLine=(FORMAT == "json"))
        # A column "a.b" that is not a key of its own is the field b of the nested object a.
        cells = [F.col(quoted(name)) if name in frame.columns else F.col(name) for name in COLUMNS]
    else:
        frame = spark.read.csv(path, sep=DELIMITER, header=HEADER, inferSchema=False, quote='"', escape='"',
                               multiLine=True, ignoreLeadingWhiteSpace=False, ignoreTrailingWhiteSpace=False,
                               mode="PERMISSIVE", encoding="UTF-8")
        cells = [F.col(quoted(frame.columns[p])) for p in POSITIONS]
    features = []
    for j, cell in enumerate(cells):
        text = F.regexp_replace(cell.cast("string"), r"^[ \t]+|[ \t]+$", "")
        number = F.regexp_replace(text, ",", ".").cast("double")
        value = F.when(text.rlike(NUMBER) & ~F.isnan(number) & (F.abs(number) < float("inf")), number)
        features.append(value.alias(f"f{j}"))
    return frame.select(*features)
#endregion
`;

const SPARK_MAIN = String.raw`
def label_batches(batches):
    """mapInPandas: each batch's rows labelled at the fitted parameters."""
    d = len(COLUMNS)
    for batch in batches:
        x = batch[[f"f{j}" for j in range(d)]].to_numpy(dtype=float)
        log_densities = weighted_log_densities(x, WEIGHTS, MEANS, COVARIANCES)
        row_total = logsumexp(log_densities, axis=1)
        resp = np.exp(log_densities - row_total[:, None])
        out = batch.copy()
        out["cluster"] = resp.argmax(axis=1) + 1
        for k in range(resp.shape[1]):
            out[f"p_{k + 1}"] = resp[:, k]
        out["log_density"] = row_total
        yield out


def refit(features):
    """pyspark.mllib's GaussianMixture from the fitted parameters (initialModel), on the complete rows."""
    from collections import namedtuple
    from pyspark.mllib.clustering import GaussianMixture
    from pyspark.mllib.linalg import DenseMatrix, Vectors

    # train() reads initialModel.k, .weights and .gaussians[k].mu / .sigma only.
    Gaussian = namedtuple("Gaussian", "mu sigma")
    Start = namedtuple("Start", "k weights gaussians")
    d = len(COLUMNS)
    start = Start(len(WEIGHTS), [float(w) for w in WEIGHTS],
                  [Gaussian(Vectors.dense(MEANS[k]), DenseMatrix(d, d, COVARIANCES[k].flatten(order="F").tolist()))
                   for k in range(len(WEIGHTS))])
    rows = features.dropna().rdd.map(lambda r: Vectors.dense([float(v) for v in r]))
    model = GaussianMixture.train(rows, len(WEIGHTS), convergenceTol=TOL, maxIterations=MAX_ITER, seed=SEED, initialModel=start)
    print("refit weights:", model.weights)
    for k, g in enumerate(model.gaussians):
        print(f"component {k + 1}: mean {g.mu}")
    return model


def main():
    parser = argparse.ArgumentParser(description="Score and label rows with the Gaussian mixture EM Explorer fitted.")
    parser.add_argument("--data", default=DATA_PATH, help="the data (default: the file the fit was made on)")
    parser.add_argument("--out", required=True, help="a new folder for the labels (CSV files)")
    parser.add_argument("--refit", action="store_true", help="refit with pyspark.mllib from these parameters")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("EM Explorer mixture").getOrCreate()
    features = read_features(spark, args.data)
    observed = [F.col(f"f{j}").isNotNull() for j in range(len(COLUMNS))]
    keep = observed[0]
    for o in observed[1:]:
        keep = (keep & o) if MISSING == "drop" else (keep | o)
    used = features.where(keep)
    schema = T.StructType(used.schema.fields + [T.StructField("cluster", T.LongType())]
                          + [T.StructField(f"p_{k + 1}", T.DoubleType()) for k in range(len(WEIGHTS))]
                          + [T.StructField("log_density", T.DoubleType())])
    labelled = used.mapInPandas(label_batches, schema=schema).cache()
    totals = labelled.agg(F.count(F.lit(1)).alias("rows"), F.sum("log_density").alias("total")).first()
    print(f"rows used: {totals['rows']} (EM Explorer used {EM_EXPLORER_ROWS})")
    print(f"log-likelihood: {totals['total']!r}")
    print(f"EM Explorer's log-likelihood: {EM_EXPLORER_LOG_LIKELIHOOD!r}")
    # mode="errorifexists": never writes over an existing folder.
    out = labelled.drop("log_density")
    extra = {"cluster"} | {f"p_{k + 1}" for k in range(len(WEIGHTS))}
    for j, name in enumerate(COLUMNS):  # the file's names again, where they do not clash with the added columns
        if name not in extra and name not in COLUMNS[:j] and not (name.startswith("f") and name[1:].isdigit()):
            out = out.withColumnRenamed(f"f{j}", name)
    out.write.csv(args.out, header=True, mode="errorifexists")
    print(f"labels written to {args.out}")
    if args.refit:
        refit(used)
    spark.stop()


if __name__ == "__main__":
    main()
`;
