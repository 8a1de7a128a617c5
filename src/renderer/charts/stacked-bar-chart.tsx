import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { AnimatedAxis, AnimatedBarSeries, AnimatedBarStack, AnimatedGrid, Tooltip, XYChart, buildChartTheme } from '@visx/xychart';
import { useMemo, type CSSProperties } from 'react';
import { SERIES_COLORS } from '../app/theme';
import { formatCompact } from '../format';

export type BarDatum = { x: string; value: number; display: string };
export type BarSeriesDef = { key: string; label: string; data: BarDatum[] };

export type StackedBarChartProps = {
  categories: string[];
  series: BarSeriesDef[];
  formatCategory: (x: string) => string;
  /** Exact total per category for the tooltip (the bars themselves are approximate floats). */
  categoryTotals: Map<string, string>;
  unit: string | null;
  height?: number;
  label: string;
};

const TOOLTIP_STYLE = {
  position: 'absolute',
  pointerEvents: 'none',
  background: '#ffffff',
  color: '#1c2630',
  border: '1px solid #dde3e8',
  borderRadius: 6,
  boxShadow: '0 4px 12px rgba(28, 38, 48, 0.12)',
  padding: '8px 12px',
  fontSize: 12,
  lineHeight: 1.6,
  zIndex: 10,
} satisfies CSSProperties;

const accessors = {
  xAccessor: (d: BarDatum) => d.x,
  yAccessor: (d: BarDatum) => d.value,
};

export function colorFor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/** Vertical stacked bars with axes, a hover tooltip listing every series, and a legend. */
export function StackedBarChart({ categories, series, formatCategory, categoryTotals, unit, height = 320, label }: StackedBarChartProps) {
  const theme = useMemo(
    () =>
      buildChartTheme({
        backgroundColor: '#ffffff',
        colors: series.map((_, i) => colorFor(i)),
        gridColor: '#e3e8ec',
        gridColorDark: '#c5ced6',
        tickLength: 4,
        svgLabelSmall: { fill: '#55636f', fontSize: 11, fontFamily: 'inherit' },
        svgLabelBig: { fill: '#3b4853', fontSize: 12, fontFamily: 'inherit' },
      }),
    [series],
  );
  const labels = new Map(series.map((s) => [s.key, s.label]));

  return (
    <Box>
      <Box sx={{ height }} role="img" aria-label={label}>
        <XYChart
          height={height}
          theme={theme}
          margin={{ top: 12, right: 16, bottom: 36, left: 64 }}
          xScale={{ type: 'band', paddingInner: 0.35, paddingOuter: 0.2, domain: categories }}
          yScale={{ type: 'linear', nice: true, zero: true }}
          accessibilityLabel={label}
        >
          <AnimatedGrid columns={false} numTicks={5} />
          <AnimatedBarStack offset="diverging">
            {series.map((s) => (
              <AnimatedBarSeries key={s.key} dataKey={s.key} data={s.data} {...accessors} />
            ))}
          </AnimatedBarStack>
          <AnimatedAxis orientation="bottom" tickFormat={formatCategory} hideTicks />
          <AnimatedAxis orientation="left" numTicks={5} tickFormat={(v: number) => formatCompact(v)} label={unit ?? undefined} labelOffset={36} />
          <Tooltip<BarDatum>
            snapTooltipToDatumX
            showVerticalCrosshair={false}
            // Replaces visx's default tooltip style, whose 1em line height overlaps multi-line content.
            style={TOOLTIP_STYLE}
            offsetLeft={12}
            offsetTop={12}
            renderTooltip={({ tooltipData, colorScale }) => {
              const nearest = tooltipData?.nearestDatum?.datum;
              if (!nearest || !tooltipData) return null;
              const entries = Object.entries(tooltipData.datumByKey).filter(([, d]) => d.datum.value !== 0);
              return (
                <Box sx={{ minWidth: 200, fontSize: 12, lineHeight: 1.6 }}>
                  <Typography variant="body2" sx={{ fontWeight: 700, mb: 0.5 }}>
                    {formatCategory(nearest.x)}
                  </Typography>
                  {entries.map(([key, d]) => (
                    <Box key={key} sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                      <Box sx={{ width: 10, height: 10, borderRadius: '2px', bgcolor: colorScale?.(key) ?? '#999' }} />
                      <Box sx={{ flex: 1 }}>{labels.get(key) ?? key}</Box>
                      <Box sx={{ fontVariantNumeric: 'tabular-nums' }}>{d.datum.display}</Box>
                    </Box>
                  ))}
                  <Box sx={{ display: 'flex', gap: 2, mt: 0.5, pt: 0.5, borderTop: '1px solid #e3e8ec', fontWeight: 700 }}>
                    <Box sx={{ flex: 1 }}>Total</Box>
                    <Box sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {categoryTotals.get(nearest.x) ?? ''} {unit ?? ''}
                    </Box>
                  </Box>
                </Box>
              );
            }}
          />
        </XYChart>
      </Box>
      <Box component="ul" aria-label="Legend" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', m: 0, mt: 1, p: 0 }}>
        {series.map((s, i) => (
          <Box component="li" key={s.key} sx={{ display: 'flex', alignItems: 'center', gap: 0.75, fontSize: 13, color: 'text.secondary' }}>
            <Box sx={{ width: 12, height: 12, borderRadius: '2px', bgcolor: colorFor(i) }} />
            {s.label}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
