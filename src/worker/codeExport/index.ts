/**
 * Hand-off as code: a runnable script in Python (scikit-learn), R (mclust) or PySpark that reads the data file as
 * EM Explorer did and loads the fitted parameters. Pure: text in, text out; the caller writes the file.
 */
import type { FitResultDto } from '../../protocol/model';
import { assertNever } from '../../protocol/assertNever';
import { pysparkScript } from './pyspark';
import { pythonScript } from './python';
import { rScript } from './r';
import type { CodeLanguage, CodeSource } from './types';

export { CodeExportError, LANGUAGE_NAMES, codeMessages } from './messages';
export { codeSource } from './source';
export { CODE_LANGUAGES, type CodeLanguage, type CodeSource } from './types';


/** The script for `language`. Throws CodeExportError when the target cannot express the fit or read the file. */
export function exportCode(language: CodeLanguage, result: FitResultDto, source: CodeSource): string {
  switch (language) {
    case 'python': return pythonScript(result, source);
    case 'r': return rScript(result, source);
    case 'pyspark': return pysparkScript(result, source);
    default: return assertNever(language, 'code language');
  }
}
