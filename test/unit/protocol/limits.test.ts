import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  clampFitSettings, clampMaxFileBytes, clampThreads, DEFAULT_MAX_FILE_MB, DEFAULT_MEMORY_BUDGET_MB, MAX_FILE_MB, MEMORY_BUDGET_MB, memoryBudgetBytes, MISSING_CHOICES, MODEL_CHOICES, SETTING_BOUNDS,
} from '../../../src/protocol/limits';
import type { FitSettingsDto } from '../../../src/protocol/model';
import { parseModelList } from '../../../src/core/gaussian/modelList';

// Bundled to out/test/unit/protocol/: the repo root is four levels up.
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, { default?: unknown; enum?: unknown[]; minimum?: number; maximum?: number }> } };
};
const props = manifest.contributes.configuration.properties;

const fallback: FitSettingsDto = {
  columns: [], categorical: [], counts: [], components: { min: 1, max: 6 }, models: ['VVV'], standardize: false, nInit: 10, seed: 0,
  maxIter: 200, tol: 1e-3, regCovar: 1e-6, missing: 'em', init: 'portfolio', maxPoints: 20000,
};

describe('settings are clamped at run time', () => {
  it('never uses more threads than cores, whatever the setting or flag says', () => {
    assert.equal(clampThreads(300, 2), 2);
    assert.equal(clampThreads(0, 8), 8);
    assert.equal(clampThreads(-3, 4), 4);
    assert.equal(clampThreads(3, 8), 3);
    assert.equal(clampThreads('64', 4), 4);
    assert.equal(clampThreads(2.7, 8), 2);
  });

  it('keeps the file size limit between 1 MB and 64 GiB, defaulting to 1024 MB', () => {
    assert.equal(clampMaxFileBytes(undefined), DEFAULT_MAX_FILE_MB * 2 ** 20);
    assert.equal(clampMaxFileBytes(0), 2 ** 20);
    assert.equal(clampMaxFileBytes(-5), 2 ** 20);
    assert.equal(clampMaxFileBytes(1e12), MAX_FILE_MB * 2 ** 20);
    assert.equal(clampMaxFileBytes(NaN), DEFAULT_MAX_FILE_MB * 2 ** 20);
  });

  it('keeps the memory budget between 1 MB and 1 TiB, defaulting to 1024 MB', () => {
    assert.equal(memoryBudgetBytes(undefined), DEFAULT_MEMORY_BUDGET_MB * 2 ** 20);
    assert.equal(memoryBudgetBytes('512'), DEFAULT_MEMORY_BUDGET_MB * 2 ** 20);
    assert.equal(memoryBudgetBytes(0), 2 ** 20);
    assert.equal(memoryBudgetBytes(2.5), Math.round(2.5 * 2 ** 20));
    assert.equal(memoryBudgetBytes(1e12), MEMORY_BUDGET_MB.max * 2 ** 20);
  });

  it('clamps every fit setting from configuration or storage into its bounds', () => {
    const wild = {
      ...fallback, components: { min: 0, max: 1e9 }, nInit: 1e7, maxIter: -4, tol: Infinity, regCovar: -1, maxPoints: 10,
      seed: 2 ** 60, models: ['full', 'VEV', 'VEV', 'XYZ'], missing: 'zero', init: 'magic', standardize: 'yes',
    } as unknown as FitSettingsDto;
    const s = clampFitSettings(wild, fallback);
    assert.deepEqual(s, {
      columns: [], categorical: [], counts: [], components: { min: 1, max: 100 }, nInit: 1000, maxIter: 1, tol: 1e-3, regCovar: 0, maxPoints: 100,
      seed: SETTING_BOUNDS.seed.max, models: ['VEV'], missing: 'em', init: 'portfolio', standardize: false,
    });
    assert.deepEqual(clampFitSettings({ ...fallback, components: { min: 5, max: 2 } }, fallback).components, { min: 5, max: 5 });
    assert.deepEqual(clampFitSettings({ ...fallback, models: [] }, fallback).models, ['VVV']);
  });
});

describe('the manifest', () => {
  it('lists the settings that change resource use as restricted in untrusted workspaces', () => {
    const u = manifest.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    for (const key of ['threads', 'maxFileSizeMB', 'memoryBudgetMB', 'restarts', 'maxIterations', 'defaultComponents', 'maxPoints', 'csvFormulaGuard']) {
      assert.ok(u.restrictedConfigurations?.includes(`emExplorer.${key}`), `emExplorer.${key} is restricted`);
      assert.ok(props[`emExplorer.${key}`], `emExplorer.${key} exists`);
    }
  });

  it('declares the same bounds and choices the host enforces', () => {
    assert.equal(props['emExplorer.maxFileSizeMB'].default, DEFAULT_MAX_FILE_MB);
    assert.equal(props['emExplorer.maxFileSizeMB'].maximum, MAX_FILE_MB);
    assert.equal(props['emExplorer.memoryBudgetMB'].default, DEFAULT_MEMORY_BUDGET_MB);
    assert.equal(props['emExplorer.memoryBudgetMB'].minimum, MEMORY_BUDGET_MB.min);
    assert.equal(props['emExplorer.memoryBudgetMB'].maximum, MEMORY_BUDGET_MB.max);
    assert.equal(props['emExplorer.restarts'].maximum, SETTING_BOUNDS.nInit.max);
    assert.equal(props['emExplorer.maxIterations'].maximum, SETTING_BOUNDS.maxIter.max);
    assert.equal(props['emExplorer.maxPoints'].minimum, SETTING_BOUNDS.maxPoints.min);
    assert.equal(props['emExplorer.maxPoints'].maximum, SETTING_BOUNDS.maxPoints.max);
    assert.equal(MODEL_CHOICES.length, 14);
    assert.ok(MODEL_CHOICES.every((m) => new RegExp((props['emExplorer.covarianceType'] as { pattern: string }).pattern).test(m)), 'every model passes the setting\'s pattern');
    assert.deepEqual(props['emExplorer.missingValues'].enum, MISSING_CHOICES);
    assert.equal(props['emExplorer.csvFormulaGuard'].default, true);
  });

  it("the covariance setting's pattern accepts only what the extension reads as models: the 14 names, aliases, lists, all, sklearn", () => {
    const pattern = new RegExp((props['emExplorer.covarianceType'] as { pattern: string }).pattern);
    const reads = (t: string) => 'models' in parseModelList(t);
    // Every three letters of E, V, I in either case: the pattern and the parser agree (EIE, VIV… are no models).
    const letters = ['E', 'V', 'I', 'e', 'v', 'i'];
    for (const a of letters) for (const b of letters) for (const c of letters) {
      const t = a + b + c;
      assert.equal(pattern.test(t), reads(t), t);
    }
    for (const t of ['full', 'tied', 'diag', 'spherical', 'all', 'sklearn', 'VVV,EEE', ' eev , VEV ,full ', 'sklearn,VEV', 'all,EII']) assert.ok(pattern.test(t) && reads(t), t);
    for (const t of ['', ' ', 'VVX', 'EIE', 'VVV,', ',VVV', 'VVV;EEE', 'VVVV', 'fulll', 'VVV,EIV', 'gaussian']) assert.ok(!pattern.test(t), t);
  });
});
