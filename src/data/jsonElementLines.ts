/**
 * The 1-based line on which each element of a JSON array starts, so rows read from JSON can point back into the
 * file (`JSON.parse` keeps no positions). The array is the top-level one (`key` null) or the one under `key` in
 * the top-level object. The text is known to be valid JSON.
 */
export function elementLines(text: string, key: string | null): number[] {
  const out: number[] = [];
  const targetDepth = key === null ? 1 : 2;
  let line = 1;
  let depth = 0;
  let inTarget = false;
  let awaitElement = false; // the next value starts an element of the target array
  let keyNext = false; // at depth 1 of the top-level object, the next string is a key
  let keyMatched = false; // the last key read at depth 1 is `key`
  let armed = key === null; // the next '[' at the target depth opens the target array
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (awaitElement && c !== 93) {
      out.push(line);
      awaitElement = false;
    }
    if (c === 34) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (keyNext && depth === 1) {
        keyMatched = JSON.parse(text.slice(i, j + 1)) === key;
        keyNext = false;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      depth++;
      if (c === 91 && armed && !inTarget && depth === targetDepth) {
        inTarget = true;
        awaitElement = true;
      }
      if (c === 123 && depth === 1 && key !== null) keyNext = true;
    } else if (c === 125 || c === 93) {
      if (inTarget && depth === targetDepth) break;
      depth--;
    } else if (c === 44) {
      if (inTarget && depth === targetDepth) awaitElement = true;
      if (depth === 1 && key !== null) {
        keyNext = true;
        armed = false;
      }
    } else if (c === 58 && depth === 1 && key !== null) armed = keyMatched;
  }
  return out;
}
