import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import type { FieldRef } from '../../../shared/allocation-contract';
import { formatCount } from '../../format';
import { useFieldCatalog, type FieldOption } from './field-catalog';

type Props = {
  value: FieldRef;
  onChange: (field: FieldRef) => void;
  label?: string;
  /** Leaves out fields that would not make sense here (numbers for a value, this key itself). */
  exclude?: (o: FieldOption) => boolean;
  testId?: string;
  error?: boolean;
};

/** A searchable field list grouped as columns, source tags, other keys and numbers. */
export function FieldPicker({ value, onChange, label = 'Field', exclude, testId, error }: Props) {
  const catalog = useFieldCatalog();
  const options = exclude ? catalog.options.filter((o) => !exclude(o)) : catalog.options;
  const current = catalog.option(value);
  return (
    <Autocomplete
      size="small"
      disableClearable
      autoHighlight
      options={options.some((o) => o.field === value) ? options : [current, ...options]}
      groupBy={(o) => o.group}
      value={current}
      isOptionEqualToValue={(a, b) => a.field === b.field}
      getOptionLabel={(o) => o.label}
      onChange={(_, o) => onChange(o.field)}
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1, justifyContent: 'space-between' }}>
          <span>{o.label}</span>
          {o.distinct !== null && (
            <Box component="span" sx={{ color: 'text.secondary', fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatCount(o.distinct)} values
            </Box>
          )}
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId, title: current.label } }}
        />
      )}
      slotProps={{ popper: { style: { minWidth: 260 }, placement: 'bottom-start' } }}
    />
  );
}
