/**
 * Hover without redrawing every point. Chart.js redraws the whole chart whenever the hovered point changes, and
 * drawing 20,000 points with their marker shapes takes 100–200 ms: hovering a large scatter stalled the panel (long
 * tasks, frames 300 ms apart). This plugin keeps a copy of the canvas as it is after the datasets are drawn and, when a
 * render follows no update (a hover, a tooltip), paints that copy instead of the datasets, then the hovered points on
 * top. Any update (new data, zoom, pan, a component hidden, a resize) draws the datasets again and renews the copy.
 */
import type { Chart, ChartArea, Plugin } from 'chart.js';

/** A point or line element (Chart.js's Element type leaves out `draw`). */
interface Drawable { draw(ctx: CanvasRenderingContext2D, area?: ChartArea): void }

interface CacheState { copy: HTMLCanvasElement | null; valid: boolean }

const states = new WeakMap<Chart, CacheState>();

function stateOf(chart: Chart): CacheState {
  let s = states.get(chart);
  if (!s) { s = { copy: null, valid: false }; states.set(chart, s); }
  return s;
}

/** Per-chart plugin (pass it in the chart's `plugins`, not `Chart.register`). */
export const pointCachePlugin: Plugin = {
  id: 'emPointCache',
  afterUpdate(chart) {
    stateOf(chart).valid = false;
  },
  resize(chart) {
    stateOf(chart).valid = false;
  },
  beforeDatasetsDraw(chart) {
    const s = stateOf(chart);
    const canvas = chart.canvas;
    if (!s.valid || !s.copy || s.copy.width !== canvas.width || s.copy.height !== canvas.height) {
      // The copy must not keep a hovered point's highlight: the datasets are drawn in their plain style first.
      setHover(chart, false);
      s.valid = false;
      return true;
    }
    const ctx = chart.ctx;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(s.copy, 0, 0);
    ctx.restore();
    drawActive(chart);
    return false;
  },
  afterDatasetsDraw(chart) {
    const s = stateOf(chart);
    if (s.valid) return;
    capture(chart, s);
    setHover(chart, true);
    drawActive(chart);
  },
};

/** Switches the hovered points' hover style off or back on (Chart.js swaps an element's options for it). */
function setHover(chart: Chart, on: boolean): void {
  for (const a of chart.getActiveElements()) {
    const meta = chart.getDatasetMeta(a.datasetIndex);
    const el = meta.data[a.index];
    if (!el) continue;
    if (on) meta.controller.setHoverStyle(el, a.datasetIndex, a.index);
    else meta.controller.removeHoverStyle(el, a.datasetIndex, a.index);
  }
}

/** The hovered points, in their hover style. */
function drawActive(chart: Chart): void {
  for (const a of chart.getActiveElements()) {
    const el = chart.getDatasetMeta(a.datasetIndex).data[a.index] as unknown as Drawable | undefined;
    if (el && chart.isDatasetVisible(a.datasetIndex)) el.draw(chart.ctx, chart.chartArea);
  }
}

/** Copies the canvas as drawn so far (scales and datasets, no tooltip) for the renders that follow no update. */
function capture(chart: Chart, s: CacheState): void {
  const canvas = chart.canvas;
  if (!s.copy) s.copy = document.createElement('canvas');
  if (s.copy.width !== canvas.width) s.copy.width = canvas.width;
  if (s.copy.height !== canvas.height) s.copy.height = canvas.height;
  const ctx = s.copy.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, s.copy.width, s.copy.height);
  ctx.drawImage(canvas, 0, 0);
  s.valid = true;
}
