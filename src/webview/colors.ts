/** Colour parsing and mixing for chart colours. Pure (no DOM), unit-tested in test/unit/webview/colors.test.ts. */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` and `rgba(…)`; undefined for anything else. */
export function parseColor(text: string): Rgba | undefined {
  const s = text.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s);
  if (m) {
    let hex = m[1];
    if (hex.length <= 4) hex = [...hex].map((ch) => ch + ch).join('');
    const n = (i: number) => parseInt(hex.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: hex.length === 8 ? n(6) / 255 : 1 };
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(s);
  if (m) {
    const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { r: +m[1], g: +m[2], b: +m[3], a: alpha };
  }
  return undefined;
}

/** CSS text for a colour with its alpha multiplied by `alpha`. */
export function withAlpha(c: Rgba, alpha: number): string {
  const a = Math.round(Math.min(1, Math.max(0, c.a * alpha)) * 1000) / 1000;
  return `rgba(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)}, ${a})`;
}

/** Linear mix of two colours (t = 0 gives `a`, 1 gives `b`). */
export function mix(a: Rgba, b: Rgba, t: number): Rgba {
  const u = Math.min(1, Math.max(0, t));
  return { r: a.r + (b.r - a.r) * u, g: a.g + (b.g - a.g) * u, b: a.b + (b.b - a.b) * u, a: a.a + (b.a - a.a) * u };
}

/** Relative luminance (0 black … 1 white), to tell dark backgrounds from light. */
export function luminance(c: Rgba): number {
  const lin = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** The six VS Code chart colours, in the order components take them. */
export const CHART_COLOR_VARS = ['blue', 'red', 'green', 'yellow', 'orange', 'purple'] as const;

/**
 * The components' colours: Okabe & Ito's palette, chosen to stay distinct for the common kinds of colour blindness
 * (red and green, which many people cannot tell apart, are never the only difference: every component also has its
 * own marker shape). Then further distinct hues, then golden-angle hues for very large K.
 */
export const COMPONENT_PALETTE: readonly string[] = [
  '#0072b2', '#e69f00', '#009e73', '#d55e00', '#56b4e9', '#cc79a7', '#f0e442', '#8c8c8c',
  '#6a3d9a', '#b15928', '#1f78b4', '#33a02c',
];

/**
 * The colour of each of `n` components. On a dark background the darker colours are lightened (mixed 30% with white)
 * so every one keeps a contrast of about 3:1 or more against the editor.
 */
export function componentPalette(n: number, isDark: boolean): Rgba[] {
  const white = { r: 255, g: 255, b: 255, a: 1 };
  const out: Rgba[] = [];
  for (let k = 0; k < n; k++) {
    const base = (k < COMPONENT_PALETTE.length ? parseColor(COMPONENT_PALETTE[k]) : undefined) ?? hsl((k * 137.508) % 360, 0.6, isDark ? 0.62 : 0.45);
    out.push(isDark && luminance(base) < 0.2 ? mix(base, white, 0.3) : base);
  }
  return out;
}

/** HSL (h in degrees, s and l in 0…1) to RGB. */
export function hsl(h: number, s: number, l: number): Rgba {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return { r: (r + m) * 255, g: (g + m) * 255, b: (b + m) * 255, a: 1 };
}

/** The colours and fonts charts draw with, read from VS Code's theme by theme.ts. */
export interface Theme {
  foreground: string;
  /** Grid and axis lines. */
  lines: string;
  background: Rgba;
  isDark: boolean;
  highContrast: boolean;
  /** The font VS Code uses, for chart text. */
  fontFamily: string;
  /** Colour of component k (COMPONENT_PALETTE, lightened on dark themes). */
  component(k: number): Rgba;
  /** The theme's chart colours by name (blue, red, …). */
  named(name: (typeof CHART_COLOR_VARS)[number]): Rgba;
}

/** WCAG contrast ratio of two opaque colours (1 … 21). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * A cell shaded with `color` at `alpha` over the editor background: its background as CSS, and a text colour that
 * reads on it (the theme's foreground when that has a contrast of 4.5 or more, else black or white).
 */
export function shade(color: Rgba, alpha: number, theme: { background: Rgba; foreground: string }): { background: string; ink: string } {
  const bg = mix(theme.background, color, Math.max(0, Math.min(1, alpha)));
  const fg = parseColor(theme.foreground);
  if (fg && contrastRatio(fg, bg) >= 4.5) return { background: withAlpha(bg, 1), ink: theme.foreground };
  const black = { r: 0, g: 0, b: 0, a: 1 }, white = { r: 255, g: 255, b: 255, a: 1 };
  return { background: withAlpha(bg, 1), ink: contrastRatio(black, bg) >= contrastRatio(white, bg) ? '#000000' : '#ffffff' };
}
