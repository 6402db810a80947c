/**
 * Headless entry: `node dist/cli.js fit FILE [flags]`. Reads the file with the same readers and fits with
 * the same code path as the extension's worker, then prints one JSON object to stdout. Reader and fit notices go
 * to stderr (one `notice:` line each) and into the JSON's `notices`. Bad input: exit code 2 and one line on stderr.
 */
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataNotice } from '../data';
import { readSource } from '../worker/readSource';
import { ExecutorPool } from '../worker/executorPool';
import { modelSummary } from '../worker/modelSummary';
import { runFit } from '../worker/runFit';
import { openStreamedFile } from '../worker/stream/streamedFile';
import { runStreamedFit } from '../worker/stream/streamFit';
import type { LoadRequest } from '../protocol/worker';
import { CliError, parseArgs } from './args';
import { chooseColumns } from './columns';
import { jsonPieces } from './jsonOut';
import { cliMessages } from './messages';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  try {
    const cores = os.availableParallelism();
    if (args.threads > cores) {
      process.stderr.write(`${cliMessages.notice(cliMessages.threadsClamped(args.threads, cores))}\n`);
      args.threads = cores;
    }
    const fileName = path.basename(args.file);
    const request: LoadRequest = {
      fileName, uri: args.file, source: { kind: 'path', path: path.resolve(args.file) }, maxBytes: args.maxBytes, limitSource: 'cli',
      memoryBudgetBytes: args.memoryBudgetBytes,
    };
    // Larger than --memory-budget: only the head is read now, and the fit reads the file in passes.
    const streamed = openStreamedFile(request);
    if (streamed && args.labels) throw new CliError(cliMessages.streamedLabels(fileName));
    const table = streamed ? streamed.head : (await readSource(request, { onProgress: () => undefined })).table;
    for (const n of table.notices) process.stderr.write(`${cliMessages.notice(n.message)}\n`);
    const columns = chooseColumns(table, fileName, args.columns, args.settings);
    const settings = { ...args.settings, columns, maxPoints: 1 };
    const executors = new ExecutorPool(args.threads, __dirname);
    let outcome;
    try {
      const hooks = { isCancelled: () => false, onProgress: () => undefined, executorFor: (rows: number) => executors.executorFor(rows), forDisplay: false };
      outcome = streamed ? runStreamedFit(streamed, settings, { ...hooks, onPass: () => undefined }) : runFit(table, fileName, settings, hooks);
    } finally {
      void executors.dispose();
    }
    const { dto, fit } = outcome;
    for (const n of dto.notices) process.stderr.write(`${cliMessages.notice(n.message)}\n`);
    const out = modelSummary(dto);
    out.notices = [...table.notices, ...dto.notices].map((n: DataNotice) => ({ code: n.code, message: n.message }));
    if (args.labels) {
      const labels: (number | null)[] = new Array(table.nRows).fill(null);
      fit.rowsUsed.forEach((row, j) => { labels[row] = fit.labels[j]; });
      out.labels = labels;
    }
    for (const piece of jsonPieces(out)) {
      if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
    }
    return 0;
  } catch (e) {
    const err = e as { message?: string; code?: unknown };
    if (e instanceof CliError || (err && typeof err.code === 'string' && typeof err.message === 'string')) {
      process.stderr.write(`${err.message!.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    // A bug: one line, unless EM_DEBUG asks for the stack.
    const detail = e instanceof Error ? (process.env.EM_DEBUG ? e.stack ?? e.message : `${e.name}: ${e.message}`) : String(e);
    process.stderr.write(`${cliMessages.internal(detail.replace(/\s*\n\s*/g, process.env.EM_DEBUG ? '\n' : ' '))}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
