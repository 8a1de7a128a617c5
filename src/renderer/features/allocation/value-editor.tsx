import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { FieldRef, RuleValue } from '../../../shared/allocation-contract';
import { FieldPicker } from './field-picker';
import { SuggestInput } from './suggest-input';

type Kind = RuleValue['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'literal', label: 'a fixed value' },
  { kind: 'field', label: 'the value of a field' },
  { kind: 'capture', label: 'part of a field (regex)' },
];

function withKind(v: RuleValue, kind: Kind): RuleValue {
  const field: FieldRef = v.kind === 'literal' ? 'x_Project' : v.field;
  if (kind === 'literal') return { kind, value: '' };
  if (kind === 'field') return { kind, field };
  return { kind, field, pattern: v.kind === 'capture' ? v.pattern : '^([^-]+)', template: v.kind === 'capture' ? v.template : '$1' };
}

type Props = {
  value: RuleValue;
  onChange: (v: RuleValue) => void;
  /** Values this key already holds, offered for a fixed value. */
  suggestions: string[];
  keyName: string;
  problem: string | null;
  autoFocus?: boolean;
};

/** What a matching rule sets the key to: a fixed value, a field's value, or a regex capture of one. */
export function ValueEditor({ value, onChange, suggestions, keyName, problem, autoFocus }: Props) {
  return (
    <Box data-testid="rule-value" role="group" aria-label={`Value the rule sets for ${keyName}`}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 0.9fr) minmax(0, 1.6fr)', gap: 1, alignItems: 'start' }}>
        <TextField
          select
          size="small"
          label={`Set ${keyName} to`}
          value={value.kind}
          onChange={(e) => onChange(withKind(value, KINDS.find((k) => k.kind === e.target.value)?.kind ?? value.kind))}
          slotProps={{ htmlInput: { 'data-testid': 'rule-value-kind' } }}
        >
          {KINDS.map((k) => (
            <MenuItem key={k.kind} value={k.kind}>
              {k.label}
            </MenuItem>
          ))}
        </TextField>
        {value.kind === 'literal' ? (
          <SuggestInput
            label="Value"
            value={value.value}
            onChange={(v) => onChange({ kind: 'literal', value: v })}
            suggestions={suggestions}
            testId="rule-value-literal"
            error={problem !== null}
            helperText={problem ?? undefined}
            placeholder="e.g. ml-platform"
            autoFocus={autoFocus}
          />
        ) : (
          <FieldPicker
            label="Field"
            value={value.field}
            onChange={(field) => onChange({ ...value, field })}
            exclude={(o) => o.group === 'Numbers' || o.field === `vtag:${keyName}`}
            testId="rule-value-field"
            error={problem !== null}
          />
        )}
      </Box>
      {value.kind === 'capture' && (
        <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1.6fr) minmax(0, 0.9fr)', gap: 1, mt: 1.5 }}>
          <TextField
            size="small"
            label="Pattern"
            value={value.pattern}
            onChange={(e) => onChange({ ...value, pattern: e.target.value })}
            helperText="A regular expression; parentheses capture."
            slotProps={{ htmlInput: { 'data-testid': 'rule-value-pattern', spellCheck: false, style: { fontFamily: 'ui-monospace, monospace' } } }}
          />
          <TextField
            size="small"
            label="Result"
            value={value.template}
            onChange={(e) => onChange({ ...value, template: e.target.value })}
            helperText="$1, or $<name> for a named group"
            slotProps={{ htmlInput: { 'data-testid': 'rule-value-template', spellCheck: false, style: { fontFamily: 'ui-monospace, monospace' } } }}
          />
        </Box>
      )}
      {problem && value.kind !== 'literal' && (
        <Box role="alert" sx={{ color: 'error.main', fontSize: 12, mt: 0.5 }}>
          {problem}
        </Box>
      )}
      {value.kind !== 'literal' && (
        <Box sx={{ color: 'text.secondary', fontSize: 12, mt: 0.75 }}>When the field is empty or the pattern does not match, the next rule is tried.</Box>
      )}
    </Box>
  );
}
