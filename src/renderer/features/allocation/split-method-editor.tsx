import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef } from 'react';
import type { BusinessMetricImport, SplitMethod, SplitRule, SplitUsage } from '../../../shared/allocation-contract';
import { useEngineQuery } from '../../engine/use-engine-query';
import { isDecimal, isHundred, sumDecimals } from './decimal-text';
import { MetricImportButton } from './metric-import-button';
import { coverageText } from './metric-text';
import { metricId } from './use-metric-import';

export const METHODS: { method: SplitMethod; label: string }[] = [
  { method: 'even', label: 'Evenly' },
  { method: 'fixed', label: 'By fixed percentages' },
  { method: 'cost', label: 'In proportion to cost' },
  { method: 'usage', label: 'In proportion to usage' },
];

function usageLabel(u: SplitUsage): string {
  if (u === 'tokens') return 'Tokens';
  if (u === 'requests') return 'Requests';
  return `Business metric: ${u.slice(7)}`;
}

const METRIC = 'metric:';

/** Under the picker: what the chosen business metric covers, or that the workspace has none of it. */
function metricCoverage(usage: SplitUsage | undefined, metrics: BusinessMetricImport[] | undefined): { text: string; missing: boolean } | null {
  if (!usage?.startsWith(METRIC) || metrics === undefined) return null;
  const name = usage.slice(METRIC.length);
  const stored = metrics.find((m) => metricId(m.metric) === metricId(name));
  if (stored) return { text: coverageText(stored), missing: false };
  return { text: `No rows of “${name}” in this workspace yet: import them below.`, missing: true };
}

function FixedPercentages({ split, onChange }: { split: SplitRule; onChange: (s: SplitRule) => void }) {
  const pct = split.percentages ?? {};
  const values = split.targets.map((t) => pct[t] ?? '');
  const total = sumDecimals(values.map((v) => v || '0'));
  const complete = isHundred(total);
  if (split.targets.length === 0) {
    return (
      <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
        Fixed percentages need chosen values: choose the values that receive a share above.
      </Typography>
    );
  }
  return (
    <Box sx={{ mt: 1.5 }} data-testid="split-percentages" role="group" aria-label="Percentages">
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 1 }}>
        {split.targets.map((t, i) => (
          <TextField
            key={t}
            size="small"
            label={t}
            value={values[i]}
            error={values[i] !== '' && !isDecimal(values[i])}
            onChange={(e) => {
              // Only the chosen targets are kept, so removing a target drops its percentage.
              const next = Object.fromEntries(split.targets.map((x, j) => [x, j === i ? e.target.value.trim() : (pct[x] ?? '')]));
              onChange({ ...split, percentages: next });
            }}
            slotProps={{
              input: { endAdornment: <InputAdornment position="end">%</InputAdornment> },
              htmlInput: { inputMode: 'decimal', 'data-testid': `split-percent-${t}` },
            }}
          />
        ))}
      </Box>
      <Typography variant="body2" sx={{ mt: 1, fontWeight: 600, color: complete ? 'success.main' : 'error.main' }} role="status" data-testid="split-percent-total">
        Total {total ?? '–'} %{complete ? '' : ' (must be exactly 100 %)'}
      </Typography>
    </Box>
  );
}

/** How the pool is shared: method, and the usage measure or fixed percentages it needs. */
export function SplitMethodEditor({ split, onChange }: { split: SplitRule; onChange: (s: SplitRule) => void }) {
  // Importing a metric reports allocation_rules: the figures of usage splits change with it.
  const metrics = useEngineQuery('allocation/metrics', {}, { tables: ['charges', 'imports', 'allocation_rules'] });
  const usageOptions: SplitUsage[] = ['tokens', 'requests', ...(metrics.data ?? []).map((m): SplitUsage => `${METRIC}${m.metric}`)];
  if (split.usage && !usageOptions.includes(split.usage)) usageOptions.push(split.usage);
  const coverage = metricCoverage(split.usage, metrics.data);
  // The import answers later; by then the analyst may have edited the split, so apply to the latest.
  const latest = useRef(split);
  latest.current = split;
  const adoptImported = (metric: string | null) => {
    const current = latest.current;
    // A split already measured by a business metric keeps it; one on tokens or requests takes the new one.
    if (metric === null || current.method !== 'usage' || current.usage?.startsWith(METRIC)) return;
    onChange({ ...current, usage: `${METRIC}${metric}` });
  };
  return (
    <Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: split.method === 'usage' ? 'minmax(0, 1fr) minmax(0, 1fr)' : 'minmax(0, 340px)', gap: 1.5 }}>
        <TextField
          select
          size="small"
          label="Share the pool"
          value={split.method}
          onChange={(e) => {
            const method = METHODS.find((m) => m.method === e.target.value)?.method ?? split.method;
            onChange({ ...split, method, usage: method === 'usage' ? (split.usage ?? 'tokens') : split.usage });
          }}
          slotProps={{ htmlInput: { 'data-testid': 'split-method' } }}
        >
          {METHODS.map((m) => (
            <MenuItem key={m.method} value={m.method}>
              {m.label}
            </MenuItem>
          ))}
        </TextField>
        {split.method === 'usage' && (
          <TextField
            select
            size="small"
            label="Usage measured in"
            value={split.usage ?? 'tokens'}
            onChange={(e) => onChange({ ...split, usage: usageOptions.find((u) => u === e.target.value) ?? 'tokens' })}
            helperText={coverage && <span data-testid="split-usage-coverage">{coverage.text}</span>}
            slotProps={{
              htmlInput: { 'data-testid': 'split-usage' },
              // The menu says "Business metric: …"; closed, the column is too narrow for more than the name.
              select: { renderValue: (v) => (typeof v === 'string' && v.startsWith(METRIC) ? v.slice(METRIC.length) : usageLabel(usageOptions.find((u) => u === v) ?? 'tokens')) },
              formHelperText: { sx: { color: coverage?.missing ? 'warning.main' : undefined } },
            }}
          >
            {usageOptions.map((u) => (
              <MenuItem key={u} value={u}>
                {usageLabel(u)}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Box>
      {split.method === 'usage' && <MetricImportButton onImported={adoptImported} />}
      {split.method === 'fixed' && <FixedPercentages split={split} onChange={onChange} />}
      {split.method === 'cost' && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.75 }}>
          Each target gets a share in proportion to the cost already allocated to it in the same period.
        </Typography>
      )}
    </Box>
  );
}
