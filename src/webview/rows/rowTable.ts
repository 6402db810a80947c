/**
 * The cells of a rows table, shared by the rows view and the most-unusual list: line, cluster, probability,
 * uncertainty, log density, then the file's cells. Each row carries its values in data attributes (tests read them)
 * and every cell from the file goes in as text.
 */
import type { RowRecordDto, RowsSortDto, RowsSortKey } from '../../protocol/rows';
import { withAlpha } from '../colors';
import { el } from '../dom';
import { formatNumber } from '../format';
import type { Theme } from '../theme';

/** The headers of the fixed columns and the sort key each one orders by. */
export const FIXED_COLUMNS: { label: string; key: RowsSortKey | null; title: string }[] = [
  { label: 'Line', key: 'row', title: 'Line of the file where the row starts (order: as in the file)' },
  { label: 'Cluster', key: null, title: 'The component the row is assigned to (its most probable)' },
  { label: 'Probability', key: 'probability', title: 'Probability that the row belongs to the cluster' },
  { label: 'Uncertainty', key: 'uncertainty', title: '1 − the largest membership probability' },
  { label: 'Log density', key: 'logDensity', title: 'log p(x) under the fitted mixture: low means unusual' },
];

/** The direction each key starts in when first chosen: the most telling rows first. */
export const FIRST_DIRECTION: Record<RowsSortKey, boolean> = { row: false, probability: true, uncertainty: true, logDensity: false };

/**
 * A header row; the sortable columns are buttons when `onSort` is given, with aria-sort on the one in use.
 * @param probabilityLabel e.g. "P(component 2)"
 */
export function headerRow(columns: string[], probabilityLabel: string, sort?: RowsSortDto, onSort?: (key: RowsSortKey) => void): HTMLTableRowElement {
  const fixed = FIXED_COLUMNS.map((c) => {
    const label = c.key === 'probability' ? probabilityLabel : c.label;
    const active = sort !== undefined && c.key === sort.key;
    const th = el('th', { scope: 'col', title: c.title, class: c.key && c.key !== 'row' ? 'num' : undefined, 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : undefined });
    if (c.key && onSort) {
      const key = c.key;
      const b = el('button', { type: 'button', class: 'sort', 'data-sort': key }, label, active ? (sort.descending ? ' ↓' : ' ↑') : '');
      b.addEventListener('click', () => onSort(key));
      th.append(b);
    } else {
      th.append(label);
    }
    return th;
  });
  return el('tr', {}, ...fixed, ...columns.map((c) => el('th', { scope: 'col', class: 'cell', title: c }, c)));
}

/** One row (its file cells as text). */
export function rowElement(r: RowRecordDto, theme: Theme): HTMLTableRowElement {
  const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = withAlpha(theme.component(r.cluster), 1);
  return el('tr', {
    class: 'data-row', 'data-row': r.row, 'data-line': r.line, 'data-cluster': r.cluster, 'data-probability': String(r.probability),
    'data-uncertainty': String(r.uncertainty), 'data-log-density': String(r.logDensity),
    title: `Line ${r.line}: click to show it in the file`,
  },
  el('td', { class: 'line' }, String(r.line)),
  el('td', {}, swatch, String(r.cluster + 1)),
  el('td', { class: 'num' }, formatNumber(r.probability, 3)),
  el('td', { class: 'num' }, formatNumber(r.uncertainty, 3)),
  el('td', { class: 'num' }, formatNumber(r.logDensity, 5)),
  ...r.cells.map((c) => el('td', { class: c === null ? 'cell missing' : 'cell' }, c ?? '–')));
}

/** A row still being fetched. */
export function placeholderRow(columns: number): HTMLTableRowElement {
  return el('tr', { class: 'data-row loading', 'aria-busy': 'true' }, ...Array.from({ length: FIXED_COLUMNS.length + columns }, () => el('td', {}, '…')));
}
