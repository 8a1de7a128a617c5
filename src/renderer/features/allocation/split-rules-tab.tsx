import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AllocationPreview, AllocationRuleSet, RuleSetProblem } from '../../../shared/allocation-contract';
import type { EngineError } from '../../../shared/errors';
import * as ops from './rule-set-ops';
import { SplitEditor } from './split-editor';
import { SplitList, type SplitActions } from './split-list';
import { SplitPreviewPanel } from './split-preview';

type Props = {
  ruleSet: AllocationRuleSet;
  update: (edit: (rs: AllocationRuleSet) => AllocationRuleSet) => void;
  selected: string | null;
  onSelect: (splitId: string | null) => void;
  /** The key a new split shares among (the one selected on the tag rules tab). */
  currentKey: string | null;
  preview: AllocationPreview | null;
  updating: boolean;
  previewError: EngineError | null;
  problems: RuleSetProblem[];
};

export function SplitRulesTab({ ruleSet, update, selected, onSelect, currentKey, preview, updating, previewError, problems }: Props) {
  const index = ruleSet.splits.findIndex((s) => s.id === selected);
  const split = index >= 0 ? ruleSet.splits[index] : null;
  const keyDef = ruleSet.keys.find((k) => k.key === (split?.key ?? currentKey)) ?? ruleSet.keys[0] ?? null;
  const keyValues =
    preview && split && preview.key === split.key
      ? preview.values.map((v) => v.value).filter((v) => v !== keyDef?.defaultValue)
      : [];

  const actions: SplitActions = {
    select: (id) => onSelect(id === selected ? null : id),
    add: () => {
      if (!keyDef) return;
      const made = ops.blankSplit(ruleSet, keyDef.key, keyDef.defaultValue);
      update((rs) => ops.insertSplit(rs, made));
      onSelect(made.id);
    },
    move: (id, delta) => update((rs) => ops.moveSplit(rs, id, delta)),
    toggle: (id, enabled) => update((rs) => ops.updateSplit(rs, id, (s) => ({ ...s, enabled }))),
    duplicate: (id) => {
      const copy = ops.newId(ruleSet, 'split');
      update((rs) => ops.duplicateSplit(rs, id, copy));
      onSelect(copy);
    },
    remove: (id) => {
      update((rs) => ops.deleteSplit(rs, id));
      if (id === selected) onSelect(null);
    },
  };

  return (
    <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 420px', xl: 'minmax(0, 1fr) 480px' } }}>
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        <SplitList ruleSet={ruleSet} selected={selected} problems={problems} actions={actions} canAdd={keyDef !== null} />
        {!keyDef && (
          <Typography color="text.secondary" data-testid="split-needs-key">
            Add a tag key on the Tag rules tab first: a split shares cost among the values of a key.
          </Typography>
        )}
        {keyDef && ruleSet.splits.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 1 }} data-testid="no-splits">
            No split rules yet. A typical one takes what stays “{keyDef.defaultValue}” for {keyDef.key} and shares it among the {keyDef.key} values in
            proportion to their cost.
          </Typography>
        )}
        {split && (
          <SplitEditor
            key={split.id}
            ruleSet={ruleSet}
            splitIndex={index}
            split={split}
            onChange={(next) => update((rs) => ops.updateSplit(rs, split.id, () => next))}
            problems={problems}
            keyValues={keyValues}
          />
        )}
      </Stack>
      <Box sx={{ position: { lg: 'sticky' }, top: { lg: 16 } }}>
        <SplitPreviewPanel preview={split ? preview : null} splitId={split?.id ?? null} updating={updating} error={previewError} />
      </Box>
    </Box>
  );
}
