/** The cluster scatter: axis pickers, an HTML legend that toggles components, zoom/pan, tooltips per row. */
import type { TooltipItem } from 'chart.js';
import type { ComparisonDto, FitResultDto, PcaDto } from '../../protocol/model';
import type { DisplayModel } from '../display';
import { button, el, replaceChildren } from '../dom';
import { componentMarker, markerGlyph } from '../marker';
import { formatCount, formatNumber, formatPercent } from '../format';
import type { UiState } from '../state';
import type { Theme } from '../theme';
import { Chart, chartCard, type ChartCard } from './common';
import { pointCachePlugin } from './pointCache';
import { buildScatterData, type ScatterData } from './scatterData';

export interface ScatterInput {
  result: FitResultDto;
  model: DisplayModel;
  ui: UiState;
  /** The principal components, once computed (the PC1 × PC2 plane needs them). */
  pca: PcaDto | null;
  /** What to say about them while they are not there ("Computing…", or why they could not be). */
  pcaNote: string;
  /** The file's columns the points can be coloured by (any column with values, fitted or not). */
  colourColumns: string[];
  /** The clusters against the column coloured by, once computed. */
  comparison: ComparisonDto | null;
}

export class ScatterView {
  readonly card: ChartCard;
  private chart: Chart<'scatter', { x: number; y: number }[]> | undefined;
  private data: ScatterData | undefined;
  private input: ScatterInput | undefined;
  private axesKey = '';
  private readonly planeSelect = el('select', { id: 'scatter-plane', 'aria-label': 'What the axes show' });
  private readonly xSelect = el('select', { id: 'scatter-x', 'aria-label': 'Horizontal axis column' });
  private readonly ySelect = el('select', { id: 'scatter-y', 'aria-label': 'Vertical axis column' });
  private readonly colourSelect = el('select', { id: 'scatter-colour', 'aria-label': 'Colour the points by' });
  private readonly legend = el('div', { class: 'legend', role: 'group', 'aria-label': 'Components (click to show or hide)' });
  private readonly note = el('span', { class: 'muted' });
  /** Called with the sample index of a clicked point. */
  onPoint: ((sample: number) => void) | undefined;
  /** Where the last press on the chart began: a drag (a pan) that ends on a point is not a click on it. */
  private pressedAt: { x: number; y: number } | undefined;

  constructor(private readonly theme: () => Theme, private readonly onUi: (patch: Partial<UiState>) => void) {
    this.card = chartCard('Clusters', 'scatter-chart', 'clusters', theme);
    const zoomBy = (f: number) => this.chart?.zoom(f);
    this.card.toolbar.append(
      el('label', { class: 'inline' }, 'Axes ', this.planeSelect),
      el('label', { class: 'inline' }, 'x ', this.xSelect),
      el('label', { class: 'inline' }, 'y ', this.ySelect),
      el('label', { class: 'inline' }, 'Colour ', this.colourSelect),
      button('+', () => zoomBy(1.25), { class: 'secondary icon', title: 'Zoom in (or scroll over the chart)', 'aria-label': 'Zoom in' }),
      button('−', () => zoomBy(0.8), { class: 'secondary icon', title: 'Zoom out', 'aria-label': 'Zoom out' }),
      button('Reset zoom', () => this.chart?.resetZoom(), { class: 'secondary', id: 'scatter-reset-zoom', title: 'Back to the full view (drag to pan, scroll to zoom)' }),
    );
    this.card.footer.append(this.legend, this.note);
    this.card.canvas.addEventListener('pointerdown', (e) => { this.pressedAt = { x: e.clientX, y: e.clientY }; });
    this.planeSelect.addEventListener('change', () => this.onUi({ plane: this.planeSelect.value === 'pca' ? 'pca' : 'columns' }));
    this.xSelect.addEventListener('change', () => this.onUi({ xColumn: this.xSelect.value }));
    this.ySelect.addEventListener('change', () => this.onUi({ yColumn: this.ySelect.value }));
    // The first option (value '') colours by component; the others by a column of the file.
    this.colourSelect.addEventListener('change', () => this.onUi({ colourBy: this.colourSelect.value === '' ? null : this.colourSelect.value }));
  }

