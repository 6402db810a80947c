/**
 * Box and lasso selection in the cluster scatter. In "Pan" mode the chart pans and zooms as before; in "Box" or
 * "Lasso" mode a transparent layer over the chart takes the pointer, draws the shape, and hands the drawn points
 * inside it (their sample indices) to `onSelect`. The shape stays drawn until the next one or a change of mode.
 */
import { withAlpha } from '../colors';
import { el } from '../dom';
import type { Theme } from '../theme';
import { enclosed, type Pt } from './selectGeometry';

export type SelectMode = 'pan' | 'box' | 'lasso';

/** Least distance between two kept points of a lasso. */
const MIN_LASSO_STEP_PX = 3;

/** What the selection needs of the scatter. */
export interface SelectableChart {
  /** The element the chart canvas sits in (position: relative). */
  readonly box: HTMLElement;
  /** Every point drawn and shown now, in CSS pixels of the canvas, with its sample index as `id`. */
  drawnPoints(): (Pt & { id: number })[];
}

export class ScatterSelection {
  /** The mode buttons, for the chart's toolbar. */
  readonly controls: HTMLElement;
  private readonly layer = el('canvas', { class: 'select-layer', hidden: true, 'aria-hidden': 'true' });
  private readonly buttons = new Map<SelectMode, HTMLButtonElement>();
  private mode: SelectMode = 'pan';
  private path: Pt[] = [];
  private dragging = false;

  constructor(private readonly chart: SelectableChart, private readonly theme: () => Theme, private readonly onSelect: (samples: number[]) => void) {
    this.controls = el('div', { class: 'segmented', role: 'group', 'aria-label': 'Drag to' });
    const labels: [SelectMode, string, string][] = [
      ['pan', 'Pan', 'Drag to pan, scroll to zoom'],
      ['box', 'Box', 'Drag a box to list the points inside it in the Rows view'],
      ['lasso', 'Lasso', 'Draw around points to list them in the Rows view'],
    ];
    for (const [mode, label, title] of labels) {
      const b = el('button', { type: 'button', class: 'secondary', id: `scatter-mode-${mode}`, title, 'aria-pressed': mode === 'pan' ? 'true' : 'false' }, label);
      b.addEventListener('click', () => this.setMode(mode));
      this.buttons.set(mode, b);
      this.controls.append(b);
    }
    chart.box.append(this.layer);
    this.layer.addEventListener('pointerdown', (e) => this.down(e));
    this.layer.addEventListener('pointermove', (e) => this.move(e));
    this.layer.addEventListener('pointerup', (e) => this.up(e));
    this.layer.addEventListener('pointercancel', () => { this.dragging = false; this.path = []; this.draw(); });
  }

  setMode(mode: SelectMode): void {
    this.mode = mode;
    for (const [m, b] of this.buttons) b.setAttribute('aria-pressed', m === mode ? 'true' : 'false');
    this.layer.hidden = mode === 'pan';
    this.path = [];
    this.draw();
  }

  /** Clears the drawn shape (the chart was redrawn with other points). */
  clear(): void {
    this.path = [];
    this.draw();
  }

  private point(e: PointerEvent): Pt {
    const r = this.layer.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private down(e: PointerEvent): void {
    if (this.mode === 'pan' || e.button !== 0) return;
    this.layer.setPointerCapture(e.pointerId);
    this.dragging = true;
    this.path = [this.point(e)];
    e.preventDefault();
  }

  private move(e: PointerEvent): void {
    if (!this.dragging) return;
    const p = this.point(e);
    const last = this.path[this.path.length - 1];
    if (this.mode === 'box') this.path = [this.path[0], p];
    // A lasso keeps a point every few pixels: as exact to the eye, and the hit test is per edge.
    else if (Math.hypot(p.x - last.x, p.y - last.y) >= MIN_LASSO_STEP_PX) this.path.push(p);
    this.draw();
  }

  private up(e: PointerEvent): void {
    if (!this.dragging) return;
    this.dragging = false;
    this.move(e);
    const shape = { kind: this.mode === 'box' ? 'box' as const : 'lasso' as const, path: this.path };
    this.onSelect(enclosed(this.chart.drawnPoints(), shape));
  }

  private draw(): void {
    const canvas = this.layer;
    const w = this.chart.box.clientWidth, h = this.chart.box.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (this.path.length < 2) return;
    const theme = this.theme();
    ctx.strokeStyle = theme.foreground;
    ctx.fillStyle = withAlpha(theme.component(0), 0.12);
    ctx.lineWidth = 1.5;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    if (this.mode === 'box') {
      const [a, b] = this.path;
      ctx.rect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y));
    } else {
      ctx.moveTo(this.path[0].x, this.path[0].y);
      for (const p of this.path.slice(1)) ctx.lineTo(p.x, p.y);
      ctx.closePath();
    }
    ctx.fill();
    ctx.stroke();
  }
}
