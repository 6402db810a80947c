import { runPass, scratchLength, type PassBuffers, type PassLayout, type PassParams } from './pass';

/**
 * Runs the fused per-iteration pass (`runPass`) over rows [0, nComplete). An executor may split the range into
 * shards [start, end), run each into its own partial sums and add them up; the serial one runs a single shard.
 * The threaded executor lives in `src/worker/parallel` (it needs node:worker_threads, which core must not import).
 * Results are bit-identical for the same executor and shard count; different shard counts differ by rounding.
 */
export interface PassExecutor {
  /** Number of shards a pass is split into (1 for the serial executor). */
  readonly nShards: number;
  /** A zeroed Float64Array of `length` the executor's helpers can read and write (a SharedArrayBuffer when threaded). */
  allocate(length: number): Float64Array;
  /** Starts a fit; `buffers` (made with `allocate`) stay fixed until `end()`. */
  begin(layout: PassLayout, buffers: PassBuffers): void;
  /** One pass with `params`; `sums` (length `sumsLayout(…).length`) is overwritten with the total over all shards. */
  run(params: PassParams, sums: Float64Array): void;
  /** Ends the fit (helpers let go of the buffers). */
  end(): void;
}

/** The single-threaded executor: one shard, in the calling thread. */
export function createSerialExecutor(): PassExecutor {
  let layout: PassLayout | undefined;
  let buffers: PassBuffers | undefined;
  let scratch = new Float64Array(0);
  return {
    nShards: 1,
    allocate: (length) => new Float64Array(length),
    begin(l, b) {
      layout = l;
      buffers = b;
      scratch = new Float64Array(scratchLength(l.nComponents, l.nFeatures));
    },
    run(params, sums) {
      if (!layout || !buffers) throw new Error('PassExecutor.run called before begin');
      sums.fill(0);
      runPass(layout, buffers, params, 0, layout.nComplete, sums, scratch);
    },
    end() {
      layout = undefined;
      buffers = undefined;
    },
  };
}
