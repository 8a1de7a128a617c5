import { unzipSync } from 'fflate';
import type { ByteSource } from '../../shared/contract';
import { EngineError } from '../../shared/errors';
import { readAll } from './peek';

export const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;
export const isZip = (head: Uint8Array): boolean => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;

/** A gzip file as the stream of its content, decompressed by the platform as it is read. */
export function gunzipSource(source: ByteSource): ByteSource {
  return {
    name: source.name.replace(/\.gz$/i, ''),
    size: source.size,
    async *chunks() {
      const ds = new DecompressionStream('gzip');
      const writer = ds.writable.getWriter();
      const reader = ds.readable.getReader();
      let failure: unknown = null;
      const pump = (async () => {
        try {
          // A copy typed as a plain ArrayBuffer view, which the platform streams require.
          for await (const chunk of source.chunks()) await writer.write(new Uint8Array(chunk));
          await writer.close();
        } catch (e) {
          failure = e;
          await writer.abort(e).catch(() => undefined);
        }
      })();
      let finished = false;
      try {
        for (;;) {
          let next: { done: boolean; value?: Uint8Array };
          try {
            next = await reader.read();
          } catch {
            throw new EngineError('import/binary-file', `${source.name} is not a valid gzip file (it is damaged or truncated).`, {
              file: source.name,
            });
          }
          if (next.done) break;
          if (next.value?.length) yield next.value;
        }
        finished = true;
      } finally {
        if (!finished) await reader.cancel().catch(() => undefined);
        await pump;
      }
      if (failure !== null) throw failure;
    },
  };
}

/** The largest ZIP archive read into memory; its entries are decompressed one at a time. */
export const MAX_ZIP_BYTES = 1024 * 1024 * 1024;

/** The data files inside a ZIP archive (folders, hidden and system files skipped), as sources. */
export async function zipEntries(source: ByteSource, onBytes: (n: number) => void): Promise<ByteSource[]> {
  const bytes = await readAll(source, MAX_ZIP_BYTES, onBytes);
  if (bytes === null) {
    throw new EngineError('import/too-large', `${source.name} is larger than ${MAX_ZIP_BYTES / 1024 ** 3} GiB; unpack it and import its files.`, {
      file: source.name,
    });
  }
  const entries: { name: string; size: number }[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        const base = f.name.split('/').pop() ?? '';
        if (!f.name.endsWith('/') && !base.startsWith('.') && !f.name.startsWith('__MACOSX/')) {
          entries.push({ name: f.name, size: f.originalSize });
        }
        return false;
      },
    });
  } catch (e) {
    throw new EngineError('import/binary-file', `${source.name} is not a readable ZIP archive: ${(e as Error).message}.`, { file: source.name });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  return entries.map((entry) => ({
    name: `${source.name}/${entry.name}`,
    size: entry.size,
    async *chunks() {
      yield unzipSync(bytes, { filter: (f) => f.name === entry.name })[entry.name];
    },
  }));
}
