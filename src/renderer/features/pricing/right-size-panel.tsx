import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { SliceField, SliceValue, TableName } from '../../../shared/contract';
import { ErrorReport } from '../../components/error-report';
import { useEngineQuery } from '../../engine/use-engine-query';
import { formatMonth } from '../../format';
import { formatTokensShort } from './pricing-format';
import { RightSizeResults } from './right-size-results';
import { useRightSize } from './use-right-size';

const TABLES: TableName[] = ['charges', 'imports'];

/** Pick a slice of token usage (a model, a seller, a project, a tag value...), then compare models for it. */
export function RightSizePanel() {
  const fields = useEngineQuery('pricing/slice-fields', {}, { tables: TABLES });
  const [field, setField] = useState<SliceField>('model');
  const [month, setMonth] = useState('');
  const [value, setValue] = useState<SliceValue | null>(null);
  const values = useEngineQuery('pricing/slice-values', { field, month: month === '' ? null : month }, { tables: TABLES });
  const rs = useRightSize();

  if (fields.error) return <ErrorReport error={fields.error} />;
  if (!fields.data) return <LinearProgress aria-label="Reading the workspace's token usage" />;
  if (fields.data.months.length === 0) {
    return (
      <Alert severity="info" variant="outlined" data-testid="right-size-no-usage">
        Right-sizing needs token usage. Import a bill or usage export with token counts (OpenAI or Anthropic usage, Azure or Bedrock cost exports,
        LiteLLM logs), then pick a model, project or tag here to see what the same tokens would cost on other models.
      </Alert>
    );
  }
  const options = values.data ?? [];

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        Pick a slice of usage. Its tokens keep their days, tiers and mix of input, cached reads, cache writes and output; each catalog model is
        priced on them with the prices valid on those days. Tokens a model has no price for are reported, never estimated.
      </Typography>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <TextField
          select
          size="small"
          label="Slice by"
          value={field}
          onChange={(e) => {
            const f = fields.data?.fields.find((x) => x.field === e.target.value);
            if (f) setField(f.field);
            setValue(null);
          }}
          sx={{ width: 200, flex: 'none' }}
          slotProps={{ htmlInput: { 'data-testid': 'slice-field' } }}
        >
          {fields.data.fields.map((f) => (
            <MenuItem key={f.field} value={f.field}>
              {f.label}
            </MenuItem>
          ))}
        </TextField>
        <Autocomplete
          size="small"
          autoHighlight
          options={options}
          value={value}
          loading={values.loading}
          onChange={(_, v) => setValue(v)}
          isOptionEqualToValue={(a, b) => a.value === b.value}
          getOptionLabel={(o) => o.label}
          sx={{ flex: 1, minWidth: 0 }}
          renderOption={({ key, ...props }, o) => (
            <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1, justifyContent: 'space-between' }}>
              <span>{o.label}</span>
              <Box component="span" sx={{ color: 'text.secondary', fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatTokensShort(o.tokens)} tokens
              </Box>
            </Box>
          )}
          renderInput={(params) => (
            <TextField
              {...params}
              label="Value"
              placeholder={options.length ? 'Type to search' : 'No token usage with this field'}
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'slice-value' } }}
            />
          )}
        />
        <TextField
          select
          size="small"
          label="Month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          sx={{ width: 150, flex: 'none' }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'slice-month' } }}
        >
          <MenuItem value="">Every month</MenuItem>
          {fields.data.months.map((m) => (
            <MenuItem key={m} value={m}>
              {formatMonth(m)}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="contained"
          disabled={value === null || rs.running}
          onClick={() => value && rs.run({ field, value: value.value, month: month === '' ? null : month })}
          sx={{ flex: 'none', height: 40 }}
          data-testid="right-size-run"
        >
          Compare models
        </Button>
      </Stack>
      {rs.running && (
        <Box data-testid="right-size-running">
          <LinearProgress aria-label="Pricing the slice on every model" />
          <Typography variant="caption" color="text.secondary">
            Pricing the slice&apos;s tokens on every catalog model…
          </Typography>
        </Box>
      )}
      {rs.error !== null && <ErrorReport error={rs.error} />}
      {rs.result && <RightSizeResults result={rs.result} />}
      {!rs.result && !rs.running && rs.error === null && (
        <Typography variant="body2" color="text.secondary" data-testid="right-size-hint">
          Choose a value and press Compare models. Team and feature slices use the source tags the files carry (Tag: team, Tag: feature).
        </Typography>
      )}
    </Stack>
  );
}
