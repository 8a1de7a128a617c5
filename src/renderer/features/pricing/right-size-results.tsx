import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { RightSizeCandidate, RightSizeResult } from '../../../shared/contract';
import { decimalToNumber, formatCount, formatDecimal, formatMonth, formatPeriod } from '../../format';
import { KpiTile } from '../../components/kpi-tile';
import { METER_COLORS, METER_LABELS, formatTokensShort, shareText } from './pricing-format';

const cell = { px: 1, py: 0.75, fontSize: '0.8125rem' };
const SHOWN = 15;


/** The slice's tokens by meter as one stacked bar, and the numbers behind it. */
function TokenMix({ result }: { result: RightSizeResult }) {
  const total = result.totalTokens;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="token-mix">
      <Typography variant="h4" component="h3" sx={{ mb: 1 }}>
        Token mix
      </Typography>
      <Box sx={{ display: 'flex', height: 18, borderRadius: 1, overflow: 'hidden', bgcolor: '#eef1f4', mb: 1.5 }} role="img" aria-label="Share of tokens by meter">
        {result.mix.map((m) => (
          <Box key={m.meter} title={`${METER_LABELS[m.meter]}: ${formatCount(m.tokens)} tokens`} sx={{ width: `${(m.tokens / Math.max(total, 1)) * 100}%`, bgcolor: METER_COLORS[m.meter] }} />
        ))}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 1 }}>
        {result.mix.map((m) => (
          <Stack key={m.meter} direction="row" spacing={1} sx={{ alignItems: 'baseline' }} data-testid="mix-row" data-meter={m.meter}>
            <Box sx={{ width: 10, height: 10, borderRadius: '2px', bgcolor: METER_COLORS[m.meter], flex: 'none', alignSelf: 'center' }} />
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {METER_LABELS[m.meter]}
            </Typography>
            <Typography variant="body2" color="text.secondary" title={`${formatCount(m.tokens)} tokens`}>
              {formatTokensShort(m.tokens)} · {shareText(m.tokens, total)}
            </Typography>
          </Stack>
        ))}
        {result.unmeteredTokens > 0 && (
          <Typography variant="body2" color="text.secondary">
            Other classes: {formatTokensShort(result.unmeteredTokens)} (no catalog meter)
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

function SavingsCell({ c }: { c: RightSizeCandidate }) {
  if (c.savings === null) return <>–</>;
  const saves = !c.savings.startsWith('-');
  const amount = saves ? c.savings : c.savings.slice(1);
  if (decimalToNumber(amount) === 0) return <>same</>;
  return (
    <Box component="span" sx={{ color: saves ? 'success.main' : 'error.main', whiteSpace: 'nowrap' }}>
      {saves ? '−' : '+'}
      {formatDecimal(amount)}
      <Typography component="span" variant="caption" sx={{ ml: 0.75, color: 'inherit' }}>
        ({saves ? '−' : '+'}
        {(c.savingsPercent ?? '').replace(/^-/, '')} %)
      </Typography>
    </Box>
  );
}

function UnpricedCell({ c }: { c: RightSizeCandidate }) {
  if (c.unpricedTokens === 0) return <>–</>;
  const parts = c.meters.filter((m) => m.unpricedTokens > 0);
  const reasons = parts.flatMap((m) => m.reasons);
  return (
    <Box title={reasons.join('\n')} sx={{ color: 'warning.main' }}>
      {parts.map((m) => `${METER_LABELS[m.meter]} ${formatTokensShort(m.unpricedTokens)}`).join(', ') || formatTokensShort(c.unpricedTokens)}
      <Typography variant="caption" component="div" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {reasons[0] ?? 'no catalog meter'}
        {reasons.length > 1 ? ` (+${reasons.length - 1} more)` : ''}
      </Typography>
    </Box>
  );
}

function CandidateTable({ result }: { result: RightSizeResult }) {
  const [sellers, setSellers] = useState<'all' | 'slice'>('all');
  const [completeOnly, setCompleteOnly] = useState(false);
  const [all, setAll] = useState(false);
  const inSlice = new Set(result.actualModels.map((m) => m.provider));
  const list = result.candidates.filter((c) => (sellers === 'all' || inSlice.has(c.provider)) && (!completeOnly || c.complete));
  // The slice's own models stay in view however long the list is.
  const shown = all ? list : list.filter((c, i) => i < SHOWN || c.actual);
  const max = Math.max(...list.map((c) => decimalToNumber(c.cost)), 1);

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1, mb: 1 }}>
        <Box>
          <Typography variant="h4" component="h3">
            The same tokens on other models
          </Typography>
          <Typography variant="body2" color="text.secondary">
            USD at the list prices valid on each usage day (your overrides included), same tiers, cheapest first. Savings compare with the
            slice at its own list prices.
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <ToggleButtonGroup size="small" exclusive value={sellers} onChange={(_, v: 'all' | 'slice' | null) => v && setSellers(v)} aria-label="Sellers">
            <ToggleButton value="all">All sellers</ToggleButton>
            <ToggleButton value="slice" data-testid="candidates-slice-sellers">
              Sellers in this slice
            </ToggleButton>
          </ToggleButtonGroup>
          <FormControlLabel control={<Checkbox size="small" checked={completeOnly} onChange={(e) => setCompleteOnly(e.target.checked)} />} label="Fully priced only" />
        </Stack>
      </Stack>
      {list.length === 0 ? (
        <Alert severity="info" variant="outlined">
          No model prices every token of this slice. Clear “Fully priced only” to see partial costs.
        </Alert>
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Cost of the slice's tokens on each candidate model" data-testid="candidates-table">
            <TableHead>
              <TableRow>
                <TableCell sx={cell}>Model</TableCell>
                <TableCell sx={cell} align="right">
                  Input / 1M
                </TableCell>
                <TableCell sx={cell} align="right">
                  Output / 1M
                </TableCell>
                <TableCell sx={{ ...cell, width: 190 }} align="right">
                  Cost, USD
                </TableCell>
                <TableCell sx={cell} align="right">
                  vs actual
                </TableCell>
                <TableCell sx={{ ...cell, width: 220 }}>Not priced</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((c) => (
                <TableRow
                  key={`${c.provider}/${c.model}`}
                  data-testid="candidate-row"
                  data-actual={c.actual}
                  data-model={c.model}
                  data-provider={c.provider}
                  sx={c.actual ? { bgcolor: 'rgba(31, 79, 122, 0.08)', '& > td': { fontWeight: 600 } } : undefined}
                >
                  <TableCell sx={cell}>
                    {c.name}
                    {c.actual && <Chip size="small" color="primary" label="actual" sx={{ ml: 1, height: 20 }} />}
                    <Typography variant="caption" component="div" color="text.secondary" sx={{ fontWeight: 400 }}>
                      {c.providerName}
                    </Typography>
                  </TableCell>
                  <TableCell sx={cell} align="right">
                    {c.listRates?.input ?? '–'}
                  </TableCell>
                  <TableCell sx={cell} align="right">
                    {c.listRates?.output ?? '–'}
                  </TableCell>
                  <TableCell sx={cell} align="right" data-testid="candidate-cost">
                    {formatDecimal(c.cost)}
                    {!c.complete && (
                      <Typography component="span" variant="caption" color="text.secondary">
                        {' '}
                        (part)
                      </Typography>
                    )}
                    <Box sx={{ height: 4, mt: 0.5, borderRadius: 2, bgcolor: '#eef1f4' }}>
                      <Box sx={{ height: 4, borderRadius: 2, width: `${(decimalToNumber(c.cost) / max) * 100}%`, bgcolor: c.actual ? 'primary.main' : c.complete ? '#4a76a0' : '#b9c3cc' }} />
                    </Box>
                  </TableCell>
                  <TableCell sx={cell} align="right" data-testid="candidate-savings">
                    <SavingsCell c={c} />
                  </TableCell>
                  <TableCell sx={{ ...cell, fontWeight: 400 }}>
                    <UnpricedCell c={c} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {list.length > shown.length && (
        <Button size="small" onClick={() => setAll(true)} sx={{ mt: 1 }} data-testid="candidates-show-all">
          Show all {list.length} models
        </Button>
      )}
    </Paper>
  );
}

const FIELD_WORDS: Record<string, string> = { model: 'Model', provider: 'Seller', project: 'Project', apiKey: 'API key', subAccount: 'Sub-account' };

function sliceTitle(result: RightSizeResult): string {
  const { field, value, month } = result.slice;
  const name = field.startsWith('tag:') ? `Tag ${field.slice(4)}` : (FIELD_WORDS[field] ?? field);
  return `${name} “${value}”, ${month ? formatMonth(month) : 'every month'}`;
}

/** A right-sizing answer: what the slice used and cost, and what the same tokens cost elsewhere. */
export function RightSizeResults({ result }: { result: RightSizeResult }) {
  if (result.rows === 0) {
    return (
      <Alert severity="info" variant="outlined" data-testid="right-size-empty">
        No token usage in {sliceTitle(result)}. Pick another value or month.
      </Alert>
    );
  }
  const left = result.sources.filter((s) => s.daysLeftOut > 0);
  const billed = result.billed.map((b) => `${formatDecimal(b.amount)} ${b.currency}`).join(' + ');
  return (
    <Stack spacing={2} data-testid="right-size-results">
      <Typography variant="body2" color="text.secondary">
        {sliceTitle(result)}: {formatCount(result.rows)} token rows, {formatPeriod(result.firstDay, result.lastDay)}, on{' '}
        {result.actualModels.map((m) => `${m.name} (${m.provider ?? 'unknown seller'})`).join(', ')}.
      </Typography>
      <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
        <KpiTile label="Tokens" value={formatTokensShort(result.totalTokens)} hint={`${formatCount(result.totalTokens)} tokens`} testId="right-size-tokens" />
        <KpiTile
          label="At list prices, USD"
          value={formatDecimal(result.actualCost)}
          hint={result.actualUnpricedTokens > 0 ? `${formatTokensShort(result.actualUnpricedTokens)} tokens have no list price` : 'Every token priced'}
          testId="right-size-actual"
        />
        <KpiTile label="Billed (invoices)" value={billed || '–'} hint={billed ? `${formatCount(result.billed.reduce((n, b) => n + b.rows, 0))} invoiced rows` : 'Only usage sources: no invoice'} />
      </Box>
      <TokenMix result={result} />
      {result.actualUnpricedTokens > 0 && (
        <Alert severity="warning" variant="outlined">
          {formatCount(result.actualUnpricedTokens)} tokens of this slice have no list price on their own model (see Unmatched names), so no
          saving is computed. Costs per model are still shown.
        </Alert>
      )}
      {left.length > 0 && (
        <Alert severity="info" variant="outlined" data-testid="right-size-sources">
          Each token is counted once: on days another source reports the same seller&apos;s tokens,{' '}
          {left.map((s) => `${s.formatLabel} (${s.provider ?? 'no seller'}, ${s.daysLeftOut} day${s.daysLeftOut === 1 ? '' : 's'})`).join(', ')}{' '}
          {left.length === 1 ? 'is' : 'are'} left out.
        </Alert>
      )}
      <CandidateTable result={result} />
    </Stack>
  );
}
