/** Timing one reader run in a child process, the best of several runs, and the same for pandas (bench/lib: not a bench). */
import { spawnSync } from 'node:child_process';

/** One run: wall and CPU seconds (user + system; the ratios use CPU, as a shared machine's load swings wall time). */
export interface Measure {
  seconds: number;
  cpu: number;
  rows: number;
  maxRssMB: number;
}

/** The fastest of `repeat` runs by CPU time (peak memory from that run); null when a run is not available. */
export function bestOf<M extends Measure>(repeat: number, run: () => M | null): M | null {
  let fastest: M | null = null;
  for (let k = 0; k < repeat; k++) {
    const m = run();
    if (m === null) return null;
    if (fastest === null || m.cpu < fastest.cpu) fastest = m;
  }
  return fastest;
}

/** Runs this bench again as `--measure KIND FILE` in a fresh process (its own peak RSS) and reads its last line. */
export function measureInChild<M extends Measure>(kind: string, file: string): M {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', process.argv[1], '--measure', kind, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as M;
}

/** Debian's python3 reading `file` (`f`) with the pandas expression `read`; null when it fails (no pandas, no engine). */
export function pandasMeasure(read: string, file: string): Measure | null {
  const code = [
    'import sys, time, resource',
    'import pandas',
    'f = sys.argv[1]',
    't = time.perf_counter()',
    'c = time.process_time()',
    `df = ${read}`,
    's = time.perf_counter() - t',
    'c = time.process_time() - c',
    'print(s, c, len(df), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [seconds, cpu, rows, maxRssMB] = r.stdout.trim().split(' ').map(Number);
  return { seconds, cpu, rows, maxRssMB };
}
