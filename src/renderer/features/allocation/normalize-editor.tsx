import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { AllocationRuleSet, RuleSetProblem, ValueAlias } from '../../../shared/allocation-contract';
import { AddIcon } from '../../components/icons';
import { DeleteIcon } from './allocation-icons';
import { problemsUnder, problemText } from './problems';
import { removeAt, replaceAt } from './rule-set-ops';
import { MultiSuggestInput } from './suggest-input';

type Props = {
  open: boolean;
  onClose: () => void;
  ruleSet: AllocationRuleSet;
  keyIndex: number;
  onChange: (normalize: ValueAlias[]) => void;
  /** Values seen for this key, offered as aliases. */
  seen: string[];
  problems: RuleSetProblem[];
};

/** value ← aliases: spellings rules produce ("ML Platform", "mlplatform") folded into one value. */
export function NormalizeEditor({ open, onClose, ruleSet, keyIndex, onChange, seen, problems }: Props) {
  const def = ruleSet.keys[keyIndex];
  if (!def) return null;
  const rows = def.normalize;
  const base = `keys[${keyIndex}].normalize`;
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="normalize-title" data-testid="normalize-dialog">
      <DialogTitle id="normalize-title">Normalize values of “{def.key}”</DialogTitle>
      <DialogContent>
        <DialogContentText variant="body2" sx={{ mb: 2 }}>
          When a rule sets a value that matches an alias, ignoring case, spaces, _ and -, the key gets the value on the left instead. Changes
          apply to the preview at once.
        </DialogContentText>
        <Stack spacing={1.5}>
          {rows.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              No normalization yet.
            </Typography>
          )}
          {rows.map((row, i) => {
            const here = problemsUnder(problems, `${base}[${i}]`);
            return (
              <Box key={i} data-testid="normalize-row">
                <Box sx={{ display: 'grid', gridTemplateColumns: '220px 24px minmax(0, 1fr) 36px', gap: 1, alignItems: 'start' }}>
                  <TextField
                    size="small"
                    label="Value"
                    value={row.value}
                    error={here.length > 0}
                    onChange={(e) => onChange(replaceAt(rows, i, { ...row, value: e.target.value }))}
                    slotProps={{ htmlInput: { 'data-testid': 'normalize-value' } }}
                  />
                  <Typography aria-hidden sx={{ textAlign: 'center', pt: 1, color: 'text.secondary' }}>
                    ←
                  </Typography>
                  <MultiSuggestInput
                    label="Aliases"
                    values={row.aliases}
                    onChange={(aliases) => onChange(replaceAt(rows, i, { ...row, aliases }))}
                    suggestions={seen.filter((v) => v !== row.value)}
                    placeholder="Type an alias, then Enter"
                    testId="normalize-aliases"
                  />
                  <Tooltip title="Remove this row">
                    <IconButton size="small" aria-label={`Remove normalization of ${row.value || 'this value'}`} onClick={() => onChange(removeAt(rows, i))}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </Box>
                {here.map((p) => (
                  <Typography key={p.path + p.message} variant="caption" color="error" role="alert" component="div">
                    {problemText(ruleSet, p, true)}
                  </Typography>
                ))}
              </Box>
            );
          })}
        </Stack>
        <Button size="small" startIcon={<AddIcon />} sx={{ mt: 1.5 }} onClick={() => onChange([...rows, { value: '', aliases: [] }])} data-testid="normalize-add">
          Add a value
        </Button>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose} data-testid="normalize-done">
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
