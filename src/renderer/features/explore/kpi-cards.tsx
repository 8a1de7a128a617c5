import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import { formatCount, formatDecimal } from '../../format';
import type { ExploreData } from './use-explore-data';

type Kpi = { id: string; label: string; value: string; unit?: string; hint: string };

function KpiCard({ kpi }: { kpi: Kpi }) {
  return (
    <Tooltip title={kpi.hint} placement="bottom-start">
      <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid={`kpi-${kpi.id}`}>
        <Typography variant="overline" color="text.secondary" component="div" sx={{ lineHeight: 1.6 }}>
          {kpi.label}
        </Typography>
        <Typography variant="h2" component="div" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }} data-testid={`kpi-${kpi.id}-value`}>
          {kpi.value}
          {kpi.unit && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 0.75, fontWeight: 500 }}>
              {kpi.unit}
            </Typography>
          )}
        </Typography>
      </Paper>
    </Tooltip>
  );
}

export function KpiCards({ data }: { data: ExploreData }) {
  const t = data.totals;
  const cur = data.currency ?? undefined;
  const kpis: Kpi[] = [
    { id: 'billed', label: 'Billed cost', value: t ? formatDecimal(t.billedCost) : '–', unit: cur, hint: 'What the invoices charge (FOCUS BilledCost).' },
    {
      id: 'effective',
      label: 'Effective cost',
      value: t ? formatDecimal(t.effectiveCost) : '–',
      unit: cur,
      hint: 'Cost after discounts and with commitment purchases spread over their use (FOCUS EffectiveCost).',
    },
    { id: 'list', label: 'List cost', value: t ? formatDecimal(t.listCost) : '–', unit: cur, hint: 'The same usage at public list prices (FOCUS ListCost).' },
    { id: 'rows', label: 'Charge rows', value: formatCount(data.rows), hint: 'Rows imported in this currency.' },
    { id: 'months', label: 'Months', value: formatCount(data.months.length), hint: 'Billing months with at least one charge.' },
  ];
  return (
    <Box
      data-testid="explore-kpis"
      sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', lg: '1.3fr 1.3fr 1.3fr 1fr 0.8fr' } }}
    >
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} />
      ))}
    </Box>
  );
}
