/** Webview entry: restore the kept state, build the panel, say `ready`, and route every host message. */
import { assertNever } from '../protocol/assertNever';
import type { ToWebview } from '../protocol/webview';
import { App } from './app';
import { restoreState } from './state';
import { watchTheme } from './theme';
import { loadState, post } from './vscodeApi';

const root = document.getElementById('app') ?? document.body;
const app = new App(root, restoreState(loadState()));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  try {
    handle(msg);
  } catch (e) {
    // A message the panel cannot draw must not leave it dead: say so and stay usable.
    app.error({ code: 'webview-error', message: `The panel could not show the ${String(msg?.type)} message: ${e instanceof Error ? e.message : String(e)}` });
  }
});

function handle(msg: ToWebview): void {
  switch (msg.type) {
    case 'init':
      app.init(msg.status, msg.dataset, msg.settings, msg.result, msg.error, msg.stale);
      break;
    case 'dataset':
      app.setDataset(msg.dataset, msg.settings);
      break;
    case 'progress':
      app.progress(msg.progress);
      break;
    case 'result':
      app.result(msg.result);
      break;
    case 'error':
      app.error(msg.error);
      break;
    case 'cancelled':
      app.cancelled();
      break;
    case 'stale':
      app.stale(msg.stale);
      break;
    case 'pca':
      app.pca(msg.pca, msg.problem);
      break;
    case 'rows':
      app.rows(msg.requestId, msg.page, msg.problem);
      break;
    case 'compare':
      app.compared(msg.column, msg.comparison, msg.problem);
      break;
    default:
      assertNever(msg, 'message');
  }
}

watchTheme(() => app.retheme());
post({ type: 'ready' });
