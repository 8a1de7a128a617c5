import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ImportProgress } from '../../../shared/contract';
import type { ImportRun } from '../../engine/use-import';
import { formatCount, formatMegabytes } from '../../format';

const PHASES: Record<ImportProgress['phase'], string> = {
  reading: 'Reading',
  committing: 'Saving to the workspace',
  done: 'Finishing',
};

function RunProgress({ run, onCancel }: { run: ImportRun; onCancel: () => void }) {
  const p = run.progress;
  const current = p?.file ?? run.files[0]?.name ?? '';
  const total = p?.totalBytes ?? run.files[0]?.size ?? 0;
  const read = p?.bytesRead ?? 0;
  const percent = total > 0 ? Math.min(100, (read / total) * 100) : 0;
  const phase = run.status === 'cancelling' ? 'Cancelling…' : p ? PHASES[p.phase] : 'Starting…';
  const position = p && p.fileCount > 1 ? ` (file ${p.fileIndex + 1} of ${p.fileCount})` : run.files.length > 1 ? ` (${run.files.length} files)` : '';
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="import-progress" data-phase={p?.phase ?? 'starting'}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body1" noWrap sx={{ fontWeight: 600 }} title={current}>
            {current}
            <Typography component="span" variant="body2" color="text.secondary">
              {position}
            </Typography>
          </Typography>
          <LinearProgress
            variant={p && p.phase === 'reading' && total > 0 ? 'determinate' : 'indeterminate'}
            value={percent}
            sx={{ my: 1 }}
            aria-label={`Import progress for ${current}`}
          />
          <Typography variant="body2" color="text.secondary" data-testid="import-progress-detail">
            {phase} · {formatMegabytes(read)} of {formatMegabytes(total)} · {formatCount(p?.rows ?? 0)} rows
          </Typography>
        </Box>
        <Button variant="outlined" color="inherit" onClick={onCancel} disabled={run.status === 'cancelling'} data-testid="import-cancel">
          Cancel
        </Button>
      </Stack>
    </Paper>
  );
}

export function ImportProgressList({ runs, onCancel }: { runs: ImportRun[]; onCancel: (id: number) => void }) {
  if (runs.length === 0) return null;
  return (
    <Stack spacing={1.5}>
      {runs.map((run) => (
        <RunProgress key={run.id} run={run} onCancel={() => onCancel(run.id)} />
      ))}
    </Stack>
  );
}
