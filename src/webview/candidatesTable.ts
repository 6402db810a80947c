/**
 * The candidates of a model-selection sweep as a table under its chart: K, model, BIC, ICL, log-likelihood,
 * iterations and each candidate's own time (its fit and refinement), the chosen one marked. A row (click or Enter)
 * shows that model, as a point of the chart does.
 */
import type { FitResultDto } from '../protocol/model';
import { el, replaceChildren } from './dom';
import { candidateStatus } from './candidateStatus';
import { formatDuration, formatNumber } from './format';

export class CandidatesTable {
  readonly root: HTMLDetailsElement;
  private readonly table = el('table', { class: 'data-table', id: 'candidates-table' });
  private readonly summary = el('summary', {}, 'Table of candidates');

  constructor(private readonly onPick: (row: number) => void) {
    this.root = el('details', { class: 'candidates', id: 'candidates' }, this.summary, el('div', { class: 'table-scroll' }, this.table));
    const pick = (e: Event) => {
      const tr = (e.target as Element).closest('tr[data-candidate]');
      if (tr && !tr.classList.contains('unusable')) this.onPick(Number(tr.getAttribute('data-candidate')));
    };
    this.table.addEventListener('click', pick);
    this.table.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(e); });
  }

  update(result: FitResultDto, shown: number | null): void {
    const rows = result.selection ?? [];
    const total = rows.reduce((s, r) => s + r.elapsedMs, 0);
    this.summary.textContent = `Table of candidates (${rows.length}; their fits took ${formatDuration(total)} of the job's ${formatDuration(result.totalMs)})`;
    const head = el('tr', {}, ...['K', 'Model', 'BIC', 'ICL', 'Log-likelihood', 'Iterations', 'Time', ''].map((h, i) =>
      el('th', { scope: 'col', class: i >= 2 && i <= 6 ? 'num' : undefined }, h)));
    const body = rows.map((r, i) => {
      const status = candidateStatus(r, i === result.chosen);
      return el('tr', { 'data-candidate': i, tabindex: r.failure ? undefined : 0, class: r.failure ? 'unusable' : undefined, 'aria-current': i === shown ? 'true' : undefined },
        el('td', {}, String(r.nComponents)),
        el('td', {}, r.model),
        el('td', { class: 'num' }, r.failure ? '–' : formatNumber(r.bic, 7)),
        el('td', { class: 'num' }, r.failure ? '–' : formatNumber(r.icl, 7)),
        el('td', { class: 'num' }, r.failure ? '–' : formatNumber(r.logLikelihood, 7)),
        el('td', { class: 'num' }, String(r.iterations)),
        el('td', { class: 'num', 'data-field': 'elapsedMs', 'data-value': String(r.elapsedMs) }, formatDuration(r.elapsedMs)),
        el('td', { class: 'wrap' }, status));
    });
    replaceChildren(this.table, el('thead', {}, head), el('tbody', {}, ...body));
  }
}
