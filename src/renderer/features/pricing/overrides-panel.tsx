import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { PriceOverride, PriceOverrideInput, PricingRun } from '../../../shared/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorReport } from '../../components/error-report';
import { AddIcon } from '../../components/icons';
import { useEngine } from '../../engine/engine-context';
import { useEngineQuery } from '../../engine/use-engine-query';
import { OverrideDialog } from './override-dialog';
import { METER_LABELS, overridePriceText, runText, validityText } from './pricing-format';

const cell = { px: 1, py: 0.75, fontSize: '0.8125rem' };

type Report = { what: string; run: PricingRun };

/** Saving and deleting overrides: each re-prices every token charge, and says what it did. */
function useOverrideActions() {
  const engine = useEngine();
  const [dialog, setDialog] = useState<{ editing: PriceOverride | null; seq: number } | null>(null);
  const [deleting, setDeleting] = useState<PriceOverride | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [seq, setSeq] = useState(0);

  const open = (editing: PriceOverride | null) => {
    setError(null);
    setSeq((n) => n + 1);
    setDialog({ editing, seq: seq + 1 });
  };
  const save = async (input: PriceOverrideInput) => {
    setBusy(true);
    setError(null);
    try {
      const { override, run } = await engine.call('pricing/override-save', { override: input });
      setReport({ what: `Override #${override.id} ${input.id === undefined ? 'added' : 'changed'}.`, run });
      setDialog(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (deleting === null) return;
    setBusy(true);
    setError(null);
    try {
      const { run } = await engine.call('pricing/override-delete', { id: deleting.id });
      setReport({ what: `Override #${deleting.id} deleted.`, run });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };
  return { dialog, open, close: () => setDialog(null), deleting, setDeleting, busy, error, clearError: () => setError(null), report, clearReport: () => setReport(null), save, remove };
}

export function OverridesPanel() {
  const overrides = useEngineQuery('pricing/overrides', {}, { tables: ['price_overrides'] });
  const a = useOverrideActions();
  const list = overrides.data ?? [];

  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', gap: 2, mb: 1.5 }}>
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 720 }}>
          Negotiated prices for this workspace: a discount off the catalog, or the contract&apos;s own rates, on the days they apply. They change
          list cost and discounts, never the billed cost an invoice brought. Every change is kept in the workspace&apos;s override log.
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => a.open(null)} data-testid="override-add" sx={{ flex: 'none' }}>
          Add override
        </Button>
      </Stack>
      {a.report && (
        <Alert severity="success" onClose={a.clearReport} sx={{ mb: 1.5 }} data-testid="override-run">
          {a.report.what} {runText(a.report.run)}
        </Alert>
      )}
      {a.error !== null && a.dialog === null && <ErrorReport error={a.error} onClose={a.clearError} />}
      {overrides.error && <ErrorReport error={overrides.error} />}
      {overrides.loading && !overrides.data && <LinearProgress aria-label="Loading overrides" />}
      {overrides.data && list.length === 0 && (
        <Alert severity="info" variant="outlined" data-testid="overrides-empty">
          No overrides: every price comes from the catalog. Add one for a negotiated discount (for example 15 % off a seller from the contract
          start) or for contract rates of a model.
        </Alert>
      )}
      {list.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Price overrides" data-testid="overrides-table">
            <TableHead>
              <TableRow>
                <TableCell sx={cell}>#</TableCell>
                <TableCell sx={cell}>Seller</TableCell>
                <TableCell sx={cell}>Model</TableCell>
                <TableCell sx={cell}>Meter</TableCell>
                <TableCell sx={cell}>Price</TableCell>
                <TableCell sx={cell}>Valid</TableCell>
                <TableCell sx={cell}>Note</TableCell>
                <TableCell sx={cell} />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((o) => (
                <TableRow key={o.id} hover data-testid="override-row" data-id={o.id}>
                  <TableCell sx={cell}>{o.id}</TableCell>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{o.provider}</TableCell>
                  <TableCell sx={cell}>{o.model ?? 'every model'}</TableCell>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{o.meter ? METER_LABELS[o.meter] : 'every meter'}</TableCell>
                  <TableCell sx={cell}>{overridePriceText(o)}</TableCell>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{validityText(o.from, o.to)}</TableCell>
                  <TableCell sx={{ ...cell, color: 'text.secondary', maxWidth: 220, overflowWrap: 'anywhere' }}>{o.note ?? ''}</TableCell>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                    <Button size="small" onClick={() => a.open(o)} disabled={a.busy} data-testid="override-edit">
                      Edit
                    </Button>
                    <Button size="small" color="error" onClick={() => a.setDeleting(o)} disabled={a.busy} data-testid="override-delete">
                      Delete
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {a.dialog && (
        <OverrideDialog
          key={a.dialog.seq}
          open
          editing={a.dialog.editing}
          busy={a.busy}
          error={a.error}
          onCancel={a.close}
          onSave={(input) => void a.save(input)}
        />
      )}
      <ConfirmDialog
        open={a.deleting !== null}
        title={`Delete override #${a.deleting?.id ?? ''}?`}
        confirmLabel="Delete and re-price"
        destructive
        busy={a.busy}
        onCancel={() => a.setDeleting(null)}
        onConfirm={() => void a.remove()}
      >
        {a.deleting ? `${a.deleting.provider} ${a.deleting.model ?? 'every model'}: ${overridePriceText(a.deleting)}. ` : ''}
        Token charges on its dates go back to catalog prices (or to another override). The deletion is kept in the override log.
        {a.busy && <LinearProgress sx={{ mt: 2 }} aria-label="Re-pricing token charges" />}
      </ConfirmDialog>
    </Box>
  );
}
