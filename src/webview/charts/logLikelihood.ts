/**
 * The log-likelihood curve: every restart faint, the chosen run bold; optionally the chosen run's E- and
 * M-half-steps, showing log p(X | θ), the lower bound L(q, θ) and the KL gap between them.
 */
import type { ChartDataset } from 'chart.js';
import type { FitResultDto } from '../../protocol/model';
import { parseColor, withAlpha } from '../colors';
import { button, el } from '../dom';
import { formatCount, formatNumber } from '../format';
import type { UiState } from '../state';
import type { Theme } from '../theme';
import { Chart, chartCard, type ChartCard } from './common';
import { chosenRun, halfSteps, type Points } from './halfSteps';

const CAPTION =
  'EM climbs a lower bound L(q, θ) = log p(X | θ) − KL(q ‖ p(z | X, θ)). ' +
  'The E-step sets q(z) to the posterior p(z | X, θ), so the KL gap closes and the bound touches log p(X | θ) (whole iterations). ' +
  'The M-step then maximises L over θ with q held fixed (half iterations): the bound rises, and log p(X | θ) rises at least as much because the gap is never negative. ' +
  'So the log-likelihood never decreases; but it only reaches a local maximum, and other starts (faint lines) can end at different ones.';

export class LogLikelihoodView {
  readonly card: ChartCard;
  private chart: Chart<'scatter', Points> | undefined;
  private readonly toggle = el('input', { type: 'checkbox', id: 'halfsteps-toggle' });
  private readonly caption = el('p', { class: 'caption' }, CAPTION);
  private readonly note = el('p', { class: 'muted' });
  private last: { result: FitResultDto; ui: UiState } | undefined;

  constructor(private readonly theme: () => Theme, onUi: (patch: Partial<UiState>) => void) {
    this.card = chartCard('Log-likelihood', 'll-chart', 'log-likelihood', theme);
    this.card.toolbar.append(
      el('label', { class: 'inline', for: 'halfsteps-toggle' }, this.toggle, 'Show E/M half-steps'),
      button('Reset zoom', () => this.chart?.resetZoom(), { class: 'secondary' }),
    );
    this.card.footer.append(this.note, this.caption);
    this.toggle.addEventListener('change', () => onUi({ halfSteps: this.toggle.checked }));
  }

  update(result: FitResultDto, ui: UiState): void {
    this.last = { result, ui };
    const theme = this.theme();
    const run = chosenRun(result);
    this.toggle.checked = ui.halfSteps;
    this.caption.hidden = !ui.halfSteps;
    this.card.canvas.setAttribute('data-iterations', String(run?.logLikelihood.length ?? 0));
    const n = formatCount(result.nRowsUsed);
    this.note.textContent = ui.halfSteps
      ? `Chosen run (restart ${(run?.run ?? 0) + 1}), totals over ${n} rows in nats. Zoom in (scroll) to see each step.`
      : `Totals over ${n} rows (nats). ${result.runs.length > 1 ? `${runsText(result)}: the bold line is the run kept, faint lines are the others.` : ''}`;
    const sampled = result.runs.find((r) => r.sample)?.sample;
    if (sampled && !ui.halfSteps) {
      this.note.textContent += ` Each start ran first on a random sample of ${formatCount(sampled.rows)} rows (dashed: its log-likelihood` +
        ` scaled to every row); the most promising went on to every row (solid), where EM finished in a few iterations.`;
    }
    if (run?.refinedFrom !== undefined) {
      const o = ui.halfSteps ? 0 : run.sample?.iterations ?? 0;
      this.note.textContent += ` The kept run met the tolerance at iteration ${o + run.refinedFrom} and was then refined to a tighter one` +
        ` (iterations ${o + run.refinedFrom + 1}–${o + run.iterations}), so it ends at least as high as a run stopped at the tolerance.`;
    }
    const datasets: ChartDataset<'scatter', Points>[] = [];
    const blue = theme.named('blue');
    const ink = parseColor(theme.foreground) ?? { r: 128, g: 128, b: 128, a: 1 };
    if (ui.halfSteps && run) {
      const h = halfSteps(run);
      datasets.push(
        { label: 'log p(X | θ)', data: h.logLik, showLine: true, borderColor: withAlpha(blue, 1), backgroundColor: withAlpha(blue, 1), borderWidth: 2.5, pointRadius: 2.5, yAxisID: 'y' },
        { label: 'lower bound L(q, θ)', data: h.bound, showLine: true, borderColor: withAlpha(theme.named('orange'), 1), backgroundColor: withAlpha(theme.named('orange'), 1), borderWidth: 1.5, borderDash: [5, 3], pointRadius: 2.5, pointStyle: 'rect', yAxisID: 'y' },
        { label: 'KL gap = log p − L', data: h.gap, showLine: true, borderColor: withAlpha(theme.named('green'), 0.9), backgroundColor: withAlpha(theme.named('green'), 0.9), borderWidth: 1, pointRadius: 2, pointStyle: 'triangle', yAxisID: 'gap' },
      );
    } else {
      // High Contrast themes: the other starts stay visible (no faint lines). On the canvas for the end-to-end tests.
      const othersAlpha = theme.highContrast ? 0.9 : 0.35;
      this.card.canvas.setAttribute('data-others-alpha', String(othersAlpha));
      result.runs.forEach((r) => {
        const isChosen = r === run;
        const color = isChosen ? blue : ink;
        const alpha = isChosen ? 1 : othersAlpha;
        const name = `${r.init === 'split-merge' ? 'Move' : 'Start'} ${r.run + 1}, ${r.init}`;
        const s = r.sample;
        if (s) {
          // The sample stage, its totals scaled to every row so both stages share the axis (dashed: an estimate).
          const scale = result.nRowsUsed / s.rows;
          datasets.push({
            label: `${name} on a sample${isChosen ? ' (kept)' : ''}`,
            data: s.logLikelihood.map((y, i) => ({ x: i + 1, y: y * scale })),
            showLine: true, borderDash: [4, 3],
            borderColor: withAlpha(color, alpha * 0.8), backgroundColor: withAlpha(color, alpha * 0.8),
            borderWidth: isChosen ? 2 : 1, pointRadius: 0, order: isChosen ? 0 : 1, yAxisID: 'y',
          });
        }
        if (r.logLikelihood.length === 0) return;
        const offset = s?.iterations ?? 0;
        datasets.push({
          label: `${name}${isChosen ? ' (kept)' : ''}${r.converged ? '' : ' · not converged'}`,
          data: r.logLikelihood.map((y, i) => ({ x: offset + i + 1, y })),
          showLine: true,
          borderColor: withAlpha(color, alpha),
          backgroundColor: withAlpha(color, alpha),
          borderWidth: isChosen ? 3 : 1.25,
          pointRadius: isChosen && r.logLikelihood.length < 60 ? 2.5 : 0,
          order: isChosen ? 0 : 1,
          yAxisID: 'y',
        });
      });
    }
    this.card.describe(describeRuns(result, ui.halfSteps));
    this.draw(datasets, ui.halfSteps);
  }

