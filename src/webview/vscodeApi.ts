/** The one handle on VS Code: `acquireVsCodeApi()` may be called only once per page. */
import type { FromWebview } from '../protocol/webview';
import type { PanelState } from './state';

const api = acquireVsCodeApi<PanelState>();

/** Sends a typed message to the extension host. */
export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** The state VS Code kept for this panel (undefined on first open). */
export function loadState(): unknown {
  return api.getState();
}

let pending: PanelState | undefined;
let timer: number | undefined;

/**
 * Replaces the kept state (callers merge with `mergeState` first). Debounced: the state holds the last result
 * (up to maxPoints rows), and VS Code serialises all of it on every call, e.g. on each replay frame.
 */
export function saveState(state: PanelState): void {
  pending = state;
  if (timer === undefined) timer = window.setTimeout(flushState, 250);
}

/** Writes a pending state now. */
export function flushState(): void {
  if (timer !== undefined) window.clearTimeout(timer);
  timer = undefined;
  if (pending) api.setState(pending);
  pending = undefined;
}

window.addEventListener('pagehide', flushState);
