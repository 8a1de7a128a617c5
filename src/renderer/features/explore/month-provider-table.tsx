import Paper from '@mui/material/Paper';
import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatDecimal, formatMonth } from '../../format';
import { cellKey, type ExploreData } from './use-explore-data';

export const providerLabel = (p: string) => p || '(no provider)';
const money = (v: string | undefined) => (v === undefined ? '–' : formatDecimal(v));
// Footer cells default to a smaller grey font; totals deserve the body size and full contrast.
const totalSx = { fontWeight: 700, bgcolor: '#f7f9fa', whiteSpace: 'nowrap', color: 'text.primary', fontSize: '0.875rem' } satisfies SxProps<Theme>;

/** Billed cost per month (rows) and provider (columns), with engine-computed row and column totals. */
export function MonthProviderTable({ data }: { data: ExploreData }) {
  return (
    <TableContainer component={Paper} variant="outlined" data-testid="explore-table">
      <Table size="small" aria-label={`Billed cost by month and provider, ${data.currency ?? ''}`}>
        <TableHead>
          <TableRow>
            <TableCell>Month</TableCell>
            {data.providers.map((p) => (
              <TableCell key={p} align="right" data-testid="explore-table-provider">
                {providerLabel(p)}
              </TableCell>
            ))}
            <TableCell align="right">Total {data.currency}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.months.map((m) => (
            <TableRow key={m} hover data-testid="explore-table-month">
              <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                {formatMonth(m)}
              </TableCell>
              {data.providers.map((p) => (
                <TableCell key={p} align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {money(data.cells.get(cellKey(m, p)))}
                </TableCell>
              ))}
              <TableCell align="right" sx={totalSx}>
                {money(data.monthTotals.get(m))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow data-testid="explore-table-total">
            <TableCell component="th" scope="row" sx={totalSx}>
              Total
            </TableCell>
            {data.providers.map((p) => (
              <TableCell key={p} align="right" sx={totalSx}>
                {money(data.providerTotals.get(p))}
              </TableCell>
            ))}
            <TableCell align="right" sx={totalSx} data-testid="explore-grand-total">
              {money(data.totals?.billedCost)}
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </TableContainer>
  );
}
