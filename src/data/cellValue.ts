/**
 * What one cell's text means: missing, a number (and how to write it back exactly), or text.
 * Works on a range of a larger string so the CSV hot loop never has to slice a field to read a number.
 */

/**
 * The tokens read as a missing value, matched after trimming spaces and ignoring case. The one list. `None` is
 * missing in a numeric column (Python writes missing numbers so) but a category in a text column, where it is an
 * answer ("exercise: None"); see WORD_CATEGORY.
 */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', 'None', '?'];
/** The missing token that is a word a text column keeps as one of its values. */
export const WORD_CATEGORY = 'none';

const missingLower = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));

/** Result kinds of `classifyCell`. */
export const CELL_MISSING = 0;
export const CELL_NUMBER = 1;
export const CELL_TEXT = 2;

/**
 * How a number cell's original text comes back from its value. 0…22: `value.toFixed(code)` reproduces it;
 * 100…122: the same with a decimal comma ("5,1"); the codes below mean something else. One byte per cell instead
 * of a string per cell.
 */
export const FMT_DECIMAL_COMMA = 100;
export const FMT_SHORTEST = 250; // String(value) reproduces it
export const FMT_KEPT = 251; // a number whose text is kept aside (exponent, leading '+', 007, 17 digits…)
export const FMT_STRAY = 252; // text in a numeric column: value NaN, text kept aside
export const FMT_MISSING = 253; // missing: value NaN, no text
export const FMT_MISSING_WORD = 254; // missing in a numeric column, text kept aside: a category if the column is text

/** Output of `classifyCell` besides its return value (a shared object, so the hot loop allocates nothing). */
export const parsed = { value: NaN, fmt: 0, start: 0, end: 0 };

// Exact powers of ten: dividing an exact integer below 2^53 by one of these is correctly rounded (Clinger's fast path).
/** 10^0…10^22, all exact doubles. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Below this a decimal's mantissa makes `toFixed` give the text back exactly. */
export const TWO52 = 2 ** 52;
const TWO53 = 2 ** 53;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Classifies `s[start, end)`. For CELL_NUMBER, `parsed.value` holds the value and `parsed.fmt` how to rewrite it.
 * Numbers: optional sign, digits with an optional fraction, optional exponent; surrounding spaces are ignored.
 * `Infinity`, hex and the like are text; so is `1,5` unless `decimalComma` (files from spreadsheets in locales that
 * write 1,5 and separate fields with semicolons).
 */
export function classifyCell(s: string, start: number, end: number, decimalComma = false): number {
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (start === end) return CELL_MISSING;
  parsed.start = start;
  parsed.end = end;
  let i = start;
  let c = s.charCodeAt(i);
  let negative = false;
  let regular = true; // can toFixed(fraction digits) give the text back?
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    regular = negative;
    if (++i === end) return CELL_TEXT;
    c = s.charCodeAt(i);
  }
  let mantissa = 0;
  let intDigits = 0;
  const intStart = i;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    intDigits++;
    if (++i === end) break;
    c = s.charCodeAt(i);
  }
  if (intDigits === 0) regular = false;
  else if (intDigits > 1 && s.charCodeAt(intStart) === 48) regular = false; // "007" would come back as "7"
  let fracDigits = 0;
  const comma = decimalComma && c === 44;
  if (i < end && (c === 46 /* . */ || comma)) {
    i++;
    if (i < end) c = s.charCodeAt(i);
    while (i < end && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      fracDigits++;
      if (++i === end) break;
      c = s.charCodeAt(i);
    }
    if (fracDigits === 0) regular = false; // "5."
  }
  if (intDigits + fracDigits === 0) return classifyWord(s, start, end);
  let exponent = false;
  if (i < end && (c === 101 || c === 69) /* e E */) {
    exponent = true;
    i++;
    if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    const expStart = i;
    while (i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === expStart) return CELL_TEXT;
  }
  if (i !== end) return CELL_TEXT;
  if (!exponent && mantissa < TWO53 && fracDigits <= 22) {
    const v = fracDigits === 0 ? mantissa : mantissa / POW10[fracDigits];
    parsed.value = negative ? -v : v;
    // toFixed gives the text back when the decimal is the only one of its length near the double: mantissa < 2^52.
    parsed.fmt =
      regular && mantissa < TWO52 && !(negative && mantissa === 0)
        ? fracDigits + (comma ? FMT_DECIMAL_COMMA : 0)
        : slowFormat(s, start, end);
    return CELL_NUMBER;
  }
  const text = s.slice(start, end);
  parsed.value = Number(comma ? text.replace(',', '.') : text);
  if (!Number.isFinite(parsed.value)) return CELL_TEXT; // 1e999 overflows to Infinity, which is not a value
  parsed.fmt = String(parsed.value) === text ? FMT_SHORTEST : FMT_KEPT;
  return CELL_NUMBER;
}

function slowFormat(s: string, start: number, end: number): number {
  return String(parsed.value) === s.slice(start, end) ? FMT_SHORTEST : FMT_KEPT;
}

/** Missing tokens are short words; anything else that is not a number is text. */
function classifyWord(s: string, start: number, end: number): number {
  if (end - start > 4) return CELL_TEXT;
  return missingLower.has(s.slice(start, end).toLowerCase()) ? CELL_MISSING : CELL_TEXT;
}

/** Whether the cell `s[start, end)`, read as missing, is the word a text column keeps (WORD_CATEGORY). */
export function isWordCategory(s: string, start: number, end: number): boolean {
  return end - start === WORD_CATEGORY.length && s.slice(start, end).toLowerCase() === WORD_CATEGORY;
}

/** Whether a whole string is a missing-value token. */
export function isMissingText(text: string): boolean {
  return missingLower.has(text.trim().toLowerCase());
}

/** Whether a text value reads as a boolean (true/false in any case). */
export function isBooleanText(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === 'true' || t === 'false';
}

/** The text of a number cell from its value and format code (not for FMT_KEPT / FMT_STRAY / FMT_MISSING). */
export function formatNumber(value: number, fmt: number): string {
  if (fmt === FMT_SHORTEST) return String(value);
  return fmt >= FMT_DECIMAL_COMMA ? value.toFixed(fmt - FMT_DECIMAL_COMMA).replace('.', ',') : value.toFixed(fmt);
}
