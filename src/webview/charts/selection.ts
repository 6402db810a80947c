/** Model selection: BIC (solid) and ICL (dashed) against K, one line per covariance model; click a point to show that model. */
import type { ChartDataset } from 'chart.js';
import type { FitResultDto } from '../../protocol/model';
import { withAlpha } from '../colors';
import { el, replaceChildren } from '../dom';
import { formatDuration, formatNumber } from '../format';
import type { Theme } from '../theme';
import { Chart, chartCard, type ChartCard } from './common';

type Pt = { x: number; y: number; row: number };

/** Marker shapes told apart without colour, one per model line (cycled). */
const MARKERS = ['circle', 'triangle', 'rect', 'rectRot', 'cross', 'line', 'rectRounded'] as const;


export class SelectionView {
  readonly card: ChartCard;
  private chart: Chart<'scatter', Pt[]> | undefined;
  private last: { result: FitResultDto; shown: number | null } | undefined;
  private readonly note = el('p', { class: 'muted' });
  private readonly picker = el('select', { id: 'selection-model', 'aria-label': 'Model shown in the clusters and tables' });

  constructor(private readonly theme: () => Theme, private readonly onPick: (row: number | null) => void) {
    this.card = chartCard('Model selection', 'selection-chart', 'model-selection', theme);
    this.card.footer.append(this.note);
    this.card.toolbar.append(el('label', { class: 'inline' }, 'Show ', this.picker));
    this.picker.addEventListener('change', () => this.onPick(this.picker.value === '' ? null : Number(this.picker.value)));
  }

  update(result: FitResultDto, shown: number | null): void {
    this.last = { result, shown };
    const rows = result.selection ?? [];
    const theme = this.theme();
    const chosen = result.chosen ?? -1;
    const datasets: ChartDataset<'scatter', Pt[]>[] = [];
    replaceChildren(
      this.picker,
      el('option', { value: '' }, 'chosen model'),
      ...rows.map((r, i) => el('option', { value: i, disabled: Boolean(r.failure) }, `K = ${r.nComponents}, ${r.model}${i === chosen ? ' (chosen)' : r.degenerate ? ' (degenerate)' : ''}`)),
    );
    this.picker.value = shown === null || shown === chosen ? '' : String(shown);
    const models = [...new Set(rows.map((r) => r.model))];
    models.forEach((type, s) => {
      const idx = rows.map((r, i) => (r.model === type && !r.failure ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) return;
      const color = theme.component(s);
      // Up to four models: BIC solid and ICL dashed. Beyond, one BIC line per model, as mclust's plot draws it.
      const shape = MARKERS[s % MARKERS.length];
      for (const crit of models.length <= 4 ? (['bic', 'icl'] as const) : (['bic'] as const)) {
        const pts = idx.map((i) => ({ x: rows[i].nComponents, y: rows[i][crit], row: i })).sort((a, b) => a.x - b.x);
        const marked = (i: number) => i === chosen || i === shown;
        datasets.push({
          label: `${crit.toUpperCase()} · ${type}`,
          data: pts,
          showLine: true,
          borderColor: withAlpha(color, crit === 'bic' ? 1 : 0.6),
          backgroundColor: pts.map((p) => withAlpha(color, marked(p.row) ? 1 : crit === 'bic' ? 0.9 : 0.5)),
          borderDash: crit === 'icl' ? [5, 4] : [],
          borderWidth: crit === 'bic' ? 2 : 1.25,
          // A degenerate candidate (collapsed or flat component) is drawn as a cross: its score is not to be trusted.
          pointStyle: pts.map((p) => (p.row === chosen ? 'star' : rows[p.row].degenerate ? 'crossRot' : crit === 'bic' ? shape : 'rect')),
          pointRadius: pts.map((p) => (p.row === chosen ? 10 : p.row === shown ? 7 : 4)),
          pointBorderColor: pts.map((p) => (marked(p.row) ? theme.foreground : withAlpha(color, 1))),
          pointBorderWidth: pts.map((p) => (marked(p.row) ? 2 : 1)),
          pointHoverRadius: 8,
          // Generous hit area: the points are click targets.
          pointHitRadius: 10,
        });
      }
    });
    const failed = rows.filter((r) => r.failure);
    const degenerate = rows.filter((r) => r.degenerate && !r.failure);
    const best = rows[chosen];
    this.note.textContent =
      (best ? `Chosen: K = ${best.nComponents}, ${best.model} (lowest BIC ★${degenerate.length ? ' among sound models' : ''}). ` : '') +
      'Lower is better. Click a point to show that model in the clusters and tables.' +
      (degenerate.length ? ` ✕ marks ${degenerate.length} degenerate candidate(s): a component collapsed or lies flat on a line or plane, so its likelihood is inflated by the regularisation and it is not chosen.` : '') +
      (failed.length ? ` ${failed.length} candidate(s) could not be fitted: ${failed.map((r) => `K = ${r.nComponents} ${r.model}: ${r.failure}`).join('; ')}` : '');
    // The text alternative: every candidate's BIC, model by model.
    const byModel = [...new Set(rows.map((r) => r.model))].map((m) => `${m}: ` + rows.filter((r) => r.model === m)
      .map((r) => `K ${r.nComponents} ${r.failure ? 'failed' : `BIC ${r.bic.toFixed(1)}${r.degenerate ? ' (degenerate)' : ''}`}`).join(', '));
    this.card.describe(`BIC (lower is better) against the number of components, one line per covariance model. ${best ? `Chosen: K = ${best.nComponents}, ${best.model}, BIC ${best.bic.toFixed(1)}. ` : ''}${byModel.join('. ')}.`);
    this.draw(datasets);
  }

  rebuild(): void {
    this.chart?.destroy();
    this.chart = undefined;
    if (this.last) this.update(this.last.result, this.last.shown);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private draw(datasets: ChartDataset<'scatter', Pt[]>[]): void {
    this.chart?.destroy();
    const theme = this.theme();
    const title = (text: string) => ({ display: true, text, color: theme.foreground });
    this.chart = new Chart<'scatter', Pt[]>(this.card.canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        responsive: true,
        scales: {
          x: { type: 'linear', title: title('number of components K'), ticks: { precision: 0, stepSize: 1 }, grid: { color: theme.lines } },
          y: { type: 'linear', title: title('BIC / ICL (lower is better)'), grid: { color: theme.lines } },
        },
        onClick: (_event, elements) => {
          const hit = elements[0];
          if (!hit) return;
          const row = (datasets[hit.datasetIndex].data[hit.index] as Pt).row;
          this.onPick(row);
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.classList.toggle('clickable', elements.length > 0);
        },
        plugins: {
          legend: { labels: { usePointStyle: true, boxHeight: 8 } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const row = this.last?.result.selection?.[(item.raw as Pt).row];
                if (!row) return '';
                return `K = ${row.nComponents}, ${row.model}: BIC ${formatNumber(row.bic, 7)}, ICL ${formatNumber(row.icl, 7)}, log-lik ${formatNumber(row.logLikelihood, 7)}, ${formatDuration(row.elapsedMs)}${row.converged ? '' : ' (not converged)'}`;
              },
            },
          },
        },
      },
    });
  }
}
