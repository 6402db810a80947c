/** What the code export needs besides the fit result: where the file is and how EM Explorer read it. */
import type { CodeLanguage, DataFormat } from '../../protocol/model';

export type { CodeLanguage };
export { CODE_LANGUAGES } from '../../protocol/limits';

/** How EM Explorer read the data file, so a script reads the same rows and cells. */
export interface CodeSource {
  /** The file's name (for comments and messages). */
  fileName: string;
  /** The path the script opens (absolute, so the script runs from anywhere). */
  path: string;
  format: DataFormat;
  /** CSV/TSV only: the field delimiter, whether the first row names the columns, whether "1,5" reads as 1.5. */
  delimiter: string;
  header: boolean;
  decimalComma: boolean;
  /**
   * 0-based position of each fitted column among the file's columns (CSV: its field; JSON: its key in order of
   * first appearance, nested objects flattened one level as `a.b`). The script picks columns by position, so a
   * name that EM Explorer made unique ("a_2") still finds its column.
   */
  positions: number[];
  /** How many columns the file has (CSV: fields of its first row). */
  nColumns: number;
  /** The reader renamed some columns (empty or repeated names); the script then does not check names. */
  renamed: boolean;
  /** Some rows had more fields than the header (EM Explorer cut them). */
  longRows: boolean;
}
