/**
 * Builds the scatter's datasets: per component its points (opacity by certainty, imputed points as triangles),
 * its mean, and its 1σ and 2σ ellipses as `showLine` datasets. No DOM.
 */
import type { ChartDataset } from 'chart.js';
import type { ComparisonDto, FitResultDto, PcaDto, SampleDto } from '../../protocol/model';
import { parseColor, withAlpha, type Theme } from '../colors';
import type { DisplayModel } from '../display';
import { columnPlane, covarianceMatrix, ellipsePoints, pcaPlane, type Plane } from '../projection';
import type { UiState } from '../state';

export type Role = 'points' | 'mean' | 'ellipse1' | 'ellipse2' | 'halo';

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

/**
 * A plane with a cache key and the column indices it shows (undefined: all, for principal components); `map` for the
 * membership map of a model without numeric columns (points from SampleDto.map).
 */
export type ScatterPlane = Plane & { oneD: boolean; key: string; shown?: number[]; map?: boolean };

/** The membership map: each row between its components' corners by its probabilities. */
const MAP_PLANE: ScatterPlane = {
  xLabel: 'membership map (position from the probabilities of belonging to each component)', yLabel: '',
  point: (v) => [v[0], v[1]], cov: () => ({ xx: 0, xy: 0, yy: 0 }), oneD: false, key: 'map', shown: [], map: true,
};

/**
 * The plane for the current choices; for a single fitted column the y axis is the point's certainty. The
 * principal-component plane needs `pca` (computed on request); until it is there the columns are shown.
 */
export function planeFor(result: FitResultDto, ui: UiState, pca: PcaDto | null = null): ScatterPlane {
  const cols = result.columns;
  if (cols.length === 0) return MAP_PLANE;
  if (cols.length < 2) return { ...columnPlane(cols, 0, 0), yLabel: 'certainty (largest membership probability)', oneD: true, key: 'one', shown: [0] };
  if (ui.plane === 'pca' && pca) return { ...pcaPlane(pca), oneD: false, key: 'pca' };
  const a = Math.max(0, cols.indexOf(ui.xColumn ?? ''));
  let b = cols.indexOf(ui.yColumn ?? '');
  if (b < 0) b = a === 0 ? 1 : 0;
  return { ...columnPlane(cols, a, b), oneD: false, key: `${a}|${b}`, shown: [a, b] };
}

/**
 * Each component's marker, so components differ by shape as well as colour (red and green, say, look alike to many
 * people). Filled shapes first; the last ones are drawn as outlines.
 */
export const COMPONENT_SHAPES = ['circle', 'rect', 'triangle', 'rectRot', 'rectRounded', 'star', 'crossRot', 'cross'] as const;
const OUTLINE_SHAPES: ReadonlySet<string> = new Set(['star', 'crossRot', 'cross']);

/** The marker of component k (shapes repeat beyond eight components). */
export function componentShape(k: number): (typeof COMPONENT_SHAPES)[number] {
  return COMPONENT_SHAPES[k % COMPONENT_SHAPES.length];
}

/** How many of a compared column's groups get their own colour; the rest share a grey. */
export const MAX_GROUP_COLOURS = 12;

/** Smaller, lighter points when many are drawn, so the clusters' shapes stay readable. */
export function pointSize(n: number): { radius: number; alpha: number } {
  if (n > 10_000) return { radius: 1.6, alpha: 0.55 };
  if (n > 2_000) return { radius: 2.2, alpha: 0.75 };
  return { radius: 3, alpha: 1 };
}

/** Opacity per certainty level, from unsure (near 1/K) to certain. */
export const LEVEL_ALPHA = [0.15, 0.3, 0.45, 0.62, 0.8, 0.92] as const;

/**
 * The opacity level (index into LEVEL_ALPHA) of a point whose largest responsibility is `c` among K components:
 * c is rescaled from [1/K, 1] to [0, 1] and cut into equal steps, the last step kept for c ≥ 0.99.
 */
export function certaintyLevel(c: number, K: number): number {
  const top = LEVEL_ALPHA.length - 1;
  if (K <= 1 || c >= 0.99) return top;
  const t = Math.min(1, Math.max(0, (c - 1 / K) / (1 - 1 / K)));
  return Math.min(top - 1, Math.floor(t * top));
}

/** The sample's points on one plane, and the rows in x order (rows with a non-finite coordinate left out). */
interface Projected {
  xs: Float64Array;
  ys: Float64Array;
  /** 1 where a shown coordinate (any, for principal components) was imputed. */
  imputed: Uint8Array;
  order: Int32Array;
}

/** Projections per sample and plane: replay and recolouring move no points, so they re-use them. */
const projections = new WeakMap<SampleDto, Map<string, Projected>>();

function projectSample(sample: SampleDto, plane: ScatterPlane): Projected {
  let byPlane = projections.get(sample);
  if (!byPlane) projections.set(sample, (byPlane = new Map()));
  const hit = byPlane.get(plane.key);
  if (hit) return hit;
  const n = sample.values.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const imputed = new Uint8Array(n);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const [x, y] = plane.point(plane.map ? sample.map?.[i] ?? [NaN, NaN] : sample.values[i]);
    xs[i] = x;
    ys[i] = y;
    const imp = sample.imputed[i] ?? [];
    imputed[i] = (plane.shown ? plane.shown.some((a) => imp[a]) : imp.some(Boolean)) ? 1 : 0;
    if (Number.isFinite(x) && (plane.oneD || Number.isFinite(y))) keep.push(i);
  }
  const order = Int32Array.from(keep.sort((a, b) => xs[a] - xs[b]));
  const p = { xs, ys, imputed, order };
  byPlane.set(plane.key, p);
  return p;
}

