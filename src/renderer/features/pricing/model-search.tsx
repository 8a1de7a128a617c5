import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useEffect, useState } from 'react';
import type { ModelSearchHit } from '../../../shared/contract';
import { ErrorReport } from '../../components/error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { ModelHistory } from './model-history';
import { SCOPE_LABELS, TIER_LABELS, meterLabel } from './pricing-format';

const cell = { px: 1.25, py: 0.75 };

function matchText(h: ModelSearchHit): string {
  if (h.match === 'exact') {
    const c = h.coordinate;
    const says = c ? [c.meter && meterLabel(c.meter), c.tier && TIER_LABELS[c.tier], c.scope && SCOPE_LABELS[c.scope], c.region].filter(Boolean) : [];
    return says.length ? `This spelling (${says.join(', ')})` : 'This spelling';
  }
  if (h.match === 'same-model') return 'Same model, other seller';
  if (h.match === 'words') return h.matchedText ?? '';
  return '';
}

type Selected = { provider: string; model: string } | null;

function Detail({ selected, onSeller }: { selected: { provider: string; model: string }; onSeller: (provider: string) => void }) {
  const detail = useEngineQuery('pricing/model', selected, { tables: [] });
  if (detail.error) return <ErrorReport error={detail.error} />;
  if (detail.loading) return <LinearProgress aria-label="Loading the price history" />;
  if (!detail.data) return <Alert severity="warning">The catalog no longer lists this model.</Alert>;
  return <ModelHistory detail={detail.data} onSeller={(provider) => onSeller(provider)} />;
}

/** Search the catalog by any spelling; the chosen model's price history and aliases below. */
export function ModelSearch({ query, onQuery }: { query: string; onQuery: (q: string) => void }) {
  const deferred = useDeferredValue(query);
  const hits = useEngineQuery('pricing/search', { query: deferred, limit: 200 }, { tables: [] });
  const [picked, setPicked] = useState<{ provider: string; model: string; query: string } | null>(null);
  // While the next answer is on its way the last results stay, so the list does not flicker as one types.
  const [shown, setShown] = useState<ModelSearchHit[] | null>(null);
  useEffect(() => {
    if (hits.data) setShown(hits.data);
  }, [hits.data]);
  const list = hits.data ?? shown ?? [];
  // The first hit is shown until the analyst picks another model for the same query.
  const selected: Selected =
    picked && picked.query === query ? { provider: picked.provider, model: picked.model } : list[0] ? { provider: list[0].provider, model: list[0].model } : null;

  return (
    <Stack spacing={2.5}>
      <TextField
        label="Find a model"
        placeholder="A name, id or billing spelling: sonnet 4.5, gpt-4o-mini-2024-07-18, us.anthropic.claude-sonnet-4-5-20250929-v1:0"
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        fullWidth
        size="small"
        slotProps={{ htmlInput: { 'data-testid': 'model-search', spellCheck: false } }}
        helperText="Billing spellings (Azure meter names, Bedrock usage types and inference profiles, Vertex SKUs, dated snapshots) are resolved the way imports resolve them."
      />
      {hits.error && <ErrorReport error={hits.error} />}
      {hits.loading && shown === null && <LinearProgress aria-label="Searching the catalog" />}
      {hits.data && list.length === 0 && (
        <Alert severity="info" variant="outlined" data-testid="search-empty">
          No catalog model matches “{deferred}”. Try fewer words, such as the model family and version (“haiku 4.5”), or the id as the bill writes it.
        </Alert>
      )}
      {list.length > 0 && (
        <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 260 }}>
          <Table size="small" stickyHeader aria-label="Catalog models found" data-testid="search-results">
            <TableHead>
              <TableRow>
                <TableCell sx={cell}>Model</TableCell>
                <TableCell sx={cell}>Seller</TableCell>
                <TableCell sx={cell} align="right">
                  Spellings
                </TableCell>
                <TableCell sx={cell}>Matched by</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((h) => {
                const isSelected = selected?.provider === h.provider && selected.model === h.model;
                return (
                  <TableRow
                    key={`${h.provider}/${h.model}`}
                    hover
                    selected={isSelected}
                    onClick={() => setPicked({ provider: h.provider, model: h.model, query })}
                    sx={{ cursor: 'pointer' }}
                    data-testid="search-hit"
                    data-model={h.model}
                    data-provider={h.provider}
                    aria-selected={isSelected}
                  >
                    <TableCell sx={cell}>
                      <Box component="span" sx={{ fontWeight: 600 }}>
                        {h.name}
                      </Box>
                      <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                        {h.model}
                      </Typography>
                      {!h.priced && <Chip size="small" label="no prices" sx={{ ml: 1, height: 20 }} />}
                    </TableCell>
                    <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>{h.providerName}</TableCell>
                    <TableCell sx={cell} align="right">
                      {h.aliasCount}
                    </TableCell>
                    <TableCell sx={{ ...cell, color: 'text.secondary', maxWidth: 320, overflowWrap: 'anywhere' }}>{matchText(h)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {selected && (
        <Paper variant="outlined" sx={{ p: 2.5 }}>
          <Detail key={`${selected.provider}/${selected.model}`} selected={selected} onSeller={(provider) => setPicked({ provider, model: selected.model, query })} />
        </Paper>
      )}
    </Stack>
  );
}
