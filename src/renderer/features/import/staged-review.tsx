import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CommitDecision, ImportFileResult } from '../../../shared/contract';
import { useEngineQuery } from '../../engine/use-engine-query';
import type { UserMessage } from '../../errors/messages';
import { formatCount, formatMoney, formatPeriod } from '../../format';

/** What the analyst decided for one staged file. */
export type ReviewChoice = { skip: boolean; replace: boolean | undefined };

export const DEFAULT_CHOICE: ReviewChoice = { skip: false, replace: undefined };

/** Skip, read as another format, and (for a new export of an imported period) replace or keep both. */
export function ReviewControls({
  result,
  choice,
  onChange,
  onReadAs,
}: {
  result: ImportFileResult;
  choice: ReviewChoice;
  onChange: (choice: ReviewChoice) => void;
  onReadAs: (format: string) => void;
}) {
  const formats = useEngineQuery('import/formats', {}, { tables: [] });
  return (
    <Stack spacing={1.5} sx={{ mt: 1.5 }} data-testid="import-review">
      {result.replaces.length > 0 && (
        <Box data-testid="import-replace-question">
          <Typography variant="body2">This export covers the same source and period as what is already imported:</Typography>
          <Box component="ul" sx={{ m: 0, my: 0.5, pl: 2.5 }}>
            {result.replaces.map((r) => (
              <Typography component="li" variant="body2" key={r.importId}>
                {r.file} — {formatCount(r.rows)} row{r.rows === 1 ? '' : 's'}, {formatPeriod(r.periodStart, r.periodEnd)},{' '}
                {formatMoney(r.billedCost, r.currency)}
              </Typography>
            ))}
          </Box>
          <RadioGroup
            row
            value={choice.replace === undefined ? '' : choice.replace ? 'replace' : 'keep'}
            onChange={(ev) => onChange({ ...choice, replace: ev.target.value === 'replace' })}
          >
            <FormControlLabel value="replace" control={<Radio size="small" />} label="Replace it with this file" data-testid="import-replace" />
            <FormControlLabel value="keep" control={<Radio size="small" />} label="Keep both (parts of one export)" data-testid="import-keep-both" />
          </RadioGroup>
        </Box>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <TextField
          select
          size="small"
          label="Read as"
          value={result.importer ?? ''}
          onChange={(ev) => onReadAs(ev.target.value)}
          sx={{ minWidth: 260 }}
          slotProps={{ htmlInput: { 'data-testid': 'import-read-as' } }}
        >
          {(formats.data ?? []).map((f) => (
            <MenuItem key={f.id} value={f.id}>
              {f.label}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={<Checkbox size="small" checked={choice.skip} onChange={(ev) => onChange({ ...choice, skip: ev.target.checked })} />}
          label="Leave this file out"
          data-testid="import-skip"
        />
      </Stack>
    </Stack>
  );
}

/** The commit bar under the files waiting for review. */
export function ReviewBar({
  staged,
  choices,
  error,
  onFinish,
}: {
  staged: ImportFileResult[];
  choices: Map<number, ReviewChoice>;
  error: UserMessage | null;
  onFinish: (keep: CommitDecision[], discard: number[]) => void;
}) {
  const ids = staged.flatMap((r) => (r.importId === null ? [] : [r.importId]));
  const choiceOf = (id: number): ReviewChoice => choices.get(id) ?? DEFAULT_CHOICE;
  const keep = staged.filter((r) => r.importId !== null && !choiceOf(r.importId).skip);
  const undecided = keep.filter((r) => r.replaces.length > 0 && choiceOf(r.importId as number).replace === undefined);
  const rows = keep.reduce((n, r) => n + r.rows, 0);
  return (
    <Paper variant="outlined" sx={{ p: 2, position: 'sticky', bottom: 0, zIndex: 1 }} data-testid="import-review-bar">
      {error && (
        <Alert severity="error" sx={{ mb: 1.5 }}>
          {error.title}. {error.detail}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button
          variant="contained"
          disabled={keep.length === 0 || undecided.length > 0}
          data-testid="import-commit"
          onClick={() =>
            onFinish(
              keep.map((r) => ({ importId: r.importId as number, replace: choiceOf(r.importId as number).replace })),
              ids.filter((id) => choiceOf(id).skip),
            )
          }
        >
          Import {keep.length === 1 ? 'this file' : `${formatCount(keep.length)} files`}
        </Button>
        <Button data-testid="import-discard" onClick={() => onFinish([], ids)}>
          Discard {staged.length === 1 ? 'it' : 'all'}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {undecided.length > 0
            ? `Say whether ${undecided.length === 1 ? 'the new export replaces' : 'the new exports replace'} the earlier import first.`
            : `${formatCount(rows)} rows will be added. Nothing counts until you import.`}
        </Typography>
      </Stack>
    </Paper>
  );
}
