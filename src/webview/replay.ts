/** Iteration replay: a slider (and Play) over the chosen run's parameters per iteration. */
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

  /** Shows the slider for `count` recorded iterations at `iteration` (null = the last). */
  update(count: number, iteration: number | null): void {
    this.count = count;
    this.root.hidden = count < 2;
    this.slider.max = String(Math.max(0, count - 1));
    const at = iteration ?? count - 1;
    this.slider.value = String(at);
    this.label.textContent = `iteration ${at + 1} of ${count}${iteration === null ? ' (final)' : ''}`;
  }

  stop(): void {
    if (this.timer !== undefined) window.clearInterval(this.timer);
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
    // Slow enough to follow the ellipses, whatever the number of iterations (≤ ~6 s in all).
    const delay = Math.max(60, Math.min(400, 6000 / Math.max(1, this.count)));
    this.timer = window.setInterval(() => {
      i++;
      this.pick(i);
      if (i >= this.count - 1) this.stop();
    }, delay);
  }
}
