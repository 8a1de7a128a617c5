/**
 * Workspaces in the origin-private file system: `workspaces/<id>.costbook` plus `workspaces/index.json`
 * ({id, name, openedAt}[]). Writes go through createWritable(), which writes a swap file and only
 * replaces the original on close(), so an interrupted save leaves the previous image in place.
 * Nothing here ever deletes a workspace file.
 */

export type IndexEntry = { id: string; name: string; openedAt: string };

const INDEX = 'index.json';
const EXT = '.costbook';

async function folder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle('workspaces', { create: true });
}

async function writeAtomic(dir: FileSystemDirectoryHandle, name: string, data: Uint8Array<ArrayBuffer> | string): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    // abort() discards the swap file; the committed file is untouched.
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

function isEntry(v: unknown): v is IndexEntry {
  return (
    typeof v === 'object' &&
    v !== null &&
    'id' in v &&
    typeof v.id === 'string' &&
    'name' in v &&
    typeof v.name === 'string' &&
    'openedAt' in v &&
    typeof v.openedAt === 'string'
  );
}

async function readIndexFile(dir: FileSystemDirectoryHandle): Promise<IndexEntry[]> {
  try {
    const text = await (await (await dir.getFileHandle(INDEX)).getFile()).text();
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return []; // missing or damaged index: rebuilt from the files below
  }
}

/** The index, completed with any workspace file it does not mention (e.g. after a crash mid-create). */
export async function listWorkspaces(): Promise<IndexEntry[]> {
  const dir = await folder();
  const entries = await readIndexFile(dir);
  const known = new Set(entries.map((e) => e.id));
  const present = new Set<string>();
  for await (const [name, handle] of dir.entries()) {
    if (handle.kind !== 'file' || !name.endsWith(EXT)) continue;
    const id = name.slice(0, -EXT.length);
    present.add(id);
    if (!known.has(id)) entries.push({ id, name: id, openedAt: new Date(0).toISOString() });
  }
  return entries.filter((e) => present.has(e.id)).sort((a, b) => b.openedAt.localeCompare(a.openedAt));
}

export async function upsertIndexEntry(entry: IndexEntry): Promise<void> {
  const dir = await folder();
  const entries = (await readIndexFile(dir)).filter((e) => e.id !== entry.id);
  entries.push(entry);
  await writeAtomic(dir, INDEX, JSON.stringify(entries, null, 2));
}

export async function readWorkspace(id: string): Promise<Uint8Array<ArrayBuffer>> {
  const dir = await folder();
  const file = await (await dir.getFileHandle(id + EXT)).getFile();
  return new Uint8Array(await file.arrayBuffer());
}

export async function writeWorkspace(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  await writeAtomic(await folder(), id + EXT, bytes);
}
