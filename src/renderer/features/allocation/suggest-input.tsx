import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';

type Common = {
  label: string;
  suggestions: string[];
  testId?: string;
  error?: boolean;
  helperText?: ReactNode;
  placeholder?: string;
  autoFocus?: boolean;
  monospace?: boolean;
};

const MAX_SUGGESTIONS = 200;

/** Free text with the values found in the data offered as you type; every keystroke is the value. */
export function SuggestInput({ value, onChange, label, suggestions, testId, error, helperText, placeholder, autoFocus, monospace }: Common & {
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Autocomplete
      size="small"
      freeSolo
      disableClearable
      options={suggestions.slice(0, MAX_SUGGESTIONS)}
      inputValue={value}
      value={value}
      onInputChange={(_, v, reason) => {
        // A reset comes from the controlled value itself; only what the analyst did is an edit.
        if (reason !== 'reset' || v !== value) onChange(v);
      }}
      onChange={(_, v) => onChange(v ?? '')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          placeholder={placeholder}
          autoFocus={autoFocus}
          slotProps={{
            ...params.slotProps,
            htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId, style: monospace ? { fontFamily: 'ui-monospace, monospace' } : undefined },
          }}
        />
      )}
    />
  );
}

/** Several values as chips; type one and press Enter (or leave the field) to add it. */
export function MultiSuggestInput({ values, onChange, label, suggestions, testId, error, helperText, placeholder, autoFocus }: Common & {
  values: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <Autocomplete
      size="small"
      multiple
      freeSolo
      autoSelect
      filterSelectedOptions
      options={suggestions.slice(0, MAX_SUGGESTIONS)}
      value={values}
      onChange={(_, v) => onChange([...new Set(v.map((s) => s.trim()).filter((s) => s !== ''))])}
      renderValue={(items, getItemProps) =>
        items.map((item, index) => {
          const { key, ...rest } = getItemProps({ index });
          return <Chip key={key} size="small" label={item} {...rest} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={error}
          helperText={helperText}
          placeholder={values.length ? undefined : placeholder}
          autoFocus={autoFocus}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }}
        />
      )}
    />
  );
}
