import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import type { AllocationRuleSet, RuleSetProblem, SplitRule } from '../../../shared/allocation-contract';
import { ConditionBuilder } from './condition-builder';
import { problemsUnder, problemText, splitPath } from './problems';
import { DateRange } from './rule-editor';
import { SplitMethodEditor } from './split-method-editor';
import { MultiSuggestInput } from './suggest-input';

type Props = {
  ruleSet: AllocationRuleSet;
  splitIndex: number;
  split: SplitRule;
  onChange: (s: SplitRule) => void;
  problems: RuleSetProblem[];
  /** Values of the split's key seen in the preview, offered as targets. */
  keyValues: string[];
};

function Heading({ children }: { children: ReactNode }) {
  return (
    <Typography variant="overline" color="text.secondary" component="h4" sx={{ display: 'block', mb: 0.5 }}>
      {children}
    </Typography>
  );
}

/** One split rule: which allocated cost is pooled, who receives it, and by what measure. */
export function SplitEditor({ ruleSet, splitIndex, split, onChange, problems, keyValues }: Props) {
  const path = splitPath(splitIndex);
  const mine = problemsUnder(problems, path);
  const poolPath = `${path}.pool`;
  const other = mine.filter((p) => !problemsUnder(mine, poolPath).includes(p));
  const keyDef = ruleSet.keys.find((k) => k.key === split.key);
  // Choosing starts with an empty list, which the rule set reads as "all": remember the choice here.
  const [choosing, setChoosing] = useState(split.targets.length > 0);
  const chosen = choosing || split.targets.length > 0 || split.method === 'fixed';

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={`Edit split rule ${splitIndex + 1}`} data-testid="split-editor">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, mb: 2 }}>
        <Typography variant="h4" component="h3" sx={{ flex: 'none' }}>
          Split {splitIndex + 1}
        </Typography>
        <TextField
          size="small"
          label="Name"
          value={split.name}
          onChange={(e) => onChange({ ...split, name: e.target.value })}
          sx={{ flex: 1, minWidth: 0 }}
          slotProps={{ htmlInput: { 'data-testid': 'split-name' } }}
        />
        <FormControlLabel
          sx={{ mr: 0, flex: 'none' }}
          control={<Switch checked={split.enabled !== false} onChange={(e) => onChange({ ...split, enabled: e.target.checked })} />}
          label="Enabled"
        />
      </Stack>
      {other.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="split-problems">
          {other.map((p) => (
            <div key={p.path + p.message}>{problemText(ruleSet, p, true)}</div>
          ))}
        </Alert>
      )}
      <TextField
        select
        size="small"
        label="Tag key whose values receive the pool"
        value={keyDef ? split.key : ''}
        onChange={(e) => onChange({ ...split, key: e.target.value, targets: [], percentages: undefined })}
        sx={{ width: 320, maxWidth: '100%', mb: 2 }}
        slotProps={{ htmlInput: { 'data-testid': 'split-key' } }}
      >
        {ruleSet.keys.map((k) => (
          <MenuItem key={k.key} value={k.key}>
            {k.key}
          </MenuItem>
        ))}
      </TextField>
      <Heading>Pool: the cost to share</Heading>
      <ConditionBuilder
        group={split.pool}
        onChange={(pool) => onChange({ ...split, pool })}
        path={poolPath}
        problems={problemsUnder(mine, poolPath)}
        ruleSet={ruleSet}
        testId="split-pool"
      />
      <Divider sx={{ my: 2 }} />
      <Heading>Shared among</Heading>
      <RadioGroup
        row
        value={chosen ? 'chosen' : 'all'}
        onChange={(e) => {
          setChoosing(e.target.value === 'chosen');
          if (e.target.value === 'all') onChange({ ...split, targets: [] });
        }}
        aria-label="Which values receive a share"
      >
        <FormControlLabel value="all" control={<Radio size="small" />} label={`Every value of ${split.key || 'the key'} that holds cost`} disabled={split.method === 'fixed'} />
        <FormControlLabel value="chosen" control={<Radio size="small" />} label="Chosen values" data-testid="split-targets-chosen" />
      </RadioGroup>
      {chosen && (
        <Box sx={{ mt: 1 }}>
          <MultiSuggestInput
            label="Values that receive a share"
            values={split.targets}
            onChange={(targets) => onChange({ ...split, targets })}
            suggestions={keyValues}
            placeholder="Pick or type a value"
            testId="split-targets"
          />
        </Box>
      )}
      {!chosen && keyDef && (
        <Typography variant="caption" color="text.secondary" component="p">
          “{keyDef.defaultValue}” itself never receives a share.
        </Typography>
      )}
      <Divider sx={{ my: 2 }} />
      <Heading>Method</Heading>
      <SplitMethodEditor split={split} onChange={onChange} />
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 1.5, mt: 2 }}>
        <TextField
          select
          size="small"
          label="Measure weights per"
          value={split.period}
          onChange={(e) => onChange({ ...split, period: e.target.value === 'day' ? 'day' : 'month' })}
          slotProps={{ htmlInput: { 'data-testid': 'split-period' } }}
        >
          <MenuItem value="day">Day</MenuItem>
          <MenuItem value="month">Month</MenuItem>
        </TextField>
        <TextField
          select
          size="small"
          label="When no target has usage or cost"
          value={split.noWeight}
          onChange={(e) => onChange({ ...split, noWeight: e.target.value === 'unallocated' ? 'unallocated' : 'even' })}
          slotProps={{ htmlInput: { 'data-testid': 'split-no-weight' } }}
        >
          <MenuItem value="even">Split evenly</MenuItem>
          <MenuItem value="unallocated">Keep it where it is</MenuItem>
        </TextField>
      </Box>
      <Divider sx={{ my: 2 }} />
      <Heading>Effective dates (charge day, UTC)</Heading>
      <DateRange from={split.from} to={split.to} onChange={(from, to) => onChange({ ...split, from, to })} testId="split-dates" />
    </Paper>
  );
}
