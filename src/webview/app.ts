/** The panel: owns the state, builds the views once, and redraws the parts a message or a choice affects. */
import { modelName } from './paramsView';
import type { ComparisonDto, DatasetDto, ErrorDto, FitResultDto, FitSettingsDto, PcaDto } from '../protocol/model';
import type { PanelStatus } from '../protocol/webview';
import type { RowsPageDto } from '../protocol/rows';
import { applyChartDefaults } from './charts/common';
import { LogLikelihoodView } from './charts/logLikelihood';
import { ScatterView } from './charts/scatter';
import { SelectionView } from './charts/selection';
import { DatasetView } from './datasetView';
import { CandidatesTable } from './candidatesTable';
import { displayModel } from './display';
import { button, el } from './dom';
import { formatCount } from './format';
import { jobTimeText, streamedText } from './progress';
import { OptionsForm } from './form';
import { settingsToShow } from './settings';
import { Header } from './header';
import { ReplayControl } from './replay';
import { RowsPanel } from './rows/rowsPanel';
import { comparisonFor, mergeState, mergeUi, pcaFor, resultKey, uiForResult, type PanelState, type UiState } from './state';
import { ComparisonView } from './comparison';
import { PairsView } from './charts/pairs';
import { SummaryView } from './summary';
import { ParamsView } from './tables';
import { ProfilesView } from './profiles';
import { readTheme, type Theme } from './theme';
import { post, saveState } from './vscodeApi';

type Part = 'scatter' | 'll' | 'selection' | 'params' | 'summary';
const ALL_PARTS: Part[] = ['scatter', 'll', 'selection', 'params', 'summary'];
// The category profiles redraw with the parameter tables ('params').

/** Which parts of the results a UI choice touches. */
function partsFor(patch: Partial<UiState>): Part[] {
  const parts = new Set<Part>();
  if ('plane' in patch || 'xColumn' in patch || 'yColumn' in patch || 'hiddenComponents' in patch || 'colourBy' in patch) parts.add('scatter');
  if ('halfSteps' in patch) parts.add('ll');
  if ('matrix' in patch) parts.add('params');
  if ('shownModel' in patch) ['scatter', 'params', 'selection'].forEach((p) => parts.add(p as Part));
  if ('replayIteration' in patch) ['scatter', 'params'].forEach((p) => parts.add(p as Part));
  return [...parts];
}

export class App {
  private state: PanelState;
  private status: PanelStatus = 'loading';
  /** Principal components asked of the host and not yet answered; or why the last request gave none. */
  private pcaPending = false;
  private pcaProblem: string | null = null;
  /** The column asked of the host to compare with, and why the last answer gave none. */
  private comparePending: string | null = null;
  private compareProblem: { column: string; text: string } | null = null;
  private theme: Theme = readTheme();
  private readonly header: Header;
  private readonly form: OptionsForm;
  private readonly datasetView = new DatasetView();
  private readonly summary = new SummaryView();
  private readonly scatter: ScatterView;
  private readonly ll: LogLikelihoodView;
  private readonly selection: SelectionView;
  private readonly params: ParamsView;
  private readonly profiles: ProfilesView;
  private readonly comparison: ComparisonView;
  private readonly pairs: PairsView;
  private readonly replay: ReplayControl;
  private readonly rowsPanel: RowsPanel;
  private readonly candidates = new CandidatesTable((row) => this.setUi({ shownModel: row, replayIteration: null }));
  private readonly banner = el('div', { class: 'banner', id: 'model-banner', role: 'status', hidden: true });
  private readonly bannerText = el('span');
  private readonly bannerButton = button('Back to the chosen model', () => this.setUi({ shownModel: null, replayIteration: null }), { class: 'secondary', id: 'model-banner-back' });
  private readonly chartGrid = el('div', { class: 'chart-grid' });
  private readonly results = el('div', { class: 'results', id: 'results', hidden: true });
  private readonly emptyText = el('p', {}, 'No model yet. Choose the columns and options above, then press Fit.');
  private readonly empty = el('section', { class: 'card empty', id: 'no-result' }, this.emptyText);

