import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorReport } from '../../components/error-report';
import { CheckIcon, UploadIcon } from '../../components/icons';
import { importedText } from './metric-text';
import { useMetricImport } from './use-metric-import';

/**
 * Imports a business metric CSV from a usage split, says what it held or, for a refused file,
 * which rows and columns to correct. `onImported` gets the metric's name (null for a file with
 * several metrics).
 */
export function MetricImportButton({ onImported }: { onImported: (metric: string | null) => void }) {
  const run = useMetricImport(onImported);
  return (
    <Box sx={{ mt: 1.5 }} data-testid="metric-import-panel">
      <Stack direction="row" sx={{ alignItems: 'center', columnGap: 1.5, rowGap: 0.5, flexWrap: 'wrap' }}>
        <Button size="small" variant="outlined" startIcon={<UploadIcon />} onClick={run.choose} disabled={run.busy !== null} data-testid="metric-import">
          Import business metric…
        </Button>
        <Typography variant="caption" color="text.secondary">
          CSV with the columns day, metric, tag_key, tag_value, quantity
        </Typography>
      </Stack>
      <input ref={run.inputRef} type="file" accept=".csv,text/csv" hidden aria-label="Business metric file to import" onChange={run.onFile} data-testid="metric-import-input" />
      {run.busy !== null && (
        <Box sx={{ mt: 1 }} role="status" data-testid="metric-import-progress">
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            Importing {run.busy}…
          </Typography>
          <LinearProgress sx={{ mt: 0.5 }} aria-label={`Importing ${run.busy}`} />
        </Box>
      )}
      {run.imported && (
        <Stack direction="row" sx={{ mt: 1, gap: 0.75, alignItems: 'flex-start' }} role="status" data-testid="metric-imported">
          <CheckIcon sx={{ fontSize: 18, color: 'success.main', mt: '1px' }} />
          <Typography variant="body2" sx={{ color: 'success.dark', overflowWrap: 'anywhere' }}>
            {importedText(run.imported)}
          </Typography>
        </Stack>
      )}
      {run.error && (
        <Box
          data-testid="metric-import-error"
          // The split editor is narrow on a laptop screen: the problem table's file name (already in
          // the title) may wrap where it has a break (a hyphen) rather than make the table scroll.
          sx={{ mt: 1, '& [data-testid="problem-row"] > td:first-of-type': { whiteSpace: 'normal' } }}
        >
          <ErrorReport error={run.error.error} file={run.error.file} onClose={run.clearError} />
        </Box>
      )}
    </Box>
  );
}
