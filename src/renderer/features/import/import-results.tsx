import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ImportFileResult, ImportStatus } from '../../../shared/contract';
import { ErrorReport } from '../../components/error-report';
import { ReviewControls, type ReviewChoice } from './staged-review';
import { formatCount, formatMoney, formatPeriod } from '../../format';
import { saveFile } from '../../save-file';

const STATUS: Record<ImportStatus, { label: string; color: 'success' | 'default' | 'error' | 'warning' }> = {
  imported: { label: 'Imported', color: 'success' },
  staged: { label: 'Review', color: 'default' },
  skipped: { label: 'Skipped', color: 'default' },
  failed: { label: 'Not imported', color: 'error' },
  cancelled: { label: 'Cancelled', color: 'warning' },
  'needs-confirmation': { label: 'Waiting for you', color: 'warning' },
};

export type ResultActions = {
  onImportValidRows: (file: string) => void;
  onMapColumns: (file: string) => void;
  onReadAs: (file: string, format: string) => void;
  choiceOf: (importId: number) => ReviewChoice;
  onChoice: (importId: number, choice: ReviewChoice) => void;
};

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" data-testid={testId} sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
        {value}
      </Typography>
    </Box>
  );
}

function downloadRejected(result: ImportFileResult): void {
  if (result.rejectedCsv === null) return;
  saveFile(new Blob([result.rejectedCsv], { type: 'text/csv' }), `${result.file.replace(/\.[^.]+$/, '')}.rejected.csv`);
}

function FileResult({ result, actions }: { result: ImportFileResult; actions: ResultActions }) {
  const validRows = Number(result.error?.code === 'import/invalid-rows' ? (result.error.details.validRows ?? 0) : 0);
  const status = STATUS[result.status];
  const showFacts = result.status === 'imported' || result.status === 'skipped' || result.status === 'staged';
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="import-result" data-status={result.status} data-file={result.file}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: showFacts || result.error ? 1.5 : 0 }}>
        <Chip size="small" label={status.label} color={status.color} data-testid="import-result-status" />
        <Typography variant="body1" sx={{ fontWeight: 600, minWidth: 0, overflowWrap: 'anywhere' }}>
          {result.file}
        </Typography>
      </Stack>
      {result.status === 'skipped' && result.duplicateOf !== null && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          This exact file was already imported (import #{result.duplicateOf}), so nothing was added.
        </Typography>
      )}
      {showFacts && (
        <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1 }}>
          <Fact label="Format" value={result.formatLabel ?? 'Unknown'} testId="import-result-format" />
          <Fact label="Rows" value={formatCount(result.rows)} testId="import-result-rows" />
          <Fact label="Period" value={formatPeriod(result.periodStart, result.periodEnd)} />
          <Fact label="Billed total" value={formatMoney(result.billedCost, result.currency)} testId="import-result-billed" />
        </Stack>
      )}
      {result.warnings.length > 0 && (
        <Box component="ul" sx={{ m: 0, mt: 1.5, pl: 2.5, color: 'warning.dark' }} data-testid="import-result-warnings">
          {result.warnings.map((w, i) => (
            <Typography component="li" variant="body2" key={i}>
              {w}
            </Typography>
          ))}
        </Box>
      )}
      {result.status === 'staged' && result.importId !== null && (
        <ReviewControls
          result={result}
          choice={actions.choiceOf(result.importId)}
          onChange={(c) => actions.onChoice(result.importId as number, c)}
          onReadAs={(format) => actions.onReadAs(result.file, format)}
        />
      )}
      {result.rejectedRows > 0 && (
        <Button size="small" sx={{ mt: 1 }} onClick={() => downloadRejected(result)} data-testid="import-download-rejected">
          {result.rejectedRows === 1
            ? 'Download the rejected row with its reason'
            : `Download the ${formatCount(result.rejectedRows)} rejected rows with their reasons`}
        </Button>
      )}
      {result.error && (
        <Box sx={{ mt: 1 }}>
          <ErrorReport error={result.error} file={result.file} severity={result.status === 'cancelled' ? 'info' : 'error'} />
        </Box>
      )}
      {result.error?.code === 'import/unrecognized-format' && result.error.details.mappable === true && (
        <Stack direction="row" spacing={2} sx={{ mt: 1.5, alignItems: 'center' }}>
          <Button variant="outlined" size="small" onClick={() => actions.onMapColumns(result.file)} data-testid="import-map-columns">
            Map the columns…
          </Button>
          <Typography variant="body2" color="text.secondary">
            Say which column is the date, the cost and the rest; Costbook remembers it for files like this one.
          </Typography>
        </Stack>
      )}
      {validRows > 0 && (
        <Stack direction="row" spacing={2} sx={{ mt: 1.5, alignItems: 'center' }}>
          <Button variant="outlined" size="small" onClick={() => actions.onImportValidRows(result.file)} data-testid="import-valid-rows">
            Import the {formatCount(validRows)} valid rows
          </Button>
          <Typography variant="body2" color="text.secondary">
            The rejected rows are then offered as a CSV with the reason for each.
          </Typography>
        </Stack>
      )}
    </Paper>
  );
}

export function ImportResults({
  results,
  onClear,
  actions,
}: {
  results: ImportFileResult[];
  onClear: () => void;
  actions: ResultActions;
}) {
  if (results.length === 0) return null;
  return (
    <Box data-testid="import-results" component="section" aria-labelledby="import-results-title">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h3" component="h2" id="import-results-title">
          Results
        </Typography>
        <Button size="small" onClick={onClear}>
          Clear
        </Button>
      </Stack>
      <Stack spacing={1.5}>
        {results.map((r, i) => (
          <FileResult key={`${r.file}-${i}`} result={r} actions={actions} />
        ))}
      </Stack>
    </Box>
  );
}