  constructor(root: HTMLElement, saved: PanelState) {
    this.state = saved;
    applyChartDefaults(this.theme);
    const theme = () => this.theme;
    const onUi = (patch: Partial<UiState>) => this.setUi(patch);
    this.header = new Header(() => this.fit(), () => post({ type: 'cancel' }));
    this.form = new OptionsForm((s) => this.settingsChanged(s), (open) => this.setUi({ advancedOpen: open }));
    this.scatter = new ScatterView(theme, onUi);
    this.ll = new LogLikelihoodView(theme, onUi);
    this.selection = new SelectionView(theme, (row) => this.setUi({ shownModel: row, replayIteration: null }));
    this.params = new ParamsView(theme, onUi);
    this.profiles = new ProfilesView(theme);
    this.comparison = new ComparisonView(theme);
    this.pairs = new PairsView(theme, onUi);
    this.replay = new ReplayControl((i) => this.setUi({ replayIteration: i }));
    this.rowsPanel = new RowsPanel(this.scatter, theme);
    this.selection.card.footer.append(this.candidates.root);
    this.scatter.card.footer.prepend(this.replay.root);
    this.chartGrid.append(this.scatter.card.root, this.ll.card.root);
    this.banner.append(this.bannerText, this.bannerButton);
    this.results.append(
      this.summary.root,
      this.banner,
      this.chartGrid,
      this.comparison.root,
      this.pairs.card.root,
      this.profiles.root,
      ...this.rowsPanel.roots,
      this.params.root,
    );
    root.append(this.header.root, this.header.errorBox, el('main', {}, this.form.root, this.datasetView.root, this.empty, this.results));
    // Draw what was kept before a reload at once; the host's `init` answer then brings it up to date.
    this.setDataset(saved.dataset, saved.settings);
    if (saved.result) this.showResult(saved.result, saved.ui);
    this.setStatus(saved.dataset ? 'ready' : 'loading');
  }

  //#region messages from the host
  init(status: PanelStatus, dataset: DatasetDto | null, settings: FitSettingsDto, result: FitResultDto | null, error: ErrorDto | null, stale: boolean): void {
    const sameFile = dataset !== null && this.state.dataset?.uri === dataset.uri;
    this.header.setStale(stale, dataset?.fileName ?? null);
    this.setDataset(dataset, settings);
    // The host may not hold the last result after a reload; keep ours when it is for the same file.
    const kept = result ?? (sameFile ? this.state.result : null);
    if (kept) this.showResult(kept, result ? uiForResult(this.state.ui, kept) : this.state.ui);
    else this.clearResult();
    this.header.setError(error);
    this.setStatus(status);
    this.askForComponents();
  }

  setDataset(dataset: DatasetDto | null, settings: FitSettingsDto | null): void {
    this.header.setDataset(dataset);
    this.datasetView.update(dataset);
    this.datasetView.root.hidden = dataset === null;
    const shown = settingsToShow(this.form.edited ? this.form.get() : undefined, this.state.dataset?.uri, dataset, settings);
    const s = shown.settings ? this.form.set(dataset, shown.settings, this.state.ui.advancedOpen) : null;
    // The host's copy follows the form again (form.set kept only the columns the dataset can fit).
    if (shown.own && s) post({ type: 'settingsChanged', settings: s });
    this.persist(mergeState(mergeState(this.state, 'dataset', dataset), 'settings', s));
    if (dataset && this.status === 'loading') this.setStatus('ready');
    else this.refreshButtons();
  }

  progress(p: Parameters<Header['setProgress']>[0]): void {
    if (this.status !== 'fitting' && this.status !== 'loading') this.setStatus(p?.phase === 'reading' ? 'loading' : 'fitting');
    this.header.setProgress(p);
  }

  result(result: FitResultDto): void {
    this.header.setError(null);
    this.showResult(result, uiForResult(this.state.ui, result));
    this.setStatus('done');
    this.askForComponents();
  }

  /** Draws the scatter again when it shows principal components not yet asked for (the panel was busy before). */
  private askForComponents(): void {
    const r = this.state.result;
    if (r && this.state.ui.plane === 'pca' && !pcaFor(this.state, r) && !this.pcaPending) this.renderResults(['scatter']);
    else if (r && this.state.ui.colourBy !== null && !comparisonFor(this.state, r) && this.comparePending === null) this.renderResults(['scatter']);
  }

  error(e: ErrorDto): void {
    this.header.setError(e);
    this.setStatus('error');
  }

