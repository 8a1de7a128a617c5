import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { CatalogModelDetail, PriceMeter, PriceOverride, PriceOverrideInput } from '../../../shared/contract';
import { ErrorReport } from '../../components/error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { METER_LABELS, METERS } from './pricing-format';

type Form = {
  provider: string;
  /** '' stands for every model of the seller, and every meter. */
  model: string;
  meter: PriceMeter | '';
  kind: 'discount' | 'rates';
  discountPercent: string;
  rates: Partial<Record<PriceMeter, string>>;
  from: string;
  to: string;
  note: string;
};

function firstOfMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}

function formOf(o: PriceOverride | null): Form {
  if (o === null) return { provider: '', model: '', meter: '', kind: 'discount', discountPercent: '', rates: {}, from: firstOfMonth(), to: '', note: '' };
  return {
    provider: o.provider,
    model: o.model ?? '',
    meter: o.meter ?? '',
    kind: o.kind,
    discountPercent: o.discountPercent ?? '',
    rates: { ...(o.rates ?? {}) },
    from: o.from,
    to: o.to ?? '',
    note: o.note ?? '',
  };
}

function toInput(f: Form, id: number | undefined): PriceOverrideInput {
  const rates: Partial<Record<PriceMeter, string>> = {};
  for (const m of METERS) {
    const v = f.rates[m]?.trim();
    if (v && (f.meter === '' || f.meter === m)) rates[m] = v;
  }
  return {
    ...(id === undefined ? {} : { id }),
    provider: f.provider,
    model: f.model === '' ? null : f.model,
    meter: f.meter === '' ? null : f.meter,
    kind: f.kind,
    discountPercent: f.kind === 'discount' ? f.discountPercent.trim() : null,
    rates: f.kind === 'rates' ? rates : null,
    from: f.from,
    to: f.to === '' ? null : f.to,
    note: f.note.trim() === '' ? null : f.note.trim(),
  };
}

/** The current standard list rate of each meter in the seller's default scope, to type against. */
function currentRates(detail: CatalogModelDetail | null | undefined): Partial<Record<PriceMeter, string>> {
  const r = detail?.records.find((x) => x.to === null && x.tier === 'standard' && x.contextAbove === null && x.scope === detail.defaultScope && x.unit === '1M tokens');
  return r ? r.rates : {};
}

export type OverrideDialogProps = {
  open: boolean;
  editing: PriceOverride | null;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSave: (input: PriceOverrideInput) => void;
};

