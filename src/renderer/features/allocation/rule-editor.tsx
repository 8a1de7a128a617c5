import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AllocationRuleSet, RuleSetProblem, TagRule } from '../../../shared/allocation-contract';
import { ConditionBuilder } from './condition-builder';
import { problemsUnder, problemText, rulePath } from './problems';
import { ValueEditor } from './value-editor';

type Props = {
  ruleSet: AllocationRuleSet;
  keyIndex: number;
  ruleIndex: number;
  rule: TagRule;
  onChange: (rule: TagRule) => void;
  problems: RuleSetProblem[];
  valueSuggestions: string[];
  /** A new rule puts the cursor where typing starts: its name, or (made from a group) its value. */
  focus: 'name' | 'value' | null;
};

export function DateRange({ from, to, onChange, testId }: { from: string | null | undefined; to: string | null | undefined; onChange: (from: string | null, to: string | null) => void; testId: string }) {
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
      <TextField
        size="small"
        type="date"
        label="Applies from"
        value={from ?? ''}
        onChange={(e) => onChange(e.target.value || null, to ?? null)}
        helperText="Empty: from the start"
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `${testId}-from` } }}
        sx={{ width: 180 }}
      />
      <TextField
        size="small"
        type="date"
        label="Until (not included)"
        value={to ?? ''}
        onChange={(e) => onChange(from ?? null, e.target.value || null)}
        helperText="Empty: no end"
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `${testId}-to` } }}
        sx={{ width: 180 }}
      />
    </Stack>
  );
}

export function RuleEditor({ ruleSet, keyIndex, ruleIndex, rule, onChange, problems, valueSuggestions, focus }: Props) {
  const path = rulePath(keyIndex, ruleIndex);
  const mine = problemsUnder(problems, path);
  const valueProblems = problemsUnder(mine, `${path}.value`);
  const whenPath = `${path}.when`;
  const other = mine.filter((p) => !valueProblems.includes(p) && !problemsUnder(mine, whenPath).includes(p));
  const keyName = ruleSet.keys[keyIndex]?.key ?? '';

  return (
    <Box sx={{ p: 2, bgcolor: 'background.paper' }} data-testid="rule-editor" component="section" aria-label={`Edit rule ${ruleIndex + 1}`}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, mb: 2 }}>
        <Typography variant="h4" component="h3" sx={{ flex: 'none' }}>
          Rule {ruleIndex + 1}
        </Typography>
        <TextField
          size="small"
          label="Rule name"
          value={rule.name}
          onChange={(e) => onChange({ ...rule, name: e.target.value })}
          sx={{ flex: 1, minWidth: 0 }}
          autoFocus={focus === 'name'}
          slotProps={{ htmlInput: { 'data-testid': 'rule-name' } }}
        />
        <FormControlLabel
          sx={{ mr: 0, flex: 'none' }}
          control={<Switch checked={rule.enabled !== false} onChange={(e) => onChange({ ...rule, enabled: e.target.checked })} />}
          label="Enabled"
        />
      </Stack>
      {other.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="rule-problems">
          {other.map((p) => (
            <div key={p.path + p.message}>{problemText(ruleSet, p, true)}</div>
          ))}
        </Alert>
      )}
      <Typography variant="overline" color="text.secondary" component="h4">
        When
      </Typography>
      <ConditionBuilder
        group={rule.when}
        onChange={(when) => onChange({ ...rule, when })}
        path={whenPath}
        problems={problemsUnder(mine, whenPath)}
        ruleSet={ruleSet}
        excludeKey={keyName}
        testId="rule-when"
      />
      <Divider sx={{ my: 2 }} />
      <Typography variant="overline" color="text.secondary" component="h4" sx={{ display: 'block', mb: 1 }}>
        Then
      </Typography>
      <ValueEditor
        value={rule.value}
        onChange={(value) => onChange({ ...rule, value })}
        suggestions={valueSuggestions}
        keyName={keyName}
        problem={valueProblems.length ? valueProblems.map((p) => problemText(ruleSet, p, true)).join(' ') : null}
        autoFocus={focus === 'value'}
      />
      <Divider sx={{ my: 2 }} />
      <Typography variant="overline" color="text.secondary" component="h4" sx={{ display: 'block', mb: 1 }}>
        Effective dates (charge day, UTC)
      </Typography>
      <Box>
        <DateRange from={rule.from} to={rule.to} onChange={(from, to) => onChange({ ...rule, from, to })} testId="rule-dates" />
      </Box>
    </Box>
  );
}
