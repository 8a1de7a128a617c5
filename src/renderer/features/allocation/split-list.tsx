import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';
import type { AllocationRuleSet, RuleSetProblem, SplitRule } from '../../../shared/allocation-contract';
import { AddIcon } from '../../components/icons';
import { refocusMoved, RowAction } from './row-action';
import { ArrowDownIcon, ArrowUpIcon, CopyIcon, DeleteIcon } from './allocation-icons';
import { describeGroup } from './labels';
import { problemsUnder, problemText, splitPath } from './problems';
import { METHODS } from './split-method-editor';

export type SplitActions = {
  select: (id: string) => void;
  add: () => void;
  move: (id: string, delta: number) => void;
  toggle: (id: string, enabled: boolean) => void;
  duplicate: (id: string) => void;
  remove: (id: string) => void;
};

export function describeSplit(s: SplitRule): string {
  const method = METHODS.find((m) => m.method === s.method)?.label.toLowerCase() ?? s.method;
  const to = s.targets.length ? s.targets.join(', ') : `every ${s.key} value`;
  return `${describeGroup(s.pool)} → ${to}, ${method}${s.method === 'usage' && s.usage ? ` (${s.usage.replace('metric:', '')})` : ''}, per ${s.period}`;
}


/** Split rules in the order they apply; a later split can share what an earlier one produced. */
export function SplitList({ ruleSet, selected, problems, actions, canAdd }: { ruleSet: AllocationRuleSet; selected: string | null; problems: RuleSetProblem[]; actions: SplitActions; canAdd: boolean }) {
  const count = ruleSet.splits.length;
  const list = useRef<HTMLOListElement>(null);
  const move = (id: string, delta: number) => {
    actions.move(id, delta);
    refocusMoved(list.current, id, delta);
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="split-list-title" data-testid="split-list">
      <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1.25, borderBottom: count ? 1 : 0, borderColor: 'divider' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h4" component="h3" id="split-list-title">
            Split rules
          </Typography>
          <Typography variant="caption" color="text.secondary">
            Share pooled cost (shared platforms, untagged spend) among the values of a key, after the tag rules, in this order.
          </Typography>
        </Box>
        <Button size="small" variant="outlined" startIcon={<AddIcon />} onClick={actions.add} disabled={!canAdd} data-testid="split-add">
          Add split rule
        </Button>
      </Stack>
      <Box component="ol" ref={list} sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label="Split rules">
        {ruleSet.splits.map((s, i) => {
          const mine = problemsUnder(problems, splitPath(i));
          const isSelected = s.id === selected;
          const enabled = s.enabled !== false;
          return (
            <Box
              component="li"
              key={s.id}
              data-testid="split-row"
              data-row-id={s.id}
              sx={{
                borderTop: i ? 1 : 0,
                borderColor: 'divider',
                bgcolor: isSelected ? 'rgba(31, 79, 122, 0.07)' : undefined,
                boxShadow: isSelected ? 'inset 3px 0 0 #1f4f7a' : undefined,
              }}
            >
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, px: 1 }}>
                <Typography variant="body2" color="text.secondary" sx={{ width: 22, textAlign: 'right', flex: 'none' }}>
                  {i + 1}
                </Typography>
                <Switch size="small" checked={enabled} onChange={(e) => actions.toggle(s.id, e.target.checked)} slotProps={{ input: { 'aria-label': `Apply split ${i + 1}` } }} />
                <ButtonBase
                  onClick={() => actions.select(s.id)}
                  aria-pressed={isSelected}
                  aria-label={`Edit split ${i + 1}: ${s.name}`}
                  sx={{ flex: 1, minWidth: 0, display: 'block', textAlign: 'left', py: 1, px: 0.5, borderRadius: 1 }}
                  data-testid="split-select"
                >
                  <Typography variant="body2" noWrap sx={{ fontWeight: 600, color: enabled ? 'text.primary' : 'text.disabled' }}>
                    {s.name || '(unnamed split)'}
                    {!enabled && ' (off)'}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" noWrap component="div" title={describeSplit(s)}>
                    {describeSplit(s)}
                  </Typography>
                </ButtonBase>
                <Stack direction="row" sx={{ flex: 'none' }}>
                  <RowAction title="Move up" onClick={() => move(s.id, -1)} disabled={i === 0}>
                    <ArrowUpIcon fontSize="small" />
                  </RowAction>
                  <RowAction title="Move down" onClick={() => move(s.id, 1)} disabled={i === count - 1}>
                    <ArrowDownIcon fontSize="small" />
                  </RowAction>
                  <RowAction title="Duplicate" onClick={() => actions.duplicate(s.id)}>
                    <CopyIcon fontSize="small" />
                  </RowAction>
                  <RowAction title="Delete" onClick={() => actions.remove(s.id)}>
                    <DeleteIcon fontSize="small" />
                  </RowAction>
                </Stack>
              </Stack>
              {mine.length > 0 && (
                <Box role="alert" sx={{ color: 'error.main', fontSize: 12, pl: 8, pr: 2, pb: 1 }}>
                  {[...new Set(mine.map((p) => problemText(ruleSet, p, true)))].map((text) => (
                    <div key={text}>{text}</div>
                  ))}
                </Box>
              )}
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}
