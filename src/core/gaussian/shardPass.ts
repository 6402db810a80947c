import { runPass, scratchLength, type PassBuffers, type PassLayout, type PassParams } from './pass';
import { createWasmPass } from './wasmPass';

/**
 * One shard [start, end) of the fused pass, as an executor runs it: the WebAssembly kernels (`wasmPass.ts`) take
 * most rows where WebAssembly SIMD is available, and the JavaScript kernels (`runPass`) take the rest (the last few
 * rows, everything without WebAssembly).
 */
export interface ShardPass {
  /** The pass over the shard, added into `sums` (the caller zeroes it). */
  run(p: PassParams, sums: Float64Array): void;
  /** Makes the shard's rows of `buffers.resp` and `buffers.logProbNorm` current (see `wasmPass.ts`). */
  flush(): void;
}

/**
 * `useWasm` false: JavaScript kernels only (the reference the WebAssembly kernels are tested against). `rowsChange`:
 * the caller rewrites the rows of `buffers.x` between passes (a streamed fit's chunks), so none is kept resident.
 */
export function createShardPass(layout: PassLayout, buffers: PassBuffers, start: number, end: number, useWasm = true, rowsChange = false): ShardPass {
  const wasm = useWasm ? createWasmPass(layout, buffers.x, buffers.resp, buffers.logProbNorm, start, end, undefined, rowsChange) : undefined;
  const scratch = new Float64Array(scratchLength(layout.nComponents, layout.nFeatures));
  return {
    run(p, sums) {
      if (!wasm) {
        runPass(layout, buffers, p, start, end, sums, scratch);
        return;
      }
      if (p.mode === 1) wasm.stats(p, sums);
      else wasm.run(p, sums);
      if (start + wasm.rows < end) runPass(layout, buffers, p, start + wasm.rows, end, sums, scratch);
    },
    flush: () => wasm?.flush(),
  };
}
