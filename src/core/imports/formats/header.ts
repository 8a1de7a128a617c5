/** Header matching: trim, drop a BOM, compare case-insensitively with separators squashed. */
export function squash(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s/_.:()$-]/g, '');
}

export type HeaderIndex = {
  has(name: string): boolean;
  index(name: string): number; // -1 when absent
};

export function indexHeader(header: string[]): HeaderIndex {
  const map = new Map<string, number>();
  header.forEach((h, i) => {
    const k = squash(h);
    if (!map.has(k)) map.set(k, i);
  });
  return {
    has: (name) => map.has(squash(name)),
    index: (name) => map.get(squash(name)) ?? -1,
  };
}

/** A header's identity for mapping profiles: the same columns in the same order, however spelled. */
export function headerKey(header: string[]): string {
  return header.map(squash).join('\u001f');
}