  /** Redraws for new input; keeps the chart (and its zoom) when only the parameters or colours moved. */
  update(input: ScatterInput): void {
    this.input = input;
    const { result, ui, model } = input;
    this.fillSelectors(result, ui, input.colourColumns);
    const data = buildScatterData(result, model, ui, this.theme(), input.pca, input.comparison);
    this.data = data;
    const axesKey = `${result.columns.join('\u0000')}|${ui.plane}|${input.pca ? 'pca' : ''}|${ui.xColumn}|${ui.yColumn}`;
    if (this.chart && axesKey === this.axesKey) {
      this.chart.data.datasets = data.datasets;
      this.applyVisibility();
      this.chart.update('none');
    } else {
      this.axesKey = axesKey;
      this.create();
    }
    this.card.canvas.setAttribute('data-points', String(this.visiblePoints()));
    // What the axes show now: 'pca' only once the principal components have come (tests read it).
    this.card.canvas.setAttribute('data-plane', result.columns.length === 0 ? 'map' : ui.plane === 'pca' && input.pca ? 'pca' : 'columns');
    this.fillLegend(model.params.nComponents, ui.hiddenComponents);
    const s = result.sample;
    const shown = s.rowIndex.length < s.total ? `Showing ${formatCount(s.rowIndex.length)} of ${formatCount(s.total)} rows (a random sample). ` : '';
    const imputed = s.imputed.some((r) => r.some(Boolean)) ? 'Outlined markers: rows with a missing cell filled in by the model. ' : '';
    const pcaNote = input.pcaNote ? `${input.pcaNote} ` : '';
    this.note.textContent = result.columns.length === 0
      ? `${shown}No numeric column was fitted, so each row is placed by its membership probabilities: ◆ marks each component's corner, and a row ` +
        'sits between the corners as it belongs to each (spread a little so equal rows stay visible). Faint points are uncertain. ' +
        'The category profiles below show what each component holds. Scroll to zoom, drag to pan; click a point to show its row in the file.'
      : `${pcaNote}${shown}${imputed}Faint points are uncertain; ◆ marks each mean; ${result.columns.length < 2 ? 'bars span ±1σ (solid) and ±2σ (dashed)' : 'ellipses at 1σ (solid) and 2σ (dashed)'}. Scroll to zoom, drag to pan; click a point to show its row in the file.`;
    this.card.describe(describeScatter(input, data));
    if (ui.colourBy !== null) {
      this.note.textContent = input.comparison
        ? `Colour: ${ui.colourBy} (see the table below); shape: the component each row is assigned to. ` + this.note.textContent
        : `Reading ${ui.colourBy}… ` + this.note.textContent;
    } else {
      this.note.textContent = 'Each component has its colour and marker shape. ' + this.note.textContent;
    }
  }

  /** Recreates the chart (theme change). */
  rebuild(): void {
    if (!this.input) return;
    this.chart?.destroy();
    this.chart = undefined;
    this.update(this.input);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private create(): void {
    const data = this.data;
    if (!data) return;
    this.chart?.destroy();
    const theme = this.theme();
    const title = (text: string) => ({ display: true, text, color: theme.foreground });
    this.chart = new Chart<'scatter', { x: number; y: number }[]>(this.card.canvas, {
      type: 'scatter',
      data: { datasets: data.datasets },
      plugins: [pointCachePlugin],
      options: {
        responsive: true,
        interaction: { mode: 'nearest', intersect: true },
        onClick: (event, elements) => {
          const native = event.native as MouseEvent | null;
          if (native && this.pressedAt && Math.hypot(native.clientX - this.pressedAt.x, native.clientY - this.pressedAt.y) > 4) return;
          const hit = elements.find((e) => this.data?.roles[e.datasetIndex]?.role === 'points');
          const sample = hit && this.data?.rows[hit.datasetIndex]?.[hit.index];
          if (sample !== undefined) this.onPoint?.(sample);
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.classList.toggle('clickable', elements.some((e) => this.data?.roles[e.datasetIndex]?.role === 'points'));
        },
        scales: {
          x: { type: 'linear', title: title(data.xLabel), grid: { color: theme.lines } },
          y: { type: 'linear', title: title(data.yLabel), grid: { color: theme.lines } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => {
              const role = this.data?.roles[item.datasetIndex]?.role;
              return role === 'points' || role === 'mean';
            },
            callbacks: {
              title: (items) => this.tooltipTitle(items),
              label: (item) => this.tooltipLines(item),
            },
          },
          zoom: {
            zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'xy' },
            pan: { enabled: true, mode: 'xy' },
          },
        },
      },
    });
    this.applyVisibility();
    this.chart?.update('none');
  }

  /** Every point drawn and not hidden, inside the plot area, in CSS pixels of the canvas, with its sample index as `id`. */
  drawnPoints(): { id: number; x: number; y: number }[] {
    const chart = this.chart, data = this.data;
    if (!chart || !data) return [];
    const area = chart.chartArea;
    const out: { id: number; x: number; y: number }[] = [];
    data.roles.forEach((role, i) => {
      if (role.role !== 'points' || !chart.isDatasetVisible(i)) return;
      chart.getDatasetMeta(i).data.forEach((pt, j) => {
        const id = data.rows[i]?.[j];
        if (id !== undefined && pt.x >= area.left && pt.x <= area.right && pt.y >= area.top && pt.y <= area.bottom) out.push({ id, x: pt.x, y: pt.y });
      });
    });
    return out;
  }

  private tooltipTitle(items: TooltipItem<'scatter'>[]): string {
    const item = items[0];
    const role = item && this.data?.roles[item.datasetIndex];
    if (!item || !role || !this.input) return '';
    if (role.role === 'mean') return `Component ${role.k + 1}: mean`;
    const i = this.data?.rows[item.datasetIndex]?.[item.dataIndex];
    const line = i === undefined ? undefined : this.input.result.sample.line[i];
    return `Line ${line ?? '?'} · component ${role.k + 1}`;
  }

