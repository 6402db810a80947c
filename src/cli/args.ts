/**
 * Parses `fit FILE [flags]` and `export-code FILE [fit flags] --language L [--out PATH] [--force]` for the headless
 * CLI. Throws CliError with a one-line message on bad flags.
 */
import * as os from 'node:os';
import { parseModelList, START_STRATEGIES, type StartStrategy } from '../core';
import { parseComponentRange } from '../protocol/components';
import type { FitSettingsDto, MissingStrategy } from '../protocol/model';
import { DEFAULT_FIT_SETTINGS } from '../protocol/defaults';
import { DEFAULT_MAX_FILE_MB, DEFAULT_MEMORY_BUDGET_MB, MEMORY_BUDGET_MB } from '../protocol/limits';
import { CODE_LANGUAGES, type CodeLanguage } from '../worker/codeExport';
import { cliMessages } from './messages';

export class CliError extends Error {}

export interface CliArgs {
  command: 'fit' | 'export-code';
  file: string;
  columns?: string[];
  settings: Omit<FitSettingsDto, 'columns'>;
  labels: boolean;
  /** As asked (`--threads`), or every core; the caller clamps it to the cores there are. */
  threads: number;
  /** Largest file read, in bytes (`--max-file-size` in MB; the default is the extension setting's). */
  maxBytes: number;
  /** export-code: the target, where to write the script (stdout without) and whether it may replace a file. */
  language?: CodeLanguage;
  out?: string;
  force: boolean;
  /** Larger CSV, TSV and JSON Lines files are streamed (`--memory-budget` in MB; the default is the extension setting's). */
  memoryBudgetBytes: number;
}

export const USAGE = `usage: node dist/cli.js fit FILE [--columns a,b,c] [--categorical d,e] [--count f] [--k 1-6 | --k 3]
       [--covariance MODEL[,MODEL…] | all | sklearn] [--restarts 10] [--init portfolio|hierarchical|kmeans++|…]
       [--seed 0] [--tol 1e-4] [--max-iter 200] [--reg 1e-6] [--missing em|drop] [--standardize] [--threads N]
       [--max-file-size ${DEFAULT_MAX_FILE_MB}] [--memory-budget ${DEFAULT_MEMORY_BUDGET_MB}] [--labels]
       node dist/cli.js export-code FILE [the fit options] --language python|r|pyspark [--out PATH [--force]]
  MODEL: mclust's EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV EVV VVV, or full (VVV), tied (EEE), diag (VVI), spherical (VII)`;

const SHORT_USAGE = USAGE.split('\n')[0];
const SHORT_EXPORT_USAGE = USAGE.split('\n')[4].trim();

function withoutColumns({ columns: _columns, ...rest }: Readonly<FitSettingsDto>): Omit<FitSettingsDto, 'columns'> {
  return { ...rest, categorical: [...rest.categorical], counts: [...rest.counts], models: [...rest.models] };
}

