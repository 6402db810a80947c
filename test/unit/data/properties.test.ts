import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTableReader, DataError, formatCsvRow, type DataFormat, type Table } from '../../../src/data';
import { lineAndColumn, locateJsonError } from '../../../src/data/jsonSyntax';
import { bytes, readChunked, snapshot } from './helpers';

/** Characters that stress quoting and detection. */
const nameChar = fc.constantFrom('a', 'Z', ',', ';', '|', '\t', '"', '\n', '\r', ' ', 'é', '日', '1', '.', '-');

/** A number written the ways files write them: shortest form, fixed decimals, integers. */
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 8 })).map(([x, k]) => x.toFixed(k)),
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
);

/** A text cell: starts with a letter, so it is never a number or a missing-value token. */
const word = fc.string({ unit: nameChar, maxLength: 5 }).map((s) => `w${s}`);

/** A random table: unique names full of quotes, delimiters and line breaks; numbers, some words, missing cells. */
const table = fc
  .record({
    nCols: fc.integer({ min: 1, max: 5 }),
    nRows: fc.integer({ min: 1, max: 12 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    crlf: fc.boolean(),
  })
  .chain(({ nCols, nRows, delimiter, crlf }) =>
    fc.record({
      // The prefix keeps names unique and never numeric, so the header is always detected.
      names: fc.tuple(...Array.from({ length: nCols }, (_, k) => fc.string({ unit: nameChar, maxLength: 6 }).map((s) => `c${k}_${s}`))),
      rows: fc.array(fc.array(fc.option(fc.oneof({ weight: 4, arbitrary: numberText }, { weight: 1, arbitrary: word }), { freq: 4 }), { minLength: nCols, maxLength: nCols }), {
        minLength: nRows,
        maxLength: nRows,
      }),
      first: numberText, // column 0 of row 0 is a number, so the table always has a numeric column
      delimiter: fc.constant(delimiter),
      crlf: fc.constant(crlf),
    }),
  );

describe('properties', () => {
  it('reads back any table written as CSV: the same names, texts and numbers', () => {
    fc.assert(
      fc.property(table, ({ names, rows, first, delimiter, crlf }) => {
        keepFirstColumnNumeric(rows, first);
        const eol = crlf ? '\r\n' : '\n';
        const text = [names, ...rows].map((r) => formatCsvRow(r, delimiter)).join(eol) + eol;
        // One column has no delimiter to detect; give it, as the extension would from the file type.
        const options = names.length === 1 ? { delimiter } : {};
        const t = readChunked('p.csv', bytes(text), [text.length], options);
        assert.deepEqual(t.columns.map((c) => c.name), names.map((n) => n.trim()));
        assert.equal(t.nRows, rows.length);
        rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            assert.equal(t.cell(r, c), cell, `cell ${r},${c}`);
            // Numbers come back in numeric columns; text cells and text columns have no numeric value.
            const value = cell === null || cell.startsWith('w') || t.columns[c].type !== 'numeric' ? NaN : Number(cell);
            assert.equal(t.number(r, c), value, `number ${r},${c}`);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same table whatever the chunk sizes, with minimal quoting or every field quoted', () => {
    const sizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(table, sizes, fc.boolean(), ({ names, rows, first, delimiter }, chunkSizes, quoteAll) => {
        keepFirstColumnNumeric(rows, first);
        const row = (r: (string | null)[]) =>
          quoteAll ? r.map((f) => (f === null ? '' : `"${f.replace(/"/g, '""')}"`)).join(delimiter) : formatCsvRow(r, delimiter);
        const text = [names, ...rows].map(row).join('\r\n');
        const options = { delimiter };
        const data = bytes(text);
        assert.deepEqual(snapshot(readChunked('c.csv', data, chunkSizes, options)), snapshot(readChunked('c.csv', data, [data.length], options)));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same JSON and JSON Lines table whatever the chunk sizes', () => {
    const record = fc.dictionary(fc.string({ unit: nameChar, maxLength: 4 }), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ unit: nameChar }), fc.constant(null)), {
      maxKeys: 4,
    });
    const sizes = fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.boolean(), sizes, (records, lines, chunkSizes) => {
        const name = lines ? 'r.jsonl' : 'r.json';
        const text = lines ? records.map((r) => JSON.stringify(r)).join('\n') : JSON.stringify(records, null, 1);
        const data = bytes(text);
        assert.deepEqual(outcome(() => readChunked(name, data, chunkSizes)), outcome(() => readChunked(name, data, [data.length])));
      }),
      { numRuns: 200 },
    );
  });

  it('streams a JSON array to the same verdict as JSON.parse, with the same place for syntax errors', () => {
    const unit = fc.constantFrom('[', ']', '{', '}', ',', ':', '"', '\\', '1', '-', '.', 'e', 'a', 'true', 'null', ' ', '\n');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (body, size) => {
        const text = `[${body}`;
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const got = outcome(() => readChunked('s.json', bytes(text), [size]));
        const code = (got as { code?: string }).code;
        if (valid) assert.notEqual(code, 'json-syntax', `${text}: ${JSON.stringify(got)}`);
        else {
          assert.equal(code, 'json-syntax', text);
          const p = locateJsonError(text)!;
          const at = lineAndColumn(text, p.offset);
          assert.match((got as { message: string }).message, new RegExp(`^s\\.json, line ${at.line}, column ${at.column}:`), text);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws anything but its own DataError on random bytes, whatever the format', () => {
    const formats: (DataFormat | undefined)[] = [undefined, 'csv', 'tsv', 'json', 'jsonl'];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(...formats), fc.integer({ min: 1, max: 64 }), (data, format, size) => {
        expectOnlyDataError(data, format, size);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws anything but its own DataError on random near-CSV and near-JSON text', () => {
    const unit = fc.constantFrom('"', ',', ';', '\n', '\r', '1', '.', 'e', '-', 'a', ' ', '{', '}', '[', ']', ':', '\\', 'N', 'A', 'é');
    const formats: (DataFormat | undefined)[] = [undefined, 'csv', 'json', 'jsonl'];
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.constantFrom(...formats), fc.integer({ min: 1, max: 16 }), (text, format, size) => {
        expectOnlyDataError(bytes(text), format, size);
      }),
      { numRuns: 1500 },
    );
  });
});

/** Column 0 holds only numbers (or nothing), so every table has a numeric column and reads without error. */
function keepFirstColumnNumeric(rows: (string | null)[][], first: string): void {
  for (const row of rows) if (row[0]?.startsWith('w')) row[0] = null;
  rows[0][0] = first;
}

/** A table's snapshot, or the error's code and message. */
function outcome(fn: () => Table): unknown {
  try {
    return snapshot(fn());
  } catch (e) {
    if (e instanceof DataError) return { code: e.code, message: e.message };
    throw e;
  }
}

function expectOnlyDataError(data: Uint8Array, format: DataFormat | undefined, size: number): void {
  try {
    const reader = createTableReader({ fileName: 'r.dat', format });
    for (let off = 0; off < data.length; off += size) reader.push(data.subarray(off, off + size));
    reader.finish();
  } catch (e) {
    assert.ok(e instanceof DataError, `threw ${String(e)}`);
    assert.notEqual(e.code, 'internal', e.message);
  }
}
