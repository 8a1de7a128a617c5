import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useRef, type ReactNode } from 'react';
import type { AllocationPreview, AllocationRuleSet, CostCount, RuleSetProblem, TagKeyDef } from '../../../shared/allocation-contract';
import { AddIcon } from '../../components/icons';
import { formatCount, formatMoney } from '../../format';
import { refocusMoved, RowAction } from './row-action';
import { ArrowDownIcon, ArrowUpIcon, CopyIcon, DeleteIcon } from './allocation-icons';
import { subtractDecimals, sumDecimals } from './decimal-text';
import { describeGroup, describeValue } from './labels';
import { problemsUnder, problemText, rulePath } from './problems';

export type RuleActions = {
  select: (ruleId: string) => void;
  add: () => void;
  move: (ruleId: string, delta: number) => void;
  toggle: (ruleId: string, enabled: boolean) => void;
  duplicate: (ruleId: string) => void;
  remove: (ruleId: string) => void;
};

type Props = {
  ruleSet: AllocationRuleSet;
  keyIndex: number;
  keyDef: TagKeyDef;
  selected: string | null;
  preview: AllocationPreview | null;
  problems: RuleSetProblem[];
  actions: RuleActions;
  /** The selected rule's editor, shown under its row so it opens where the analyst clicked. */
  editor: ReactNode;
};

function Figures({ figures, currency }: { figures: CostCount | undefined; currency: string | null }) {
  if (!figures) return null;
  return (
    <Box sx={{ textAlign: 'right', flex: 'none', minWidth: 92 }}>
      <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
        {formatMoney(figures.cost, currency)}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {formatCount(figures.rows)} rows
      </Typography>
    </Box>
  );
}


/** What no tag rule matched: the key's total less what its rules set (splits come later). */
function noRuleMatched(p: AllocationPreview): CostCount {
  const set = sumDecimals(p.rules.map((r) => r.cost)) ?? '0';
  return { rows: p.total.rows - p.rules.reduce((n, r) => n + r.rows, 0), cost: subtractDecimals(p.total.cost, set) ?? '0' };
}

/** The key's rules in order (first match wins), with what each one allocates in the preview. */
export function RuleList({ ruleSet, keyIndex, keyDef, selected, preview, problems, actions, editor }: Props) {
  const figures = new Map((preview?.key === keyDef.key ? preview.rules : []).map((r) => [r.ruleId, r]));
  const currency = preview?.currency ?? null;
  const count = keyDef.rules.length;
  const list = useRef<HTMLOListElement>(null);
  const move = (id: string, delta: number) => {
    actions.move(id, delta);
    refocusMoved(list.current, id, delta);
  };
  return (
    <Paper variant="outlined" component="section" aria-labelledby="rule-list-title" data-testid="rule-list">
      <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h4" component="h3" id="rule-list-title">
            Rules for {keyDef.key}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            Tried from the top; the first rule that matches a charge sets its value.
          </Typography>
        </Box>
        <Button size="small" variant="outlined" startIcon={<AddIcon />} onClick={actions.add} data-testid="rule-add">
          Add rule
        </Button>
      </Stack>
      {count === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 2 }}>
          No rules yet: every charge gets “{keyDef.defaultValue}”. Add a rule, or pick an entry under “What to tag next”.
        </Typography>
      )}
      <Box component="ol" ref={list} sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={`Rules for ${keyDef.key}`}>
        {keyDef.rules.map((rule, i) => {
          const mine = problemsUnder(problems, rulePath(keyIndex, i));
          const isSelected = rule.id === selected;
          const enabled = rule.enabled !== false;
          return (
            <Box
              component="li"
              key={rule.id}
              data-testid="rule-row"
              data-row-id={rule.id}
              data-selected={isSelected}
              sx={{
                borderBottom: 1,
                borderColor: 'divider',
                bgcolor: isSelected ? 'rgba(31, 79, 122, 0.07)' : undefined,
                boxShadow: isSelected ? 'inset 3px 0 0 #1f4f7a' : undefined,
              }}
            >
              <Stack direction="row" sx={{ alignItems: 'center', gap: 1, pl: 1, pr: 1 }}>
                <Typography variant="body2" color="text.secondary" sx={{ width: 22, textAlign: 'right', flex: 'none' }}>
                  {i + 1}
                </Typography>
                <Switch
                  size="small"
                  checked={enabled}
                  onChange={(e) => actions.toggle(rule.id, e.target.checked)}
                  slotProps={{ input: { 'aria-label': `Apply rule ${i + 1}` } }}
                />
                <ButtonBase
                  onClick={() => actions.select(rule.id)}
                  aria-pressed={isSelected}
                  aria-label={`Edit rule ${i + 1}: ${rule.name}`}
                  sx={{ flex: 1, minWidth: 0, justifyContent: 'flex-start', textAlign: 'left', py: 1, px: 0.5, borderRadius: 1, display: 'block' }}
                  data-testid="rule-select"
                >
                  <Typography variant="body2" noWrap sx={{ fontWeight: 600, color: enabled ? 'text.primary' : 'text.disabled' }}>
                    {rule.name || '(unnamed rule)'}
                    {!enabled && ' (off)'}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" noWrap component="div" title={`${describeGroup(rule.when)} → ${describeValue(rule.value)}`}>
                    {describeGroup(rule.when)} → {describeValue(rule.value)}
                  </Typography>
                </ButtonBase>
                <Figures figures={figures.get(rule.id)} currency={currency} />
                <Stack direction="row" sx={{ flex: 'none' }}>
                  <RowAction title="Move up" onClick={() => move(rule.id, -1)} disabled={i === 0}>
                    <ArrowUpIcon fontSize="small" />
                  </RowAction>
                  <RowAction title="Move down" onClick={() => move(rule.id, 1)} disabled={i === count - 1}>
                    <ArrowDownIcon fontSize="small" />
                  </RowAction>
                  <RowAction title="Duplicate" onClick={() => actions.duplicate(rule.id)}>
                    <CopyIcon fontSize="small" />
                  </RowAction>
                  <RowAction title="Delete" onClick={() => actions.remove(rule.id)}>
                    <DeleteIcon fontSize="small" />
                  </RowAction>
                </Stack>
              </Stack>
              {mine.length > 0 && (
                <Box role="alert" data-testid="rule-row-problem" sx={{ color: 'error.main', fontSize: 12, pl: 8, pr: 2, pb: 1 }}>
                  {[...new Set(mine.map((p) => problemText(ruleSet, p, true)))].map((text) => (
                    <div key={text}>{text}</div>
                  ))}
                </Box>
              )}
              {isSelected && editor && <Box sx={{ borderTop: 1, borderColor: 'divider', boxShadow: 'inset 3px 0 0 #1f4f7a' }}>{editor}</Box>}
            </Box>
          );
        })}
      </Box>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, px: 2, py: 1, bgcolor: '#f7f9fa' }} data-testid="rule-default">
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          No rule matched → “{keyDef.defaultValue}”
        </Typography>
        <Figures figures={preview?.key === keyDef.key && preview.problems.length === 0 ? noRuleMatched(preview) : undefined} currency={currency} />
      </Stack>
    </Paper>
  );
}
