/**
 * The constants both Python scripts (scikit-learn and PySpark) open with: where the file is and how EM Explorer read
 * it, and the fitted parameters in the file's units. Each script adds its own settings between the two blocks.
 */
import type { FitResultDto } from '../../protocol/model';
import type { GaussianPlan } from './gaussianPlan';
import { pyList, pyString, pyStrings } from './literals';
import type { CodeSource } from './types';

/** DATA_PATH … POSITIONS: the file, its format, and the fitted columns with their positions among the file's. */
export function pySourceConstants(result: FitResultDto, source: CodeSource): string {
  return `DATA_PATH = ${pyString(source.path)}
FORMAT = ${pyString(source.format)}
DELIMITER = ${pyString(source.delimiter)}
HEADER = ${source.header ? 'True' : 'False'}
DECIMAL_COMMA = ${source.decimalComma ? 'True' : 'False'}
# The fitted columns, and where they stand among the file's columns (0-based).
COLUMNS = ${pyStrings(result.columns)}
POSITIONS = [${source.positions.join(', ')}]`;
}

/** WEIGHTS, MEANS and COVARIANCES as numpy arrays. */
export function pyParameterConstants(plan: GaussianPlan): string {
  return `# Mixing weights (K), means (K x d) and covariances (K x d x d, regularization included), in the file's units.
WEIGHTS = np.array(${pyList(plan.weights)})
MEANS = np.array(${pyList(plan.means)})
COVARIANCES = np.array(${pyList(plan.covariances)})`;
}
