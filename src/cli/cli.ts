/**
 * Headless entry: `node dist/cli.js fit FILE [flags]`. Reads the file with the same readers and fits with
 * the same code path as the extension's worker, then prints one JSON object to stdout. Bad input: exit
 * code 2 and one line on stderr.
 */
import * as path from 'node:path';
import { readSource } from '../worker/readSource';
import { ExecutorPool } from '../worker/executorPool';
import { modelSummary } from '../worker/modelSummary';
import { runFit } from '../worker/runFit';
import { CliError, parseArgs } from './args';

function main(argv: string[]): number {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  try {
    const fileName = path.basename(args.file);
    const { table } = readSource({ fileName, uri: args.file, source: { kind: 'path', path: path.resolve(args.file) }, maxBytes: 64 * 1024 ** 3 }, () => undefined);
    const columns = args.columns ?? table.columns.filter((c) => c.usable).map((c) => c.name);
    const settings = { ...args.settings, columns, maxPoints: 1 };
    const executors = new ExecutorPool(args.threads, __dirname);
    const outcome = runFit(table, fileName, settings, { isCancelled: () => false, onProgress: () => undefined, executorFor: (rows) => executors.executorFor(rows) });
    void executors.dispose();
    const { dto, fit } = outcome;
    const out = modelSummary(dto);
    if (args.labels) {
      const labels: (number | null)[] = new Array(table.nRows).fill(null);
      fit.rowsUsed.forEach((row, j) => { labels[row] = fit.labels[j]; });
      out.labels = labels;
    }
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  } catch (e) {
    const err = e as { message?: string; code?: unknown };
    if (e instanceof CliError || (err && typeof err.code === 'string' && typeof err.message === 'string')) {
      process.stderr.write(`${err.message!.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    process.stderr.write(`em-explorer: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
