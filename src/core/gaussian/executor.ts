import type { PassBuffers, PassLayout, PassParams } from './pass';
import { createShardPass, type ShardPass } from './shardPass';

/**
 * Runs the fused per-iteration pass (`shardPass.ts`: WebAssembly or `runPass`) over rows [0, nComplete). An executor may split the range into
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
  /**
   * Makes `buffers.resp` and `buffers.logProbNorm` current: an executor may keep them elsewhere between passes
   * (the WebAssembly kernels do), so the engine calls this before it reads them.
   */
  flush(): void;
  /** Ends the fit (helpers let go of the buffers). */
  end(): void;
}

/**
 * The single-threaded executor: one shard, in the calling thread.
 * @param useWasm false: JavaScript kernels only (tests compare the two)
 */
export function createSerialExecutor(useWasm = true): PassExecutor {
  let shard: ShardPass | undefined;
  return {
    nShards: 1,
    allocate: (length) => new Float64Array(length),
    begin(layout, buffers) {
      shard = createShardPass(layout, buffers, 0, layout.nComplete, useWasm);
    },
    run(params, sums) {
      if (!shard) throw new Error('PassExecutor.run called before begin');
      sums.fill(0);
      shard.run(params, sums);
    },
    flush() {
      shard?.flush();
    },
    end() {
      shard = undefined;
    },
  };
}
