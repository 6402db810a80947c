/** Chart.js set-up shared by the charts: only the parts we use are registered (tree-shaking), themed from VS Code. */
import { Chart, Legend, LinearScale, LineElement, PointElement, ScatterController, Tooltip } from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { button, el } from '../dom';
import { withAlpha } from '../colors';
import type { ChartName } from '../../protocol/webview';
import type { Theme } from '../theme';
import { post } from '../vscodeApi';

Chart.register(ScatterController, PointElement, LineElement, LinearScale, Tooltip, Legend, zoomPlugin);

/** Applies the theme's text, line and font to every chart created afterwards. */
export function applyChartDefaults(theme: Theme): void {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.lines;
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.tooltip.backgroundColor = withAlpha(theme.background, 0.95);
  Chart.defaults.plugins.tooltip.titleColor = theme.foreground;
  Chart.defaults.plugins.tooltip.bodyColor = theme.foreground;
  Chart.defaults.plugins.tooltip.borderColor = theme.lines;
  Chart.defaults.plugins.tooltip.borderWidth = 1;
}

/** A titled box holding one chart canvas, a toolbar and a "Save PNG" button. */
export interface ChartCard {
  root: HTMLElement;
  toolbar: HTMLElement;
  canvas: HTMLCanvasElement;
  /** Text under the chart (captions, "showing n of N rows"). */
  footer: HTMLElement;
  /** Sets the chart's text alternative: what it shows, in words, for screen readers (aria-describedby). */
  describe(text: string): void;
}

export function chartCard(title: string, canvasId: string, pngName: ChartName, theme: () => Theme): ChartCard {
  const description = el('p', { class: 'visually-hidden', id: `${canvasId}-description` });
  const canvas = el('canvas', { id: canvasId, role: 'img', 'aria-label': title, 'aria-describedby': `${canvasId}-description` });
  const toolbar = el('div', { class: 'toolbar' });
  const save = button('Save PNG', () => savePng(canvas, pngName, theme()), { class: 'secondary', title: `Save the ${title.toLowerCase()} as a PNG file` });
  const footer = el('div', { class: 'chart-footer' });
  const root = el(
    'section',
    { class: 'card chart-card' },
    el('div', { class: 'card-header' }, el('h2', {}, title), save),
    toolbar,
    el('div', { class: 'chart-box' }, canvas),
    description,
    footer,
  );
  return { root, toolbar, canvas, footer, describe: (text) => { description.textContent = text; } };
}

/** Posts the canvas as a PNG, painted over the editor background (a bare canvas is transparent). */
export function savePng(canvas: HTMLCanvasElement, name: ChartName, theme: Theme): void {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = withAlpha(theme.background, 1);
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  post({ type: 'savePng', name, dataUrl: out.toDataURL('image/png') });
}

export { Chart };
