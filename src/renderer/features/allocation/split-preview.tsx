import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AllocationPreview, SplitPreview as SplitFigures } from '../../../shared/allocation-contract';
import type { EngineError } from '../../../shared/errors';
import { RuleErrorReport } from './rule-error-report';
import { decimalToNumber, formatCount, formatDecimal, formatMoney, formatMonth } from '../../format';
import { subtractDecimals, sumDecimals } from './decimal-text';
import { UpdatingBadge } from './preview-panel';
import { SplitChart } from './split-chart';

type Row = { value: string; before: string; after: string; change: string };

function rowsOf(s: SplitFigures): Row[] {
  const before = new Map(s.before.map((b) => [b.value, b.cost]));
  const after = new Map(s.after.map((a) => [a.value, a.cost]));
  const values = [...new Set([...after.keys(), ...before.keys()])];
  return values
    .map((value) => {
      const b = before.get(value) ?? '0';
      const a = after.get(value) ?? '0';
      return { value, before: b, after: a, change: subtractDecimals(a, b) ?? '0' };
    })
    .sort((x, y) => decimalToNumber(y.after) - decimalToNumber(x.after));
}

const num = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } satisfies SxProps<Theme>;

function signed(v: string): string {
  const text = formatDecimal(v);
  return text === '0.00' || text.startsWith('-') ? text : `+${text}`;
}

function Figures({ split, currency }: { split: SplitFigures; currency: string }) {
  const rows = rowsOf(split);
  const totalBefore = sumDecimals(rows.map((r) => r.before)) ?? '0';
  const totalAfter = sumDecimals(rows.map((r) => r.after)) ?? '0';
  return (
    <>
      <Typography variant="body2" sx={{ mt: 1.5 }} data-testid="split-pooled">
        Pooled {formatMoney(split.pooled.cost, currency)} from {formatCount(split.pooled.rows)} rows
        {decimalToNumber(split.kept) !== 0 && `; ${formatMoney(split.kept, currency)} stays where it was`}.
      </Typography>
      {split.notes.length > 0 && (
        <Alert severity="info" variant="outlined" sx={{ mt: 1 }}>
          {split.notes.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </Alert>
      )}
      <Box sx={{ mt: 2 }}>
        <SplitChart rows={rows.slice(0, 12).map((r) => ({ value: r.value, before: decimalToNumber(r.before), after: decimalToNumber(r.after) }))} label={`Cost per ${split.key} before and after ${split.name}`} />
      </Box>
      <Box sx={{ mt: 2, overflowX: 'auto' }}>
        <Table size="small" aria-label={`Cost per ${split.key} before and after the split, ${currency}`} data-testid="split-table" sx={{ '& .MuiTableCell-root': { px: 0.75, fontSize: '0.8125rem' }, '& .MuiTableCell-root:first-of-type': { pl: 0 }, '& .MuiTableCell-root:last-of-type': { pr: 0 } }}>
          <TableHead>
            <TableRow>
              <TableCell>{split.key}</TableCell>
              <TableCell align="right">Before</TableCell>
              <TableCell align="right">After</TableCell>
              <TableCell align="right">Change</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.value} data-testid="split-table-row" data-value={r.value}>
                <TableCell component="th" scope="row" sx={{ maxWidth: 130, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.value}>
                  {r.value}
                </TableCell>
                <TableCell align="right" sx={num} data-testid="split-before">
                  {formatDecimal(r.before)}
                </TableCell>
                <TableCell align="right" sx={num} data-testid="split-after">
                  {formatDecimal(r.after)}
                </TableCell>
                <TableCell align="right" sx={{ ...num, color: decimalToNumber(r.change) < 0 ? 'error.main' : decimalToNumber(r.change) > 0 ? 'success.main' : 'text.secondary' }}>
                  {signed(r.change)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableCell sx={{ fontWeight: 700, color: 'text.primary' }}>Total {currency}</TableCell>
              <TableCell align="right" sx={{ ...num, fontWeight: 700, color: 'text.primary' }}>
                {formatDecimal(totalBefore)}
              </TableCell>
              <TableCell align="right" sx={{ ...num, fontWeight: 700, color: 'text.primary' }}>
                {formatDecimal(totalAfter)}
              </TableCell>
              <TableCell />
            </TableRow>
          </TableFooter>
        </Table>
      </Box>
    </>
  );
}

type Props = { preview: AllocationPreview | null; splitId: string | null; updating: boolean; error: EngineError | null };

/** What the selected split does: each target's cost before and after it, from the engine's preview. */
export function SplitPreviewPanel({ preview, splitId, updating, error }: Props) {
  const figures = preview?.splits.find((s) => s.splitId === splitId) ?? null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="aside" aria-label="Split preview" data-testid="split-preview" data-updating={updating}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Typography variant="h4" component="h3" sx={{ flex: 1 }}>
          Preview{figures ? `: ${figures.name}` : ''}
        </Typography>
        <UpdatingBadge updating={updating} />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {preview?.period ? formatMonth(preview.period) : 'All imported months'}, billed cost; nothing is saved yet.
      </Typography>
      {error && <RuleErrorReport error={error} />}
      {!splitId && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          Select a split rule to see what it moves.
        </Typography>
      )}
      {splitId && !preview && !error && updating && <LinearProgress sx={{ mt: 2 }} aria-label="Computing the preview" />}
      {preview && preview.problems.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1.5 }}>
          The figures come back once the problems marked in the rules are fixed.
        </Alert>
      )}
      {splitId && preview && preview.problems.length === 0 && !figures && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          This split is off, or its figures are being computed.
        </Typography>
      )}
      {preview && preview.problems.length === 0 && figures && <Figures split={figures} currency={preview.currency} />}
    </Paper>
  );
}
