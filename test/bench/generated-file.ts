import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a generated benchmark file once (kept in .bench/, never committed), streaming the lines
 * in 1 MiB writes with backpressure so a 700 MB file never sits in memory.
 */
export async function writeGeneratedFile(file: string, lines: Iterable<string>): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const started = performance.now();
  const out = createWriteStream(file);
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  console.log(`generated ${file}: ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
