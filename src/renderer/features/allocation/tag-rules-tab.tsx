import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { AllocationPreview, AllocationRuleSet, RuleSetProblem, TagRule } from '../../../shared/allocation-contract';
import type { EngineError } from '../../../shared/errors';
import { AddIcon } from '../../components/icons';
import { TagIcon } from './allocation-icons';
import { KeyDialog, COMMON_KEYS } from './key-dialog';
import { KeyList } from './key-list';
import { KeySettings } from './key-settings';
import { PreviewPanel, type UnallocatedGroup } from './preview-panel';
import { RuleEditor } from './rule-editor';
import { RuleList, type RuleActions } from './rule-list';
import * as ops from './rule-set-ops';

export type TagSelection = { key: string | null; ruleId: string | null };

type Props = {
  ruleSet: AllocationRuleSet;
  update: (edit: (rs: AllocationRuleSet) => AllocationRuleSet) => void;
  selection: TagSelection;
  onSelect: (s: TagSelection) => void;
  preview: AllocationPreview | null;
  updating: boolean;
  previewError: EngineError | null;
  problems: RuleSetProblem[];
  coverage: Map<string, number>;
  coverageStale: boolean;
  importRules: () => void;
};

export function TagRulesTab({ ruleSet, update, selection, onSelect, preview, updating, previewError, problems, coverage, coverageStale, importRules }: Props) {
  const [keyDialog, setKeyDialog] = useState<{ renaming: string | null } | null>(null);
  const [focusRule, setFocusRule] = useState<{ id: string; at: 'name' | 'value' } | null>(null);
  const keyIndex = ops.keyIndex(ruleSet, selection.key);
  const keyDef = keyIndex >= 0 ? ruleSet.keys[keyIndex] : null;
  const ruleIndex = keyDef ? keyDef.rules.findIndex((r) => r.id === selection.ruleId) : -1;
  const rule = keyDef && ruleIndex >= 0 ? keyDef.rules[ruleIndex] : null;
  const keyName = keyDef?.key ?? '';

  const seenValues = useMemo(() => {
    if (!keyDef) return [];
    const fromPreview = preview?.key === keyDef.key ? preview.values.map((v) => v.value) : [];
    const fromDraft = [...keyDef.normalize.map((n) => n.value), ...keyDef.rules.flatMap((r) => (r.value.kind === 'literal' ? [r.value.value] : []))];
    return [...new Set([...fromPreview, ...fromDraft])].filter((v) => v !== '' && v !== keyDef.defaultValue);
  }, [keyDef, preview]);

  // Made from the rule set on screen, so the new id is known here to select the new rule.
  const addRule = (rule: TagRule, focus: 'name' | 'value') => {
    if (!keyDef) return;
    update((rs) => ops.insertRule(rs, keyName, rule));
    onSelect({ key: keyName, ruleId: rule.id });
    setFocusRule({ id: rule.id, at: focus });
  };

  const actions: RuleActions = {
    select: (ruleId) => onSelect({ key: keyName, ruleId: ruleId === selection.ruleId ? null : ruleId }),
    add: () => addRule(ops.blankRule(ruleSet), 'name'),
    move: (ruleId, delta) => update((rs) => ops.moveRule(rs, keyName, ruleId, delta)),
    toggle: (ruleId, enabled) => update((rs) => ops.updateRule(rs, keyName, ruleId, (r) => ({ ...r, enabled }))),
    duplicate: (ruleId) => {
      const id = ops.newId(ruleSet, 'rule');
      update((rs) => ops.duplicateRule(rs, keyName, ruleId, id));
      onSelect({ key: keyName, ruleId: id });
    },
    remove: (ruleId) => {
      update((rs) => ops.deleteRule(rs, keyName, ruleId));
      if (selection.ruleId === ruleId) onSelect({ key: keyName, ruleId: null });
    },
  };

  const addFor = (group: UnallocatedGroup) => addRule(ops.ruleForGroup(ruleSet, group.label, group.fields), 'value');

  const dialog = (
    <KeyDialog
      open={keyDialog !== null}
      renaming={keyDialog?.renaming ?? null}
      taken={ruleSet.keys.map((k) => k.key)}
      onCancel={() => setKeyDialog(null)}
      onDone={(key, defaultValue) => {
        const renaming = keyDialog?.renaming ?? null;
        setKeyDialog(null);
        update((rs) => (renaming === null ? ops.addKey(rs, key, defaultValue) : ops.renameKey(rs, renaming, key)));
        onSelect({ key, ruleId: renaming === null ? null : selection.ruleId });
      }}
    />
  );

  if (ruleSet.keys.length === 0) {
    return (
      <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }} data-testid="no-keys">
        <TagIcon color="primary" sx={{ fontSize: 36 }} />
        <Typography variant="h3" component="h2" sx={{ mt: 1 }}>
          No tag keys yet
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 1, mb: 2, maxWidth: 560, mx: 'auto' }}>
          A tag key is what you allocate by, such as the team, feature or customer behind each charge. Its rules read the bill’s columns and tags,
          and what no rule matches stays at its default value.
        </Typography>
        <Stack direction="row" sx={{ justifyContent: 'center', gap: 1, flexWrap: 'wrap' }}>
          {COMMON_KEYS.slice(0, 5).map((k) => (
            <Button
              key={k}
              variant="outlined"
              startIcon={<AddIcon />}
              onClick={() => {
                update((rs) => ops.addKey(rs, k, ops.DEFAULT_VALUE));
                onSelect({ key: k, ruleId: null });
              }}
            >
              {k}
            </Button>
          ))}
          <Button variant="contained" onClick={() => setKeyDialog({ renaming: null })} data-testid="key-add">
            Another key…
          </Button>
          <Button onClick={importRules}>Import rules from a file</Button>
        </Stack>
        {dialog}
      </Paper>
    );
  }

  return (
    <Stack spacing={2}>
      <KeyList
        ruleSet={ruleSet}
        selected={selection.key}
        onSelect={(key) => onSelect({ key, ruleId: null })}
        onAdd={() => setKeyDialog({ renaming: null })}
        coverage={coverage}
        stale={coverageStale}
        problems={problems}
      />
      {keyDef && (
        <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 360px', xl: 'minmax(0, 1fr) 400px' } }}>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <KeySettings
              ruleSet={ruleSet}
              keyIndex={keyIndex}
              keyDef={keyDef}
              problems={problems}
              seenValues={seenValues}
              onDefault={(v) => update((rs) => ops.updateKey(rs, keyName, (k) => ({ ...k, defaultValue: v })))}
              onNormalize={(normalize) => update((rs) => ops.updateKey(rs, keyName, (k) => ({ ...k, normalize })))}
              onRename={() => setKeyDialog({ renaming: keyName })}
              onRemove={() => {
                update((rs) => ops.removeKey(rs, keyName));
                onSelect({ key: ruleSet.keys.find((k) => k.key !== keyName)?.key ?? null, ruleId: null });
              }}
            />
            <RuleList
              ruleSet={ruleSet}
              keyIndex={keyIndex}
              keyDef={keyDef}
              selected={selection.ruleId}
              preview={preview}
              problems={problems}
              actions={actions}
              editor={
                rule && (
                  <RuleEditor
                    key={rule.id}
                    ruleSet={ruleSet}
                    keyIndex={keyIndex}
                    ruleIndex={ruleIndex}
                    rule={rule}
                    onChange={(next) => update((rs) => ops.updateRule(rs, keyName, rule.id, () => next))}
                    problems={problems}
                    valueSuggestions={seenValues}
                    focus={focusRule?.id === rule.id ? focusRule.at : null}
                  />
                )
              }
            />
          </Stack>
          <Box sx={{ position: { lg: 'sticky' }, top: { lg: 16 } }}>
            <PreviewPanel
              preview={preview}
              updating={updating}
              error={previewError}
              keyName={keyName}
              defaultValue={keyDef.defaultValue}
              onAddRuleFor={addFor}
            />
          </Box>
        </Box>
      )}
      {dialog}
    </Stack>
  );
}
