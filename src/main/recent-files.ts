/** The recent workspaces list, a small JSON file in the user data folder. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecentWorkspace } from '../shared/bridge';

export const MAX_RECENT = 10;

function isRecentWorkspace(v: unknown): v is RecentWorkspace {
  if (typeof v !== 'object' || v === null) return false;
  return ['path', 'name', 'openedAt'].every((key) => typeof Reflect.get(v, key) === 'string');
}

/** A missing or damaged list is an empty list: it is a convenience, never worth an error. */
export function loadRecentWorkspaces(file: string): RecentWorkspace[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const list: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'workspaces') : null;
    return Array.isArray(list) ? list.filter(isRecentWorkspace).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function saveRecentWorkspaces(file: string, list: readonly RecentWorkspace[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Temp + rename so a crash never leaves half a JSON file.
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ version: 1, workspaces: list }, null, 2));
    renameSync(tmp, file);
  } catch (e) {
    console.warn(`Could not save the recent workspaces list: ${String(e)}`);
  }
}

/** Moves `entry` to the top, without duplicates, capped at MAX_RECENT. */
export function withRecent(list: readonly RecentWorkspace[], entry: RecentWorkspace): RecentWorkspace[] {
  return [entry, ...list.filter((r) => r.path !== entry.path)].slice(0, MAX_RECENT);
}
