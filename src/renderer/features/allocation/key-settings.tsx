import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AllocationRuleSet, RuleSetProblem, TagKeyDef, ValueAlias } from '../../../shared/allocation-contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DeleteIcon, EditIcon, TagIcon } from './allocation-icons';
import { NormalizeEditor } from './normalize-editor';
import { problemsUnder, problemText, rulePath } from './problems';

type Props = {
  ruleSet: AllocationRuleSet;
  keyIndex: number;
  keyDef: TagKeyDef;
  problems: RuleSetProblem[];
  seenValues: string[];
  onDefault: (value: string) => void;
  onNormalize: (rows: ValueAlias[]) => void;
  onRename: () => void;
  onRemove: () => void;
};

/** The selected key's own settings: name, default value, value normalization. */
export function KeySettings({ ruleSet, keyIndex, keyDef, problems, seenValues, onDefault, onNormalize, onRename, onRemove }: Props) {
  const [normalizing, setNormalizing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const base = `keys[${keyIndex}]`;
  // Problems of the key itself; those of its rules and normalization show where those are edited.
  const own = problemsUnder(problems, base).filter(
    (p) => !keyDef.rules.some((_, i) => problemsUnder([p], rulePath(keyIndex, i)).length) && !p.path.startsWith(`${base}.normalize`),
  );
  const normalizeProblems = problemsUnder(problems, `${base}.normalize`).length;
  const referencedBy = ruleSet.splits.filter((s) => s.key === keyDef.key).length;

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={`Settings of tag key ${keyDef.key}`} data-testid="key-settings">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <TagIcon color="primary" />
        <Typography variant="h3" component="h2" noWrap sx={{ minWidth: 0, maxWidth: 280 }} data-testid="key-title" title={keyDef.key}>
          {keyDef.key}
        </Typography>
        <TextField
          size="small"
          label="Default value"
          value={keyDef.defaultValue}
          onChange={(e) => onDefault(e.target.value)}
          sx={{ width: 190 }}
          error={own.some((p) => p.path === `${base}.defaultValue`)}
          slotProps={{ htmlInput: { 'data-testid': 'key-default' } }}
        />
        <Button size="small" onClick={() => setNormalizing(true)} data-testid="key-normalize" color={normalizeProblems ? 'error' : 'primary'}>
          Normalize values ({keyDef.normalize.length})
        </Button>
        <Stack direction="row" sx={{ ml: 'auto' }}>
          <Tooltip title="Rename this key">
            <IconButton size="small" aria-label={`Rename the key ${keyDef.key}`} onClick={onRename} data-testid="key-rename">
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title="Remove this key">
            <IconButton size="small" aria-label={`Remove the key ${keyDef.key}`} onClick={() => setConfirmRemove(true)} data-testid="key-remove">
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
      </Stack>
      {own.length > 0 && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {own.map((p) => (
            <div key={p.path + p.message}>{problemText(ruleSet, p, true)}</div>
          ))}
        </Alert>
      )}
      <NormalizeEditor
        open={normalizing}
        onClose={() => setNormalizing(false)}
        ruleSet={ruleSet}
        keyIndex={keyIndex}
        onChange={onNormalize}
        seen={seenValues}
        problems={problems}
      />
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove the key “${keyDef.key}”?`}
        confirmLabel="Remove key"
        destructive
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => {
          setConfirmRemove(false);
          onRemove();
        }}
      >
        Its {keyDef.rules.length === 1 ? 'rule' : `${keyDef.rules.length} rules`} and normalization go with it.
        {referencedBy > 0 && ` ${referencedBy === 1 ? 'One split rule uses' : `${referencedBy} split rules use`} this key and will need another.`} Nothing
        is saved until you press Save.
      </ConfirmDialog>
    </Paper>
  );
}
