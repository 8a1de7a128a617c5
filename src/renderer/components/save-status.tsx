import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { describeError, saveFailedText } from '../errors/messages';
import { formatDateTime } from '../format';
import type { SaveState } from '../host/use-autosave';
import { CheckIcon, WarningIcon } from './icons';

/** The app bar's save line: always says whether the work on screen is safely on disk. */
export function SaveStatus({ state }: { state: SaveState }) {
  let content;
  switch (state.kind) {
    case 'pending':
    case 'saving':
      content = (
        <>
          <CircularProgress size={12} thickness={5} color="inherit" />
          <span>Saving…</span>
        </>
      );
      break;
    case 'saved':
      content = (
        <Tooltip title={state.at ? `Saved ${formatDateTime(state.at)}` : 'Nothing has changed since it was opened'}>
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
            <CheckIcon sx={{ fontSize: 16, color: 'success.main' }} />
            <span>All changes saved</span>
          </Box>
        </Tooltip>
      );
      break;
    case 'error': {
      const msg = describeError(state.error);
      content = (
        <Tooltip title={`${msg.title}. ${msg.detail}`}>
          <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: 'error.main' }}>
            <WarningIcon sx={{ fontSize: 16 }} />
            <span>{saveFailedText(state.error)}</span>
          </Box>
        </Tooltip>
      );
      break;
    }
  }
  return (
    <Typography
      data-testid="save-status"
      data-state={state.kind}
      variant="body2"
      role="status"
      aria-live="polite"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, color: 'text.secondary', whiteSpace: 'nowrap' }}
    >
      {content}
    </Typography>
  );
}
