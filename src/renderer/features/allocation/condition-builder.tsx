import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { AllocationRuleSet, Condition, ConditionGroup, RuleSetProblem } from '../../../shared/allocation-contract';
import { AddIcon, CloseIcon } from '../../components/icons';
import { ConditionRow } from './condition-row';
import { isGroup } from './labels';
import { problemsUnder, problemText } from './problems';
import { blankCondition, removeAt, replaceAt } from './rule-set-ops';

/** Groups nest this deep (the top group is depth 0): enough for "A and (B or C) and (D or (E and F))". */
const MAX_DEPTH = 2;

type Props = {
  group: ConditionGroup;
  onChange: (g: ConditionGroup) => void;
  /** Path of this group in the rule set, to place problems next to the condition they concern. */
  path: string;
  problems: RuleSetProblem[];
  ruleSet: AllocationRuleSet;
  excludeKey?: string | null;
  testId: string;
  depth?: number;
  onRemove?: () => void;
};

export function ConditionBuilder({ group, onChange, path, problems, ruleSet, excludeKey, testId, depth = 0, onRemove }: Props) {
  const setItem = (i: number, item: Condition | ConditionGroup) => onChange({ ...group, items: replaceAt(group.items, i, item) });
  const removeItem = (i: number) => onChange({ ...group, items: removeAt(group.items, i) });
  const add = (item: Condition | ConditionGroup) => onChange({ ...group, items: [...group.items, item] });
  // A nested group starts with the opposite join: that is why one nests a group at all.
  const nested = (): ConditionGroup => ({ join: group.join === 'and' ? 'or' : 'and', items: [blankCondition(), blankCondition()] });
  const own = problems.filter((p) => p.path === path || p.path === `${path}.join` || p.path === `${path}.items`);

  return (
    <Box
      data-testid={testId}
      role="group"
      aria-label={depth === 0 ? 'Conditions' : 'Condition group'}
      sx={
        depth === 0
          ? undefined
          : { borderLeft: 3, borderColor: 'primary.light', pl: 1.5, py: 1, pr: 0.5, bgcolor: depth % 2 ? '#f7f9fa' : 'background.paper', borderRadius: 1 }
      }
    >
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="body2" color="text.secondary" component="span">
          {depth === 0 ? 'Match charges where' : 'Group:'}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={group.join}
          onChange={(_, v: 'and' | 'or' | null) => v && onChange({ ...group, join: v })}
          aria-label="How conditions combine"
        >
          <ToggleButton value="and" sx={{ py: 0.25, px: 1 }} data-testid={`${testId}-and`}>
            all of these
          </ToggleButton>
          <ToggleButton value="or" sx={{ py: 0.25, px: 1 }} data-testid={`${testId}-or`}>
            any of these
          </ToggleButton>
        </ToggleButtonGroup>
        <Box sx={{ flex: 1 }} />
        {onRemove && (
          <Tooltip title="Remove this group">
            <IconButton size="small" onClick={onRemove} aria-label="Remove group">
              <CloseIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Stack>
      <Stack spacing={1}>
        {group.items.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
            No conditions: every charge matches.
          </Typography>
        )}
        {group.items.map((item, i) => {
          const itemPath = `${path}.items[${i}]`;
          const here = problemsUnder(problems, itemPath);
          return isGroup(item) ? (
            <ConditionBuilder
              key={i}
              group={item}
              onChange={(g) => setItem(i, g)}
              path={itemPath}
              problems={here}
              ruleSet={ruleSet}
              excludeKey={excludeKey}
              testId={`${testId}-group-${i}`}
              depth={depth + 1}
              onRemove={() => removeItem(i)}
            />
          ) : (
            <ConditionRow
              key={i}
              condition={item}
              onChange={(c) => setItem(i, c)}
              onRemove={() => removeItem(i)}
              problem={here.length ? [...new Set(here.map((p) => problemText(ruleSet, p, true)))].join(' ') : null}
              bad={{
                field: here.some((p) => p.path.startsWith(`${itemPath}.field`)),
                op: here.some((p) => p.path.startsWith(`${itemPath}.op`)),
                value: here.some((p) => p.path.startsWith(`${itemPath}.value`)),
              }}
              excludeKey={excludeKey}
              testId={`${testId}-${i}`}
            />
          );
        })}
      </Stack>
      {own.map((p) => (
        <Typography key={p.path + p.message} variant="body2" color="error" role="alert" sx={{ mt: 0.5 }}>
          {problemText(ruleSet, p, true)}
        </Typography>
      ))}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button size="small" startIcon={<AddIcon />} onClick={() => add(blankCondition(lastField(group)))} data-testid={`${testId}-add`}>
          Condition
        </Button>
        {depth < MAX_DEPTH && (
          <Button size="small" startIcon={<AddIcon />} onClick={() => add(nested())} data-testid={`${testId}-add-group`}>
            Group ({group.join === 'and' ? 'any of' : 'all of'})
          </Button>
        )}
      </Stack>
    </Box>
  );
}

/** A new condition reads the same field as the one before it: rules usually list several values of one. */
function lastField(group: ConditionGroup) {
  const last = [...group.items].reverse().find((i): i is Condition => !isGroup(i));
  return last?.field;
}
