import Box from '@mui/material/Box';
import { AnimatedAxis, AnimatedBarGroup, AnimatedBarSeries, AnimatedGrid, XYChart, buildChartTheme } from '@visx/xychart';
import { useMemo } from 'react';
import { formatCompact } from '../../format';

export type BeforeAfter = { value: string; before: number; after: number };

type Datum = { value: string; amount: number };

const COLORS = ['#b0bac3', '#1f4f7a'];

const accessors = {
  xAccessor: (d: Datum) => d.amount,
  yAccessor: (d: Datum) => d.value,
};

/** Horizontal bars per value: grey before the split, blue after; the table beside has exact figures. */
export function SplitChart({ rows, label }: { rows: BeforeAfter[]; label: string }) {
  const theme = useMemo(
    () =>
      buildChartTheme({
        backgroundColor: '#ffffff',
        colors: COLORS,
        gridColor: '#e3e8ec',
        gridColorDark: '#c5ced6',
        tickLength: 4,
        svgLabelSmall: { fill: '#55636f', fontSize: 11, fontFamily: 'inherit' },
        svgLabelBig: { fill: '#3b4853', fontSize: 12, fontFamily: 'inherit' },
      }),
    [],
  );
  const height = 44 + rows.length * 30;
  const shorten = (v: string) => (v.length > 16 ? `${v.slice(0, 15)}…` : v);
  return (
    <Box>
      <Box sx={{ height }} role="img" aria-label={label} data-testid="split-chart">
        <XYChart
          height={height}
          theme={theme}
          margin={{ top: 8, right: 16, bottom: 28, left: 112 }}
          xScale={{ type: 'linear', nice: true, zero: true }}
          // The y range runs bottom-up, so the domain is reversed to put the largest value on top.
          yScale={{ type: 'band', paddingInner: 0.25, paddingOuter: 0.1, domain: rows.map((r) => r.value).reverse() }}
          accessibilityLabel={label}
        >
          <AnimatedGrid rows={false} numTicks={4} />
          <AnimatedBarGroup padding={0.1}>
            <AnimatedBarSeries dataKey="Before" data={rows.map((r) => ({ value: r.value, amount: r.before }))} {...accessors} />
            <AnimatedBarSeries dataKey="After" data={rows.map((r) => ({ value: r.value, amount: r.after }))} {...accessors} />
          </AnimatedBarGroup>
          <AnimatedAxis orientation="left" hideTicks tickFormat={shorten} />
          <AnimatedAxis orientation="bottom" numTicks={4} tickFormat={(v: number) => formatCompact(v)} />
        </XYChart>
      </Box>
      <Box component="ul" aria-label="Legend" sx={{ display: 'flex', gap: 2, listStyle: 'none', m: 0, p: 0, fontSize: 13, color: 'text.secondary' }}>
        {['Before the split', 'After the split'].map((l, i) => (
          <Box component="li" key={l} sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
            <Box sx={{ width: 12, height: 12, borderRadius: '2px', bgcolor: COLORS[i] }} />
            {l}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