export function buildScatterData(
  result: FitResultDto, model: DisplayModel, ui: UiState, theme: Theme, pca: PcaDto | null = null, comparison: ComparisonDto | null = null,
): ScatterData {
  const plane = planeFor(result, ui, pca);
  const { sample } = result;
  const K = model.params.nComponents;
  const datasets: ScatterData['datasets'] = [];
  const roles: ScatterData['roles'] = [];
  const rows: number[][] = [];
  // Points are grouped by (component, certainty level or compared group, imputed) so every dataset has constant
  // styling: Chart.js then shares one options object per dataset instead of resolving 20,000 (much faster). Walking
  // the rows in x order keeps every group sorted by x, which `parsing: false` relies on.
  const proj = projectSample(sample, plane);
  const L = LEVEL_ALPHA.length;
  const G = comparison ? Math.min(comparison.levels.length, MAX_GROUP_COLOURS) + 1 : L;
  const groups: ({ k: number; level: number; imputed: boolean; points: { x: number; y: number }[]; rows: number[] } | undefined)[] = [];
  let nPoints = 0;
  for (let j = 0; j < proj.order.length; j++) {
    const i = proj.order[j];
    const k = model.labels[i];
    if (k === undefined || k < 0 || k >= K) continue;
    const certainty = model.certainty[i] ?? 1;
    const y = plane.oneD ? certainty : proj.ys[i];
    const imputed = proj.imputed[i] === 1;
    // Coloured by a column: the "level" is the row's group (the last slot for missing cells and grouped-up levels).
    const code = comparison ? comparison.sampleCodes[i] ?? -1 : -1;
    const level = comparison ? (code >= 0 && code < G - 1 ? code : G - 1) : certaintyLevel(certainty, K);
    const slot = (k * G + level) * 2 + (imputed ? 1 : 0);
    let g = groups[slot];
    if (!g) groups[slot] = g = { k, level, imputed, points: [], rows: [] };
    g.points.push({ x: proj.xs[i], y });
    g.rows.push(i);
    nPoints++;
  }
  const sorted = groups.filter((g) => g !== undefined);
  const dense = pointSize(nPoints);
  const ink = theme.foreground;
  const grey = parseColor(theme.lines) ?? { r: 128, g: 128, b: 128, a: 1 };
  for (let k = 0; k < K; k++) {
    const color = theme.component(k);
    const name = `Component ${k + 1}`;
    const shape = componentShape(k);
    const outline = OUTLINE_SHAPES.has(shape);
    for (const g of sorted.filter((h) => h.k === k)) {
      const fill = comparison
        ? withAlpha(g.level < G - 1 ? theme.component(g.level) : grey, 0.85 * dense.alpha)
        : withAlpha(color, LEVEL_ALPHA[g.level] * dense.alpha);
      const group = comparison ? (g.level < G - 1 ? comparison.levels[g.level] : 'other or missing') : '';
      datasets.push({
        // Sorted {x, y} numbers already: skip Chart.js's parsing pass (it then relies on x being sorted).
        parsing: false,
        label: comparison ? `${name}, ${comparison.column} = ${group}` : name,
        data: g.points,
        backgroundColor: fill,
        borderColor: g.imputed ? ink : outline ? fill : 'transparent',
        borderWidth: g.imputed ? 1 : outline ? 1.5 : 0,
        pointStyle: shape,
        pointRadius: g.imputed ? dense.radius + 1.5 : outline ? dense.radius + 1 : dense.radius,
        pointHoverRadius: 6,
        order: 3,
      });
      roles.push({ k, role: 'points' });
      rows.push(g.rows);
    }

    if (plane.map) {
      const corner = sample.mapCorners?.[k];
      if (corner) {
        datasets.push({
          label: `${name} corner`, data: [{ x: corner[0], y: corner[1] }], backgroundColor: withAlpha(color, 1), borderColor: ink,
          borderWidth: 2, pointStyle: 'rectRot', pointRadius: 8, pointHoverRadius: 10, order: 0,
        });
        roles.push({ k, role: 'mean' });
        rows.push([]);
      }
      continue;
    }
    const mean = model.params.means[k];
    const [mx, my0] = plane.point(mean);
    const sigma = plane.cov(covarianceMatrix(model.params, k));
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
      const width = theme.highContrast ? 3 : r === 1 ? 2 : 1.5;
      const line = { data: pts, showLine: true, pointRadius: 0, pointHitRadius: 0, backgroundColor: 'transparent', borderDash: r === 2 ? [6, 4] : [] };
      // A halo in the background colour under the line keeps the ellipse visible over points of its own colour.
      datasets.push({ ...line, label: `${name} ${r}σ halo`, borderColor: withAlpha(theme.background, 0.85), borderWidth: width + 3, order: 2 });
      roles.push({ k, role: 'halo' });
      rows.push([]);
      datasets.push({ ...line, label: `${name} ${r}σ`, borderColor: withAlpha(color, r === 1 ? 1 : 0.85), borderWidth: width, order: 1 });
      roles.push({ k, role: r === 1 ? 'ellipse1' : 'ellipse2' });
      rows.push([]);
    }
  }
  return { datasets, roles, rows, xLabel: plane.xLabel, yLabel: plane.yLabel, nPoints };
}