/** Add or change a negotiated price: a discount off the catalog, or the contract's own rates. */
export function OverrideDialog({ open, editing, busy, error, onCancel, onSave }: OverrideDialogProps) {
  const [form, setForm] = useState<Form>(() => formOf(editing));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const catalog = useEngineQuery('pricing/search', { query: '', limit: 1000 }, { tables: [] });
  const providers = useMemo(() => {
    const byId = new Map<string, string>();
    for (const h of catalog.data ?? []) byId.set(h.provider, h.providerName);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [catalog.data]);
  const models = (catalog.data ?? []).filter((h) => h.provider === form.provider).sort((a, b) => a.name.localeCompare(b.name));
  const detail = useEngineQuery('pricing/model', { provider: form.provider, model: form.model }, { tables: [], enabled: form.model !== '' });
  const list = currentRates(form.model === '' ? null : detail.data);
  const rateMeters = form.meter === '' ? METERS : [form.meter];
  const canSave = form.provider !== '' && form.from !== '' && (form.kind === 'discount' ? form.discountPercent.trim() !== '' : rateMeters.some((m) => form.rates[m]?.trim()));

  return (
    <Dialog open={open} onClose={busy ? undefined : onCancel} maxWidth="sm" fullWidth aria-labelledby="override-title" data-testid="override-dialog">
      <DialogTitle id="override-title">{editing ? `Change override #${editing.id}` : 'Add a price override'}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            An override wins over the catalog on its dates: a discount applies to the catalog rate, explicit rates replace it. The most specific
            override counts (model and meter, then model, then meter, then the whole seller). Saving re-prices every token charge.
          </Typography>
          <Stack direction="row" spacing={2}>
            <TextField
              select
              size="small"
              label="Seller"
              value={form.provider}
              onChange={(e) => setForm((f) => ({ ...f, provider: e.target.value, model: '' }))}
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { 'data-testid': 'override-provider' } }}
            >
              {providers.map(([id, name]) => (
                <MenuItem key={id} value={id}>
                  {name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label="Model"
              value={form.model}
              onChange={(e) => set('model', e.target.value)}
              disabled={form.provider === ''}
              sx={{ flex: 1 }}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'override-model' } }}
            >
              <MenuItem value="">
                <em>Every model of the seller</em>
              </MenuItem>
              {models.map((m) => (
                <MenuItem key={m.model} value={m.model}>
                  {m.name}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <TextField
              select
              size="small"
              label="Meter"
              value={form.meter}
              onChange={(e) => {
                const m = METERS.find((x) => x === e.target.value);
                set('meter', m ?? '');
              }}
              sx={{ flex: 1 }}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'override-meter' } }}
            >
              <MenuItem value="">
                <em>Every meter</em>
              </MenuItem>
              {METERS.map((m) => (
                <MenuItem key={m} value={m}>
                  {METER_LABELS[m]}
                </MenuItem>
              ))}
            </TextField>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={form.kind}
              onChange={(_, v: 'discount' | 'rates' | null) => v && set('kind', v)}
              aria-label="Kind of override"
              sx={{ flex: 1 }}
            >
              <ToggleButton value="discount" sx={{ flex: 1 }} data-testid="override-kind-discount">
                Discount %
              </ToggleButton>
              <ToggleButton value="rates" sx={{ flex: 1 }} data-testid="override-kind-rates">
                Explicit rates
              </ToggleButton>
            </ToggleButtonGroup>
          </Stack>
          {form.kind === 'discount' ? (
            <TextField
              size="small"
              label="Discount off the catalog, %"
              value={form.discountPercent}
              onChange={(e) => set('discountPercent', e.target.value)}
              placeholder="12.5"
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'override-discount' } }}
            />
          ) : (
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 2 }}>
              {rateMeters.map((m) => (
                <TextField
                  key={m}
                  size="small"
                  label={`${METER_LABELS[m]}, USD per 1M`}
                  value={form.rates[m] ?? ''}
                  onChange={(e) => setForm((f) => ({ ...f, rates: { ...f.rates, [m]: e.target.value } }))}
                  helperText={list[m] === undefined ? ' ' : `catalog: ${list[m]}`}
                  slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `override-rate-${m}` } }}
                />
              ))}
            </Box>
          )}
          <Stack direction="row" spacing={2}>
            <TextField
              size="small"
              type="date"
              label="From (first day)"
              value={form.from}
              onChange={(e) => set('from', e.target.value)}
              sx={{ flex: 1 }}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'override-from' } }}
            />
            <TextField
              size="small"
              type="date"
              label="Until (excluded, optional)"
              value={form.to}
              onChange={(e) => set('to', e.target.value)}
              sx={{ flex: 1 }}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'override-to' } }}
            />
          </Stack>
          <TextField
            size="small"
            label="Note"
            placeholder="Contract, order form or who agreed it"
            value={form.note}
            onChange={(e) => set('note', e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'override-note' } }}
          />
          {error !== null && error !== undefined && <ErrorReport error={error} />}
          {busy && (
            <Box data-testid="override-saving">
              <LinearProgress aria-label="Re-pricing token charges" />
              <Typography variant="caption" color="text.secondary">
                Saving and re-pricing every token charge…
              </Typography>
            </Box>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button variant="contained" disabled={busy || !canSave} onClick={() => onSave(toInput(form, editing?.id))} data-testid="override-save">
          Save and re-price
        </Button>
      </DialogActions>
    </Dialog>
  );
}
