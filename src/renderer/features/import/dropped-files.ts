/**
 * The files of a drop, with every file inside dropped folders (hidden files skipped). Each file
 * inside a folder is named by its path from the dropped folder, e.g. "2025-09/openai/costs.csv".
 */
export async function filesOfDrop(data: DataTransfer): Promise<File[]> {
  // Entries must be taken while the drop event is being handled; they are read afterwards.
  const entries = Array.from(data.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
  if (entries.length === 0 || entries.some((e) => e === null)) return Array.from(data.files);
  const files: File[] = [];
  for (const entry of entries) if (entry) await collect(entry, '', files);
  return files;
}

async function collect(entry: FileSystemEntry, prefix: string, out: File[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (isFile(entry)) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    out.push(prefix === '' ? file : new File([file], `${prefix}${file.name}`, { type: file.type, lastModified: file.lastModified }));
    return;
  }
  if (!isDirectory(entry)) return;
  const reader = entry.createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const child of children) await collect(child, `${prefix}${entry.name}/`, out);
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

/** Files chosen with a folder picker carry their path; name them by it and skip hidden ones. */
export function filesOfFolderPick(list: FileList | null): File[] {
  return Array.from(list ?? [])
    .filter((f) => !f.webkitRelativePath.split('/').some((part) => part.startsWith('.')))
    .sort((a, b) => (a.webkitRelativePath < b.webkitRelativePath ? -1 : 1))
    .map((f) => (f.webkitRelativePath ? new File([f], f.webkitRelativePath, { type: f.type, lastModified: f.lastModified }) : f));
}