export function parseArgs(argv: string[]): CliArgs {
  const [command, file, ...rest] = argv;
  if ((command !== 'fit' && command !== 'export-code') || !file || file.startsWith('--')) throw new CliError(USAGE);
  const out: CliArgs = {
    command,
    file,
    force: false,
    labels: false,
    // Every core, as the extension does; shards are summed in a fixed order, so a thread count is reproducible.
    threads: os.availableParallelism(),
    maxBytes: DEFAULT_MAX_FILE_MB * 2 ** 20,
    memoryBudgetBytes: DEFAULT_MEMORY_BUDGET_MB * 2 ** 20,
    // The panel's defaults (K from 1 to 6 chosen by BIC, …); the CLI draws no scatter, so it samples no points.
    settings: { ...withoutColumns(DEFAULT_FIT_SETTINGS), maxPoints: 0 },
  };
  const s = out.settings;
  for (let j = 0; j < rest.length; j++) {
    const flag = rest[j];
    const value = () => {
      const v = rest[++j];
      if (v === undefined || v.startsWith('--')) throw new CliError(cliMessages.needsValue(flag, SHORT_USAGE));
      return v;
    };
    switch (flag) {
      case '--columns': out.columns = columnList(flag, value()); break;
      case '--categorical': s.categorical = columnList(flag, value()); break;
      case '--count': case '--counts': s.counts = columnList(flag, value()); break;
      case '--k': {
        const v = value();
        const range = parseComponentRange(v);
        if (!range) throw new CliError(cliMessages.badK(v));
        s.components = range;
        break;
      }
      case '--covariance': {
        const parsed = parseModelList(value());
        if ('unknown' in parsed) throw new CliError(cliMessages.badModel(parsed.unknown));
        s.models = parsed.models;
        break;
      }
      case '--init': {
        const v = value();
        if (!(START_STRATEGIES as readonly string[]).includes(v)) throw new CliError(cliMessages.badChoice(flag, START_STRATEGIES, v));
        s.init = v as StartStrategy;
        break;
      }
      case '--restarts': s.nInit = int(flag, value(), 1); break;
      case '--seed': s.seed = int(flag, value(), 0); break;
      case '--max-iter': s.maxIter = int(flag, value(), 1); break;
      case '--threads': out.threads = int(flag, value(), 1); break;
      case '--tol': s.tol = num(flag, value()); break;
      case '--reg': s.regCovar = num(flag, value()); break;
      case '--max-file-size': {
        const v = value();
        const mb = Number(v);
        if (!Number.isFinite(mb) || mb <= 0) throw new CliError(cliMessages.badSize(v));
        out.maxBytes = Math.round(mb * 2 ** 20);
        break;
      }
      case '--memory-budget': {
        const v = value();
        const mb = Number(v);
        if (!Number.isFinite(mb) || mb < MEMORY_BUDGET_MB.min || mb > MEMORY_BUDGET_MB.max) throw new CliError(cliMessages.badBudget(v, MEMORY_BUDGET_MB.min, MEMORY_BUDGET_MB.max));
        out.memoryBudgetBytes = Math.round(mb * 2 ** 20);
        break;
      }
      case '--missing': {
        const v = value();
        if (v !== 'em' && v !== 'drop') throw new CliError(cliMessages.badChoice(flag, ['em', 'drop'], v));
        s.missing = v as MissingStrategy;
        break;
      }
      case '--standardize': s.standardize = true; break;
      case '--labels': out.labels = true; break;
      case '--language': {
        const v = value();
        if (!(CODE_LANGUAGES as readonly string[]).includes(v)) throw new CliError(cliMessages.badChoice(flag, CODE_LANGUAGES, v));
        out.language = v as CodeLanguage;
        break;
      }
      case '--out': out.out = value(); break;
      case '--force': out.force = true; break;
      default: throw new CliError(cliMessages.unknownOption(flag, SHORT_USAGE));
    }
  }
  if (command === 'export-code') {
    if (!out.language) throw new CliError(cliMessages.needsLanguage(SHORT_EXPORT_USAGE));
    if (out.labels) throw new CliError(cliMessages.onlyFor('--labels', 'fit'));
    if (out.force && out.out === undefined) throw new CliError(cliMessages.forceWithoutOut());
  } else {
    const stray = out.language !== undefined ? '--language' : out.out !== undefined ? '--out' : out.force ? '--force' : undefined;
    if (stray) throw new CliError(cliMessages.onlyFor(stray, 'export-code'));
  }
  const both = s.categorical.find((name) => s.counts.includes(name));
  if (both !== undefined) throw new CliError(cliMessages.categoricalAndCount(both));
  return out;
}

/** `a,b,c` → names; empty names are dropped, a name given twice is an error. */
function columnList(flag: string, text: string): string[] {
  const names = text.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
  if (names.length === 0) throw new CliError(cliMessages.emptyColumns(flag));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new CliError(cliMessages.repeatedColumn(flag, name));
    seen.add(name);
  }
  return names;
}

function int(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new CliError(cliMessages.badInt(flag, min, text));
  return v;
}

function num(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0) throw new CliError(cliMessages.badNumber(flag, text));
  return v;
}
