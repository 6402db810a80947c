import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  componentCounts, componentRangeProblem, formatComponentRange, isComponentRange, MAX_COMPONENTS, parseComponentRange,
} from '../../../src/protocol/components';
import { checkSettings } from '../../../src/protocol/validate';
import { clampFitSettings, SETTING_BOUNDS } from '../../../src/protocol/limits';
import { clampSettings } from '../../../src/webview/settings';
import { CliError, parseArgs } from '../../../src/cli/args';
import { DEFAULT_FIT_SETTINGS } from '../../../src/protocol/defaults';
import type { FitSettingsDto } from '../../../src/protocol/model';

const settings: FitSettingsDto = { ...DEFAULT_FIT_SETTINGS, columns: ['x', 'y'], categorical: [], counts: [], models: ['VVV'] };
const ends: unknown[] = [-1, 0, 0.5, 1, 2, 3, 99, MAX_COMPONENTS, MAX_COMPONENTS + 1, 1e9, NaN, Infinity, '3', null, undefined];

describe('one rule for the number of components at every boundary (protocol/components.ts)', () => {
  it('the webview message check accepts exactly the ranges isComponentRange accepts, with a message per problem', () => {
    for (const min of ends) for (const max of ends) {
      const range = { min, max };
      const r = checkSettings({ ...settings, components: range });
      assert.equal(r.ok, isComponentRange(range), `${JSON.stringify(range)}: ${r.ok ? 'accepted' : r.problem}`);
      if (!r.ok) {
        const problem = componentRangeProblem(range);
        assert.match(r.problem, problem === 'order' ? /components\.max must be at least components\.min/ : new RegExp(`whole numbers from 1 to ${MAX_COMPONENTS}`));
      }
    }
  });

  it('the settings bounds, the clamps of configuration and of the form, and the parsers of text agree on 1…MAX_COMPONENTS', () => {
    assert.deepEqual([SETTING_BOUNDS.components.min, SETTING_BOUNDS.components.max], [1, MAX_COMPONENTS]);
    for (const min of ends) for (const max of ends) {
      const raw = { ...settings, components: { min, max } as unknown as FitSettingsDto['components'] };
      const clamped = clampFitSettings(raw, settings).components;
      assert.ok(isComponentRange(clamped), `configuration ${JSON.stringify({ min, max })} → ${JSON.stringify(clamped)}`);
      if (typeof min === 'number' && typeof max === 'number') {
        const form = clampSettings(raw, settings).components;
        assert.ok(isComponentRange(form), `form ${JSON.stringify({ min, max })} → ${JSON.stringify(form)}`);
      }
      if (isComponentRange({ min, max })) assert.deepEqual(clamped, { min, max });
    }
    assert.deepEqual(parseComponentRange(String(MAX_COMPONENTS)), { min: MAX_COMPONENTS, max: MAX_COMPONENTS });
    assert.deepEqual(parseComponentRange(` 1 - ${MAX_COMPONENTS} `), { min: 1, max: MAX_COMPONENTS });
    for (const bad of [String(MAX_COMPONENTS + 1), '0', '4-3', '1-', '-3', '2.5', 'three', '']) assert.equal(parseComponentRange(bad), undefined, bad);
    assert.deepEqual(parseArgs(['fit', 'a.csv', '--k', `2-${MAX_COMPONENTS}`]).settings.components, { min: 2, max: MAX_COMPONENTS });
    assert.throws(() => parseArgs(['fit', 'a.csv', '--k', String(MAX_COMPONENTS + 1)]),
      (e: unknown) => e instanceof CliError && e.message.includes(`from 1 to ${MAX_COMPONENTS}`));
    assert.equal(formatComponentRange({ min: 2, max: 2 }), '2');
    assert.equal(formatComponentRange({ min: 1, max: 6 }), '1-6');
    assert.deepEqual(componentCounts({ min: 2, max: 4 }), [2, 3, 4]);
  });
});