  cancelled(): void {
    this.setStatus(this.state.result ? 'done' : 'ready', 'Cancelled. Change the options or press Fit again.');
  }

  /** The data file changed since it was read (or was read again). */
  stale(stale: boolean): void {
    this.header.setStale(stale, this.state.dataset?.fileName ?? null);
  }

  /** The host's answer to `pca`: the components of the current result, or why there are none. */
  pca(value: PcaDto | null, problem: string | undefined): void {
    this.pcaPending = false;
    const result = this.state.result;
    if (value && result) {
      this.pcaProblem = null;
      this.persist(mergeState(this.state, 'pca', { key: resultKey(result), value }));
    } else {
      this.pcaProblem = problem ?? 'there are fewer than two columns or rows';
    }
    this.renderResults(['scatter']);
  }

  /** The host's answer to a page of the rows view. */
  rows(requestId: number, page: RowsPageDto | null, problem: string | undefined): void {
    this.rowsPanel.answer(requestId, page, problem);
  }

  /** The host's answer to `compare`: the clusters against a column, or why not. */
  compared(column: string, value: ComparisonDto | null, problem: string | undefined): void {
    if (this.comparePending === column) this.comparePending = null;
    const result = this.state.result;
    if (value && result) {
      this.compareProblem = null;
      this.persist(mergeState(this.state, 'comparison', { key: resultKey(result), value }));
    } else {
      this.compareProblem = { column, text: problem ?? 'the column could not be read' };
    }
    this.renderResults(['scatter']);
  }
  //#endregion

  fit(): void {
    const settings = this.form.get();
    if (!settings || settings.columns.length === 0) {
      this.header.setError({ code: 'no-columns', message: 'Select at least one column to fit.' });
      return;
    }
    this.header.setError(null);
    post({ type: 'fit', settings });
    this.setStatus('fitting');
  }

  /** Re-reads the theme colours and redraws (VS Code changed theme). */
  retheme(): void {
    this.theme = readTheme();
    applyChartDefaults(this.theme);
    this.scatter.rebuild();
    this.ll.rebuild();
    this.selection.rebuild();
    this.renderResults(['params', 'scatter']);
  }

  private settingsChanged(s: FitSettingsDto): void {
    this.persist(mergeState(this.state, 'settings', s));
    post({ type: 'settingsChanged', settings: s });
    this.refreshButtons();
  }

  private setUi(patch: Partial<UiState>): void {
    this.persist(mergeUi(this.state, patch));
    if (this.state.result) this.renderResults(partsFor(patch));
  }

  private setStatus(status: PanelStatus, text?: string): void {
    this.status = status;
    // A fit cancels the host's work on principal components; ask again once there is a result to show.
    if (status === 'fitting' || status === 'loading') this.pcaPending = false;
    const r = this.state.result;
    const defaults: Record<PanelStatus, string> = {
      loading: 'Reading the file…',
      ready: this.state.dataset ? 'Ready. Choose columns and options, then press Fit.' : 'Waiting for the file…',
      fitting: 'Fitting…',
      done: r ? `Fitted K = ${r.params.nComponents} (${modelName(r.params)}) to ${formatCount(r.nRowsUsed)} rows in ${jobTimeText(r)}${r.converged ? '.' : '; did not converge.'}${streamedText(r)}` : 'Done.',
      error: 'The last operation failed; see the message below. You can change the options and fit again.',
    };
    this.header.setStatus(text ?? defaults[status]);
    this.emptyText.textContent = status === 'fitting' ? 'Fitting… the clusters, curves and tables appear here when it is done.' : 'No model yet. Choose the columns and options above, then press Fit.';
    if (!this.state.dataset) this.form.setPlaceholder(status === 'error' ? 'No columns: the file could not be read.' : 'Reading the file…');
    this.form.setEnabled(status !== 'fitting' && status !== 'loading');
    this.refreshButtons();
    if (status !== 'fitting' && status !== 'loading') this.header.setProgress(null);
  }

  private refreshButtons(): void {
    const canFit = this.state.dataset !== null && (this.form.get()?.columns.length ?? 0) > 0;
    this.header.setBusy(this.status, canFit);
  }

