/**
 * The arithmetic of a virtualised list: which rows a scroll position shows and which pages hold them. Only the
 * rows in view are in the DOM, so a million rows scroll as fast as twenty. Browsers cap an element's height (about
 * 33 million px in Chromium), so past MAX_SCROLL_PX the scroll range is scaled: the scroll bar then moves through
 * the rows in proportion rather than pixel for pixel. Pure (no DOM), unit-tested in test/unit/webview/virtualWindow.test.ts.
 */

/** Tallest scroll area made (well under every browser's limit on an element's height). */
export const MAX_SCROLL_PX = 8_000_000;

/** Height of the scrolled rows area for `total` rows of `rowHeight` px. */
export function scrollHeight(total: number, rowHeight: number): number {
  return Math.min(Math.max(0, total) * rowHeight, MAX_SCROLL_PX);
}

/**
 * The first row shown at `scrollTop` with `visible` rows in view: pixel for pixel while the rows fit in
 * MAX_SCROLL_PX, else in proportion (the last scroll position shows the last rows).
 */
export function firstRow(scrollTop: number, total: number, visible: number, rowHeight: number): number {
  const last = Math.max(0, total - visible);
  if (last === 0) return 0;
  const height = scrollHeight(total, rowHeight);
  if (total * rowHeight <= MAX_SCROLL_PX) return clamp(Math.floor(scrollTop / rowHeight), 0, last);
  const range = height - visible * rowHeight;
  return clamp(Math.round((scrollTop / range) * last), 0, last);
}

/** The scroll position that shows row `row` first (the inverse of `firstRow`). */
export function scrollTopFor(row: number, total: number, visible: number, rowHeight: number): number {
  const last = Math.max(0, total - visible);
  const r = clamp(row, 0, last);
  if (total * rowHeight <= MAX_SCROLL_PX) return r * rowHeight;
  const range = scrollHeight(total, rowHeight) - visible * rowHeight;
  return last === 0 ? 0 : (r / last) * range;
}

/** The pages (of `pageSize` rows) that hold rows [first, first + count), clipped to `total`. */
export function pagesFor(first: number, count: number, total: number, pageSize: number): number[] {
  const end = Math.min(total, first + count);
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p * pageSize < end; p++) pages.push(p);
  return pages;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
