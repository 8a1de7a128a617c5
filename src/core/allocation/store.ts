/**
 * The saved rule set: one document (row id 1) with a version bumped on every save, and a history
 * of what each save changed. A save names the version it was edited from, so two editors cannot
 * silently overwrite each other.
 */
import type { AllocationRuleSet, RuleSetChange, RuleSetProblem, StoredRuleSet } from '../../shared/allocation-contract';
import { EngineError } from '../../shared/errors';
import type { Clock, Workspace } from '../db/workspace';
import { problemDetails, problemsMessage } from './allocate';
import { describeChanges, emptyRuleSet, validateRuleSet } from './rules';

export function loadRuleSet(ws: Workspace): StoredRuleSet {
  const r = ws.db.exec('SELECT doc, version, updated_at FROM allocation_rules WHERE id = 1');
  if (!r.length) return { ruleSet: emptyRuleSet(), version: 0, updatedAt: null };
  const [doc, version, at] = r[0].values[0];
  return { ruleSet: JSON.parse(String(doc)) as AllocationRuleSet, version: Number(version), updatedAt: String(at) };
}

/** Validates and stores `ruleSet` as the next version; returns what is now saved. */
export function saveRuleSet(ws: Workspace, clock: Clock, ruleSet: AllocationRuleSet, expectedVersion?: number): StoredRuleSet {
  const problems = validateRuleSet(ruleSet);
  if (problems.length) throw new EngineError('allocation/invalid-rules', problemsMessage(problems, 'The rules have a problem'), problemDetails(problems));
  const before = loadRuleSet(ws);
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new EngineError('allocation/version-conflict', `The rules were saved as version ${before.version} after version ${expectedVersion} was opened.`, {
      expected: expectedVersion,
      found: before.version,
    });
  }
  const version = before.version + 1;
  const at = clock.now().toISOString();
  const doc = JSON.stringify(ruleSet);
  const changes = describeChanges(before.ruleSet, ruleSet);
  ws.db.run('BEGIN');
  try {
    ws.db.run('INSERT OR REPLACE INTO allocation_rules (id, doc, version, updated_at) VALUES (1, ?, ?, ?)', [doc, version, at]);
    ws.db.run('INSERT INTO allocation_history (version, at, changes, doc) VALUES (?, ?, ?, ?)', [version, at, JSON.stringify(changes), doc]);
    ws.db.run('COMMIT');
  } catch (e) {
    ws.db.run('ROLLBACK');
    throw e;
  }
  return { ruleSet: JSON.parse(doc) as AllocationRuleSet, version, updatedAt: at };
}

export function ruleHistory(ws: Workspace): RuleSetChange[] {
  const r = ws.db.exec('SELECT version, at, changes FROM allocation_history ORDER BY version DESC, id DESC');
  return (r[0]?.values ?? []).map(([version, at, changes]) => ({ version: Number(version), at: String(at), changes: JSON.parse(String(changes)) as string[] }));
}

export function exportRules(ws: Workspace): string {
  return `${JSON.stringify(loadRuleSet(ws).ruleSet, null, 2)}\n`;
}

/** Reads a rule-set file; refuses text that is not JSON or not a valid rule set, naming the first problem. */
export function parseRuleFile(json: string, fileName: string): AllocationRuleSet {
  let doc: unknown;
  try {
    doc = JSON.parse(json.replace(/^\ufeff/, ''));
  } catch (e) {
    const problems: RuleSetProblem[] = [{ path: '', message: `the text is not JSON (${(e as Error).message})` }];
    throw new EngineError('allocation/invalid-file', `${fileName}: ${problems[0].message}.`, problemDetails(problems, { file: fileName }));
  }
  const problems = validateRuleSet(doc);
  if (problems.length) throw new EngineError('allocation/invalid-file', problemsMessage(problems, fileName), problemDetails(problems, { file: fileName }));
  return doc as AllocationRuleSet;
}
