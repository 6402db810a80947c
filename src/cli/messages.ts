/** Every message the CLI writes itself, in one place. Each names the flag to change, never a panel control. */
import { formatBytes } from '../data';
import { MAX_COMPONENTS } from '../protocol/components';

export const cliMessages = {
  needsValue: (flag: string, usage: string) => `${flag} needs a value. ${usage}`,
  unknownOption: (flag: string, usage: string) => `Unknown option "${flag}". ${usage}`,
  badK: (got: string) => `--k takes a number of components (3) or a range (1-8), from 1 to ${MAX_COMPONENTS} (got "${got}").`,
  badModel: (got: string) =>
    `--covariance: "${got}" is not a covariance model. Use mclust's names (EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, ` +
    'EEV, VEV, EVV, VVV), full, tied, diag, spherical, a comma list, all or sklearn.',
  badChoice: (flag: string, choices: readonly string[], got: string) => `${flag} takes one of ${choices.join(', ')} (got "${got}").`,
  badInt: (flag: string, min: number, got: string) => `${flag} takes a whole number of at least ${min} (got "${got}").`,
  badNumber: (flag: string, got: string) => `${flag} takes a number of at least 0 (got "${got}").`,
  badBudget: (got: string, min: number, max: number) =>
    `--memory-budget takes a size in MB from ${min} to ${max.toLocaleString('en-US')} (got "${got}").`,
  streamedLabels: (file: string) =>
    `${file} is larger than --memory-budget (a Parquet file: its fitted columns, decoded), so it is read in passes, and --labels ` +
    'would print a label for every row of it. Leave --labels out, or raise --memory-budget.',
  badSize: (got: string) => `--max-file-size takes a size in MB greater than 0 (got "${got}").`,
  emptyColumns: (flag: string) => `${flag} needs at least one column name (${flag} a,b,c).`,
  repeatedColumn: (flag: string, name: string) => `${flag} names "${name}" more than once; name each column once.`,
  categoricalAndCount: (name: string) => `Column "${name}" is named by both --categorical and --count; a column is fitted one way.`,
  unknownColumn: (file: string, name: string, flag: string, available: string) =>
    `${file}: there is no column named "${name}" (${flag}). The file's columns are ${available}.`,
  unusableColumn: (file: string, name: string, reason: string) =>
    `${file}: column "${name}" cannot be fitted: it ${reason}. Leave it out of --columns.`,
  notCategories: (file: string, name: string, reason: string) =>
    `${file}: column "${name}" cannot be fitted as categories: it ${reason}. Leave it out of --categorical.`,
  notCounts: (file: string, name: string, why: string) =>
    `${file}: column "${name}" cannot be fitted as counts: ${why}. Leave it out of --count, or name it with --categorical.`,
  noUsableColumn: (file: string, described: string) =>
    `${file}: no column can be fitted (${described}). Add numeric columns that vary to the file, or name them with --columns.`,
  threadsClamped: (asked: number, cores: number) =>
    `--threads ${asked} is more than the ${cores} cores of this machine; using ${cores}.`,
  needsLanguage: (usage: string) => `export-code needs --language python, r or pyspark. usage: ${usage}`,
  onlyFor: (flag: string, command: string) => `${flag} belongs to the ${command} command.`,
  forceWithoutOut: () => '--force replaces the file named by --out; without --out the script goes to stdout.',
  outExists: (file: string) =>
    `${file} exists already; nothing was written. Choose another --out, or add --force to replace it.`,
  outIsData: (file: string) => `--out ${file} is the data file itself; the data file is never written. Choose another --out.`,
  outIsFolder: (file: string) => `--out ${file} is a folder; name a file.`,
  wrote: (file: string) => `wrote ${file}`,
  notice: (message: string) => `notice: ${message}`,
  internal: (detail: string) => `em-explorer: internal error (please report it): ${detail}`,
  /** The --max-file-size default, in words (for the usage text). */
  defaultSize: (bytes: number) => formatBytes(bytes),
};
