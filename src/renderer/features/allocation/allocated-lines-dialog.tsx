import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import type { AllocatedGroup, AllocatedLine, AllocationRuleSet } from '../../../shared/allocation-contract';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatCount, formatMoney, formatMonth } from '../../format';
import { subtractDecimals, sumDecimals } from './decimal-text';
import { RuleErrorReport } from './rule-error-report';

/** Lines listed at most; a value with rules over years of data can have thousands. */
export const LINES_SHOWN = 200;

const num = { whiteSpace: 'nowrap' } satisfies SxProps<Theme>;
// Footer cells default to a smaller grey font; the total deserves the body size and full contrast.
const totalSx = { fontWeight: 700, bgcolor: '#f7f9fa', whiteSpace: 'nowrap', color: 'text.primary', fontSize: '0.875rem' } satisfies SxProps<Theme>;

type Source = { from: string; ratio: string };

/**
 * The split's sources from FOCUS AllocatedMethodDetails ({"Elements":[{"AllocatedRatio","SourceValue"}]}).
 * Null when the text is not that shape, so the dialog says the ratio is unknown rather than guessing.
 */
export function splitSources(details: string): Source[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(details);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || !('Elements' in doc) || !Array.isArray(doc.Elements)) return null;
  const elements: unknown[] = doc.Elements;
  const out: Source[] = [];
  for (const e of elements) {
    if (typeof e !== 'object' || e === null || !('SourceValue' in e) || !('AllocatedRatio' in e)) return null;
    const { SourceValue, AllocatedRatio } = e;
    if (typeof SourceValue !== 'string' || (typeof AllocatedRatio !== 'string' && typeof AllocatedRatio !== 'number')) return null;
    out.push({ from: SourceValue, ratio: String(AllocatedRatio) });
  }
  return out;
}

/** "0.3" -> "30 %", "0.123456" -> "12.35 %"; a ratio is not money, so a float is fine here. */
export function ratioPercent(ratio: string): string {
  const r = Number(ratio);
  if (!Number.isFinite(r)) return ratio;
  const pct = r * 100;
  if (pct > 0 && pct < 0.01) return '< 0.01 %';
  return `${pct.toFixed(2).replace(/\.?0+$/, '')} %`;
}

function compareDecimals(a: string, b: string): number {
  const d = subtractDecimals(a, b);
  return d === null || d === '0' ? 0 : d.startsWith('-') ? -1 : 1;
}

/** How a line's cost reached the value, in words: the tag rule, the split and its sources, or the default. */
function HowCell({ line }: { line: AllocatedLine }) {
  const name = line.ruleName ?? line.AllocatedMethodId ?? '';
  if (line.AllocatedMethodId === null) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
        Default value (no rule matched)
      </Typography>
    );
  }
  if (line.AllocatedMethodDetails === null) {
    return (
      <Typography variant="body2">
        <Box component="span" sx={{ color: 'text.secondary' }}>
          Tag rule:{' '}
        </Box>
        {name}
      </Typography>
    );
  }
  const sources = splitSources(line.AllocatedMethodDetails);
  return (
    <>
      <Typography variant="body2">
        <Box component="span" sx={{ color: 'text.secondary' }}>
          Split rule:{' '}
        </Box>
        {name}
      </Typography>
      {sources === null ? (
        <Typography variant="body2" color="text.secondary">
          Where it came from was not recorded.
        </Typography>
      ) : (
        sources.map((s) => (
          <Typography key={s.from} variant="body2" color="text.secondary" data-testid="allocated-line-source">
            from {s.from} at {ratioPercent(s.ratio)}
          </Typography>
        ))
      )}
    </>
  );
}

type Props = {
  open: boolean;
  onClose: () => void;
  keyName: string;
  /** 'YYYY-MM', or null for every imported month. */
  period: string | null;
  /** The unsaved draft when the tab shows it; absent: the saved rules. */
  ruleSet?: AllocationRuleSet;
  /** The table's row: its value, currency and the billed cost the lines must add up to. */
  group: AllocatedGroup | null;
};

