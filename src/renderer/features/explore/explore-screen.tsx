import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { StackedBarChart, type BarSeriesDef } from '../../charts/stacked-bar-chart';
import { EmptyState } from '../../components/empty-state';
import { ErrorReport } from '../../components/error-report';
import { ExploreIcon } from '../../components/icons';
import { decimalToNumber, formatDecimal, formatMonth } from '../../format';
import { KpiCards } from './kpi-cards';
import { MonthProviderTable, providerLabel } from './month-provider-table';
import { cellKey, useExploreData, type ExploreData } from './use-explore-data';

function toSeries(data: ExploreData): BarSeriesDef[] {
  return data.providers.map((p) => ({
    key: p || '(none)',
    label: providerLabel(p),
    data: data.months.map((m) => {
      const billed = data.cells.get(cellKey(m, p));
      return { x: m, value: decimalToNumber(billed), display: billed === undefined ? '–' : formatDecimal(billed) };
    }),
  }));
}

export function ExploreScreen({ onImport }: { onImport: () => void }) {
  const { data, error, loading, setCurrency } = useExploreData();
  const series = useMemo(() => (data ? toSeries(data) : []), [data]);
  const monthTotals = useMemo(
    () => new Map([...(data?.monthTotals ?? new Map<string, string>())].map(([m, v]) => [m, formatDecimal(v)])),
    [data],
  );

  if (error) return <ErrorReport error={error} />;
  if (!data) return loading ? <LinearProgress aria-label="Loading totals" /> : null;
  if (data.currencies.length === 0 || data.months.length === 0) {
    return (
      <EmptyState
        icon={<ExploreIcon />}
        title="Nothing to explore yet"
        action={
          <Button variant="contained" onClick={onImport}>
            Import files
          </Button>
        }
      >
        Import a FOCUS export or a provider&apos;s billing export, and its costs appear here by month and provider.
      </EmptyState>
    );
  }

  return (
    <Stack spacing={3}>
      <Stack direction="row" sx={{ alignItems: 'flex-end', justifyContent: 'space-between', gap: 2, flexWrap: 'wrap' }}>
        <Box>
          <Typography variant="h2" component="h1">
            Explore
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 0.5 }}>
            Billed cost by month and provider, in {data.currency}.
          </Typography>
        </Box>
        {data.currencies.length > 1 && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={data.currency}
            onChange={(_, v: string | null) => v && setCurrency(v)}
            aria-label="Currency"
          >
            {data.currencies.map((c) => (
              <ToggleButton key={c} value={c}>
                {c}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        )}
      </Stack>
      {data.currencies.length > 1 && (
        <Alert severity="info" variant="outlined">
          This workspace holds charges in {data.currencies.length} currencies. Totals are shown per currency and never converted.
        </Alert>
      )}
      <KpiCards data={data} />
      <Paper variant="outlined" sx={{ p: 2.5 }} data-testid="explore-chart">
        <Typography variant="h4" component="h2" sx={{ mb: 1.5 }}>
          Billed cost per month by provider
        </Typography>
        <StackedBarChart
          categories={data.months}
          series={series}
          formatCategory={formatMonth}
          categoryTotals={monthTotals}
          unit={data.currency}
          label={`Stacked bar chart of billed cost per month by provider, ${data.currency ?? ''}`}
        />
      </Paper>
      <MonthProviderTable data={data} />
    </Stack>
  );
}