  rebuild(): void {
    this.chart?.destroy();
    this.chart = undefined;
    if (this.last) this.update(this.last.result, this.last.ui);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private draw(datasets: ChartDataset<'scatter', Points>[], half: boolean): void {
    this.chart?.destroy();
    const theme = this.theme();
    const title = (text: string) => ({ display: true, text, color: theme.foreground });
    this.chart = new Chart<'scatter', Points>(this.card.canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        responsive: true,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: { type: 'linear', title: title(half ? 'iteration (M-step at t − ½, E-step at t)' : 'iteration'), grid: { color: theme.lines }, ticks: { precision: 0 } },
          y: { type: 'linear', title: title('total log-likelihood (nats)'), grid: { color: theme.lines } },
          gap: { type: 'linear', display: half, position: 'right', title: title('KL gap (nats)'), grid: { display: false }, min: 0 },
        },
        plugins: {
          legend: { display: half || datasets.length <= 8, labels: { boxWidth: 14, boxHeight: 2 } },
          tooltip: {
            callbacks: {
              title: (items) => (items[0] ? `${half ? 'step' : 'iteration'} ${items[0].parsed.x}` : ''),
              label: (item) => `${item.dataset.label ?? ''}: ${formatNumber(item.parsed.y, 8)}`,
            },
          },
          zoom: { zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'xy' }, pan: { enabled: true, mode: 'xy' } },
        },
      },
    });
  }
}

/** The chart in words: how the kept run's log-likelihood rose, and how the other starts ended. */
function describeRuns(result: FitResultDto, half: boolean): string {
  const run = chosenRun(result);
  if (!run || run.logLikelihood.length === 0) return 'Log-likelihood by iteration: no iterations to show.';
  const first = run.logLikelihood[0], last = run.logLikelihood[run.logLikelihood.length - 1];
  const kept = `The kept run (${run.init === 'split-merge' ? 'move' : 'start'} ${run.run + 1}, ${run.init}) rose from ${first.toFixed(2)} to ${last.toFixed(2)} in ${run.logLikelihood.length} iterations` +
    `${run.converged ? ' and converged' : ' without converging'}; the log-likelihood never decreases.`;
  if (half) return `E and M half-steps of the kept run: each E-step lifts the lower bound to the log-likelihood (the KL gap closes), each M-step raises both. ${kept}`;
  const others = result.runs.filter((r) => r !== run && r.logLikelihood.length > 0).map((r) => r.finalLogLikelihood).filter(Number.isFinite);
  const best = others.length ? Math.max(...others) : NaN;
  return `Log-likelihood of ${runsText(result)} against the iteration. ${kept}` +
    (others.length ? ` The other starts ended at or below ${best.toFixed(2)}.` : '');
}

/** "10 starts", or "the 40 highest of 920 runs (starts and moves)" when the chart draws only some. */
function runsText(result: FitResultDto): string {
  return result.runsTotal !== undefined ? `the ${result.runs.length} highest of ${result.runsTotal} runs (starts and moves)` : `${result.runs.length} starts`;
}