  private tooltipLines(item: TooltipItem<'scatter'>): string[] {
    const role = this.data?.roles[item.datasetIndex];
    const input = this.input;
    if (!role || !input) return [];
    const cols = input.result.columns;
    if (role.role === 'mean') {
      const p = input.model.params;
      return [`weight ${formatPercent(p.weights[role.k])}`, ...cols.map((c, a) => `${c}: ${formatNumber(p.means[role.k][a], 5)}`)];
    }
    const i = this.data?.rows[item.datasetIndex]?.[item.dataIndex];
    if (i === undefined) return [];
    const s = input.result.sample;
    const values = cols.map((c, a) => `${c}: ${formatNumber(s.values[i][a], 6)}${s.imputed[i]?.[a] ? ' (imputed)' : ''}`);
    const p = input.result.params;
    if (p.kind === 'mixed') {
      p.categorical.forEach((c, j) => { const code = s.categories?.[i]?.[j] ?? -1; values.push(`${c.column}: ${code >= 0 ? c.levels[code] : '(missing)'}`); });
      p.counts.forEach((c, j) => { const v = s.counts?.[i]?.[j]; values.push(`${c.column}: ${v === null || v === undefined ? '(missing)' : String(v)}`); });
    }
    const resp = Array.from(input.model.resp(i), (r, k) => `P(component ${k + 1}) = ${r.toFixed(3)}`);
    return [...values, ...resp];
  }

  private fillSelectors(result: FitResultDto, ui: UiState, colourColumns: string[]): void {
    const options = (select: HTMLSelectElement, items: [string, string][], value: string) => {
      replaceChildren(select, ...items.map(([v, label]) => el('option', { value: v }, label)));
      select.value = value;
    };
    const twoOrMore = result.columns.length >= 2;
    options(this.planeSelect, twoOrMore ? [['columns', 'Columns'], ['pca', 'PC1 × PC2']] : [['columns', 'Columns']], ui.plane);
    const cols: [string, string][] = result.columns.map((c) => [c, c]);
    options(this.xSelect, cols, ui.xColumn ?? result.columns[0] ?? '');
    options(this.ySelect, cols, ui.yColumn ?? result.columns[1] ?? '');
    options(this.colourSelect, [['', 'component'], ...colourColumns.map((c): [string, string] => [c, c])], ui.colourBy ?? '');
    const byColumns = ui.plane !== 'pca' && result.columns.length > 1;
    this.xSelect.disabled = !byColumns;
    this.ySelect.disabled = !byColumns;
    this.planeSelect.disabled = !twoOrMore;
  }

  private fillLegend(K: number, hidden: number[]): void {
    const theme = this.theme();
    const items: HTMLElement[] = [];
    for (let k = 0; k < K; k++) {
      const on = !hidden.includes(k);
      const swatch = componentMarker(k, theme);
      const b = button('', () => this.toggle(k), { class: 'legend-item', 'aria-pressed': on ? 'true' : 'false', 'data-component': k });
      b.append(swatch, `Component ${k + 1}`);
      items.push(b);
    }
    replaceChildren(this.legend, ...items);
  }

  private toggle(k: number): void {
    const hidden = this.input?.ui.hiddenComponents ?? [];
    this.onUi({ hiddenComponents: hidden.includes(k) ? hidden.filter((h) => h !== k) : [...hidden, k] });
  }

  private applyVisibility(): void {
    if (!this.chart || !this.data || !this.input) return;
    const hidden = this.input.ui.hiddenComponents;
    this.data.roles.forEach((r, i) => this.chart?.setDatasetVisibility(i, !hidden.includes(r.k)));
  }

  private visiblePoints(): number {
    if (!this.data || !this.input) return 0;
    const hidden = this.input.ui.hiddenComponents;
    let n = 0;
    this.data.roles.forEach((r, i) => {
      if (r.role === 'points' && !hidden.includes(r.k)) n += this.data?.datasets[i].data.length ?? 0;
    });
    return n;
  }
}

/** The scatter in words: its axes, the rows drawn, and each component's share, shape and mean on the plane. */
function describeScatter(input: ScatterInput, data: ScatterData): string {
  const { result, model, comparison } = input;
  const p = model.params;
  const parts = [`Scatter of ${data.yLabel || 'the membership map'} against ${data.xLabel}: ${formatCount(data.nPoints)} rows drawn, ` +
    `${comparison ? `coloured by ${comparison.column}, shaped by component` : 'coloured and shaped by component'}.`];
  for (let k = 0; k < p.nComponents; k++) {
    const at = result.columns.length >= 2 ? `, mean ${result.columns.map((c, a) => `${c} ${formatNumber(p.means[k][a], 4)}`).slice(0, 4).join(', ')}` : '';
    parts.push(`Component ${k + 1} (${markerGlyph(k)}): weight ${formatPercent(p.weights[k])}, ${formatCount(model.counts[k] ?? 0)} rows${at}.`);
  }
  return parts.join(' ');
}
