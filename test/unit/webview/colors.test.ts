import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { componentPalette, contrastRatio, luminance, mix, parseColor, shade, withAlpha } from '../../../src/webview/colors';

describe('webview colours', () => {
  it('parses the colour forms VS Code variables use', () => {
    assert.deepEqual(parseColor('#3794ff'), { r: 55, g: 148, b: 255, a: 1 });
    assert.deepEqual(parseColor(' #FFF '), { r: 255, g: 255, b: 255, a: 1 });
    assert.deepEqual(parseColor('#ffffff80'), { r: 255, g: 255, b: 255, a: 128 / 255 });
    assert.deepEqual(parseColor('rgba(204, 204, 204, 0.5)'), { r: 204, g: 204, b: 204, a: 0.5 });
    assert.deepEqual(parseColor('rgb(1 2 3 / 50%)'), { r: 1, g: 2, b: 3, a: 0.5 });
    assert.equal(parseColor('var(--x)'), undefined);
    assert.equal(parseColor(''), undefined);
  });

  it('multiplies alpha and mixes colours', () => {
    assert.equal(withAlpha({ r: 10, g: 20, b: 30, a: 0.5 }, 0.5), 'rgba(10, 20, 30, 0.25)');
    assert.deepEqual(mix({ r: 0, g: 0, b: 0, a: 1 }, { r: 200, g: 100, b: 50, a: 1 }, 0.5), { r: 100, g: 50, b: 25, a: 1 });
  });

  it('tells dark backgrounds from light', () => {
    assert.ok(luminance({ r: 31, g: 31, b: 31, a: 1 }) < 0.05);
    assert.ok(luminance({ r: 255, g: 255, b: 255, a: 1 }) > 0.99);
  });

  it('uses Okabe and Ito\'s colour-blind-safe palette, lightened on dark themes, and never repeats within 12', () => {
    const light = componentPalette(14, false);
    assert.equal(light.length, 14);
    assert.deepEqual(light[0], { r: 0, g: 114, b: 178, a: 1 });
    assert.deepEqual(light[1], { r: 230, g: 159, b: 0, a: 1 });
    const dark = componentPalette(14, true);
    assert.ok(luminance(dark[0]) > luminance(light[0]), 'the blue is lighter on a dark background');
    assert.deepEqual(dark[1], light[1], 'a light colour is kept');
    const p = dark;
    const keys = new Set(p.slice(0, 12).map((c) => `${Math.round(c.r)},${Math.round(c.g)},${Math.round(c.b)}`));
    assert.equal(keys.size, 12);
    for (const c of p) assert.ok([c.r, c.g, c.b].every((v) => v >= 0 && v <= 255.0001));
  });

  it('shades a cell with a text colour that keeps a contrast of 4.5 (WCAG AA)', () => {
    const dark = { background: { r: 31, g: 31, b: 31, a: 1 }, foreground: '#cccccc' };
    for (const alpha of [0.1, 0.4, 0.6, 0.8, 1]) {
      for (const colour of componentPalette(8, true)) {
        const s = shade(colour, alpha, dark);
        assert.ok(contrastRatio(parseColor(s.background)!, parseColor(s.ink)!) >= 4.5, `${JSON.stringify(colour)} at ${alpha}: ${s.ink} on ${s.background}`);
      }
    }
    assert.equal(shade({ r: 0, g: 114, b: 178, a: 1 }, 0.1, dark).ink, '#cccccc', 'a light shade keeps the theme foreground');
  });
});
