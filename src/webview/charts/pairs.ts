/**
 * All the fitted columns at once (mclust's classic plot): a scatterplot matrix of up to MAX_PAIRS_COLUMNS columns,
 * each off-diagonal cell one pair with the sample's points in their component's colour (or the compared column's)
 * and each component's 2σ ellipse, each diagonal cell the column's name over its components' weighted densities.
 * Drawn on one canvas (a grid of Chart.js charts would cost seconds); a click on a cell shows that pair in the
 * Clusters chart.
 */
import type { ComparisonDto, FitResultDto } from '../../protocol/model';
import { parseColor, withAlpha, type Rgba } from '../colors';
import type { DisplayModel } from '../display';
import { el, replaceChildren } from '../dom';
import { covarianceMatrix, ellipsePoints } from '../projection';
import type { UiState } from '../state';
import type { Theme } from '../theme';
import { chartCard, type ChartCard } from './common';
import { describePairs } from './pairsText';
import { MAX_GROUP_COLOURS } from './scatterData';

/** Most columns drawn; wider fits show their first ones. */
export const MAX_PAIRS_COLUMNS = 8;
/** Most points drawn per cell (an evenly spread subset of the sample). */
const MAX_PAIRS_POINTS = 4000;

export class PairsView {
  readonly card: ChartCard;
  private readonly note = el('span', { class: 'muted', id: 'pairs-note' });
  private columns: string[] = [];

  constructor(private readonly theme: () => Theme, private readonly onUi: (patch: Partial<UiState>) => void) {
    this.card = chartCard('All columns', 'pairs-chart', 'pairs', theme);
    this.card.root.id = 'pairs';
    this.card.root.classList.add('wide');
    this.card.footer.append(this.note);
    this.card.canvas.addEventListener('click', (e) => this.click(e));
  }

  /** Draws the matrix; hides the card for fewer than two numeric columns. */
  update(result: FitResultDto, model: DisplayModel, ui: UiState, comparison: ComparisonDto | null): void {
    const all = result.columns;
    this.card.root.hidden = all.length < 2;
    if (all.length < 2) return;
    const d = Math.min(all.length, MAX_PAIRS_COLUMNS);
    this.columns = all.slice(0, d);
    const canvas = this.card.canvas;
    const width = Math.max(320, Math.min(d * 200, (canvas.parentElement?.clientWidth ?? 900) || 900));
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(width * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${width}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    draw(ctx, width, this.columns, result, model, ui, this.theme(), comparison);
    canvas.setAttribute('data-columns', String(d));
    this.card.describe(describePairs(this.columns, model.params, comparison ? comparison.column : null));
    const more = all.length > d ? `Showing the first ${d} of ${all.length} fitted columns. ` : '';
    this.note.textContent = `${more}Each cell is a pair of columns with each component's 2σ ellipse; the diagonal shows each column's ` +
      'component densities (weighted). Click a cell to show that pair in the Clusters chart.';
    replaceChildren(this.card.toolbar);
  }

  private click(e: MouseEvent): void {
    const rect = this.card.canvas.getBoundingClientRect();
    const d = this.columns.length;
    if (d < 2 || rect.width === 0) return;
    const col = Math.floor(((e.clientX - rect.left) / rect.width) * d);
    const row = Math.floor(((e.clientY - rect.top) / rect.height) * d);
    if (col === row || col < 0 || row < 0 || col >= d || row >= d) return;
    this.onUi({ plane: 'columns', xColumn: this.columns[col], yColumn: this.columns[row] });
  }
}

/** Each column's drawn range: the sample's values and the components' 2σ extents, padded by 5%. */
function ranges(columns: string[], result: FitResultDto, model: DisplayModel): [number, number][] {
  return columns.map((_, a) => {
    let lo = Infinity, hi = -Infinity;
    for (const v of result.sample.values) { const x = v[a]; if (Number.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); } }
    for (let k = 0; k < model.params.nComponents; k++) {
      const m = model.params.means[k][a], s = Math.sqrt(Math.max(covarianceMatrix(model.params, k)[a][a], 0));
      if (Number.isFinite(m) && Number.isFinite(s)) { lo = Math.min(lo, m - 2 * s); hi = Math.max(hi, m + 2 * s); }
    }
    if (!Number.isFinite(lo)) return [0, 1];
    const pad = (hi - lo) * 0.05 || 1;
    return [lo - pad, hi + pad];
  });
}

