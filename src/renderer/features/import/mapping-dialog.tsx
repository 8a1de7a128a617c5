import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ColumnMapping, MappableField } from '../../../shared/contract';
import { toEngineError } from '../../engine/client';
import { useEngine } from '../../engine/engine-context';
import { describeError, describeProblem } from '../../errors/messages';
import { useColumnMapping } from './use-column-mapping';

/** The fields offered, with the words an analyst knows them by. */
const FIELDS: { field: MappableField; label: string; required?: boolean }[] = [
  { field: 'ChargePeriodStart', label: 'Date', required: true },
  { field: 'BilledCost', label: 'Cost (billed)', required: true },
  { field: 'EffectiveCost', label: 'Effective cost' },
  { field: 'ListCost', label: 'List cost' },
  { field: 'BillingCurrency', label: 'Currency' },
  { field: 'ProviderName', label: 'Provider' },
  { field: 'ServiceName', label: 'Service' },
  { field: 'BillingAccountId', label: 'Billing account' },
  { field: 'SubAccountId', label: 'Account / project id' },
  { field: 'SubAccountName', label: 'Account / project name' },
  { field: 'x_Model', label: 'Model' },
  { field: 'x_TokenClass', label: 'Token class' },
  { field: 'x_Tokens', label: 'Tokens' },
  { field: 'x_Requests', label: 'Requests' },
  { field: 'x_Project', label: 'Project / team' },
  { field: 'x_ApiKey', label: 'API key' },
  { field: 'x_User', label: 'User' },
  { field: 'ResourceId', label: 'Resource' },
  { field: 'SkuId', label: 'SKU' },
  { field: 'ChargeCategory', label: 'Charge category' },
  { field: 'ChargeDescription', label: 'Description' },
  { field: 'Tags', label: 'Tags (JSON)' },
];

