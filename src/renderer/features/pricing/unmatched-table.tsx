import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ErrorReport } from '../../components/error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatCount, formatMoney, formatPeriod } from '../../format';
import { STATUS_LABELS, formatTokensShort } from './pricing-format';

const cell = { px: 1, py: 0.75, fontSize: '0.8125rem' };

/**
 * Imported token usage that got no price: model names the catalog does not know, days before a
 * model's first price, meters a record does not sell. Largest billed spend first, as the engine
 * sorts it, so the names that matter are at the top.
 */
export function UnmatchedTable({ onLookUp }: { onLookUp: (name: string) => void }) {
  const unmatched = useEngineQuery('pricing/unmatched', {}, { tables: ['charges', 'imports', 'price_overrides'] });
  if (unmatched.error) return <ErrorReport error={unmatched.error} />;
  if (!unmatched.data) return <LinearProgress aria-label="Finding unpriced usage" />;
  const list = unmatched.data;
  if (list.length === 0) {
    return (
      <Alert severity="success" variant="outlined" data-testid="unmatched-empty">
        Every imported token charge has a price: each model name matched a catalog model with a price on its usage days. New imports are priced
        as they arrive; names that match nothing will be listed here.
      </Alert>
    );
  }
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Token usage whose model name matched no catalog model, or that has no price on its dates. It counts in billed cost but not in list cost or
        discounts. Look a name up to find the model it means; a catalog alias or an override with explicit rates prices it.
      </Typography>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Unpriced token usage" data-testid="unmatched-table">
          <TableHead>
            <TableRow>
              <TableCell sx={cell}>Name as imported</TableCell>
              <TableCell sx={cell}>Seller</TableCell>
              <TableCell sx={cell}>Why unpriced</TableCell>
              <TableCell sx={cell} align="right">
                Rows
              </TableCell>
              <TableCell sx={cell} align="right">
                Tokens
              </TableCell>
              <TableCell sx={cell} align="right">
                Billed
              </TableCell>
              <TableCell sx={cell}>Usage days</TableCell>
              <TableCell sx={cell} />
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((u, i) => (
              <TableRow key={i} hover data-testid="unmatched-row" data-name={u.name ?? ''}>
                <TableCell sx={{ ...cell, fontFamily: 'ui-monospace, monospace', fontSize: '0.78rem', overflowWrap: 'anywhere', maxWidth: 200 }}>
                  {u.name ?? <em>(no model name)</em>}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{u.provider ?? '–'}</TableCell>
                <TableCell sx={{ ...cell, maxWidth: 260 }}>
                  <Chip size="small" label={STATUS_LABELS[u.status]} color={u.status === 'unmatched' ? 'warning' : 'default'} variant="outlined" sx={{ mb: 0.5 }} />
                  <Typography variant="caption" component="div" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                    {u.reason}
                  </Typography>
                </TableCell>
                <TableCell sx={cell} align="right">
                  {formatCount(u.rows)}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right" title={formatCount(u.tokens)}>
                  {formatTokensShort(u.tokens)}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                  {formatMoney(u.billedCost, u.currency)}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{formatPeriod(u.firstDay, u.lastDay)}</TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                  <Button size="small" disabled={u.name === null} onClick={() => u.name !== null && onLookUp(u.name)} data-testid="unmatched-lookup">
                    Look up
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
