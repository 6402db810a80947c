/** The fit summary (stable `data-field` hooks with full-precision `data-value`s), notices, advice and export buttons. */
import { modelName } from './paramsView';
import type { FitResultDto } from '../protocol/model';
import { button, el, replaceChildren } from './dom';
import { formatCount, formatDuration, formatNumber } from './format';
import { post } from './vscodeApi';
import { needsMoreStarts, startsSentence } from './startsText';

export class SummaryView {
  readonly root: HTMLElement;
  private readonly list = el('dl', { id: 'summary', class: 'summary' });
  private readonly advice = el('p', { class: 'advice', id: 'advice', hidden: true });
  /** How sure the fit is: what the starts found. */
  private readonly starts = el('p', { id: 'starts-note' });
  private readonly notices = el('ul', { class: 'notices', id: 'fit-notices' });

  constructor() {
    this.root = el('section', { class: 'card', id: 'summary-card' },
      el('div', { class: 'card-header' }, el('h2', {}, 'Summary'), el('div', { class: 'toolbar' },
        button('Export labelled CSV', () => post({ type: 'export', kind: 'labels-csv' }), { class: 'secondary', id: 'export-csv', title: 'Write name.clusters.csv beside the file: its columns plus cluster, p_1…p_K, uncertainty' }),
        button('Export labelled JSON', () => post({ type: 'export', kind: 'labels-json' }), { class: 'secondary', id: 'export-json' }),
        button('Parameters JSON', () => post({ type: 'export', kind: 'params-json' }), { class: 'secondary', id: 'export-params' }),
        button('Export as code…', () => post({ type: 'exportCode' }), {
          class: 'secondary', id: 'export-code', title: 'Write a Python (scikit-learn), R (mclust) or PySpark script that reads the file and loads this fit',
        }))),
      this.list, this.starts, this.advice, this.notices);
  }

  update(r: FitResultDto): void {
    const item = (field: string, label: string, raw: string | number | boolean, text: string, cls?: string) =>
      el('div', { class: 'summary-item' }, el('dt', {}, label), el('dd', { 'data-field': field, 'data-value': String(raw), class: cls }, text));
    const missingText = r.settings.missing === 'drop'
      ? `${formatCount(r.nDropped)} dropped`
      : `${formatCount(r.nImputedRows)} imputed${r.nDropped ? `, ${formatCount(r.nDropped)} dropped (all cells missing)` : ''}`;
    const sel = r.selection && r.chosen !== undefined ? r.selection[r.chosen] : undefined;
    replaceChildren(this.list,
      item('nComponents', 'Components', r.params.nComponents, `${r.params.nComponents}${sel ? ' (by BIC)' : ''}`),
      item('model', 'Covariance model', modelName(r.params), modelName(r.params)),
      item('rowsUsed', 'Rows used', r.nRowsUsed, formatCount(r.nRowsUsed)),
      item('rowsMissing', 'Rows with missing cells', r.nImputedRows + r.nDropped, missingText),
      item('logLikelihood', 'Log-likelihood (total)', r.logLikelihood, formatNumber(r.logLikelihood, 8)),
      item('bic', 'BIC', r.bic, formatNumber(r.bic, 8)),
      item('aic', 'AIC', r.aic, formatNumber(r.aic, 8)),
      item('icl', 'ICL', r.icl, formatNumber(r.icl, 8)),
      item('nParameters', 'Free parameters', r.nParameters, String(r.nParameters)),
      item('iterations', 'Iterations', r.iterations, String(r.iterations)),
      item('converged', 'Converged', r.converged, r.converged ? 'yes' : 'no', r.converged ? 'good' : 'warn'),
      item('startsAtBest', 'Starts at this maximum', r.starts.nReachedBest, `${r.starts.nReachedBest} of ${r.starts.nCompleted === r.starts.nStarts ? r.starts.nStarts : `${r.starts.nCompleted} completed`}`, needsMoreStarts(r.starts) ? 'warn' : 'good'),
      item('elapsedMs', 'Time', (r.readMs ?? 0) + r.totalMs, formatDuration((r.readMs ?? 0) + r.totalMs)),
    );
    this.starts.textContent = startsSentence(r.starts);
    this.starts.className = needsMoreStarts(r.starts) ? 'warn' : 'muted';
    this.advice.hidden = r.converged;
    this.advice.textContent = r.converged ? '' : `Did not converge. ${r.advice ?? 'Try more iterations, a larger tolerance, or more restarts.'}`;
    replaceChildren(this.notices, ...r.notices.map((n) => el('li', { 'data-code': n.code }, n.message)));
  }
}
