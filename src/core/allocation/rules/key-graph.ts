/**
 * Keys read other keys through `vtag:`: the runtime evaluates a key after the keys it reads, so
 * the reads must not form a cycle. Only enabled rules of enabled keys count: a switched-off rule
 * does not run, so it cannot make a cycle.
 */
import { vtagKey } from './field-ref';
import { asArray, isRecord } from './shape';
import { isEnabled, walkRuleFields } from './walk';

/** Key `from` reads key `to`, first at `path`. */
export type KeyEdge = { from: number; to: number; path: string };

/** Edges of every enabled key, in the order the rules read them; one per pair of keys. */
export function keyEdges(keys: readonly unknown[]): KeyEdge[][] {
  const firstIndex = new Map<string, number>();
  keys.forEach((k, i) => {
    if (isRecord(k) && typeof k.key === 'string' && !firstIndex.has(k.key)) firstIndex.set(k.key, i);
  });
  return keys.map((k, i) => {
    const edges: KeyEdge[] = [];
    if (!isRecord(k) || !isEnabled(k)) return edges;
    asArray(k.rules).forEach((rule, r) => {
      if (!isEnabled(rule)) return;
      walkRuleFields(rule, `keys[${i}].rules[${r}]`, (field, path) => {
        const name = vtagKey(field);
        const to = name === null ? undefined : firstIndex.get(name);
        if (to === undefined || to === i || edges.some((e) => e.to === to)) return;
        if (!isEnabled(keys[to])) return;
        edges.push({ from: i, to, path });
      });
    });
    return edges;
  });
}

/**
 * Every cycle, one per group of keys that read each other: the shortest one through the group's
 * first key, as key indexes with the first repeated at the end, and the edge leaving the first key.
 */
export function findCycles(edges: readonly KeyEdge[][]): { keys: number[]; edge: KeyEdge }[] {
  const out: { keys: number[]; edge: KeyEdge }[] = [];
  for (const scc of stronglyConnected(edges)) {
    if (scc.length < 2) continue;
    const start = Math.min(...scc);
    const inScc = new Set(scc);
    // Breadth first from the start back to it, within the group: the shortest cycle.
    const parent = new Map<number, KeyEdge>();
    const queue = [start];
    let closing: KeyEdge | null = null;
    for (let q = 0; q < queue.length && closing === null; q++) {
      for (const e of edges[queue[q]]) {
        if (!inScc.has(e.to)) continue;
        if (e.to === start) {
          closing = e;
          break;
        }
        if (!parent.has(e.to)) {
          parent.set(e.to, e);
          queue.push(e.to);
        }
      }
    }
    if (closing === null) continue;
    const path = [start];
    for (let at = closing.from; at !== start; at = parent.get(at)?.from ?? start) path.splice(1, 0, at);
    path.push(start);
    const first = edges[start].find((e) => e.to === path[1]);
    if (first !== undefined) out.push({ keys: path, edge: first });
  }
  return out.sort((a, b) => a.keys[0] - b.keys[0]);
}

/** Tarjan's strongly connected components. */
function stronglyConnected(edges: readonly KeyEdge[][]): number[][] {
  const n = edges.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const { to } of edges[v]) {
      if (index[to] < 0) {
        visit(to);
        low[v] = Math.min(low[v], low[to]);
      } else if (onStack[to]) low[v] = Math.min(low[v], index[to]);
    }
    if (low[v] === index[v]) {
      const scc: number[] = [];
      let w: number;
      do {
        w = stack.pop() ?? v;
        onStack[w] = false;
        scc.push(w);
      } while (w !== v);
      out.push(scc);
    }
  };
  for (let v = 0; v < n; v++) if (index[v] < 0) visit(v);
  return out;
}

/**
 * The keys in `include`, every key after the keys it reads; otherwise in the author's order.
 * Keys caught in a cycle (reported as a problem) come last, in the author's order.
 */
export function evaluationOrder(edges: readonly KeyEdge[][], include: readonly number[]): number[] {
  const wanted = new Set(include);
  const placed = new Set<number>();
  const order: number[] = [];
  const ready = (i: number) => edges[i].every((e) => !wanted.has(e.to) || placed.has(e.to));
  for (;;) {
    const next = include.find((i) => !placed.has(i) && ready(i));
    if (next === undefined) break;
    placed.add(next);
    order.push(next);
  }
  for (const i of include) if (!placed.has(i)) order.push(i);
  return order;
}
