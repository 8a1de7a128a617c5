import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { decimalToNumber, formatCount, formatDecimal, formatMoney } from '../../format';

export type RankedItem = { id: string; label: string; rows: number; cost: string; muted?: boolean; action?: ReactNode };

type Props = {
  items: RankedItem[];
  currency: string | null;
  /** The cost a full bar stands for. */
  total: string;
  shown?: number;
  label: string;
  testId: string;
  color?: string;
};

/** Items largest first, each with a bar for its share of the total; long lists fold. */
export function RankedList({ items, currency, total, shown = 6, label, testId, color = '#4a76a0' }: Props) {
  const [all, setAll] = useState(false);
  const whole = decimalToNumber(total);
  const visible = all ? items : items.slice(0, shown);
  return (
    <Box>
      <Box component="ul" aria-label={label} data-testid={testId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {visible.map((item) => {
          const share = whole > 0 ? Math.max(0, Math.min(1, decimalToNumber(item.cost) / whole)) : 0;
          return (
            <Box component="li" key={item.id} data-testid={`${testId}-item`} sx={{ py: 0.75, borderBottom: 1, borderColor: 'divider' }}>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline' }}>
                <Typography
                  variant="body2"
                  noWrap
                  title={item.label}
                  sx={{ flex: 1, minWidth: 0, color: item.muted ? 'text.secondary' : 'text.primary', fontStyle: item.muted ? 'italic' : undefined }}
                  data-testid={`${testId}-label`}
                >
                  {item.label}
                </Typography>
                <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} title={formatMoney(item.cost, currency)}>
                  {formatDecimal(item.cost)}
                </Typography>
              </Box>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 0.25 }}>
                <Box sx={{ flex: 1, height: 6, bgcolor: '#eef1f4', borderRadius: 3, overflow: 'hidden' }} aria-hidden>
                  <Box sx={{ width: `${share * 100}%`, height: '100%', bgcolor: item.muted ? '#b0bac3' : color }} />
                </Box>
                <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap', minWidth: 64, textAlign: 'right' }}>
                  {formatCount(item.rows)} rows
                </Typography>
                {item.action}
              </Box>
            </Box>
          );
        })}
      </Box>
      {items.length > shown && (
        <Button size="small" onClick={() => setAll((a) => !a)} sx={{ mt: 0.5 }} aria-expanded={all} data-testid={`${testId}-more`}>
          {all ? 'Show fewer' : `Show all ${formatCount(items.length)}`}
        </Button>
      )}
    </Box>
  );
}
