import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { RuleErrorReport } from './rule-error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatDateTime } from '../../format';

function HistoryTable() {
  const history = useEngineQuery('allocation/history', {}, { tables: ['allocation_rules'] });
  if (history.error) return <RuleErrorReport error={history.error} />;
  if (!history.data) return <LinearProgress aria-label="Loading the history" />;
  if (history.data.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="history-empty">
        The rules have not been saved yet.
      </Typography>
    );
  }
  const rows = [...history.data].sort((a, b) => b.version - a.version);
  return (
    <Table size="small" aria-label="Saved versions of the rules" data-testid="history-table">
      <TableHead>
        <TableRow>
          <TableCell>Version</TableCell>
          <TableCell>Saved</TableCell>
          <TableCell>What changed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((h) => (
          <TableRow key={h.version} data-testid="history-row" sx={{ verticalAlign: 'top' }}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.version}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</TableCell>
            <TableCell>
              {h.changes.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  No change recorded.
                </Typography>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {h.changes.map((c, i) => (
                    <li key={i}>
                      <Typography variant="body2">{c}</Typography>
                    </li>
                  ))}
                </ul>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Every saved version of the rule set, newest first, with what each save changed. */
export function HistoryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="history-title" data-testid="history-dialog">
      <DialogTitle id="history-title">History of the rules</DialogTitle>
      <DialogContent dividers>{open && <HistoryTable />}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
