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

/** Replaces the kept state (callers merge with `mergeState` first). */
export function saveState(state: PanelState): void {
  api.setState(state);
}