  private showResult(result: FitResultDto, ui: UiState): void {
    this.replay.stop();
    this.pcaProblem = null;
    this.compareProblem = null;
    this.comparePending = null;
    this.persist({ ...mergeState(this.state, 'result', result), ui });
    this.empty.hidden = true;
    this.results.hidden = false;
    this.renderResults(ALL_PARTS);
    this.rowsPanel.setResult(result);
  }

  private clearResult(): void {
    this.replay.stop();
    this.scatter.destroy();
    this.ll.destroy();
    this.selection.destroy();
    this.persist(mergeState(this.state, 'result', null));
    this.empty.hidden = false;
    this.results.hidden = true;
  }

  private renderResults(parts: Part[]): void {
    const result = this.state.result;
    if (!result) return;
    const ui = this.state.ui;
    const model = displayModel(result, ui.shownModel, ui.replayIteration);
    const showBanner = model.caption !== '' || model.problem !== undefined;
    this.banner.hidden = !showBanner;
    this.bannerText.textContent = model.problem ? `Could not show that model: ${model.problem}` : `Showing ${model.caption}.${model.warning ? ` It is ${model.warning}` : ''}`;
    this.bannerButton.textContent = ui.shownModel !== null && ui.shownModel !== result.chosen ? 'Back to the chosen model' : 'Show the final parameters';
    if (parts.includes('summary')) this.summary.update(result);
    if (parts.includes('scatter')) {
      const comparison = this.comparisonOf(result, ui);
      const colourColumns = (this.state.dataset?.columns ?? []).filter((c) => c.type !== 'empty').map((c) => c.name);
      this.scatter.update({ result, model, ui, ...this.principalComponents(result, ui), colourColumns, comparison });
      const problem = this.compareProblem && this.compareProblem.column === ui.colourBy ? this.compareProblem.text : null;
      this.comparison.update(ui.colourBy, comparison, problem, ui.colourBy !== null && result.settings.columns.includes(ui.colourBy));
      this.pairs.update(result, model, ui, comparison);
      this.replay.update(ui.shownModel === null || ui.shownModel === result.chosen ? result.history.length : 0, ui.replayIteration, result.iterations, result.historyIterations);
    }
    if (parts.includes('ll')) this.ll.update(result, ui);
    const hasSelection = (result.selection?.length ?? 0) > 0;
    // The selection canvas exists only when a sweep was fitted (tests and readers rely on its absence otherwise).
    if (hasSelection && !this.selection.card.root.isConnected) this.chartGrid.append(this.selection.card.root);
    if (!hasSelection && this.selection.card.root.isConnected) {
      this.selection.destroy();
      this.selection.card.root.remove();
    }
    if (parts.includes('selection') && hasSelection) {
      this.selection.update(result, ui.shownModel);
      this.candidates.update(result, ui.shownModel);
    }
    if (parts.includes('params')) {
      this.params.update(result, model, ui);
      this.profiles.update(result.columns, model);
    }
  }

  /** The components for the PC1 × PC2 plane: kept ones, or asked of the host once (and a note meanwhile). */
  private principalComponents(result: FitResultDto, ui: UiState): { pca: PcaDto | null; pcaNote: string } {
    const pca = pcaFor(this.state, result);
    if (ui.plane !== 'pca' || pca) {
      if (this.pcaPending) {
        post({ type: 'cancelPca' });
        this.pcaPending = false;
      }
      return { pca, pcaNote: '' };
    }
    if (this.pcaProblem !== null) return { pca: null, pcaNote: `No principal components: ${this.pcaProblem}` };
    if (!this.pcaPending && this.status !== 'fitting' && this.status !== 'loading') {
      post({ type: 'pca' });
      this.pcaPending = true;
    }
    return { pca: null, pcaNote: 'Computing the principal components… the columns are shown until then.' };
  }

  /** The comparison for the column coloured by: kept, or asked of the host once. */
  private comparisonOf(result: FitResultDto, ui: UiState): ComparisonDto | null {
    if (ui.colourBy === null) return null;
    const kept = comparisonFor(this.state, result);
    if (kept) return kept;
    const failed = this.compareProblem?.column === ui.colourBy;
    if (!failed && this.comparePending !== ui.colourBy && this.status !== 'fitting' && this.status !== 'loading') {
      post({ type: 'compare', column: ui.colourBy });
      this.comparePending = ui.colourBy;
    }
    return null;
  }

  private persist(next: PanelState): void {
    this.state = next;
    saveState(next);
  }
}
