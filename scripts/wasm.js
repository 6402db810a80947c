// The WebAssembly kernels: AssemblyScript sources in src/wasm/ compiled with asc (SIMD on) when a bundle imports
// 'wasm:<name>'. `wasmPlugin` is the esbuild plugin every build uses (extension bundles, tests, benches); the bytes
// go into the bundle (esbuild's binary loader), so no generated .wasm file is kept in the tree.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const cache = new Map();

/** Compiles src/wasm/<name>.ts to WebAssembly bytes (cached per process by source text). */
async function compileWasm(name) {
  const source = path.join(root, 'src', 'wasm', `${name}.ts`);
  const text = fs.readFileSync(source, 'utf8');
  const hit = cache.get(name);
  if (hit && hit.text === text) return hit.bytes;
  const { default: asc } = await import('assemblyscript/asc');
  let bytes;
  const stderr = [];
  const { error } = await asc.main(
    [source, '-O3', '--enable', 'simd', '--runtime', 'stub', '--noAssert', '--outFile', `${name}.wasm`],
    {
      writeFile: (file, contents) => { if (file.endsWith('.wasm')) bytes = contents; },
      stderr: { write: (s) => { stderr.push(String(s)); return true; } },
      stdout: { write: () => true },
    },
  );
  if (error || !bytes) throw new Error(`asc failed on ${source}:\n${stderr.join('')}${error ? error.message : ''}`);
  cache.set(name, { text, bytes });
  return bytes;
}

const wasmPlugin = {
  name: 'wasm-kernels',
  setup(build) {
    build.onResolve({ filter: /^wasm:/ }, (args) => ({ path: args.path.slice(5), namespace: 'wasm-kernels' }));
    build.onLoad({ filter: /.*/, namespace: 'wasm-kernels' }, async (args) => ({
      contents: await compileWasm(args.path),
      loader: 'binary',
      watchFiles: [path.join(root, 'src', 'wasm', `${args.path}.ts`)],
    }));
  },
};

module.exports = { compileWasm, wasmPlugin };

if (require.main === module) {
  // `node scripts/wasm.js <name>`: compile and print the size (a quick check of the AssemblyScript source).
  compileWasm(process.argv[2] ?? 'passKernels').then((b) => console.log(`${b.length} bytes`), (e) => { console.error(e.message); process.exit(1); });
}
