import { nodeReadRemote } from '../../src/node/reader-thread';

/**
 * The benchmarks' engines read files as the CLI does: on a second thread (.bench/reader.mjs, built
 * by `npm run bench`). BENCH_THREADS=1 makes the engine read them itself, on one thread.
 */
export function benchReadRemote(): ReturnType<typeof nodeReadRemote> {
  if (process.env.BENCH_THREADS === '1') return undefined;
  const reader = nodeReadRemote(new URL('./reader.mjs', import.meta.url));
  if (reader === undefined) throw new Error('.bench/reader.mjs is missing: run the benchmarks with npm run bench.');
  return reader;
}

export const readingLabel = (): string =>
  process.env.BENCH_THREADS === '1' ? 'read on the engine thread (BENCH_THREADS=1)' : 'read on a second thread, as the CLI does';
