/**
 * The panel's way back from a fit to the data: the rows view, the most unusual rows, box and lasso selection in the
 * scatter, and clicks on points and rows that show the row in the file (the host maps the row to its line).
 */
import type { FitResultDto } from '../../protocol/model';
import type { RowsPageDto } from '../../protocol/rows';
import type { ScatterView } from '../charts/scatter';
import { ScatterSelection } from '../charts/scatterSelect';
import { formatCount } from '../format';
import type { Theme } from '../theme';
import { post } from '../vscodeApi';
import { RowsClient } from './rowsClient';
import { RowsView } from './rowsView';
import { rowsUnavailableText } from './unavailable';
import { UnusualRowsView } from './unusualRows';

export class RowsPanel {
  private readonly client = new RowsClient();
  readonly rows: RowsView;
  readonly unusual: UnusualRowsView;
  private readonly selection: ScatterSelection;
  private result: FitResultDto | null = null;

  constructor(scatter: ScatterView, theme: () => Theme) {
    const reveal = (row: number) => post({ type: 'revealRow', row });
    this.rows = new RowsView(this.client, theme, reveal);
    this.unusual = new UnusualRowsView(this.client, theme, reveal, () => {
      this.rows.show({ kind: 'all', sort: { key: 'logDensity', descending: false } });
      this.rows.root.scrollIntoView({ block: 'start' });
    });
    scatter.onPoint = (sample) => {
      const row = this.result?.sample.rowIndex[sample];
      if (row !== undefined) reveal(row);
    };
    const box = scatter.card.canvas.parentElement ?? scatter.card.root;
    this.selection = new ScatterSelection({ box, drawnPoints: () => scatter.drawnPoints() }, theme, (samples) => this.selected(samples));
    scatter.card.toolbar.append(this.selection.controls);
  }

  /** The cards, in the order they go in the panel. */
  get roots(): HTMLElement[] {
    return [this.unusual.root, this.rows.root];
  }

  /** A new result (or the same one redrawn after a reload): lists its rows afresh. */
  setResult(result: FitResultDto): void {
    this.result = result;
    this.client.reset();
    this.selection.clear();
    // A streamed fit's rows are not held by the worker: the cards say so, and the scatter selects nothing to list.
    const unavailable = rowsUnavailableText(result);
    this.selection.controls.hidden = unavailable !== undefined;
    if (unavailable !== undefined) {
      this.selection.setMode('pan');
      this.rows.setUnavailable(unavailable);
      this.unusual.setUnavailable(unavailable);
      return;
    }
    this.rows.setResult(result.params.nComponents, result.counts);
    this.unusual.update();
  }

  /** The host's answer to a page request. */
  answer(requestId: number, page: RowsPageDto | null, problem: string | undefined): void {
    this.client.answer(requestId, page, problem);
  }

  private selected(samples: number[]): void {
    const sample = this.result?.sample;
    if (!sample) return;
    const rows = samples.map((i) => sample.rowIndex[i]).filter((r) => r !== undefined);
    const drawn = sample.rowIndex.length < sample.total
      ? `They are drawn points only: the scatter shows a random sample of ${formatCount(sample.rowIndex.length)} of ${formatCount(sample.total)} rows.`
      : 'Every row is drawn in the scatter.';
    this.rows.showSelection({ rows, note: drawn });
    this.rows.root.scrollIntoView({ block: 'nearest' });
  }
}
