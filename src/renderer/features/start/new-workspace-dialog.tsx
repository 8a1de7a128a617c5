import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';

/** Asks for the new workspace's name; the desktop app then asks where to save it. */
export function NewWorkspaceDialog({ open, onCancel, onCreate }: { open: boolean; onCancel: () => void; onCreate: (name: string) => void }) {
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!trimmed) return;
    onCreate(trimmed);
    setName('');
  };
  return (
    <Dialog open={open} onClose={onCancel} maxWidth="xs" fullWidth aria-labelledby="new-workspace-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="new-workspace-title">New workspace</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            A workspace holds the bills and usage exports you import, and everything built from them.
          </DialogContentText>
          <TextField
            autoFocus
            fullWidth
            label="Workspace name"
            placeholder="e.g. AI spend FY2025"
            value={name}
            onChange={(e) => setName(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 120, 'data-testid': 'new-workspace-name' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!trimmed} data-testid="new-workspace-create">
            Create
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
