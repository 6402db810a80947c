/**
 * Builds the scatter's datasets: per component its points (opacity by certainty, imputed points as triangles),
 * its mean, and its 1σ and 2σ ellipses as `showLine` datasets. No DOM.
 */
import type { ChartDataset } from 'chart.js';
import type { FitResultDto } from '../../protocol/model';
import { withAlpha } from '../colors';
import type { DisplayModel } from '../display';
import { columnPlane, ellipsePoints, pcaPlane, type Plane } from '../projection';
import type { UiState } from '../state';
import type { Theme } from '../theme';

export type Role = 'points' | 'mean' | 'ellipse1' | 'ellipse2';

export interface ScatterData {
  datasets: ChartDataset<'scatter', { x: number; y: number }[]>[];
  /** Per dataset: its component and role (Chart.js datasets carry no custom fields). */
  roles: { k: number; role: Role }[];
  /** Per points dataset: the sample index of each point (for tooltips). */
  rows: number[][];
  xLabel: string;
  yLabel: string;
  /** Number of sample points placed. */
  nPoints: number;
}

/** The plane for the current choices; for a single fitted column the y axis is the point's certainty. */
export function planeFor(result: FitResultDto, ui: UiState): Plane & { oneD: boolean } {
  const cols = result.columns;
  if (cols.length < 2) return { ...columnPlane(cols, 0, 0), yLabel: 'certainty (largest membership probability)', oneD: true };
  if (ui.plane === 'pca' && result.pca) return { ...pcaPlane(result.pca), oneD: false };
  const a = Math.max(0, cols.indexOf(ui.xColumn ?? ''));
  let b = cols.indexOf(ui.yColumn ?? '');
  if (b < 0) b = a === 0 ? 1 : 0;
  return { ...columnPlane(cols, a, b), oneD: false };
}

/** Opacity for a point whose largest responsibility is `c` among K components: faint when unsure. */
export function certaintyAlpha(c: number, K: number): number {
  if (K <= 1) return 0.85;
  const t = (c - 1 / K) / (1 - 1 / K);
  return 0.12 + 0.78 * Math.min(1, Math.max(0, t));
}

export function buildScatterData(result: FitResultDto, model: DisplayModel, ui: UiState, theme: Theme): ScatterData {
  const plane = planeFor(result, ui);
  const { sample } = result;
  const K = model.params.nComponents;
  const cols = result.columns;
  const xi = cols.indexOf(ui.xColumn ?? '');
  const yi = cols.indexOf(ui.yColumn ?? '');
  const datasets: ScatterData['datasets'] = [];
  const roles: ScatterData['roles'] = [];
  const rows: number[][] = [];
  const pointsByK: { x: number; y: number }[][] = Array.from({ length: K }, () => []);
  const rowsByK: number[][] = Array.from({ length: K }, () => []);
  const colorsByK: string[][] = Array.from({ length: K }, () => []);
  const styleByK: ('circle' | 'triangle')[][] = Array.from({ length: K }, () => []);
  let nPoints = 0;
  for (let i = 0; i < sample.values.length; i++) {
    const k = model.labels[i];
    if (k === undefined || k < 0 || k >= K) continue;
    const resp = model.resp[i] ?? [];
    const certainty = resp.length ? Math.max(...resp) : 1;
    const [x, y0] = plane.point(sample.values[i]);
    const y = plane.oneD ? certainty : y0;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const imp = sample.imputed[i] ?? [];
    const imputed = plane.oneD || ui.plane === 'pca' ? imp.some(Boolean) : Boolean(imp[xi] || imp[yi]);
    pointsByK[k].push({ x, y });
    rowsByK[k].push(i);
    colorsByK[k].push(withAlpha(theme.component(k), certaintyAlpha(certainty, K)));
    styleByK[k].push(imputed ? 'triangle' : 'circle');
    nPoints++;
  }
  const ink = theme.foreground;
  for (let k = 0; k < K; k++) {
    const color = theme.component(k);
    const name = `Component ${k + 1}`;
    datasets.push({
      label: name,
      data: pointsByK[k],
      backgroundColor: colorsByK[k],
      borderColor: styleByK[k].map((s) => (s === 'triangle' ? ink : 'transparent')),
      borderWidth: styleByK[k].map((s) => (s === 'triangle' ? 1 : 0)),
      pointStyle: styleByK[k],
      pointRadius: styleByK[k].map((s) => (s === 'triangle' ? 4.5 : 3)),
      pointHoverRadius: 6,
      order: 3,
    });
    roles.push({ k, role: 'points' });
    rows.push(rowsByK[k]);

    const mean = model.params.means[k];
    const [mx, my0] = plane.point(mean);
    const sigma = plane.cov(model.params.covariances[k]);
    const my = plane.oneD ? 1.04 : my0;
    datasets.push({
      label: `${name} mean`,
      data: [{ x: mx, y: my }],
      backgroundColor: withAlpha(color, 1),
      borderColor: ink,
      borderWidth: 2,
      pointStyle: 'rectRot',
      pointRadius: 8,
      pointHoverRadius: 10,
      order: 0,
    });
    roles.push({ k, role: 'mean' });
    rows.push([]);

    for (const r of [1, 2] as const) {
      const pts = plane.oneD
        ? [{ x: mx - r * Math.sqrt(sigma.xx), y: my }, { x: mx + r * Math.sqrt(sigma.xx), y: my }]
        : ellipsePoints([mx, my], sigma, r);
      datasets.push({
        label: `${name} ${r}σ`,
        data: pts,
        showLine: true,
        borderColor: withAlpha(color, r === 1 ? 1 : 0.8),
        borderWidth: theme.highContrast ? 3 : r === 1 ? 2 : 1.5,
        borderDash: r === 2 ? [6, 4] : [],
        pointRadius: 0,
        pointHitRadius: 0,
        backgroundColor: 'transparent',
        order: 1,
      });
      roles.push({ k, role: r === 1 ? 'ellipse1' : 'ellipse2' });
      rows.push([]);
    }
  }
  return { datasets, roles, rows, xLabel: plane.xLabel, yLabel: plane.yLabel, nPoints };
}
