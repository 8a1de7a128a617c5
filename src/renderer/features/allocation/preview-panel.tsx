import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { AllocationPreview, CostCount, FieldRef } from '../../../shared/allocation-contract';
import type { EngineError } from '../../../shared/errors';
import { RuleErrorReport } from './rule-error-report';
import { AddIcon } from '../../components/icons';
import { decimalToNumber, formatCount, formatDecimal, formatMoney, formatMonth } from '../../format';
import { subtractDecimals, sumDecimals } from './decimal-text';
import { percentText } from './labels';
import { RankedList } from './ranked-list';

export type UnallocatedGroup = { label: string; fields: Partial<Record<FieldRef, string | null>> };

type Props = {
  preview: AllocationPreview | null;
  updating: boolean;
  error: EngineError | null;
  keyName: string;
  defaultValue: string;
  onAddRuleFor: (group: UnallocatedGroup) => void;
};

export function UpdatingBadge({ updating }: { updating: boolean }) {
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, minHeight: 20, color: 'text.secondary', fontSize: 13 }}>
      {updating && (
        <>
          <CircularProgress size={12} thickness={5} color="inherit" />
          <span data-testid="preview-updating">Updating…</span>
        </>
      )}
    </Box>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box component="section" aria-label={title} data-testid={testId} sx={{ pt: 2 }}>
      <Typography variant="overline" color="text.secondary" component="h4" sx={{ display: 'block', lineHeight: 1.8 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

type Part = { id: string; label: string; color: string; figures: CostCount };

/**
 * Where the key's cost went in rule order: rules above the edited one, the rule itself, rules below
 * it, and what no rule matched (the rest of the total, worked out exactly from the same figures).
 */
function parts(edited: NonNullable<AllocationPreview['edited']>, total: CostCount): Part[] {
  const taken = [edited.above, edited.rule, edited.below];
  const rest: CostCount = {
    rows: total.rows - taken.reduce((n, c) => n + c.rows, 0),
    cost: subtractDecimals(total.cost, sumDecimals(taken.map((c) => c.cost)) ?? '0') ?? '0',
  };
  return [
    { id: 'above', label: 'Rules above it', color: '#9fb6cc', figures: edited.above },
    { id: 'rule', label: 'This rule', color: '#1f4f7a', figures: edited.rule },
    { id: 'below', label: 'Rules below it', color: '#c5d3e0', figures: edited.below },
    { id: 'none', label: 'No rule matched', color: '#d08a2e', figures: rest },
  ];
}

function EditedBreakdown({ edited, total }: { edited: NonNullable<AllocationPreview['edited']>; total: CostCount }) {
  const whole = decimalToNumber(total.cost) || 1;
  const list = parts(edited, total);
  return (
    <Section title="This rule among the others" testId="preview-edited">
      <Box sx={{ display: 'flex', height: 10, borderRadius: 1, overflow: 'hidden', bgcolor: '#eef1f4', mb: 1 }} aria-hidden>
        {list.map((p) => (
          <Box key={p.id} sx={{ width: `${Math.max(0, (decimalToNumber(p.figures.cost) / whole) * 100)}%`, bgcolor: p.color }} />
        ))}
      </Box>
      {list.map((p) => (
        <Box key={p.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25 }} data-testid={`preview-edited-${p.id}`}>
          <Box sx={{ width: 10, height: 10, borderRadius: '2px', bgcolor: p.color, flex: 'none' }} />
          <Typography variant="body2" noWrap sx={{ flex: 1, minWidth: 0, fontWeight: p.id === 'rule' ? 600 : undefined }}>
            {p.label}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            {formatCount(p.figures.rows)} rows
          </Typography>
          <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap', minWidth: 84, textAlign: 'right' }} data-testid={`preview-edited-${p.id}-cost`}>
            {formatDecimal(p.figures.cost)}
          </Typography>
        </Box>
      ))}
    </Section>
  );
}

/** Live figures for the key on screen, computed by the engine from the draft. */
export function PreviewPanel({ preview, updating, error, keyName, defaultValue, onAddRuleFor }: Props) {
  const share = preview?.coverage.find((c) => c.key === keyName)?.share;
  const ready = preview !== null && preview.key === keyName;
  const blocked = ready && preview.problems.length > 0;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="aside" aria-label="Preview" data-testid="preview-panel" data-updating={updating}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
        <Typography variant="h4" component="h3" sx={{ flex: 1 }}>
          Preview
        </Typography>
        <UpdatingBadge updating={updating} />
      </Stack>
      <Typography variant="caption" color="text.secondary">
        {preview?.period ? formatMonth(preview.period) : 'All imported months'}, billed cost{preview?.currency ? ` in ${preview.currency}` : ''}; nothing is saved yet.
      </Typography>
      {error && (
        <Box sx={{ mt: 1.5 }}>
          <RuleErrorReport error={error} />
        </Box>
      )}
      {!ready && !error && updating && <LinearProgress sx={{ mt: 2 }} aria-label="Computing the preview" />}
      {!ready && !error && !updating && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          No figures: the workspace holds no charges to try the rules on.
        </Typography>
      )}
      {blocked && (
        <Alert severity="warning" sx={{ mt: 1.5 }} data-testid="preview-blocked">
          The figures come back once the problems marked in the rules are fixed.
        </Alert>
      )}
      {ready && !blocked && (
        <>
          <Section title={`Coverage of ${keyName}`} testId="preview-coverage-section">
            <Stack direction="row" sx={{ alignItems: 'baseline', gap: 1 }}>
              <Typography variant="h2" component="div" data-testid="preview-coverage">
                {percentText(share)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                of {formatMoney(preview.total.cost, preview.currency)} allocated
              </Typography>
            </Stack>
            <LinearProgress variant="determinate" value={Math.min(100, (share ?? 0) * 100)} sx={{ mt: 1, height: 8 }} aria-hidden />
            <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }} data-testid="preview-unallocated">
              {formatMoney(preview.unallocated.cost, preview.currency)} in {formatCount(preview.unallocated.rows)} rows still “{defaultValue}” after rules
              {preview.splits.length > 0 ? ' and splits' : ''}
            </Typography>
          </Section>
          {preview.edited && <EditedBreakdown edited={preview.edited} total={preview.total} />}
          <Section title={`Values of ${keyName} after rules`}>
            <RankedList
              label={`Values of ${keyName}`}
              testId="preview-values"
              currency={preview.currency}
              total={preview.total.cost}
              items={preview.values.map((v) => ({ id: v.value, label: v.value, rows: v.rows, cost: v.cost, muted: v.value === defaultValue }))}
            />
          </Section>
          <Section title="What to tag next" testId="preview-next">
            {preview.topUnallocated.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                Nothing is left unallocated.
              </Typography>
            ) : (
              <RankedList
                label="Unallocated spend, largest first"
                testId="unallocated"
                currency={preview.currency}
                total={preview.unallocated.cost}
                color="#d08a2e"
                items={preview.topUnallocated.map((u, i) => ({
                  id: `${i}-${u.label}`,
                  label: u.label,
                  rows: u.rows,
                  cost: u.cost,
                  action: (
                    <Button size="small" startIcon={<AddIcon />} onClick={() => onAddRuleFor(u)} sx={{ py: 0, whiteSpace: 'nowrap' }} data-testid="unallocated-add" aria-label={`Add rule for ${u.label}`}>
                      Add rule for this
                    </Button>
                  ),
                }))}
              />
            )}
          </Section>
          <Typography variant="caption" color="text.disabled" component="p" sx={{ mt: 1.5 }} data-testid="preview-elapsed">
            Worked out by the engine in {formatCount(preview.elapsedMs)} ms.
          </Typography>
          {preview.otherCurrencies.length > 0 && (
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1.5 }}>
              Charges in {preview.otherCurrencies.join(', ')} are allocated by the same rules but not added to these figures.
            </Typography>
          )}
        </>
      )}
    </Paper>
  );
}
