/**
 * Headless entry: `node dist/cli.js fit FILE [flags]`. Reads the file with the same readers and fits with
 * the same code path as the extension's worker, then prints one JSON object to stdout. Reader and fit notices go
 * to stderr (one `notice:` line each) and into the JSON's `notices`. Bad input: exit code 2 and one line on stderr.
 * `export-code FILE [flags] --language L [--out PATH]` fits the same way and writes the script that hands the fit
 * over to Python, R or PySpark (to stdout, or to a new file).
 */
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataNotice } from '../data';
import { readSource } from '../worker/readSource';
import { ExecutorPool } from '../worker/executorPool';
import { modelSummary } from '../worker/modelSummary';
import { runFit } from '../worker/runFit';
import { codeSource, exportCode } from '../worker/codeExport';
import { openStreamedFile } from '../worker/stream/streamedFile';
import { rowGroupTable, runRowGroupFit, runStreamedFit } from '../worker/stream/streamFit';
import type { LoadRequest } from '../protocol/worker';
import { CliError, parseArgs } from './args';
import { chooseColumns } from './columns';
import { jsonPieces } from './jsonOut';
import { cliMessages } from './messages';
import { writeScript } from './writeScript';

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
    const read = streamed ? undefined : await readSource(request, { onProgress: () => undefined });
    const table = streamed ? streamed.head : read!.table;
    for (const n of table.notices) process.stderr.write(`${cliMessages.notice(n.message)}\n`);
    const columns = chooseColumns(table, fileName, args.columns, args.settings);
    const settings = { ...args.settings, columns, maxPoints: 1 };
    // A Parquet or Arrow table decodes only the columns fitted; a Parquet file whose fitted columns are larger than
    // --memory-budget decoded is read one row group at a time instead, for every pass.
    const byGroups = rowGroupTable(table, settings, args.memoryBudgetBytes);
    if (byGroups && args.labels) throw new CliError(cliMessages.streamedLabels(fileName));
    if (!byGroups) await table.prepare?.(columns.map((name) => table.columns.findIndex((c) => c.name === name)).filter((k) => k >= 0));
    const executors = new ExecutorPool(args.threads, __dirname);
    let outcome;
    try {
      const hooks = { isCancelled: () => false, onProgress: () => undefined, executorFor: (rows: number) => executors.executorFor(rows), forDisplay: false };
      const passHooks = { ...hooks, onPass: () => undefined };
      outcome = streamed ? runStreamedFit(streamed, settings, passHooks)
        : byGroups ? runRowGroupFit(byGroups, fileName, read!.sizeBytes, args.memoryBudgetBytes, settings, passHooks)
          : runFit(table, fileName, settings, hooks);
    } finally {
      void executors.dispose();
    }
    const { dto, fit } = outcome;
    for (const n of dto.notices) process.stderr.write(`${cliMessages.notice(n.message)}\n`);
    if (args.command === 'export-code') {
      const script = exportCode(args.language!, dto, codeSource(table, fileName, path.resolve(args.file), dto.columns));
      if (args.out === undefined) return await writeOut([script]);
      writeScript(args.out, script, args.file, args.force);
      process.stderr.write(`${cliMessages.wrote(args.out)}\n`);
      return 0;
    }
    const out = modelSummary(dto);
    out.notices = [...table.notices, ...dto.notices].map((n: DataNotice) => ({ code: n.code, message: n.message }));
    if (args.labels) {
      const labels: (number | null)[] = new Array(table.nRows).fill(null);
      fit.rowsUsed.forEach((row, j) => { labels[row] = fit.labels[j]; });
      out.labels = labels;
    }
    return await writeOut(jsonPieces(out));
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

/** Writes pieces of text to stdout, waiting when it is full; resolves 0. */
async function writeOut(pieces: Iterable<string>): Promise<number> {
  for (const piece of pieces) {
    if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
  }
  return 0;
}

void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
