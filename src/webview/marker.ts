/** A component's mark in legends and tables: its scatter marker's shape as a glyph, in its colour. */
import { COMPONENT_SHAPES, componentShape } from './charts/scatterData';
import { withAlpha } from './colors';
import { el } from './dom';
import type { Theme } from './theme';

/** The glyph of each marker shape (same order as COMPONENT_SHAPES). */
const GLYPHS: Record<(typeof COMPONENT_SHAPES)[number], string> = {
  circle: '●', rect: '■', triangle: '▲', rectRot: '◆', rectRounded: '▢', star: '✱', crossRot: '✕', cross: '✚',
};

/** The glyph of component k's marker. */
export function markerGlyph(k: number): string {
  return GLYPHS[componentShape(k)];
}

/** A decorative span (hidden from screen readers, which read the component's number beside it). */
export function componentMarker(k: number, theme: Theme): HTMLElement {
  const s = el('span', { class: 'marker', 'aria-hidden': 'true', 'data-shape': componentShape(k) }, markerGlyph(k));
  s.style.color = withAlpha(theme.component(k), 1);
  return s;
}
