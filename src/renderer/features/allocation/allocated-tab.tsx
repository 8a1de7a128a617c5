import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AllocationRuleSet } from '../../../shared/allocation-contract';
import { RuleErrorReport } from './rule-error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatMoney, formatMonth } from '../../format';
import { KpiTile } from '../../components/kpi-tile';
import { AllocatedLinesDialog } from './allocated-lines-dialog';
import { AllocatedTable } from './allocated-table';
import { percentText } from './labels';

type Props = {
  draft: AllocationRuleSet;
  dirty: boolean;
  /** The draft has been checked and has no problems, so it can be applied. */
  draftValid: boolean;
  savedVersion: number;
  keyName: string | null;
  onKey: (key: string) => void;
  period: string | null;
};

/** Cost per value of one key after tag rules and splits, for a month or everything imported. */
export function AllocatedTab({ draft, dirty, draftValid, savedVersion, keyName, onKey, period }: Props) {
  const [source, setSource] = useState<'saved' | 'draft'>('draft');
  const useDraft = dirty && draftValid && source === 'draft';
  const key = keyName ?? draft.keys[0]?.key ?? null;
  const result = useEngineQuery(
    'allocation/result',
    { key: key ?? '', period, ...(useDraft && { ruleSet: draft }) },
    { tables: ['charges', 'imports', 'allocation_rules', 'price_overrides'], enabled: key !== null },
  );
  const data = result.data;
  // The value whose lines are open, looked up in the latest result so a refetch shows fresh figures;
  // kept after closing so the dialog does not empty while it fades out.
  const [lines, setLines] = useState<{ open: boolean; value: string; currency: string } | null>(null);
  const linesGroup = (lines && data?.groups.find((g) => g.value === lines.value && g.currency === lines.currency)) ?? null;

  return (
    <Stack spacing={2} data-testid="allocated-view">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label="Allocate by"
          value={key ?? ''}
          onChange={(e) => onKey(e.target.value)}
          sx={{ width: 220 }}
          slotProps={{ htmlInput: { 'data-testid': 'allocated-key' } }}
        >
          {draft.keys.map((k) => (
            <MenuItem key={k.key} value={k.key}>
              {k.key}
            </MenuItem>
          ))}
        </TextField>
        {dirty && (
          <ToggleButtonGroup size="small" exclusive value={useDraft ? 'draft' : 'saved'} onChange={(_, v: 'saved' | 'draft' | null) => v && setSource(v)} aria-label="Which rules">
            <ToggleButton value="draft" data-testid="allocated-use-draft" disabled={!draftValid}>
              With unsaved changes
            </ToggleButton>
            <ToggleButton value="saved">Saved rules (version {savedVersion})</ToggleButton>
          </ToggleButtonGroup>
        )}
        {dirty && !draftValid && (
          <Typography variant="body2" color="text.secondary">
            The unsaved changes have problems, so the saved rules are shown.
          </Typography>
        )}
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary">
          {period ? formatMonth(period) : 'All imported months'}
        </Typography>
      </Stack>
      {result.error && <RuleErrorReport error={result.error} />}
      {!data && !result.error && <LinearProgress aria-label="Allocating" />}
      {data && (
        <>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
            <KpiTile
              label="Billed cost"
              value={data.billedCost !== null ? formatMoney(data.billedCost, data.currency) : `${data.totalsByCurrency.length} currencies`}
              testId="allocated-kpi-total"
              hint="The same total as Explore: allocation moves cost, never adds or drops it."
            />
            <KpiTile label={`Allocated by ${data.key}`} value={percentText(data.coverage)} testId="allocated-kpi-coverage" hint={`Share not left as “${data.defaultValue}”.`} />
            <KpiTile
              label="Rules"
              value={useDraft ? 'Unsaved draft' : `Version ${data.rulesVersion}`}
              testId="allocated-kpi-version"
              hint={data.groups.length === 1 ? `1 value of ${data.key}` : `${data.groups.length} values of ${data.key}`}
            />
          </Box>
          <AllocatedTable result={data} onShowLines={(g) => setLines({ open: true, value: g.value, currency: g.currency })} />
          <Typography variant="caption" color="text.secondary">
            Choose a value to see its allocated lines: per month, the tag rule or split that put the cost there.
          </Typography>
        </>
      )}
      {key !== null && (
        <AllocatedLinesDialog
          open={lines?.open ?? false}
          onClose={() => setLines((l) => l && { ...l, open: false })}
          keyName={key}
          period={period}
          {...(useDraft && { ruleSet: draft })}
          group={linesGroup}
        />
      )}
    </Stack>
  );
}
