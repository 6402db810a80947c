/**
 * Shared-memory protocol between the EM loop (main side) and the pass helpers (`passWorker.ts`).
 * A control Int32Array, made once per executor, carries a generation counter the helpers wait on, a command,
 * a done counter the main side waits on, and an error flag; everything else is in SharedArrayBuffers set up
 * once per fit with a 'begin' message. The loop stays synchronous: Atomics.wait / notify, no promises.
 */
import type { PassLayout } from '../../core/gaussian/pass';

/** Slots of the control array. */
export const GEN = 0, CMD = 1, DONE = 2, READY = 3, ERROR = 4, CONTROL_LENGTH = 5;
/** Commands. */
export const CMD_RUN = 1, CMD_END = 2, CMD_FLUSH = 3;

/** Per-fit setup posted to each helper. */
export interface BeginMessage {
  type: 'begin';
  layout: PassLayout;
  x: SharedArrayBuffer;
  resp: SharedArrayBuffer;
  logProbNorm: SharedArrayBuffer;
  /** [mode, means (K×d), precFactor (K×d×d or K×d), logNorm (K)] as Float64. */
  params: SharedArrayBuffer;
  /** One sums block per shard, shard s at s × sumsLength. */
  sums: SharedArrayBuffer;
  sumsLength: number;
  shard: number;
  start: number;
  end: number;
}

/** Float64 offsets inside the params buffer. */
export function paramsLayout(layout: PassLayout) {
  const K = layout.nComponents, d = layout.nFeatures;
  const full = layout.precision === 'full';
  const means = 1, prec = means + K * d, logNorm = prec + (full ? K * d * d : K * d);
  return { means, prec, precLength: full ? K * d * d : K * d, logNorm, length: logNorm + K };
}
