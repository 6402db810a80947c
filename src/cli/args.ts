/** Parses `fit FILE [flags]` for the headless CLI. Throws CliError with a one-line message on bad flags. */
import * as os from 'node:os';
import { parseComponentRange, parseModelList, START_STRATEGIES, type StartStrategy } from '../core';
import type { FitSettingsDto, MissingStrategy } from '../protocol/model';

export class CliError extends Error {}

export interface CliArgs {
  file: string;
  columns?: string[];
  settings: Omit<FitSettingsDto, 'columns'>;
  labels: boolean;
  threads: number;
}

export const USAGE = `usage: node dist/cli.js fit FILE [--columns a,b,c] [--k 3 | --k 1-8]
       [--covariance MODEL[,MODEL…] | all | sklearn] [--restarts 10] [--init portfolio|hierarchical|kmeans++|…]
       [--seed 0] [--tol 1e-4] [--max-iter 200] [--reg 1e-6] [--missing em|drop] [--standardize] [--threads N] [--labels]
  MODEL: mclust's EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV EVV VVV, or full (VVV), tied (EEE), diag (VVI), spherical (VII)`;

export function parseArgs(argv: string[]): CliArgs {
  const [command, file, ...rest] = argv;
  if (command !== 'fit' || !file || file.startsWith('--')) throw new CliError(USAGE);
  const out: CliArgs = {
    file,
    labels: false,
    // Every core, as the extension does; shards are summed in a fixed order, so a thread count is reproducible.
    threads: os.availableParallelism(),
    settings: {
      components: { min: 2, max: 2 }, models: ['VVV'], standardize: false, nInit: 10, seed: 0, maxIter: 200,
      tol: 1e-4, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 0,
    },
  };
  const s = out.settings;
  for (let j = 0; j < rest.length; j++) {
    const flag = rest[j];
    const value = () => {
      const v = rest[++j];
      if (v === undefined || v.startsWith('--')) throw new CliError(`${flag} needs a value. ${USAGE.split('\n')[0]}`);
      return v;
    };
    switch (flag) {
      case '--columns': out.columns = value().split(',').map((c) => c.trim()).filter((c) => c.length > 0); break;
      case '--k': {
        const v = value();
        const range = parseComponentRange(v);
        if (!range) throw new CliError(`--k takes a number of components (3) or a range (1-8), from 1 to 100 (got "${v}").`);
        s.components = range;
        break;
      }
      case '--covariance': {
        const v = value();
        const parsed = parseModelList(v);
        if ('unknown' in parsed) {
          throw new CliError(`--covariance: "${parsed.unknown}" is not a covariance model. Use mclust's names (EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV), full, tied, diag, spherical, a comma list, all or sklearn.`);
        }
        s.models = parsed.models;
        break;
      }
      case '--init': {
        const v = value();
        if (!START_STRATEGIES.includes(v as StartStrategy)) throw new CliError(`--init takes one of ${START_STRATEGIES.join(', ')} (got "${v}").`);
        s.init = v as StartStrategy;
        break;
      }
      case '--restarts': s.nInit = int(flag, value(), 1); break;
      case '--seed': s.seed = int(flag, value(), 0); break;
      case '--max-iter': s.maxIter = int(flag, value(), 1); break;
      case '--threads': out.threads = int(flag, value(), 1); break;
      case '--tol': s.tol = num(flag, value()); break;
      case '--reg': s.regCovar = num(flag, value()); break;
      case '--missing': {
        const v = value();
        if (v !== 'em' && v !== 'drop') throw new CliError(`--missing takes em or drop (got "${v}").`);
        s.missing = v as MissingStrategy;
        break;
      }
      case '--standardize': s.standardize = true; break;
      case '--labels': out.labels = true; break;
      default: throw new CliError(`Unknown option "${flag}". ${USAGE.split('\n')[0]}`);
    }
  }
  return out;
}

function int(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new CliError(`${flag} takes a whole number of at least ${min} (got "${text}").`);
  return v;
}

function num(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0) throw new CliError(`${flag} takes a number of at least 0 (got "${text}").`);
  return v;
}
