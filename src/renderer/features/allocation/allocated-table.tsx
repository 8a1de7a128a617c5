import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AllocatedGroup, AllocationResult } from '../../../shared/allocation-contract';
import { decimalToNumber, formatCount, formatDecimal } from '../../format';
import { percentText } from './labels';

const num = { whiteSpace: 'nowrap' } satisfies SxProps<Theme>;
// Footer cells default to a smaller grey font; totals deserve the body size and full contrast.
const totalSx = { fontWeight: 700, bgcolor: '#f7f9fa', whiteSpace: 'nowrap', color: 'text.primary', fontSize: '0.875rem' } satisfies SxProps<Theme>;

/**
 * Allocated cost per value of one key. Each value shows the engine's rounded figures, which add up
 * exactly to the rounded total in the footer (largest remainder), so the table foots.
 */
export function AllocatedTable({ result, onShowLines }: { result: AllocationResult; onShowLines?: (group: AllocatedGroup) => void }) {
  const currencies = result.totalsByCurrency.map((t) => t.currency);
  const several = currencies.length > 1;
  return (
    <TableContainer component={Paper} variant="outlined" data-testid="allocated-table">
      <Table size="small" aria-label={`Allocated cost per ${result.key}`}>
        <TableHead>
          <TableRow>
            <TableCell>{result.key}</TableCell>
            {several && <TableCell>Currency</TableCell>}
            <TableCell align="right" title="Charge rows that put cost on this value; a charge shared by a split counts for each value it reaches.">
              Rows
            </TableCell>
            <TableCell align="right">Billed cost</TableCell>
            <TableCell align="right">Effective cost</TableCell>
            <TableCell align="right">List cost</TableCell>
            <TableCell align="right">Of which from splits</TableCell>
            <TableCell sx={{ width: 160 }}>Share of billed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.groups.map((g) => {
            const total = result.totalsByCurrency.find((t) => t.currency === g.currency)?.billedCost ?? '0';
            const whole = decimalToNumber(total);
            const share = whole > 0 ? decimalToNumber(g.billedCost) / whole : 0;
            const isDefault = g.value === result.defaultValue;
            return (
              <TableRow
                key={`${g.currency}\u0000${g.value}`}
                hover
                data-testid="allocated-row"
                data-value={g.value}
                // The whole row opens the lines for a mouse; the value's button is the keyboard's way in.
                onClick={onShowLines && (() => onShowLines(g))}
                sx={onShowLines && { cursor: 'pointer' }}
              >
                <TableCell component="th" scope="row" sx={{ fontStyle: isDefault ? 'italic' : undefined, color: isDefault ? 'text.secondary' : undefined, maxWidth: 260, overflowWrap: 'anywhere' }}>
                  {onShowLines ? (
                    <ButtonBase
                      onClick={(e) => {
                        e.stopPropagation();
                        onShowLines(g);
                      }}
                      aria-label={`Show the lines of ${g.value}`}
                      aria-haspopup="dialog"
                      data-testid="allocated-show-lines"
                      // Drawn as a link, which takes no room in a table that is tight at 1280 px.
                      sx={{
                        font: 'inherit',
                        color: 'primary.main',
                        textAlign: 'left',
                        borderRadius: 0.5,
                        textDecoration: 'underline',
                        textDecorationColor: 'rgba(31, 79, 122, 0.35)',
                        textUnderlineOffset: 3,
                        '&:hover, &.Mui-focusVisible': { textDecorationColor: 'currentColor' },
                        '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
                      }}
                    >
                      {g.value}
                    </ButtonBase>
                  ) : (
                    g.value
                  )}
                </TableCell>
                {several && <TableCell>{g.currency}</TableCell>}
                <TableCell align="right" sx={num}>
                  {formatCount(g.rows)}
                </TableCell>
                <TableCell align="right" sx={{ ...num, fontWeight: 600 }} data-testid="allocated-billed">
                  {formatDecimal(g.billedCostRounded)}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {formatDecimal(g.effectiveCostRounded)}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {formatDecimal(g.listCostRounded)}
                </TableCell>
                <TableCell align="right" sx={{ ...num, color: 'text.secondary' }} data-testid="allocated-split">
                  {decimalToNumber(g.splitBilledCost) === 0 ? '–' : formatDecimal(g.splitBilledCost)}
                </TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                    <LinearProgress variant="determinate" value={Math.min(100, share * 100)} sx={{ flex: 1, bgcolor: '#e6eaee' }} aria-hidden color={isDefault ? 'inherit' : 'primary'} />
                    <Typography variant="caption" sx={{ minWidth: 44, textAlign: 'right' }}>
                      {percentText(share)}
                    </Typography>
                  </Box>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
        <TableFooter>
          {result.totalsByCurrency.map((t) => (
            <TableRow key={t.currency} data-testid="allocated-total-row">
              <TableCell component="th" scope="row" sx={totalSx}>
                Total {several ? '' : t.currency}
              </TableCell>
              {several && <TableCell sx={totalSx}>{t.currency}</TableCell>}
              {/* Rows are not added up: a charge shared by a split is counted under each value. */}
              <TableCell sx={totalSx} />
              <TableCell align="right" sx={totalSx} data-testid="allocated-total">
                {formatDecimal(t.billedCost)}
              </TableCell>
              <TableCell align="right" sx={totalSx}>
                {formatDecimal(t.effectiveCost)}
              </TableCell>
              <TableCell align="right" sx={totalSx}>
                {formatDecimal(t.listCost)}
              </TableCell>
              <TableCell sx={totalSx} />
              <TableCell sx={totalSx} />
            </TableRow>
          ))}
        </TableFooter>
      </Table>
    </TableContainer>
  );
}
