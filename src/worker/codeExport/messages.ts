/** Every message of the code export, in one place. Each says what cannot be written and what to do instead. */
import type { CodeLanguage } from './types';

/** A fit that a target language cannot express (or a file it cannot read the way EM Explorer did). */
export class CodeExportError extends Error {
  constructor(readonly code: 'not-expressible', message: string) {
    super(message);
    this.name = 'CodeExportError';
  }
}

/** The name of each target, as a person knows it. */
export const LANGUAGE_NAMES: Record<CodeLanguage, string> = { python: 'Python (scikit-learn)', r: 'R (mclust)', pyspark: 'PySpark' };

export const codeMessages = {
  mixedModel: (language: CodeLanguage, what: string) =>
    `${LANGUAGE_NAMES[language]} cannot express this fit: it is a mixed-data model (${what}). scikit-learn's GaussianMixture, ` +
    "mclust and Spark's GaussianMixture have Gaussian components only. Fit the numeric columns alone to export code, " +
    'or take the parameters as JSON instead (the CLI\'s fit prints them; the panel\'s Parameters JSON writes them).',
  rLongRows: (fileName: string) =>
    `${fileName} has rows longer than its header. EM Explorer cut them; R's read.table would wrap their extra fields onto new rows, ` +
    'so the R script would not read the same rows. Fix those rows, or export Python code instead.',
  rBadString: (code: number) =>
    `A column name or the file's path holds the character U+${code.toString(16).toUpperCase().padStart(4, '0')}, which an R string cannot hold. ` +
    'Rename the column, or export Python code instead.',
  columnarFile: (language: CodeLanguage, fileName: string, format: 'Parquet' | 'Arrow') =>
    `${LANGUAGE_NAMES[language]} cannot read ${fileName} as EM Explorer did: ${language === 'r'
      ? `the R script reads CSV, TSV and JSON files with base R and jsonlite, and ${format === 'Arrow' ? 'an' : 'a'} ${format} file needs the arrow package`
      : `Spark has no reader for ${format} IPC files`}. Export Python code instead (it reads ${format} files with pyarrow), ` +
    'or write the data as CSV and fit that.',
  notFinite: (v: number) => `A fitted parameter is ${v}, which is not a number a script can load; fit again (a larger regularization helps).`,
  badLanguage: (got: string) => `--language takes python, r or pyspark (got "${got}").`,
};
