import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment } from 'react';
import type { CatalogModelDetail, PriceHistoryRecord, PriceMeter } from '../../../shared/contract';
import { formatCount } from '../../format';
import { METER_LABELS, METERS, SCOPE_LABELS, TIER_LABELS, meterLabel, sourceText } from './pricing-format';

const cell = { px: 1, py: 0.75, fontSize: '0.8125rem' };
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: '0.78rem' };

function contextText(r: PriceHistoryRecord): { main: string; sub: string | null } {
  if (r.contextAbove === null) return { main: 'Any', sub: null };
  const k = r.contextAbove % 1000 === 0 ? `${r.contextAbove / 1000}k` : formatCount(r.contextAbove);
  return { main: `> ${k} input`, sub: r.repricesWholeRequest ? 'whole request' : 'excess only' };
}

function unitText(r: PriceHistoryRecord): string {
  return r.unit === '1M tokens' ? '' : ` / ${r.unit}`;
}

/** Short column heads: the table must fit a laptop screen with every meter a model sells. */
const SHORT: Record<PriceMeter, string> = { input: 'Input', cachedInput: 'Cached', cacheWrite: 'Write', cacheWrite1h: 'Write 1h', output: 'Output', reasoning: 'Reasoning' };

/** The meters any record of the model prices, in reading order; per-request prices in one extra column. */
function meterColumns(records: PriceHistoryRecord[]): { meters: PriceMeter[]; request: boolean } {
  return {
    meters: METERS.filter((m) => records.some((r) => r.rates[m] !== undefined)),
    request: records.some((r) => r.rates.request !== undefined),
  };
}

const sub = { display: 'block', color: 'text.secondary', fontSize: '0.72rem', lineHeight: 1.3 };

function HistoryTable({ detail }: { detail: CatalogModelDetail }) {
  const { meters, request } = meterColumns(detail.records);
  const width = 4 + meters.length + (request ? 1 : 0);
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={`Price history of ${detail.name} at ${detail.providerName}`} data-testid="price-history">
        <TableHead>
          <TableRow>
            <TableCell sx={cell}>Valid</TableCell>
            <TableCell sx={cell}>Tier, scope</TableCell>
            <TableCell sx={cell}>Context</TableCell>
            {meters.map((m) => (
              <TableCell key={m} sx={cell} align="right" title={`${METER_LABELS[m]}, USD per 1M tokens`}>
                {SHORT[m]}
              </TableCell>
            ))}
            {request && (
              <TableCell sx={cell} align="right">
                Request
              </TableCell>
            )}
            <TableCell sx={cell}>Source, checked</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {detail.records.map((r, i) => {
            const ctx = contextText(r);
            return (
              <Fragment key={i}>
                <TableRow data-testid="price-record" data-from={r.from} sx={r.note ? { '& > td': { borderBottom: 0 } } : undefined}>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                    {r.from}
                    <Box component="span" sx={sub}>
                      to {r.to ?? 'now'}
                    </Box>
                  </TableCell>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                    {TIER_LABELS[r.tier]}
                    <Box component="span" sx={sub}>
                      {SCOPE_LABELS[r.scope]}
                    </Box>
                  </TableCell>
                  <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
                    {ctx.main}
                    {ctx.sub && (
                      <Box component="span" sx={sub}>
                        {ctx.sub}
                      </Box>
                    )}
                  </TableCell>
                  {meters.map((m) => (
                    <TableCell key={m} sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                      {r.rates[m] === undefined ? '–' : `${r.rates[m]}${unitText(r)}`}
                    </TableCell>
                  ))}
                  {request && (
                    <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                      {r.rates.request === undefined ? '–' : `${r.rates.request}${unitText(r)}`}
                    </TableCell>
                  )}
                  <TableCell sx={{ ...cell, minWidth: 150, wordBreak: 'break-word' }}>
                    <Link href={r.source} target="_blank" rel="noopener noreferrer" title={r.source} underline="hover">
                      {sourceText(r.source)}
                    </Link>
                    <Box component="span" sx={sub}>
                      checked {r.checked}
                    </Box>
                  </TableCell>
                </TableRow>
                {r.note && (
                  <TableRow>
                    <TableCell colSpan={width} sx={{ ...cell, pt: 0, color: 'text.secondary', fontSize: '0.75rem' }}>
                      {r.note}
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function AliasTable({ detail }: { detail: CatalogModelDetail }) {
  if (detail.aliases.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Only its id, {detail.model}, names this model in bills.
      </Typography>
    );
  }
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={`Spellings of ${detail.name}`} data-testid="model-aliases">
        <TableHead>
          <TableRow>
            <TableCell sx={cell}>Where it appears</TableCell>
            <TableCell sx={cell}>Spelling</TableCell>
            <TableCell sx={cell}>Also says</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {detail.aliases.map((a, i) => {
            const says = [a.meter && meterLabel(a.meter), a.tier && TIER_LABELS[a.tier], a.scope && SCOPE_LABELS[a.scope]].filter(Boolean);
            return (
              <TableRow key={i} data-testid="model-alias">
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{a.kind.replace(/-/g, ' ')}</TableCell>
                <TableCell sx={{ ...cell, ...mono, overflowWrap: 'anywhere' }}>
                  {a.text}
                  {a.isPattern && (
                    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1, fontFamily: 'inherit' }}>
                      (pattern)
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={cell}>{says.length ? says.join(', ') : '–'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** One model at one seller: its effective-dated prices, where each comes from, and how bills spell it. */
export function ModelHistory({ detail, onSeller }: { detail: CatalogModelDetail; onSeller: (provider: string) => void }) {
  const others = detail.sellers.filter((s) => s.provider !== detail.provider);
  return (
    <Stack spacing={2} data-testid="model-detail" data-provider={detail.provider} data-model={detail.model}>
      <Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', rowGap: 0.5 }}>
          <Typography variant="h3" component="h3">
            {detail.name}
          </Typography>
          <Typography color="text.secondary">at {detail.providerName}</Typography>
          <Chip size="small" label={detail.model} variant="outlined" sx={mono} />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          Rates in USD per 1M tokens unless marked. A record applies from its first day up to, not including, its last; a bill is priced with the record valid on its usage day.
          Records with no scope named apply in the seller&apos;s default scope ({SCOPE_LABELS[detail.defaultScope].toLowerCase()}).
        </Typography>
        {others.length > 0 && (
          <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
            <Typography variant="body2" color="text.secondary">
              Also sold by:
            </Typography>
            {others.map((s) => (
              <Button key={s.provider} size="small" variant="outlined" onClick={() => onSeller(s.provider)} data-testid="other-seller">
                {s.providerName}
              </Button>
            ))}
          </Stack>
        )}
      </Box>
      {detail.note && (
        <Alert severity="info" variant="outlined">
          {detail.note}
        </Alert>
      )}
      {detail.records.length > 0 ? (
        <HistoryTable detail={detail} />
      ) : (
        <Alert severity="warning" variant="outlined" data-testid="no-prices">
          The catalog has no price for this model at {detail.providerName}: its usage stays unpriced. Add an override with explicit rates to price it.
        </Alert>
      )}
      <Box>
        <Typography variant="h4" component="h4" sx={{ mb: 1 }}>
          Spellings in bills ({detail.aliases.length})
        </Typography>
        <AliasTable detail={detail} />
      </Box>
    </Stack>
  );
}
