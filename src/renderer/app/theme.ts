import { createTheme } from '@mui/material/styles';

// System fonts only: the CSP allows no remote fonts and the app must look native offline.
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/** Calm and legible: muted slate blue, white surfaces on a light grey canvas, hairline borders. */
export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1f4f7a', dark: '#163a5a', light: '#4a76a0', contrastText: '#ffffff' },
    secondary: { main: '#4f6476' },
    success: { main: '#2e7d4f' },
    warning: { main: '#a86b00' },
    error: { main: '#b3261e' },
    background: { default: '#f4f6f8', paper: '#ffffff' },
    text: { primary: '#1c2630', secondary: '#55636f' },
    divider: '#dde3e8',
  },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: FONT,
    fontSize: 14,
    h1: { fontSize: '1.75rem', fontWeight: 600 },
    h2: { fontSize: '1.4rem', fontWeight: 600 },
    h3: { fontSize: '1.15rem', fontWeight: 600 },
    h4: { fontSize: '1.05rem', fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
    overline: { letterSpacing: '0.06em', fontWeight: 600 },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        body: { fontVariantNumeric: 'tabular-nums' },
      },
    },
    MuiPaper: {
      defaultProps: { elevation: 0 },
      styleOverrides: { outlined: { borderColor: '#dde3e8' } },
    },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
    MuiTableCell: {
      styleOverrides: {
        head: { fontWeight: 600, color: '#3b4853', backgroundColor: '#f7f9fa', whiteSpace: 'nowrap' },
        root: { borderColor: '#e6eaee' },
      },
    },
    MuiLinearProgress: { styleOverrides: { root: { borderRadius: 3, height: 6 } } },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});

/** Provider colours for charts and legends: distinguishable, colour-blind aware, not loud. */
export const SERIES_COLORS = ['#1f4f7a', '#d08a2e', '#3f8f6b', '#8a5a9e', '#c0504d', '#4aa3b5', '#7a7f2a', '#8c6d52', '#5c6bc0', '#9e9e9e'];
