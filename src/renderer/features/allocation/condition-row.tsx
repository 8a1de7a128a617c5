import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import Tooltip from '@mui/material/Tooltip';
import type { Condition, ConditionOperator, FieldRef } from '../../../shared/allocation-contract';
import { CloseIcon } from '../../components/icons';
import { useFieldCatalog } from './field-catalog';
import { FieldPicker } from './field-picker';
import { isNumericField, OPERATORS, operatorDef, operatorNamed } from './labels';
import { MultiSuggestInput, SuggestInput } from './suggest-input';

/** Keeps the operand when the operator changes between one value and a list. */
function withOperator(c: Condition, op: ConditionOperator): Condition {
  const next = operatorDef(op).operand;
  const current = c.values?.length ? c.values : c.value ? [c.value] : [];
  const base: Condition = { field: c.field, op, ...(c.caseSensitive !== undefined && { caseSensitive: c.caseSensitive }) };
  if (next === 'none') return base;
  if (next === 'list') return { ...base, values: current };
  return { ...base, value: current[0] ?? '' };
}

export const CONDITION_COLUMNS = 'minmax(0, 1.4fr) minmax(0, 0.9fr) minmax(0, 1.2fr) 36px 32px';

type Props = {
  condition: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
  /** Words for the problems found in this condition, shown under it. */
  problem: string | null;
  /** Which inputs the problems concern, to mark just those. */
  bad: { field: boolean; op: boolean; value: boolean };
  /** The key being edited: a condition cannot read the key it sets. */
  excludeKey?: string | null;
  testId: string;
};

export function ConditionRow({ condition: c, onChange, onRemove, problem, bad, excludeKey, testId }: Props) {
  const catalog = useFieldCatalog();
  const def = operatorDef(c.op);
  const suggestions = catalog.suggestions(c.field);
  const setField = (field: FieldRef) => {
    const numeric = isNumericField(field);
    const op = numeric && def.operand !== 'number' ? 'gt' : !numeric && def.operand === 'number' ? 'equals' : c.op;
    onChange(withOperator({ ...c, field }, op));
  };
  return (
    <Box data-testid={testId} role="group" aria-label="Condition">
      <Box sx={{ display: 'grid', gridTemplateColumns: CONDITION_COLUMNS, gap: 1, alignItems: 'start', '& .MuiInputBase-input': { fontSize: 14 } }}>
        <FieldPicker
          value={c.field}
          onChange={setField}
          exclude={(o) => excludeKey != null && o.field === `vtag:${excludeKey}`}
          testId={`${testId}-field`}
          error={bad.field}
        />
        <TextField
          select
          size="small"
          label="Operator"
          value={c.op}
          error={bad.op}
          onChange={(e) => onChange(withOperator(c, operatorNamed(e.target.value) ?? c.op))}
          slotProps={{
            htmlInput: { 'data-testid': `${testId}-op` },
            select: { renderValue: (v) => operatorDef(operatorNamed(v) ?? c.op).label, MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } } },
          }}
          sx={{ '& .MuiSelect-select': { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {OPERATORS.map((o) => (
            <MenuItem key={o.op} value={o.op}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        {def.operand === 'none' ? (
          <Box />
        ) : def.operand === 'list' ? (
          <MultiSuggestInput
            label="Values"
            values={c.values ?? []}
            onChange={(values) => onChange({ ...c, values })}
            suggestions={suggestions}
            testId={`${testId}-value`}
            error={bad.value}
            placeholder="Type, then Enter"
          />
        ) : (
          <SuggestInput
            label={def.operand === 'number' ? 'Number' : c.op === 'regex' ? 'Pattern' : 'Value'}
            value={c.value ?? ''}
            onChange={(value) => onChange({ ...c, value })}
            suggestions={def.operand === 'number' || c.op === 'regex' ? [] : suggestions}
            testId={`${testId}-value`}
            error={bad.value}
            monospace={c.op === 'regex'}
          />
        )}
        {def.caseOption ? (
          <Tooltip title={c.caseSensitive ? 'Case-sensitive: “Prod” and “prod” differ' : 'Ignores case: “Prod” equals “prod”'}>
            <ToggleButton
              value="case"
              size="small"
              selected={c.caseSensitive === true}
              onChange={() => onChange({ ...c, caseSensitive: !c.caseSensitive })}
              aria-label="Case-sensitive"
              sx={{ height: 40, px: 0, fontSize: 13, textTransform: 'none', fontWeight: 700 }}
              data-testid={`${testId}-case`}
            >
              Aa
            </ToggleButton>
          </Tooltip>
        ) : (
          <Box />
        )}
        <Tooltip title="Remove this condition">
          <IconButton size="small" onClick={onRemove} aria-label="Remove condition" sx={{ mt: 0.5 }}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {problem && (
        <Box role="alert" sx={{ color: 'error.main', fontSize: 12, mt: 0.5, ml: 0.5 }}>
          {problem}
        </Box>
      )}
    </Box>
  );
}
