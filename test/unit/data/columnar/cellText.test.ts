import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dateText, decimalDigits, decimalText, decimalValue, float32Text, instantText, timeOfDayText } from '../../../../src/data/columnar/cellText';

describe('columnar cell texts', () => {
  it('writes dates and instants in ISO 8601, before 1970 too', () => {
    assert.equal(dateText(0), '1970-01-01');
    assert.equal(dateText(-1), '1969-12-31');
    assert.equal(dateText(19_727), '2024-01-05');
    assert.equal(instantText(-1n, 's'), '1969-12-31T23:59:59Z');
    assert.equal(instantText(-1n, 'ms'), '1969-12-31T23:59:59.999Z');
  });

  it('keeps the unit\'s digits of a fraction of a second, and writes none when it is zero', () => {
    const s = 1_704_450_030n; // 2024-01-05T10:20:30Z
    assert.equal(instantText(s * 1000n + 5n, 'ms'), '2024-01-05T10:20:30.005Z');
    assert.equal(instantText(s * 1_000_000n + 123_456n, 'us'), '2024-01-05T10:20:30.123456Z');
    assert.equal(instantText(s * 1_000_000_000n + 1n, 'ns'), '2024-01-05T10:20:30.000000001Z');
    assert.equal(instantText(s * 1_000_000_000n, 'ns'), '2024-01-05T10:20:30Z');
    assert.equal(timeOfDayText(37_230_500, 'ms'), '10:20:30.500');
    assert.equal(timeOfDayText(0n, 'ns'), '00:00:00');
  });

  it('writes a local date-time (a timestamp not adjusted to UTC) without the "Z"', () => {
    assert.equal(instantText(1_704_450_030_123n, 'ms', false), '2024-01-05T10:20:30.123');
    assert.equal(instantText(-1n, 'ns', false), '1969-12-31T23:59:59.999999999');
    assert.equal(instantText(0, 's', true), '1970-01-01T00:00:00Z');
  });

  it('writes a decimal from its unscaled integer: a double when exact, else its exact digits', () => {
    assert.equal(decimalValue(1230, 2), 12.3);
    assert.equal(decimalValue(-5n, 2), -0.05);
    assert.equal(decimalValue(7n, -2), 700);
    assert.equal(decimalValue(1_234_567_890_123_456_789_012n, 2), '12345678901234567890.12');
    assert.equal(decimalValue(-5n * 10n ** 20n, 22), '-0.0500000000000000000000');
    assert.equal(decimalDigits(-5n, 4), '-0.0005');
    assert.equal(decimalDigits(12n, -3), '12000');
  });

  it('writes a count out of the range of dates as the count itself', () => {
    assert.equal(instantText(10n ** 18n, 's'), '1000000000000000000');
    assert.equal(dateText(1e12), '1000000000000');
  });

  it('writes a 32-bit float as its shortest text and a decimal with its scale', () => {
    assert.equal(float32Text(Math.fround(0.1)), '0.1');
    assert.equal(float32Text(Math.fround(1 / 3)), '0.33333334');
    assert.equal(float32Text(Math.fround(16_777_217)), '16777216');
    assert.equal(decimalText(12.3, 2), '12.30');
    assert.equal(decimalText(-0.05, 2), '-0.05');
    assert.equal(decimalText(7, 0), '7');
  });
});
