/** Shared helpers of the extension-host tests (bundled into each *.test.js). */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ErrorDto, FitResultDto, FitSettingsDto } from '../../../src/protocol/model';

export const EXTENSION_ID = 'em-explorer.em-explorer';

/** What `emExplorer.fit` resolves to with `{ wait: true }`. */
export interface FitOutcome {
  status: 'done' | 'error' | 'cancelled';
  result?: FitResultDto;
  error?: ErrorDto;
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

export function extensionPath(...parts: string[]): string {
  return path.join(extension().extensionPath, ...parts);
}

export async function fit(uri: vscode.Uri, settings?: Partial<FitSettingsDto>): Promise<FitOutcome> {
  const outcome = await vscode.commands.executeCommand<FitOutcome>('emExplorer.fit', uri, { settings, wait: true });
  if (!outcome) throw new Error('emExplorer.fit with { wait: true } resolved to nothing');
  return outcome;
}

/** A fresh folder inside the open workspace (so the files are workspace files, like a user's). */
export function scratchDir(name: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const base = root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'em-it-'));
  const dir = path.join(base, `${name}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeFile(dir: string, name: string, text: string): vscode.Uri {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** Runs the headless CLI of the extension under test: `node dist/cli.js ...args` → parsed JSON. */
export function cli(args: string[]): Record<string, unknown> {
  const node = process.env.EM_NODE || 'node';
  const out = execFileSync(node, [extensionPath('dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out) as Record<string, unknown>;
}

/** A seeded LCG, so the synthetic data is the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A CSV of `rows` rows from a 4-cluster mixture in `cols` dimensions: a fit that takes a while. */
export function syntheticCsv(rows: number, cols: number, seed = 1): string {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const lines = [Array.from({ length: cols }, (_, j) => `x${j + 1}`).join(',')];
  for (let i = 0; i < rows; i++) {
    const c = i % 4;
    lines.push(Array.from({ length: cols }, (_, j) => (c * 3 + (j % 2) * c + gauss() * (1 + c / 2)).toFixed(4)).join(','));
  }
  return lines.join('\n') + '\n';
}

export function assertClose(actual: number, expected: number, what: string, rtol = 1e-9): void {
  const tol = rtol * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected}, got ${actual} (|diff| ${Math.abs(actual - expected)} > ${tol})`);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
