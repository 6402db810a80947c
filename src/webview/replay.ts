/** Iteration replay: a slider (and Play) over the chosen run's parameters per iteration. */
import { historyIteration } from './display';
import { button, el } from './dom';

export class ReplayControl {
  readonly root: HTMLElement;
  private readonly slider = el('input', { type: 'range', id: 'replay-slider', min: 0, step: 1, 'aria-label': 'Iteration shown' });
  private readonly label = el('span', { class: 'replay-label', id: 'replay-label' });
  private readonly play: HTMLButtonElement;
  private timer: number | undefined;
  private count = 0;

  /** `onPick(null)` means the final parameters. */
  constructor(private readonly onPick: (iteration: number | null) => void) {
    this.play = button('▶ Play', () => this.toggle(), { class: 'secondary', id: 'replay-play', title: 'Replay the iterations of the chosen run' });
    this.root = el('div', { class: 'replay' }, el('label', { for: 'replay-slider' }, 'Replay'), this.play, this.slider, this.label);
    this.slider.addEventListener('input', () => {
      this.stop();
      this.pick(Number(this.slider.value));
    });
  }

  /** Shows the slider for `count` snapshots of a run of `iterations` at snapshot `iteration` (null = the last). */
  update(count: number, iteration: number | null, iterations: number, known?: readonly number[]): void {
    this.count = count;
    this.root.hidden = count < 2;
    this.slider.max = String(Math.max(0, count - 1));
    const at = iteration ?? count - 1;
    this.slider.value = String(at);
    this.label.textContent = `iteration ${historyIteration(at, count, iterations, known)} of ${Math.max(count, iterations)}${iteration === null ? ' (final)' : ''}`;
  }

  stop(): void {
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = undefined;
    this.play.textContent = '▶ Play';
  }

  private pick(i: number): void {
    this.onPick(i >= this.count - 1 ? null : i);
  }

  private toggle(): void {
    if (this.timer !== undefined) return this.stop();
    let i = Number(this.slider.value);
    if (i >= this.count - 1) i = -1;
    this.play.textContent = '❚❚ Pause';
    // Slow enough to follow the ellipses, whatever the number of iterations (≤ ~6 s in all). Each frame is
    // scheduled after the previous one has drawn, so a slow redraw (20,000 points) never queues frames up.
    const delay = Math.max(60, Math.min(400, 6000 / Math.max(1, this.count)));
    const step = () => {
      i++;
      this.pick(i);
      if (i >= this.count - 1) this.stop();
      else this.timer = window.setTimeout(step, delay);
    };
    this.timer = window.setTimeout(step, delay);
  }
}
