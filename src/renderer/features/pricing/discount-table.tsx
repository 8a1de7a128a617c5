import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
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
import { formatCount, formatDecimal } from '../../format';
import { formatTokensShort } from './pricing-format';

const cell = { px: 1, py: 0.75, fontSize: '0.8125rem' };

/** Billed against list (catalog or override) cost per seller and model: the discount actually obtained. */
export function DiscountTable() {
  const summary = useEngineQuery('pricing/summary', {}, { tables: ['charges', 'imports', 'price_overrides'] });
  if (summary.error) return <ErrorReport error={summary.error} />;
  if (!summary.data) return <LinearProgress aria-label="Comparing billed and list cost" />;
  const { rows, catalogCost, unpricedTokenRows } = summary.data;
  if (rows.length === 0) {
    return (
      <Alert severity="info" variant="outlined" data-testid="discounts-empty">
        No token usage yet. Import a bill or usage export with token counts (OpenAI, Anthropic, Azure, Bedrock, Vertex, LiteLLM) and the discount
        you get on each model appears here.
      </Alert>
    );
  }
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        The effective discount compares what invoices billed with what the same tokens cost at list prices (the catalog, or your overrides), on
        invoiced rows that have a list price. Usage reports and proxy logs add tokens and list cost but no billed cost. List cost is in USD; a bill
        in another currency gets no discount figure.
      </Typography>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Effective discount per seller and model" data-testid="discount-table">
          <TableHead>
            <TableRow>
              <TableCell sx={cell}>Seller</TableCell>
              <TableCell sx={cell}>Model</TableCell>
              <TableCell sx={cell} align="right">
                Tokens
              </TableCell>
              <TableCell sx={cell} align="right">
                Priced
              </TableCell>
              <TableCell sx={cell} align="right">
                Billed
              </TableCell>
              <TableCell sx={cell} align="right">
                List (invoiced)
              </TableCell>
              <TableCell sx={cell} align="right">
                List (all)
              </TableCell>
              <TableCell sx={cell} align="right">
                Discount
              </TableCell>
              <TableCell sx={cell} align="right">
                Override rows
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r, i) => (
              <TableRow key={i} hover data-testid="discount-row" data-model={r.model ?? ''}>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{r.provider ?? '–'}</TableCell>
                <TableCell sx={{ ...cell, overflowWrap: 'anywhere' }}>{r.model ?? '–'}</TableCell>
                <TableCell sx={cell} align="right" title={formatCount(r.tokens)}>
                  {formatTokensShort(r.tokens)}
                </TableCell>
                <TableCell sx={cell} align="right" title={formatCount(r.pricedTokens)}>
                  {r.tokens === 0 ? '–' : `${Math.floor((r.pricedTokens / r.tokens) * 100)} %`}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                  {formatDecimal(r.billedCost)}
                  {r.currency !== 'USD' && ` ${r.currency}`}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                  {formatDecimal(r.invoicedCatalogCost)}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                  {formatDecimal(r.catalogCost)}
                </TableCell>
                <TableCell sx={{ ...cell, whiteSpace: 'nowrap', fontWeight: 600 }} align="right" data-testid="discount-percent">
                  {r.effectiveDiscountPercent === null ? '–' : `${r.effectiveDiscountPercent} %`}
                </TableCell>
                <TableCell sx={cell} align="right">
                  {formatCount(r.overrideRows)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="discount-footer">
        List cost of all priced token usage: {formatDecimal(catalogCost)} USD.{' '}
        {unpricedTokenRows > 0 ? `${formatCount(unpricedTokenRows)} token rows have no list price (see Unmatched names).` : 'Every token row has a list price.'}
      </Typography>
    </Box>
  );
}
