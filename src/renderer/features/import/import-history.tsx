import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ImportRecord } from '../../../shared/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorReport } from '../../components/error-report';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatCount, formatDateTime, formatMoney, formatPeriod } from '../../format';

/** Removing an import is a mutation; the engine's db/changed refreshes this table and Explore. */
function useRemoveImport() {
  const engine = useEngine();
  const [target, setTarget] = useState<ImportRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await engine.call('import/remove', { importId: target.id });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setTarget(null);
    }
  };
  return { target, setTarget, busy, error, clearError: () => setError(null), confirm };
}

export function ImportHistory() {
  const history = useEngineQuery('import/history', {}, { tables: ['imports', 'charges'] });
  const remove = useRemoveImport();
  const records = history.data ?? [];

  return (
    <Box component="section" data-testid="import-history" aria-labelledby="import-history-title">
      <Typography variant="h3" component="h2" id="import-history-title" sx={{ mb: 1 }}>
        Import history
      </Typography>
      {history.error && <ErrorReport error={history.error} />}
      {remove.error !== null && <ErrorReport error={remove.error} onClose={remove.clearError} />}
      {!history.loading && records.length === 0 && !history.error && (
        <Alert severity="info" variant="outlined">
          No files imported yet.
        </Alert>
      )}
      {records.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Imported files" sx={{ '& .MuiTableCell-root': { px: 1.25 } }}>
            <TableHead>
              <TableRow>
                <TableCell>File</TableCell>
                <TableCell>Format</TableCell>
                <TableCell align="right">Rows</TableCell>
                <TableCell>Period</TableCell>
                <TableCell align="right">Billed total</TableCell>
                <TableCell align="right">Errors</TableCell>
                <TableCell>Imported at</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {records.map((r) => (
                <TableRow key={r.id} hover data-testid="import-history-row">
                  <TableCell sx={{ maxWidth: 240, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={r.file}>
                    {r.file}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {r.formatLabel}
                    {r.sourceKind === 'usage' && (
                      <Typography
                        component="span"
                        variant="caption"
                        color="text.secondary"
                        title="An estimate or usage-only source: its tokens count, its amounts are not added to invoiced cost."
                        sx={{ display: 'block' }}
                      >
                        usage source, not invoiced
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">{formatCount(r.rows)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatPeriod(r.periodStart, r.periodEnd)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(r.billedCost, r.currency)}
                  </TableCell>
                  <TableCell align="right">{formatCount(r.errors)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.importedAt)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" color="error" onClick={() => remove.setTarget(r)} data-testid="import-remove">
                      Remove
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <ConfirmDialog
        open={remove.target !== null}
        title="Remove this import?"
        confirmLabel="Remove import"
        destructive
        busy={remove.busy}
        onCancel={() => remove.setTarget(null)}
        onConfirm={() => void remove.confirm()}
      >
        {remove.target && (
          <>
            The {formatCount(remove.target.rows)} rows imported from <strong>{remove.target.file}</strong> will be removed from this
            workspace. The original file on your computer is not affected; you can import it again later.
          </>
        )}
      </ConfirmDialog>
    </Box>
  );
}
