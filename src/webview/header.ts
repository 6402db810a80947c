/** The panel's header: file name, size, status line, progress, Fit and Cancel; and the error box below it. */
import type { DatasetDto, ErrorDto, ProgressDto } from '../protocol/model';
import { progressFraction, progressText } from './progress';
import type { PanelStatus } from '../protocol/webview';
import { button, el } from './dom';
import { formatBytes, formatCount } from './format';

export class Header {
  readonly root: HTMLElement;
  readonly errorBox: HTMLElement;
  private readonly fileName = el('h1', { id: 'file-name' }, 'EM Explorer');
  private readonly meta = el('span', { class: 'muted', id: 'file-meta' });
  private readonly status = el('div', { id: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  private readonly bar = el('progress', { id: 'progress', max: 1 });
  private readonly progressLine = el('span', { id: 'progress-text', class: 'muted' });
  private readonly progressRow = el('div', { class: 'progress-row' }, this.bar, this.progressLine);
  private readonly error = el('div', { id: 'error' });
  /** Says the file changed since it was read: the result is of the old data until the next fit. */
  readonly staleBanner = el('div', { class: 'banner stale', id: 'stale-banner', role: 'status', hidden: true });
  readonly fitButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;

  constructor(onFit: () => void, onCancel: () => void) {
    this.fitButton = button('Fit', onFit, { id: 'fit-button', class: 'primary', title: 'Fit the mixture model with these options' });
    this.cancelButton = button('Cancel', onCancel, { id: 'cancel-button', class: 'secondary', title: 'Stop the running fit' });
    this.root = el(
      'header',
      { class: 'panel-header' },
      el('div', { class: 'title-row' }, el('div', { class: 'title' }, this.fileName, this.meta), el('div', { class: 'actions' }, this.fitButton, this.cancelButton)),
      this.status,
      this.progressRow,
      this.staleBanner,
    );
    this.errorBox = el(
      'div',
      { class: 'error-box', role: 'alert', hidden: true },
      el('span', { class: 'error-icon', 'aria-hidden': 'true' }, '!'),
      this.error,
      button('Dismiss', () => this.setError(null), { class: 'secondary', id: 'error-dismiss' }),
    );
    this.progressRow.hidden = true;
  }

  setDataset(d: DatasetDto | null): void {
    this.fileName.textContent = d ? d.fileName : 'EM Explorer';
    this.meta.textContent = d ? `${formatCount(d.nRows)} rows · ${d.columns.length} columns · ${d.format.toUpperCase()} · ${formatBytes(d.sizeBytes)}` : '';
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  /**
   * Enables Fit/Cancel for the state of the work, and moves the focus with it: when a fit starts from the Fit button
   * (about to be disabled) focus goes to Cancel; when the work ends with focus on Cancel (or lost to the page), it
   * returns to Fit. Focus elsewhere (a column, an option) is left where it is.
   */
  setBusy(status: PanelStatus, canFit: boolean): void {
    const busy = status === 'fitting' || status === 'loading';
    const active = document.activeElement;
    const lost = active === null || active === document.body;
    this.fitButton.disabled = busy || !canFit;
    this.cancelButton.disabled = !busy;
    if (busy && status === 'fitting' && (active === this.fitButton || lost)) this.cancelButton.focus();
    if (!busy && (active === this.cancelButton || lost) && !this.fitButton.disabled) this.fitButton.focus();
    if (!busy) this.progressRow.hidden = true;
  }

  setProgress(p: ProgressDto | null): void {
    if (!p) {
      this.progressRow.hidden = true;
      return;
    }
    this.progressRow.hidden = false;
    this.progressLine.textContent = progressText(p);
    const f = progressFraction(p);
    if (f === undefined) this.bar.removeAttribute('value');
    else this.bar.value = f;
  }

  /** Shows or hides the note that the data file changed since it was read. */
  setStale(stale: boolean, fileName: string | null): void {
    this.staleBanner.hidden = !stale;
    this.staleBanner.textContent = stale
      ? `${fileName ?? 'The data file'} has changed since it was read: what is shown is of the old data. Press Fit to read it again.`
      : '';
  }

  /** Shows an error (or clears it with null). The panel stays usable. */
  setError(e: ErrorDto | null): void {
    if (!e) {
      this.error.textContent = '';
      this.errorBox.hidden = true;
      return;
    }
    const where = [e.line !== undefined ? `line ${e.line}` : '', e.column !== undefined ? `column “${e.column}”` : ''].filter(Boolean).join(', ');
    this.error.textContent = where && !e.message.includes(String(e.line ?? '\u0000')) ? `${e.message} (${where})` : e.message;
    this.error.setAttribute('data-code', e.code);
    this.errorBox.hidden = false;
  }
}
