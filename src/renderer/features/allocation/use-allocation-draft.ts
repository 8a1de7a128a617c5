import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AllocationRuleSet, StoredRuleSet } from '../../../shared/allocation-contract';
import type { EngineError } from '../../../shared/errors';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../engine/use-engine-query';
import { EMPTY_RULE_SET } from './rule-set-ops';

export type AllocationDraft = {
  loading: boolean;
  loadError: EngineError | null;
  /** The rule set as last saved (version 0 and no keys when none was ever saved). */
  saved: StoredRuleSet | null;
  draft: AllocationRuleSet;
  dirty: boolean;
  update: (edit: (rs: AllocationRuleSet) => AllocationRuleSet) => void;
  discard: () => void;
  /** Saves the draft; throws the engine's error (problems, version conflict) for the caller to show. */
  save: () => Promise<StoredRuleSet>;
  /** Takes a rule set the engine stored by other means (an imported file) as saved and as the draft. */
  adopt: (stored: StoredRuleSet) => void;
};

/**
 * Unsaved drafts by workspace, for this app session: the shell unmounts a screen when the analyst
 * looks at another one, and a glance at Explore must not throw away an hour of rule editing.
 */
const drafts = new Map<string, { savedJson: string; draft: AllocationRuleSet }>();

/**
 * The rule set being edited and the saved copy it started from. Edits stay in the draft until
 * saved; a refetch of the saved rules replaces the draft only when it holds no unsaved edits.
 */
export function useAllocationDraft(): AllocationDraft {
  const engine = useEngine();
  const rules = useEngineQuery('allocation/rules', {}, { tables: ['allocation_rules'] });
  const info = useEngineQuery('workspace/info', {}, { tables: ['workspace'] });
  const workspace = info.data ? `${info.data.name}\u0000${info.data.createdAt}` : info.data === null ? '' : null;
  const [state, setState] = useState<{ saved: StoredRuleSet | null; draft: AllocationRuleSet }>({ saved: null, draft: EMPTY_RULE_SET });
  const savedJson = useMemo(() => (state.saved ? JSON.stringify(state.saved.ruleSet) : null), [state.saved]);
  const dirty = useMemo(() => savedJson !== null && JSON.stringify(state.draft) !== savedJson, [savedJson, state.draft]);

  useEffect(() => {
    const fresh = rules.data;
    if (!fresh || workspace === null) return;
    setState((s) => {
      if (s.saved === null) {
        const kept = drafts.get(workspace);
        const resume = kept && kept.savedJson === JSON.stringify(fresh.ruleSet);
        return { saved: fresh, draft: resume ? kept.draft : fresh.ruleSet };
      }
      const untouched = JSON.stringify(s.draft) === JSON.stringify(s.saved.ruleSet);
      // With unsaved edits the draft keeps its base version, so saving over a newer copy is refused.
      return untouched ? { saved: fresh, draft: fresh.ruleSet } : s;
    });
  }, [rules.data, workspace]);

  useEffect(() => {
    if (workspace === null || savedJson === null) return;
    if (dirty) drafts.set(workspace, { savedJson, draft: state.draft });
    else drafts.delete(workspace);
  }, [workspace, savedJson, dirty, state.draft]);

  const update = useCallback((edit: (rs: AllocationRuleSet) => AllocationRuleSet) => setState((s) => ({ ...s, draft: edit(s.draft) })), []);
  const discard = useCallback(() => setState((s) => (s.saved ? { ...s, draft: s.saved.ruleSet } : s)), []);
  const adopt = useCallback((stored: StoredRuleSet) => setState({ saved: stored, draft: stored.ruleSet }), []);

  const { saved, draft } = state;
  const save = useCallback(async () => {
    const stored = await engine.call('allocation/save', { ruleSet: draft, expectedVersion: saved?.version });
    setState((s) => ({
      saved: stored,
      // Edits made while the save ran stay in the draft (and count as unsaved).
      draft: JSON.stringify(s.draft) === JSON.stringify(draft) ? stored.ruleSet : s.draft,
    }));
    return stored;
  }, [engine, draft, saved]);

  return {
    loading: state.saved === null && !rules.error && !info.error,
    loadError: rules.error ?? info.error,
    saved,
    draft,
    dirty,
    update,
    discard,
    save,
    adopt,
  };
}
