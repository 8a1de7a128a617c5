import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { DEFAULT_VALUE } from './rule-set-ops';
import { SuggestInput } from './suggest-input';

export const COMMON_KEYS = ['team', 'feature', 'customer', 'environment', 'cost-center', 'product', 'owner'];

type Props = {
  /** null: add a key; otherwise the key being renamed. */
  renaming: string | null;
  taken: string[];
  onCancel: () => void;
  onDone: (key: string, defaultValue: string) => void;
};

function KeyForm({ renaming, taken, onCancel, onDone }: Props) {
  const [key, setKey] = useState(renaming ?? '');
  const [defaultValue, setDefaultValue] = useState(DEFAULT_VALUE);
  const name = key.trim();
  const clash = taken.some((t) => t.toLowerCase() === name.toLowerCase() && t !== renaming);
  const error = name === '' ? null : clash ? `There is already a key named “${name}”.` : null;
  const ok = name !== '' && !clash && (renaming !== null || defaultValue.trim() !== '');
  const submit = () => ok && onDone(name, defaultValue.trim());
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <DialogTitle id="key-dialog-title">{renaming === null ? 'Add a tag key' : `Rename “${renaming}”`}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <SuggestInput
            label="Key"
            value={key}
            onChange={setKey}
            suggestions={COMMON_KEYS.filter((k) => !taken.includes(k))}
            error={error !== null}
            helperText={error ?? 'What charges are tagged by, e.g. team, feature, customer.'}
            testId="key-dialog-name"
            autoFocus
          />
          {renaming === null && (
            <TextField
              size="small"
              label="Default value"
              value={defaultValue}
              onChange={(e) => setDefaultValue(e.target.value)}
              helperText="Given to every charge no rule matches."
              slotProps={{ htmlInput: { 'data-testid': 'key-dialog-default' } }}
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={!ok} data-testid="key-dialog-ok">
          {renaming === null ? 'Add key' : 'Rename'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function KeyDialog(props: Props & { open: boolean }) {
  const { open, ...rest } = props;
  return (
    <Dialog open={open} onClose={rest.onCancel} maxWidth="xs" fullWidth aria-labelledby="key-dialog-title">
      {/* Mounted only while open, so each opening starts from fresh fields. */}
      {open && <KeyForm {...rest} />}
    </Dialog>
  );
}
