import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

type Props = { label: string; value: ReactNode; hint?: string; testId?: string };

/** One headline figure: a small label, the value, and an optional line that explains it. */
export function KpiTile({ label, value, hint, testId }: Props) {
  return (
    <Paper variant="outlined" sx={{ p: 1.75, minWidth: 0 }}>
      <Typography variant="overline" color="text.secondary" component="div" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      <Typography variant="h3" component="div" sx={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {value}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary" component="div">
          {hint}
        </Typography>
      )}
    </Paper>
  );
}
