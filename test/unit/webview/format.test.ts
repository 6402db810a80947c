import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, formatBytes, formatCount, formatDuration, formatNumber, formatPercent, plainNumber } from '../../../src/webview/format';

describe('webview format', () => {
  it('gives significant digits with a real minus sign', () => {
    assert.equal(formatNumber(-1130.2641104854383, 8), '\u22121130.2641');
    assert.equal(formatNumber(3.4878, 5), '3.4878');
    assert.equal(formatNumber(70.897, 5), '70.897');
    assert.equal(formatNumber(0.1, 4), '0.1');
    assert.equal(formatNumber(123456, 3), '123456');
  });

  it('switches to exponent form for very large and very small values', () => {
    assert.equal(formatNumber(1.5e-7, 3), '1.5e-7');
    assert.equal(formatNumber(2.5e9, 3), '2.5e+9');
  });

  it('shows missing and infinite values as symbols, not NaN', () => {
    assert.equal(formatNumber(null), '–');
    assert.equal(formatNumber(NaN), '–');
    assert.equal(formatNumber(-Infinity), '\u2212∞');
    assert.equal(formatNumber(0), '0');
  });

  it('groups thousands in counts', () => {
    assert.equal(formatCount(1000000), '1,000,000');
    assert.equal(formatCount(20000), '20,000');
    assert.equal(formatCount(999), '999');
    assert.equal(formatCount(undefined), '–');
  });

  it('formats bytes, durations and percentages', () => {
    assert.equal(formatBytes(3208), '3.2 KB');
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatDuration(48), '48 ms');
    assert.equal(formatDuration(3200), '3.2 s');
    assert.equal(formatDuration(125000), '2 min 5 s');
    assert.equal(formatPercent(0.3558), '36%');
    assert.equal(formatPercent(0.005), '0.5%');
  });

  it('keeps full precision and quotes CSV fields that need it', () => {
    assert.equal(plainNumber(-1130.2641104854383), '-1130.2641104854383');
    assert.equal(plainNumber(null), '');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('plain'), 'plain');
  });
});
