/**
 * Run-time checks of the rows view's messages from the webview (see `validate.ts`): a page request, a row to
 * reveal in the editor, and a view to export. Every number is a whole number in bounds; a view names only kinds,
 * sort keys and a component index. Pure (no vscode), unit-tested in test/unit/protocol/validateRows.test.ts.
 */
import {
  MAX_OFFSET, MAX_PAGE_ROWS, MAX_ROW_INDEX, MAX_SELECTION_ROWS, ROWS_SORT_KEYS,
  type RowsRequestDto, type RowsSortDto, type RowsViewDto,
} from './rows';
import { SETTING_BOUNDS } from './limits';
import type { Checked } from './validate';

const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

/** A page request (the message's fields other than `type`). */
export function checkRowsRequest(raw: Record<string, unknown>): Checked<RowsRequestDto> {
  const extra = extraKey(raw, ['type', 'requestId', 'view', 'offset', 'limit', 'selection']);
  if (extra) return fail(`rows: ${extra}`);
  if (!isWhole(raw.requestId, 0, MAX_OFFSET)) return fail(`rows: requestId must be a whole number from 0 to ${MAX_OFFSET}`);
  if (!isWhole(raw.offset, 0, MAX_OFFSET)) return fail(`rows: offset must be a whole number from 0 to ${MAX_OFFSET}`);
  if (!isWhole(raw.limit, 1, MAX_PAGE_ROWS)) return fail(`rows: limit must be a whole number from 1 to ${MAX_PAGE_ROWS}`);
  const view = checkRowsView(raw.view);
  if (!view.ok) return fail(`rows: ${view.problem}`);
  const value: RowsRequestDto = { requestId: raw.requestId as number, view: view.value, offset: raw.offset as number, limit: raw.limit as number };
  if (raw.selection !== undefined) {
    const s = checkRowList(raw.selection);
    if (!s.ok) return fail(`rows: ${s.problem}`);
    value.selection = s.value;
  }
  return { ok: true, value };
}

/** A view: `{ kind, sort }`, plus `component` for a cluster. */
export function checkRowsView(raw: unknown): Checked<RowsViewDto> {
  if (!isRecord(raw)) return fail('view must be an object');
  const sort = checkSort(raw.sort);
  if (!sort.ok) return sort;
  switch (raw.kind) {
    case 'cluster': {
      const extra = extraKey(raw, ['kind', 'component', 'sort']);
      if (extra) return fail(`view: ${extra}`);
      const maxK = SETTING_BOUNDS.components.max - 1;
      if (!isWhole(raw.component, 0, maxK)) return fail(`view.component must be a whole number from 0 to ${maxK}`);
      return { ok: true, value: { kind: 'cluster', component: raw.component as number, sort: sort.value } };
    }
    case 'all':
    case 'selection': {
      const extra = extraKey(raw, ['kind', 'sort']);
      if (extra) return fail(`view: ${extra}`);
      return { ok: true, value: { kind: raw.kind, sort: sort.value } };
    }
    default:
      return fail('view.kind must be cluster, all or selection');
  }
}

/** A table row index (what `revealRow` names). */
export function checkRowIndex(raw: unknown): Checked<number> {
  return isWhole(raw, 0, MAX_ROW_INDEX) ? { ok: true, value: raw as number } : fail(`row must be a whole number from 0 to ${MAX_ROW_INDEX}`);
}

function checkSort(raw: unknown): Checked<RowsSortDto> {
  if (!isRecord(raw) || extraKey(raw, ['key', 'descending'])) return fail('view.sort must be { key, descending }');
  const key = raw.key;
  if (typeof key !== 'string' || !(ROWS_SORT_KEYS as readonly string[]).includes(key)) return fail(`view.sort.key must be one of ${ROWS_SORT_KEYS.join(', ')}`);
  if (typeof raw.descending !== 'boolean') return fail('view.sort.descending must be true or false');
  return { ok: true, value: { key: key as RowsSortDto['key'], descending: raw.descending } };
}

function checkRowList(raw: unknown): Checked<number[]> {
  if (!Array.isArray(raw) || raw.length > MAX_SELECTION_ROWS) return fail(`selection must be a list of at most ${MAX_SELECTION_ROWS} row indices`);
  for (const v of raw) if (!isWhole(v, 0, MAX_ROW_INDEX)) return fail(`selection must hold whole numbers from 0 to ${MAX_ROW_INDEX}`);
  return { ok: true, value: raw.slice() as number[] };
}

function isWhole(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function extraKey(raw: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(raw).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `unexpected field ${JSON.stringify(extra.slice(0, 40))}`;
}
