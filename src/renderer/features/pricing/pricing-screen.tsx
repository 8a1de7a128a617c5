import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { DiscountTable } from './discount-table';
import { ModelSearch } from './model-search';
import { OverridesPanel } from './overrides-panel';
import { RightSizePanel } from './right-size-panel';
import { UnmatchedTable } from './unmatched-table';

type TabId = 'models' | 'unmatched' | 'overrides' | 'discounts' | 'right-size';

const TABS: { id: TabId; label: string }[] = [
  { id: 'models', label: 'Model prices' },
  { id: 'unmatched', label: 'Unmatched names' },
  { id: 'overrides', label: 'Overrides' },
  { id: 'discounts', label: 'Effective discounts' },
  { id: 'right-size', label: 'Right-sizing' },
];

/**
 * The price catalog and this workspace's use of it: look a model up by any spelling, see what
 * imports could not price, negotiate overrides, compare billed with list, and ask what a slice of
 * usage would cost on other models. Each tab reads the engine only when shown.
 */
export function PricingScreen() {
  const [tab, setTab] = useState<TabId>('models');
  const [query, setQuery] = useState('');

  return (
    <Stack spacing={2.5} data-testid="pricing-screen">
      <Box>
        <Typography variant="h2" component="h1">
          Pricing
        </Typography>
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          Effective-dated list prices that cost token usage, each with its source, and the negotiated prices of this workspace.
        </Typography>
      </Box>
      <Paper variant="outlined" sx={{ px: 1 }}>
        <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} aria-label="Pricing sections" variant="scrollable" scrollButtons={false}>
          {TABS.map((t) => (
            <Tab key={t.id} value={t.id} label={t.label} data-testid={`pricing-tab-${t.id}`} sx={{ minHeight: 44 }} />
          ))}
        </Tabs>
      </Paper>
      <Box role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label} data-testid={`pricing-panel-${tab}`}>
        {tab === 'models' && <ModelSearch query={query} onQuery={setQuery} />}
        {tab === 'unmatched' && (
          <UnmatchedTable
            onLookUp={(name) => {
              setQuery(name);
              setTab('models');
            }}
          />
        )}
        {tab === 'overrides' && <OverridesPanel />}
        {tab === 'discounts' && <DiscountTable />}
        {tab === 'right-size' && <RightSizePanel />}
      </Box>
    </Stack>
  );
}