function draw(
  ctx: CanvasRenderingContext2D, width: number, columns: string[], result: FitResultDto, model: DisplayModel, ui: UiState, theme: Theme,
  comparison: ComparisonDto | null,
): void {
  const d = columns.length, cell = width / d, K = model.params.nComponents;
  const range = ranges(columns, result, model);
  const grey: Rgba = parseColor(theme.lines) ?? { r: 128, g: 128, b: 128, a: 1 };
  const hidden = new Set(ui.hiddenComponents);
  ctx.clearRect(0, 0, width, width);
  ctx.font = `${Math.max(9, Math.min(13, cell / 9))}px ${theme.fontFamily}`;
  const n = result.sample.values.length;
  const step = Math.max(1, Math.ceil(n / MAX_PAIRS_POINTS));
  const dot = Math.max(1, Math.min(2.2, cell / 90));
  const colourOf = (i: number): string => {
    if (comparison) {
      const code = comparison.sampleCodes[i] ?? -1;
      return withAlpha(code >= 0 && code < MAX_GROUP_COLOURS ? theme.component(code) : grey, 0.7);
    }
    return withAlpha(theme.component(model.labels[i] ?? 0), 0.55);
  };
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      const x0 = c * cell, y0 = r * cell, inner = cell - 6;
      const sx = (v: number) => x0 + 3 + ((v - range[c][0]) / (range[c][1] - range[c][0])) * inner;
      const sy = (v: number) => y0 + 3 + inner - ((v - range[r][0]) / (range[r][1] - range[r][0])) * inner;
      ctx.strokeStyle = withAlpha(grey, 0.6);
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 + 0.5, y0 + 0.5, cell - 1, cell - 1);
      if (r === c) {
        drawDensities(ctx, c, x0, y0, cell, range[c], model, theme, hidden);
        ctx.fillStyle = theme.foreground;
        ctx.fillText(columns[c], x0 + 6, y0 + 16, cell - 12);
        continue;
      }
      ctx.save();
      ctx.beginPath();
      ctx.rect(x0 + 1, y0 + 1, cell - 2, cell - 2);
      ctx.clip();
      for (let i = 0; i < n; i += step) {
        const k = model.labels[i];
        if (k === undefined || hidden.has(k)) continue;
        const v = result.sample.values[i];
        const px = sx(v[c]), py = sy(v[r]);
        if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
        ctx.fillStyle = colourOf(i);
        ctx.fillRect(px - dot / 2, py - dot / 2, dot, dot);
      }
      for (let k = 0; k < K; k++) {
        if (hidden.has(k)) continue;
        const s = covarianceMatrix(model.params, k);
        const pts = ellipsePoints([model.params.means[k][c], model.params.means[k][r]], { xx: s[c][c], xy: s[c][r], yy: s[r][r] }, 2, 48);
        ctx.strokeStyle = withAlpha(theme.component(k), 1);
        ctx.lineWidth = theme.highContrast ? 2.5 : 1.5;
        ctx.beginPath();
        pts.forEach((p, j) => (j === 0 ? ctx.moveTo(sx(p.x), sy(p.y)) : ctx.lineTo(sx(p.x), sy(p.y))));
        ctx.stroke();
      }
      ctx.restore();
    }
  }
}

/** A diagonal cell: each shown component's weighted normal density along the column, scaled to the cell. */
function drawDensities(
  ctx: CanvasRenderingContext2D, a: number, x0: number, y0: number, cell: number, range: [number, number], model: DisplayModel, theme: Theme, hidden: Set<number>,
): void {
  const steps = 80, K = model.params.nComponents;
  const curves: number[][] = [];
  let top = 0;
  for (let k = 0; k < K; k++) {
    const m = model.params.means[k][a], v = covarianceMatrix(model.params, k)[a][a], w = model.params.weights[k];
    const curve: number[] = [];
    for (let j = 0; j <= steps; j++) {
      const x = range[0] + ((range[1] - range[0]) * j) / steps;
      const y = v > 0 ? (w / Math.sqrt(2 * Math.PI * v)) * Math.exp(-((x - m) ** 2) / (2 * v)) : 0;
      curve.push(y);
      if (!hidden.has(k) && y > top) top = y;
    }
    curves.push(curve);
  }
  if (!(top > 0)) return;
  const base = y0 + cell - 4, height = cell - 28;
  curves.forEach((curve, k) => {
    if (hidden.has(k)) return;
    ctx.strokeStyle = withAlpha(theme.component(k), 1);
    ctx.lineWidth = theme.highContrast ? 2.5 : 1.5;
    ctx.beginPath();
    curve.forEach((y, j) => {
      const px = x0 + 3 + ((cell - 6) * j) / steps, py = base - (y / top) * height;
      if (j === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
    });
    ctx.stroke();
  });
}
