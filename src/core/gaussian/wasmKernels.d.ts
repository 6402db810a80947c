/** WebAssembly kernels compiled from src/wasm/<name>.ts by the build (scripts/wasm.js): the module's bytes. */
declare module 'wasm:passKernels' {
  const bytes: Uint8Array;
  export default bytes;
}
