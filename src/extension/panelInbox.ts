/**
 * Messages from the panel's webview, checked at run time (`checkFromWebview`) and handed to the panel. A message
 * that does not pass is never acted on: it is logged, and a rejected `fit` is answered with an error so the panel
 * does not wait for a fit that will not come.
 */
import { assertNever } from '../protocol/assertNever';
import { checkFromWebview, PNG_PREFIX } from '../protocol/validate';
import type { CodeLanguage, FitSettingsDto } from '../protocol/model';
import type { RowsRequestDto, RowsViewDto } from '../protocol/rows';
import type { ChartName, ExportKind } from '../protocol/webview';

/** What the panel does for each checked message. */
export interface PanelInbox {
  ready(): void;
  fit(settings: FitSettingsDto): void;
  cancel(): void;
  settingsChanged(settings: FitSettingsDto): void;
  export(kind: ExportKind): void;
  /** Export the fit as code (`language` undefined: ask which). */
  exportCode(language: CodeLanguage | undefined): void;
  savePng(name: ChartName, png: Uint8Array): void;
  copy(text: string): void;
  pca(): void;
  cancelPca(): void;
  rows(request: RowsRequestDto): void;
  revealRow(row: number): void;
  exportRows(view: RowsViewDto): void;
  compare(column: string): void;
  rejected(problem: string, wasFit: boolean): void;
}

export function routeWebviewMessage(raw: unknown, inbox: PanelInbox): void {
  const checked = checkFromWebview(raw);
  if (!checked.ok) {
    const wasFit = typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'fit';
    return inbox.rejected(checked.problem, wasFit);
  }
  const m = checked.value;
  switch (m.type) {
    case 'ready': return inbox.ready();
    case 'fit': return inbox.fit(m.settings);
    case 'cancel': return inbox.cancel();
    case 'settingsChanged': return inbox.settingsChanged(m.settings);
    case 'export': return inbox.export(m.kind);
    case 'exportCode': return inbox.exportCode(m.language);
    case 'savePng': return inbox.savePng(m.name, Buffer.from(m.dataUrl.slice(PNG_PREFIX.length), 'base64'));
    case 'copy': return inbox.copy(m.text);
    case 'pca': return inbox.pca();
    case 'cancelPca': return inbox.cancelPca();
    case 'rows': {
      const { type: _type, ...request } = m;
      return inbox.rows(request);
    }
    case 'revealRow': return inbox.revealRow(m.row);
    case 'exportRows': return inbox.exportRows(m.view);
    case 'compare': return inbox.compare(m.column);
    default: return assertNever(m, 'webview message');
  }
}
