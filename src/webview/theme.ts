/** Reads the chart colours from VS Code's theme variables and tells when the theme changes. */
import { CHART_COLOR_VARS, componentPalette, luminance, parseColor, type Theme } from './colors';

/** The theme's named chart colours when it leaves one unset (VS Code's dark defaults). */
const NAMED_FALLBACK: Record<(typeof CHART_COLOR_VARS)[number], string> = {
  blue: '#3794ff', red: '#f14c4c', green: '#89d185', yellow: '#cca700', orange: '#d18616', purple: '#b180d7',
};

export type { Theme } from './colors';

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim();
}

/** Reads the current theme from `document.body`'s computed style. */
export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const themeColors = CHART_COLOR_VARS.map((name) => cssVar(style, `--vscode-charts-${name}`) || undefined);
  const foreground = cssVar(style, '--vscode-charts-foreground') || cssVar(style, '--vscode-foreground') || '#cccccc';
  const lines = cssVar(style, '--vscode-charts-lines') || cssVar(style, '--vscode-widget-border') || 'rgba(128, 128, 128, 0.35)';
  const background = parseColor(cssVar(style, '--vscode-editor-background')) ?? { r: 30, g: 30, b: 30, a: 1 };
  const cls = document.body.classList;
  const highContrast = cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light');
  const isDark = luminance(background) < 0.4;
  const palette = componentPalette(12, isDark);
  const fontFamily = cssVar(style, '--vscode-font-family') || 'sans-serif';
  return {
    foreground,
    lines,
    background,
    isDark,
    highContrast,
    fontFamily,
    component: (k) => palette[k] ?? componentPalette(k + 1, isDark)[k],
    named: (name) => parseColor(themeColors[CHART_COLOR_VARS.indexOf(name)] ?? '') ?? parseColor(NAMED_FALLBACK[name])!,
  };
}

/** Calls `onChange` when VS Code switches theme (it rewrites body's class, e.g. `vscode-dark` → `vscode-light`). */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(() => onChange()).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
}