function ColumnSelect({
  label,
  value,
  header,
  required,
  onChange,
}: {
  label: string;
  value: string | undefined;
  header: string[];
  required?: boolean;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label={required ? `${label} *` : label}
      value={value ?? ''}
      onChange={(ev) => onChange(ev.target.value === '' ? undefined : ev.target.value)}
      slotProps={{ htmlInput: { 'data-testid': `map-${label}` } }}
    >
      <MenuItem value="">
        <em>not in this file</em>
      </MenuItem>
      {header.map((h) => (
        <MenuItem key={h} value={h}>
          {h}
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * For a file no importer knows: say which column holds what, see the first rows as they will be
 * stored, and save the mapping under a name; it is applied again whenever the same header comes.
 */
export function MappingDialog({ file, onClose, onSaved }: { file: File; onClose: () => void; onSaved: () => void }) {
  const engine = useEngine();
  const state = useColumnMapping(file);
  const { header, mapping, setMapping } = state;
  const [name, setName] = useState(file.name.replace(/\.[^.]+$/, ''));
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = (patch: Partial<ColumnMapping>): void => setMapping({ ...mapping, ...patch });
  const setColumn = (field: MappableField, column: string | undefined): void => {
    const columns = { ...mapping.columns };
    if (column === undefined) delete columns[field];
    else columns[field] = column;
    set({ columns });
  };
  const mapped = new Set(Object.values(mapping.columns));
  const shown = FIELDS.filter((f) => f.required || mapping.columns[f.field] !== undefined || f.field === 'BillingCurrency');

  const save = async (): Promise<void> => {
    if (!header) return;
    setSaving(true);
    setSaveError(null);
    try {
      await engine.call('mapping/save', { name, header, mapping });
      onSaved();
    } catch (e) {
      const m = describeError(toEngineError(e).toPayload());
      setSaveError(`${m.title}. ${m.detail}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="mapping-title" data-testid="mapping-dialog">
      <DialogTitle id="mapping-title">Map the columns of {file.name}</DialogTitle>
      <DialogContent dividers>
        {state.loadError && <Alert severity="error">{describeError(state.loadError, file.name).title}</Alert>}
        {!header && !state.loadError && <LinearProgress aria-label="Reading the file" />}
        {header && (
          <Stack spacing={2.5}>
            <Typography variant="body2" color="text.secondary">
              Choose which column holds each field. Only the date and the cost are required. The mapping is saved under its name and used
              again, without asking, for every file with these same columns.
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(225px, 1fr))', gap: 1.5 }}>
              {FIELDS.map((f) => (
                <ColumnSelect
                  key={f.field}
                  label={f.label}
                  required={f.required}
                  value={mapping.columns[f.field]}
                  header={header}
                  onChange={(v) => setColumn(f.field, v)}
                />
              ))}
            </Box>
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 1.5 }}>
              <TextField
                select
                size="small"
                label="Dates like 03/04/2025 are"
                value={mapping.dayOrder ?? ''}
                onChange={(ev) => set({ dayOrder: ev.target.value === '' ? null : (ev.target.value as 'MDY' | 'DMY') })}
                sx={{ minWidth: 230 }}
                slotProps={{ htmlInput: { 'data-testid': 'map-day-order' } }}
              >
                <MenuItem value="">not used in this file</MenuItem>
                <MenuItem value="MDY">month/day/year</MenuItem>
                <MenuItem value="DMY">day/month/year</MenuItem>
              </TextField>
              {!mapping.columns.BillingCurrency && (
                <TextField
                  size="small"
                  label="Currency of all amounts"
                  value={mapping.currency}
                  onChange={(ev) => set({ currency: ev.target.value.toUpperCase() })}
                  sx={{ width: 190 }}
                />
              )}
              {!mapping.columns.ProviderName && (
                <TextField
                  size="small"
                  label="Provider of all rows"
                  value={mapping.provider ?? ''}
                  onChange={(ev) => set({ provider: ev.target.value === '' ? null : ev.target.value })}
                  sx={{ width: 210 }}
                />
              )}
              <TextField
                select
                size="small"
                label="These amounts are"
                value={mapping.sourceKind}
                onChange={(ev) => set({ sourceKind: ev.target.value === 'usage' ? 'usage' : 'invoice' })}
                sx={{ minWidth: 260 }}
              >
                <MenuItem value="invoice">invoiced cost</MenuItem>
                <MenuItem value="usage">estimates (usage only, not invoiced)</MenuItem>
              </TextField>
            </Stack>
            <Box>
              <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
                Keep other columns as tags
              </Typography>
              <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 1 }}>
                {header
                  .filter((h) => !mapped.has(h))
                  .map((h) => (
                    <FormControlLabel
                      key={h}
                      label={h}
                      control={
                        <Checkbox
                          size="small"
                          checked={mapping.tagColumns.includes(h)}
                          onChange={(ev) =>
                            set({ tagColumns: ev.target.checked ? [...mapping.tagColumns, h] : mapping.tagColumns.filter((t) => t !== h) })
                          }
                        />
                      }
                    />
                  ))}
              </Stack>
            </Box>
            <Box data-testid="mapping-preview">
              <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
                The first rows as they will be stored
              </Typography>
              {state.previewError && <Alert severity="info">{describeError(state.previewError, file.name).title}</Alert>}
              {state.problems.length > 0 && (
                <Alert severity="warning" sx={{ mb: 1 }} data-testid="mapping-problems">
                  {state.problems.slice(0, 3).map((p, i) => (
                    <div key={i}>{describeProblem(p)}</div>
                  ))}
                </Alert>
              )}
              {state.preview.length > 0 && (
                <Box sx={{ overflowX: 'auto' }}>
                  <Table size="small">
                    <TableHead>
                      <TableRow>
                        <TableCell>Line</TableCell>
                        {shown.map((f) => (
                          <TableCell key={f.field}>{f.label}</TableCell>
                        ))}
                        {(mapping.tagColumns.length > 0 || mapping.columns.Tags) && <TableCell>Tags</TableCell>}
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {state.preview.map((r) => (
                        <TableRow key={r.line}>
                          <TableCell>{r.line}</TableCell>
                          {shown.map((f) => (
                            <TableCell key={f.field} sx={{ whiteSpace: 'nowrap' }}>
                              {r.values[f.field] ?? '—'}
                            </TableCell>
                          ))}
                          {(mapping.tagColumns.length > 0 || mapping.columns.Tags) && (
                            <TableCell sx={{ whiteSpace: 'nowrap' }}>
                              {r.values.Tags
                                ? Object.entries(JSON.parse(r.values.Tags) as Record<string, string>)
                                    .map(([k, v]) => `${k}: ${v}`)
                                    .join(', ')
                                : '—'}
                            </TableCell>
                          )}
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </Box>
              )}
            </Box>
          </Stack>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 2, gap: 1 }}>
        {saveError && (
          <Typography color="error" variant="body2" sx={{ mr: 'auto' }}>
            {saveError}
          </Typography>
        )}
        <TextField size="small" label="Save the mapping as" value={name} onChange={(ev) => setName(ev.target.value)} sx={{ width: 260 }} />
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!header || saving || state.previewError !== null || state.problems.length > 0}
          onClick={() => void save()}
          data-testid="mapping-save"
        >
          Save and import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
