/**
 * Which drawn points a box or a lasso in the scatter encloses, in canvas pixels. Pure (no DOM), unit-tested in
 * test/unit/webview/selectGeometry.test.ts.
 */

export interface Pt {
  x: number;
  y: number;
}

/** Whether `p` lies inside the polygon (even–odd rule; a point on an edge may fall either way). */
export function insidePolygon(p: Pt, polygon: readonly Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i], b = polygon[j];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Whether `p` lies in the box spanned by two corners (edges included). */
export function insideBox(p: Pt, a: Pt, b: Pt): boolean {
  return p.x >= Math.min(a.x, b.x) && p.x <= Math.max(a.x, b.x) && p.y >= Math.min(a.y, b.y) && p.y <= Math.max(a.y, b.y);
}

/**
 * The `id`s of the points inside the shape: a box (two corners) or a lasso (three points or more, closed
 * implicitly). A lasso is tested against its bounding box first, so a small lasso over many points is cheap.
 */
export function enclosed<T extends Pt & { id: number }>(points: readonly T[], shape: { kind: 'box' | 'lasso'; path: readonly Pt[] }): number[] {
  const path = shape.path;
  if (path.length < 2 || (shape.kind === 'lasso' && path.length < 3)) return [];
  if (shape.kind === 'box') return points.filter((p) => insideBox(p, path[0], path[path.length - 1])).map((p) => p.id);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const q of path) { x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y); }
  const out: number[] = [];
  for (const p of points) {
    if (p.x < x0 || p.x > x1 || p.y < y0 || p.y > y1) continue;
    if (insidePolygon(p, path)) out.push(p.id);
  }
  return out;
}
