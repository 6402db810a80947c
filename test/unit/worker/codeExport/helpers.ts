/** Shared by the code-export tests: fits in-process, finds the interpreters, runs scripts. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { readTable } from '../../../../src/data';
import type { FitResultDto, FitSettingsDto, ModelName } from '../../../../src/protocol/model';
import { codeSource, type CodeSource } from '../../../../src/worker/codeExport';
import { runFit } from '../../../../src/worker/runFit';

/** Fit settings for tests: one model, K components, few starts. */
export function settings(columns: string[], model: ModelName = 'VVV', k = 2, extra: Partial<FitSettingsDto> = {}): FitSettingsDto {
  return {
    columns, categorical: [], counts: [], components: { min: k, max: k }, models: [model], standardize: false, nInit: 2, seed: 0,
    maxIter: 200, tol: 1e-4, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 100, ...extra,
  };
}

/** Reads `text` as `fileName`, fits it in-process, and returns the result and how the script should read the file. */
export function fitText(fileName: string, text: string, s: FitSettingsDto, path = `/data/${fileName}`): { dto: FitResultDto; source: CodeSource } {
  const table = readTable(new TextEncoder().encode(text), { fileName });
  const { dto } = runFit(table, fileName, s, { isCancelled: () => false, onProgress: () => undefined, executorFor: () => undefined, forDisplay: false });
  return { dto, source: codeSource(table, fileName, path, dto.columns) };
}

/**
 * A Python with numpy, scipy, pandas and scikit-learn (EM_PYTHON, else Debian's /usr/bin/python3, else python3), or why
 * not. CI (CI=true) installs them (.ci/run), so there their absence fails the tests instead of skipping them.
 */
export const python = findInterpreter([process.env.EM_PYTHON, '/usr/bin/python3', 'python3'], ['-c', 'import numpy, scipy, pandas, sklearn'],
  'python3 with numpy, scipy, pandas and scikit-learn is not installed (apt-get install python3-sklearn python3-pandas); .ci/run installs them', true);

/** The same with pyarrow too (for Parquet and Arrow files; Debian has no package of it, so CI may not have it). */
export const pythonArrow = findInterpreter([process.env.EM_PYTHON, '/usr/bin/python3', 'python3'], ['-c', 'import numpy, scipy, pandas, sklearn, pyarrow'],
  'python3 with scikit-learn and pyarrow is not installed (EM_PYTHON may name one)');

/** Any Python 3 (for syntax checks); required in CI too. */
export const anyPython = findInterpreter([process.env.EM_PYTHON, '/usr/bin/python3', 'python3'], ['-c', 'pass'], 'python3 is not installed', true);

/** Rscript with mclust and jsonlite, or why not. */
export const rscript = findInterpreter(['Rscript'], ['-e', 'library(mclust); library(jsonlite)'], 'R with mclust and jsonlite is not installed');

/**
 * The first candidate for which `probe` succeeds, else the reason to skip; with `requiredInCi`, throws instead when
 * `env.CI` is "true", so CI never passes with those tests skipped.
 */
export function findInterpreter(candidates: (string | undefined)[], probe: string[], why: string, requiredInCi = false,
  env: NodeJS.ProcessEnv = process.env): { command: string } | { skip: string } {
  for (const c of candidates) {
    if (!c || (c.includes('/') && !fs.existsSync(c))) continue;
    const r = spawnSync(c, probe, { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { command: c };
  }
  if (requiredInCi && env.CI === 'true') throw new Error(`${why}. CI=true: these tests must run in CI, not be skipped.`);
  return { skip: why };
}

/** Runs an interpreter; returns stdout, failing with its stderr when it exits non-zero. */
export function runScript(command: string, args: string[], timeout = 120_000): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}`);
  return r.stdout;
}

/** The number a script printed after `label` ("log-likelihood: -1114.43…"). */
export function printed(stdout: string, label: string): number {
  const line = stdout.split('\n').find((l) => l.startsWith(`${label}: `));
  if (line === undefined) throw new Error(`no "${label}:" line in:\n${stdout}`);
  return Number(line.slice(label.length + 2).split(' ')[0]);
}

/** Relative difference, as the issue states the bar (1e-6). */
export function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

/** The repository's root (the tests are bundled to different depths under out/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(`${dir}/package.json`) || !fs.readFileSync(`${dir}/package.json`, 'utf8').includes('"name": "em-explorer"')) {
    const up = `${dir}/..`;
    if (fs.realpathSync(up) === fs.realpathSync(dir)) throw new Error('repository root not found');
    dir = fs.realpathSync(up);
  }
  return dir;
}