function LinesTable({ group, lines }: { group: AllocatedGroup; lines: AllocatedLine[] }) {
  // Month by month, the largest amount first within a month; compared exactly, never as floats.
  const ordered = [...lines].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : compareDecimals(b.billedCost, a.billedCost)));
  const shown = ordered.slice(0, LINES_SHOWN);
  // Month figures count every line of the month, listed or not.
  const byMonth = new Map<string, AllocatedLine[]>();
  for (const l of ordered) {
    const month = byMonth.get(l.period);
    if (month) month.push(l);
    else byMonth.set(l.period, [l]);
  }
  const months: { period: string; lines: AllocatedLine[]; all: AllocatedLine[] }[] = [];
  for (const l of shown) {
    const last = months[months.length - 1];
    if (last?.period === l.period) last.lines.push(l);
    else months.push({ period: l.period, lines: [l], all: byMonth.get(l.period) ?? [] });
  }
  const exact = sumDecimals(lines.map((l) => l.billedCost)) ?? '';
  const rows = lines.reduce((n, l) => n + l.rows, 0);
  // The engine sums the same lines for the table, then rounds every value together by largest
  // remainder; when the exact sums agree, the table's rounded figure is the honest total here too.
  const matches = subtractDecimals(exact, group.billedCost) === '0';
  const money = (v: string) => formatMoney(v, group.currency);
  return (
    <>
      {!matches && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="allocated-lines-mismatch">
          These lines add up to {money(exact)}, but the table shows {money(group.billedCostRounded)}. The data may have changed
          while they were read: close this and open it again.
        </Alert>
      )}
      <Table size="small" aria-label={`Allocated lines of ${group.value}`} data-testid="allocated-lines-table" sx={{ tableLayout: 'fixed' }}>
        <TableHead>
          <TableRow>
            <TableCell>How the cost got there</TableCell>
            <TableCell align="right" sx={{ width: 90 }}>
              Rows
            </TableCell>
            <TableCell align="right" sx={{ width: 170 }}>
              Billed cost
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {months.map((m) => (
            <Fragment key={m.period}>
              <TableRow data-testid="allocated-lines-month" sx={{ bgcolor: '#f7f9fa', '& > *': { fontWeight: 600 } }}>
                <TableCell component="th" scope="rowgroup">
                  {formatMonth(m.period)}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {formatCount(m.all.reduce((n, l) => n + l.rows, 0))}
                </TableCell>
                <TableCell align="right" sx={num}>
                  {money(sumDecimals(m.all.map((l) => l.billedCost)) ?? '')}
                </TableCell>
              </TableRow>
              {m.lines.map((l) => (
                <TableRow
                  key={`${l.AllocatedMethodDetails === null ? 'r' : 's'}${l.AllocatedMethodId ?? ''}`}
                  data-testid="allocated-line"
                  data-period={l.period}
                  data-billed={l.billedCost}
                  data-method={l.AllocatedMethodId ?? ''}
                  sx={{ verticalAlign: 'top' }}
                >
                  <TableCell sx={{ pl: 3, overflowWrap: 'anywhere' }}>
                    <HowCell line={l} />
                  </TableCell>
                  <TableCell align="right" sx={num}>
                    {formatCount(l.rows)}
                  </TableCell>
                  <TableCell align="right" sx={num} data-testid="allocated-line-billed">
                    {money(l.billedCost)}
                  </TableCell>
                </TableRow>
              ))}
            </Fragment>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow>
            <TableCell component="th" scope="row" sx={totalSx}>
              Total
            </TableCell>
            <TableCell align="right" sx={totalSx} data-testid="allocated-lines-rows">
              {formatCount(rows)}
            </TableCell>
            <TableCell align="right" sx={totalSx} data-testid="allocated-lines-total" data-exact={exact}>
              {money(matches ? group.billedCostRounded : exact)}
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
      {lines.length > shown.length && (
        <Typography variant="body2" sx={{ mt: 1.5 }} data-testid="allocated-lines-more">
          Showing the first {formatCount(shown.length)} of {formatCount(lines.length)} lines: {formatCount(lines.length - shown.length)} more
          are not listed. The total counts every line.
        </Typography>
      )}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        Each line is rounded to the cent on its own; the total is their exact sum, rounded as in the table.
      </Typography>
    </>
  );
}

function LinesContent({ keyName, period, ruleSet, group }: Omit<Props, 'open' | 'onClose'> & { group: AllocatedGroup }) {
  const lines = useEngineQuery(
    'allocation/lines',
    { key: keyName, period, ...(ruleSet && { ruleSet }) },
    { tables: ['charges', 'imports', 'allocation_rules', 'price_overrides'] },
  );
  if (lines.error) return <RuleErrorReport error={lines.error} />;
  if (!lines.data) return <LinearProgress aria-label="Loading the lines" />;
  const mine = lines.data.filter((l) => l.value === group.value && l.currency === group.currency);
  if (mine.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="allocated-lines-empty">
        No cost reached this value{period ? ` in ${formatMonth(period)}` : ''}.
      </Typography>
    );
  }
  return <LinesTable group={group} lines={mine} />;
}

/** Every allocated line of one value: per month, the rule or split that put cost there, adding up to the table. */
export function AllocatedLinesDialog({ open, onClose, keyName, period, ruleSet, group }: Props) {
  return (
    <Dialog open={open && group !== null} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="allocated-lines-title" data-testid="allocated-lines-dialog">
      <DialogTitle id="allocated-lines-title" sx={{ overflowWrap: 'anywhere' }}>
        Allocated lines of {keyName} “{group?.value}”
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {period ? formatMonth(period) : 'All imported months'}
          {group ? ` · ${group.currency}` : ''}
          {ruleSet ? ' · with unsaved changes' : ''}. Each line is one month and the rule that put cost on this value.
        </Typography>
        {group !== null && <LinesContent keyName={keyName} period={period} ruleSet={ruleSet} group={group} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
